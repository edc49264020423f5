"""A bank written to hurt: loops, floods, enormous or impossible values, unsafe links. Each is
refused by `svassess check-bank` with a clear message, quickly, and left out whole (never
loaded half-way) when svassess loads the banks folder; the other banks still load."""

from __future__ import annotations

import shutil

import pytest

from svassess import cli
from svassess.bank_loader import load_bank_dirs
from tests.conftest import TEST_BANKS, run_cli

GOOD = (TEST_BANKS / "test-bank.toml").read_text(encoding="utf-8")
GOOD_RESOURCES = (TEST_BANKS / "resources.toml").read_text(encoding="utf-8")
HEAD = GOOD.split("[[questions]]")[0]


def question(qid: str, section: str = "policy", extra: str = "") -> str:
    return (f'[[questions]]\nid = "{qid}"\nsection = "{section}"\nkind = "single"\n'
            f'prompt = "p"\nhelp = "h"\noptions = [{{ value = "a", label = "A", score = 1 }}, '
            f'{{ value = "b", label = "B", score = 0 }}]\n{extra}\n')


def chain(length: int) -> str:
    """q0 <- q1 <- q2 ...: each question is shown only if the one before is answered "a"."""
    parts = [question("c.q0")]
    parts += [question(f"c.q{n}", extra=f'show_if = {{ question = "c.q{n - 1}", in = ["a"] }}')
              for n in range(1, length)]
    return HEAD + "".join(parts)


def replaced(old: str, new: str) -> str:
    assert GOOD.count(old) == 1, old
    return GOOD.replace(old, new)


BIG_OPTIONS = ",\n".join(f'  {{ value = "o{n}", label = "x", score = 1 }}' for n in range(40_000))

MALICIOUS = {
    "show-if-on-itself": (replaced(
        'resources = ["act"]\n\n[[questions]]\nid = "policy.wales"',
        'resources = ["act"]\nshow_if = { question = "policy.act", in = ["yes"] }\n\n'
        '[[questions]]\nid = "policy.wales"'), "show_if conditions form a loop"),
    "show-if-three-way-loop": (HEAD + question(
        "l.a", extra='show_if = { question = "l.c", in = ["a"] }') + question(
        "l.b", extra='show_if = { question = "l.a", in = ["a"] }') + question(
        "l.c", extra='show_if = { question = "l.b", in = ["a"] }'),
        "show_if conditions form a loop: l.a -> l.c -> l.b -> l.a"),
    "show-if-chain-250-deep": (chain(250), "conditions chain more than 20 questions deep"),
    "questions-301": (HEAD + "".join(question(f"q.n{n}") for n in range(301)),
                      "the bank has 301 questions; the limit is 300"),
    "questions-5000": (HEAD + "".join(question(f"q.n{n}") for n in range(5000)),
                       "the bank has 5,000 questions; the limit is 300"),
    "questions-not-tables": ("questions = 5\n" + HEAD,
                             "`questions` must be written as [[questions]] tables"),
    "sections-40000": (HEAD.replace("[[sections]]", "".join(
        f'[[sections]]\nid="s{n}"\ntitle="t"\nintro="i"\n' for n in range(40_000))
        + "[[sections]]", 1) + question("q.one"),
        "[[sections]] tables; the limit is 100"),
    "prompt-20001-chars": (replaced('prompt = "Where do you mostly work?"',
                                    f'prompt = "{"x" * 20_001}"'),
                           "`prompt` is 20,001 characters; the limit is 20,000"),
    "help-1900000-chars": (replaced('help = "Each one helps."',
                                    f'help = "{"y" * 1_900_000}"'),
                           "`help` is 1,900,000 characters; the limit is 20,000"),
    "options-40000": (replaced('options = [\n  { value = "toc"',
                               "options = [\n" + BIG_OPTIONS + ',\n  { value = "toc"'),
                      "a question may have at most 50 options"),
    "scale-a-billion-steps": (replaced("scale = { min = 1, max = 5,",
                                       "scale = { min = 1, max = 1000000000,"),
                              "a scale may have at most 100 steps"),
    "weight-nan": (replaced("weight = 2.0", "weight = nan"),
                   "`weight` must be an ordinary number, not nan"),
    "score-inf": (replaced('{ value = "yes", label = "Well", score = 2 }',
                           '{ value = "yes", label = "Well", score = inf }'),
                  "`score` must be an ordinary number, not inf"),
    "min-score-nan": (replaced("min_score = 40", "min_score = nan"),
                      "`min_score` must be an ordinary number, not nan"),
    "number-5000-digits": (GOOD + "\n[[guidance]]\nid = \"big\"\npriority = 1" + "0" * 5000,
                           "such as a number thousands of digits long"),
}

BAD_URLS = {
    "http": ("http://www.legislation.gov.uk/", "must start with https://"),
    "javascript": ("javascript:alert(document.cookie)", "must start with https://"),
    "data": ("data:text/html,<script>alert(1)</script>", "must start with https://"),
    "file": ("file:///etc/passwd", "must start with https://"),
    "leading-space": (" https://www.gov.uk/", "must start with https://"),
    "attribute-breakout": ('https://x.org/\\" onmouseover=\\"alert(1)',
                           "without spaces, quotes or angle brackets"),
    "tag-breakout": ("https://x.org/<script>alert(1)</script>",
                     "without spaces, quotes or angle brackets"),
    "two-addresses": ("https://x.org/ javascript:alert(1)",
                      "without spaces, quotes or angle brackets"),
}


@pytest.mark.parametrize("kind", MALICIOUS)
def test_check_bank_refuses_each_with_a_clear_message(tmp_path, capsys, kind):
    """Each once took minutes (show_if loops, huge scales); how long it takes now is measured
    in benchmarks/run.py, never asserted here (the suite runs on busy machines)."""
    text, phrase = MALICIOUS[kind]
    path = tmp_path / "evil.toml"
    path.write_text(text, encoding="utf-8")
    shutil.copy(TEST_BANKS / "resources.toml", tmp_path / "resources.toml")
    code = cli.main(["check-bank", str(path)])
    captured = capsys.readouterr()
    assert code == 1, captured.out
    assert "Traceback" not in captured.err
    lines = captured.out.splitlines()
    assert any(phrase in line for line in lines), lines[:5]
    assert all(line.startswith(str(path)) for line in lines)
    assert len(lines) <= 5, f"{len(lines)} lines: one clear message is enough"


@pytest.mark.parametrize("kind", BAD_URLS)
def test_check_bank_refuses_unsafe_resource_links(tmp_path, capsys, kind):
    url, phrase = BAD_URLS[kind]
    resources = GOOD_RESOURCES.replace("https://www.thinknpc.org/", url, 1)
    assert resources != GOOD_RESOURCES
    (tmp_path / "resources.toml").write_text(resources, encoding="utf-8")
    (tmp_path / "bank.toml").write_text(GOOD, encoding="utf-8")
    code = cli.main(["check-bank", str(tmp_path / "bank.toml"), str(tmp_path / "resources.toml")])
    out = capsys.readouterr().out
    assert code == 1
    assert any(str(tmp_path / "resources.toml") in line and "resource toc: `url`" in line
               and phrase in line for line in out.splitlines()), out


def test_malicious_banks_are_left_out_whole_and_the_rest_load(tmp_path):
    own = tmp_path / "banks"
    own.mkdir()
    (own / "resources.toml").write_text(GOOD_RESOURCES, encoding="utf-8")
    (own / "good.toml").write_text(GOOD, encoding="utf-8")
    for n, kind in enumerate(MALICIOUS):
        text = MALICIOUS[kind][0].replace('id = "test-bank"', f'id = "evil-{n}"', 1)
        (own / f"evil-{n}.toml").write_text(text, encoding="utf-8")
    # A second folder whose catalogue has one unsafe link: none of its resources count, so its
    # bank (which uses them) is left out too, and nothing of either is half there.
    other = tmp_path / "other"
    other.mkdir()
    (other / "resources.toml").write_text(
        GOOD_RESOURCES.replace('id = "toc"', 'id = "toc2"').replace(
            'id = "act"', 'id = "act2"').replace("https://www.thinknpc.org/", "javascript:x"),
        encoding="utf-8")
    (other / "uses-them.toml").write_text(
        GOOD.replace('id = "test-bank"', 'id = "uses-them"').replace(
            'resources = ["toc"]', 'resources = ["toc2"]'), encoding="utf-8")

    bank_set = load_bank_dirs([own, other])
    assert list(bank_set.banks) == ["test-bank"]
    assert set(bank_set.banks["test-bank"].resources) == {"act", "toc"}
    problems = [str(p) for p in bank_set.problems]
    for n in range(len(MALICIOUS)):
        assert any(f"evil-{n}.toml" in p for p in problems), n
    assert any("other/resources.toml" in p and "https://" in p for p in problems)
    assert any("uses-them.toml" in p and "'toc2' is not in the resource catalogue" in p
               for p in problems)


def test_the_command_line_reports_a_malicious_bank_and_carries_on(data_dir, tmp_path):
    (data_dir / "banks" / "evil.toml").write_text(
        chain(100).replace('id = "test-bank"', 'id = "evil"', 1),
        encoding="utf-8")
    done = run_cli("banks", "--json", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    assert '"test-bank"' in done.stdout and '"evil"' not in done.stdout
    warnings = done.stderr.strip().splitlines()
    assert len(warnings) == 1 and "evil.toml" in warnings[0] and "chain" in warnings[0]
    assert "Traceback" not in done.stderr
