"""Hostile names, organisations, notes, answers, plan actions and bank texts through every
command and every export: nothing crashes, nothing reaches the terminal as a control sequence,
no markup or link becomes live, and the text is shown as written (controls removed)."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from svassess import cli
from svassess.assessment import new_assessment
from svassess.bank_loader import load_bank, load_resources
from svassess.export import export, safe_file_name
from svassess.report import build_report
from svassess.store import Store
from svassess.text import clean_line, clean_text
from tests.conftest import run_cli
from tests.markdown_check import rendered_markdown
from tests.robustness.hostile import (
    BANK_SAFE,
    BIDI,
    CONTROLS,
    HOSTILE,
    probe,
    squeeze,
    write_hostile_bank,
)

FORMATS = ["text", "html", "svg", "md"]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A data folder holding the hostile bank and one assessment per hostile string, used as
    its name, organisation, notes, text answer, and plan action."""
    data_dir = tmp_path_factory.mktemp("hostile") / "data"
    bank_path = write_hostile_bank(data_dir / "banks")
    bank = load_bank(bank_path, load_resources(data_dir / "banks" / "resources.toml"))
    store = Store(data_dir)
    made = {}
    for kind, text in HOSTILE.items():
        a = new_assessment(bank, text, text)
        a.answer(bank.question("context.nation"), "wales")
        a.answer(bank.question("policy.act"), "no")
        a.set_note("policy.act", text)
        a.answer(bank.question("policy.wales"), "yes")
        a.answer(bank.question("policy.wales-detail"), text)
        action = a.plan.add_own(text)
        action.owner = text
        a.plan.accept("policy-weak", "Learn the Act")
        store.save(a, None)
        made[kind] = store.read(store.path_for(a.id)).assessment
    return data_dir, bank, made


def assert_inert(output: str, where: str, data: bool = False) -> None:
    """No terminal control sequence, and (except in JSON, which is data and keeps what was
    typed) no bidirectional override to reorder what follows."""
    assert not CONTROLS.search(output.replace("\x1b", "")), where
    assert "\x1b" not in output, f"{where}: an escape sequence would reach the terminal"
    assert data or not BIDI.search(output), f"{where}: a bidirectional override survives"


def run(capsys, data_dir, *args) -> str:
    code = cli.main(["--data-dir", str(data_dir), *args])
    captured = capsys.readouterr()
    assert code == 0, (args, captured.err)
    assert "Traceback" not in captured.err
    assert_inert(captured.out + captured.err, " ".join(args), data="--json" in args)
    return captured.out


def test_names_are_cleaned_once_on_the_way_in(world):
    _, _, made = world
    for kind, text in HOSTILE.items():
        assert made[kind].name == clean_text(text), kind
        assert made[kind].answers["policy.act"].note == clean_text(text), kind


def test_list_and_banks_show_hostile_text_literally(world, capsys):
    data_dir, bank, made = world
    listed = squeeze(run(capsys, data_dir, "list"))
    for kind, text in HOSTILE.items():
        assert probe(text, 4) in listed, kind          # a table: wrapped cells interleave
    rows = json.loads(run(capsys, data_dir, "list", "--json"))
    assert {row["name"] for row in rows} == {clean_text(t) for t in HOSTILE.values()}
    shown = squeeze(run(capsys, data_dir, "banks"))
    assert probe(bank.title, 17) in shown                  # a table again
    banks = json.loads(run(capsys, data_dir, "banks", "--json"))
    assert bank.title in [b["title"] for b in banks]


@pytest.mark.parametrize("kind", HOSTILE)
def test_show_and_show_json(world, capsys, kind):
    data_dir, bank, made = world
    a = made[kind]
    shown = run(capsys, data_dir, "show", a.id)
    flat = squeeze(shown)
    assert probe(HOSTILE[kind]) in flat
    as_json = json.loads(run(capsys, data_dir, "show", a.id, "--json"))
    assert (as_json["name"], as_json["organisation"]) == (a.name, a.organisation)
    assert as_json["recommendations"]
    shown_texts = [bank.title, as_json["overall"]["level"]["name"],
                   *(r["title"] for r in as_json["recommendations"]),
                   *(s["title"] for s in as_json["sections"] if s["score"] is not None)]
    for text in shown_texts:
        assert probe(text) in flat, text


@pytest.mark.parametrize("kind", HOSTILE)
def test_every_export_through_the_command(world, capsys, kind, tmp_path, monkeypatch):
    data_dir, bank, made = world
    a = made[kind]
    monkeypatch.chdir(tmp_path)
    for fmt in FORMATS:
        run(capsys, data_dir, "export", a.id, "--format", fmt, "--answers")
        [written] = list(tmp_path.iterdir())
        assert written.name == safe_file_name(a.name, fmt)       # in this folder, nowhere else
        check_export(written.read_text(encoding="utf-8"), fmt, HOSTILE[kind], bank)
        written.unlink()
    to_screen = run(capsys, data_dir, "export", a.id, "--format", "md", "-o", "-")
    exported = re.search(r"^- \*\*Exported:\*\* (.+)$", to_screen, re.M).group(1)
    when = dt.datetime.strptime(exported, "%d %B %Y, %H:%M")
    assert to_screen == export(build_report(bank, a), "md", exported=when)


def check_export(content: str, fmt: str, text: str, bank) -> None:
    assert_inert(content, fmt)
    if fmt == "text":
        assert probe(text) in squeeze(content)
        assert all(len(line) <= 80 for line in content.splitlines())
    elif fmt == "md":
        # Rendered as CommonMark: no raw HTML, links only to the catalogue, the text literal.
        page = rendered_markdown(content)
        assert set(page.tags) <= {"h1", "h2", "h3", "p", "ul", "ol", "li", "strong", "em", "a",
                                  "table", "thead", "tbody", "tr", "th", "td", "br", "hr"}
        assert page.hrefs <= {r.url for r in bank.resources.values()}
        assert probe(text) in squeeze(page.text)
    elif fmt == "html":
        elements = _Elements()
        elements.feed(content)
        assert not {"script", "img", "iframe", "object", "embed", "form"} & elements.tags
        assert not [name for name in elements.attributes if name.startswith("on")]
        hrefs = re.findall(r'(?:href|src)\s*=\s*"([^"]*)"', content)
        assert set(hrefs) <= {r.url for r in bank.resources.values()}
        assert probe(text) in squeeze(html.unescape(re.sub(r"<[^>]+>", "", content)))
    else:
        ET.fromstring(content)                                     # well-formed SVG
        assert "<script" not in content and "javascript:" not in re.sub(r">[^<]*<", "><",
                                                                           content)
        assert "<a " not in content and "href" not in content


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes += [name for name, _ in attrs]


def test_default_export_names_stay_in_the_folder_and_are_safe(world):
    _, _, made = world
    reserved = {"con", "prn", "aux", "nul", *(f"{p}{n}" for p in ("com", "lpt")
                                                for n in "0123456789")}
    for kind, a in made.items():
        for fmt in FORMATS:
            name = safe_file_name(a.name, fmt)
            assert Path(name).name == name and "/" not in name and "\\" not in name, kind
            assert not name.startswith(".") and name.split(".")[0].casefold() not in reserved
            assert len(name) <= 70 and not CONTROLS.search(name) and not BIDI.search(name)
    assert safe_file_name("COM¹", "text") == "assessment-COM¹.txt"   # reserved on Windows too


def test_check_bank_on_a_hostile_bank_and_a_hostile_file_name(world, tmp_path, capsys):
    data_dir, _, _ = world
    folder = tmp_path / "[@click=app.quit]x[/] <b>"
    write_hostile_bank(folder)
    code = cli.main(["check-bank", str(folder / "test-bank.toml"),
                     str(folder / "resources.toml")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"OK {folder / 'test-bank.toml'}: bank 'test-bank'" in out
    assert_inert(out, "check-bank")


def test_a_real_process_prints_hostile_text_literally(world):
    """Once end to end, as a user runs it: a real process and its real encodings."""
    data_dir, _, made = world
    ids = [made[kind].id for kind in ("click-action", "osc-title-link", "rtl-override")]
    done = run_cli("list", data_dir=data_dir)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert_inert(done.stdout, "list")
    for aid in ids:
        shown = run_cli("show", aid, data_dir=data_dir)
        assert shown.returncode == 0, shown.stderr
        assert_inert(shown.stdout, "show")
    assert "[@click=app.quit]Quit now[/]" in run_cli("show", ids[0], data_dir=data_dir).stdout


@pytest.mark.parametrize("kind", ["click-action", "closing-tags", "rich-markup"])
def test_hostile_names_still_find_their_assessment(world, capsys, kind):
    data_dir, _, made = world
    shown = run(capsys, data_dir, "show", clean_line(HOSTILE[kind]), "--json")
    assert json.loads(shown)["id"] == made[kind].id


def test_bank_texts_are_literal_in_every_export(world):
    data_dir, bank, made = world
    report = build_report(bank, made["windows-reserved"])
    for fmt in FORMATS:
        content = export(report, fmt, answers=True)
        assert_inert(content, fmt)
        if fmt == "svg":
            continue
        readable = squeeze(html.unescape(re.sub(r"<[^>]+>", "", content)))
        if fmt == "md":
            readable = squeeze(rendered_markdown(content).text)     # as a reader sees it
        for text in (report.result.level.summary, report.recommendations[0].rule.advice,
                     report.recommendations[-1].rule.title, bank.questions[1].prompt,
                     bank.sections[1].title):
            assert probe(text, 30) in readable, (fmt, text[:40])
    assert len(BANK_SAFE) >= 10
