"""Text written to attack whatever shows it, shared by the hostile-text tests, and a bank whose
every text carries some of it."""

from __future__ import annotations

import re
import tomllib
from itertools import cycle
from pathlib import Path

import tomli_w

from svassess.text import clean_line, has_controls
from tests.conftest import TEST_BANKS

HOSTILE = {
    "click-action": "[@click=app.quit]Quit now[/]",
    "closing-tags": "closing [/] and [/bold] tags and C:\\path\\[/]",
    "rich-markup": "[bold red on white]Evil[/bold red on white] [link=https://evil.example]x[/link]",
    "html-script": "<script>alert('pwned')</script><img src=x onerror=alert(1)>",
    "markdown-link": "[click me](javascript:alert(1)) ![i](https://evil.example/t.png) **b** `c`",
    "ansi-csi": "\x1b[31mred\x1b[0m \x1b[2J\x1b[Hcleared",
    "osc-title-link": "\x1b]0;pwned title\x07 \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "c1-controls": "c1 \x9b31m csi \x9d0;osc\x9c end",
    "nul-and-c0": "nul\x00 bell\x07 bs\x08 cr\r del\x7f vt\x0b ff\x0c end",
    "rtl-override": "invoice \u202eexe.txt\u202c and \u2066isolated\u2069 text",
    "combining": "Z\u0351\u0352\u0353a\u0300\u0301\u0302l\u0303\u0304go e\u0301 \u200d\ufeff",
    "ten-thousand": "long " + "x" * 9_995,
    "windows-reserved": "CON",
    "windows-reserved-ext": "lpt1",
    "parent-paths": "../../../etc/passwd",
    "windows-paths": "..\\..\\Windows\\System32\\drivers",
    "format-strings": "%s %n {0} {name!r} ${HOME} $(id) `id`",
}

BANK_SAFE = {k: v for k, v in HOSTILE.items() if not has_controls(v)}
"""The bank validator refuses control characters (on purpose), so bank texts use the rest."""

CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def squeeze(text: str) -> str:
    """Text without any whitespace: wrapped lines and indents make no difference."""
    return "".join(text.split())


def probe(text: str, length: int = 40) -> str:
    """What must be seen of `text` when it is shown literally: controls and bidirectional
    overrides removed, whitespace ignored."""
    return squeeze(clean_line(text))[:length]


def hostile_bank_text(strings: dict[str, str] = BANK_SAFE) -> str:
    """The test bank with hostile text put in front of every title, prompt, help, option
    label, level, section and guidance text (ids and values stay as they are)."""
    data = tomllib.loads((TEST_BANKS / "test-bank.toml").read_text(encoding="utf-8"))
    texts = cycle(strings.values())

    def spoil(table: dict, *keys: str) -> None:
        for key in keys:
            if isinstance(table.get(key), str):
                table[key] = f"{next(texts)} {table[key]}"

    spoil(data["bank"], "title", "description", "audience")
    for level in data["levels"]:
        spoil(level, "name", "summary")
    for section in data["sections"]:
        spoil(section, "title", "intro")
    for question in data["questions"]:
        spoil(question, "prompt", "help")
        for option in question.get("options", []):
            spoil(option, "label")
        if "scale" in question:
            spoil(question["scale"], "min_label", "max_label")
    for rule in data["guidance"]:
        spoil(rule, "title", "advice")
    return tomli_w.dumps(data)


def hostile_resources_text(strings: dict[str, str] = BANK_SAFE) -> str:
    data = tomllib.loads((TEST_BANKS / "resources.toml").read_text(encoding="utf-8"))
    texts = cycle(reversed(list(strings.values())))
    for resource in data["resources"]:
        for key in ("title", "publisher", "summary"):
            resource[key] = f"{next(texts)} {resource[key]}"
    return tomli_w.dumps(data)


def write_hostile_bank(folder: Path, strings: dict[str, str] = BANK_SAFE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "resources.toml").write_text(hostile_resources_text(strings), encoding="utf-8")
    path = folder / "test-bank.toml"
    path.write_text(hostile_bank_text(strings), encoding="utf-8")
    return path
