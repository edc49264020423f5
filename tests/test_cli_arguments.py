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

    def counting():
        built.append(True)
        return real()

    monkeypatch.setattr(cli, "build_parser", counting)
    with pytest.raises(SystemExit) if "--version" in argv else contextlib.nullcontext():
        cli.parse_arguments(argv)
    assert built == [True]

