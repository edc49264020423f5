"""Issue 18: `svassess` and `svassess --data-dir PATH` are read without building the parser of
every command, and read exactly as the parser would read them."""

from __future__ import annotations

import contextlib

import pytest

from svassess import cli


@pytest.mark.parametrize("argv", [[], ["--data-dir", "folder"], ["--data-dir", "my folder/x"]])
def test_starting_the_app_is_read_as_the_parser_reads_it(argv, monkeypatch):
    built = cli.build_parser().parse_args(argv)

    def no_parser():
        raise AssertionError("the parser was built")

    monkeypatch.setattr(cli, "build_parser", no_parser)
    assert vars(cli.parse_arguments(argv)) == vars(built)
    assert cli.parse_arguments(argv).command is None


@pytest.mark.parametrize("argv", [["list"], ["--data-dir", "folder", "list"],
                                  ["--data-dir=folder"], ["open", "x"],
                                  ["--data-dir", "--version"]])
def test_everything_else_goes_to_the_parser(argv, monkeypatch):
    built: list[bool] = []
    real = cli.build_parser

    def counting(**kwargs):
        built.append(True)
        return real(**kwargs)

    monkeypatch.setattr(cli, "build_parser", counting)
    with pytest.raises(SystemExit) if "--version" in argv else contextlib.nullcontext():
        cli.parse_arguments(argv)
    assert built == [True]



COMMAND_LINES = [
    ["list"], ["list", "--json"], ["--data-dir", "d", "list", "--json"], ["--data-dir=d", "list"],
    ["list", "--data-dir", "d"], ["show", "Harbour"], ["show", "x", "--json"],
    ["export", "a", "b", "--format", "html", "-o", "out", "--answers", "--force"],
    ["export", "--all", "--format", "bundle"], ["import", "f.toml", "--as-copy"], ["banks"],
    ["banks", "--json"], ["check-bank", "a.toml", "b.toml"], ["group", "dir", "--named"],
    ["compare", "a", "b", "--json"], ["where"], ["open", "x"],
    ["worksheet", "--bank", "provider-readiness"], ["answer", "--new", "N", "--organisation", "O"],
    ["answer", "x"], ["tender", "list"], ["tender", "check", "t", "--json"],
    ["tender", "new", "--assessment", "a", "--nation", "wales", "--value", "10"],
    ["tender", "export", "t", "--format", "md"],
    ["--data", "d", "list"],                                # an abbreviated option: all built
]


@pytest.mark.parametrize("argv", COMMAND_LINES)
def test_a_command_line_is_read_as_the_whole_parser_reads_it(argv):
    expected = vars(cli.build_parser().parse_args(argv))
    read = vars(cli.parse_arguments(argv))
    read.pop("usage_error", None)
    expected.pop("usage_error", None)
    assert read == expected


MISTAKES = [["list", "--bogus"], ["show"], ["export", "x"], ["bogus"], ["tender"],
            ["tender", "nope"], ["--data-dir"], ["group", "--format", "pdf"], ["list", "-h"],
            ["--help"], ["--version"], ["tender", "new", "--help"]]


@pytest.mark.parametrize("argv", MISTAKES)
def test_mistakes_and_help_say_what_the_whole_parser_says(argv, capsys):
    with pytest.raises(SystemExit) as whole:
        cli.build_parser().parse_args(argv)
    said = capsys.readouterr()
    with pytest.raises(SystemExit) as read:
        cli.parse_arguments(argv)
    assert read.value.code == whole.value.code
    assert capsys.readouterr() == said


def test_only_the_named_command_is_built(monkeypatch):
    import argparse

    built: list[str] = []
    real = argparse.ArgumentParser.add_argument

    def counting(self, *args, **kwargs):
        built.append(self.prog)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(argparse.ArgumentParser, "add_argument", counting)
    cli.parse_arguments(["list", "--json"])
    assert {prog for prog in built if prog.startswith("svassess ")} == {"svassess list"}
