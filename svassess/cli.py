"""The command line. Headless commands never import Textual; the TUI is imported only to start it.

Exit codes: 0 success; 1 an expected failure, said in one line on stderr; 2 bad usage.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

from svassess import __version__
from svassess.cli_shared import UserError, lazy_banks, load_banks, say, write_output

if TYPE_CHECKING:
    import argparse

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command; with `only`, the other commands are listed (for help and
    errors) but their arguments are not built (see parse_arguments)."""
    import argparse

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="PATH", default=argparse.SUPPRESS,
                        help="keep assessments in PATH (default: see `svassess where`)")

    parser = argparse.ArgumentParser(
        prog="svassess", parents=[common],
        description="How ready is your organisation to evidence its social value when it bids "
                    "for public contracts? Run with no command to start the questionnaire.",
        epilog="Assessments can be named by their name, their id or the path of their file.",
    )
    parser.add_argument("--version", action="version", version=f"svassess {__version__}")
    commands = _Commands(parser.add_subparsers(dest="command", metavar="COMMAND"), only)

    open_ = commands.add_parser("open", parents=[common], help="open an assessment in the app")
    open_.add_argument("ref", metavar="NAME|ID|PATH")

    list_ = commands.add_parser("list", parents=[common], help="list saved assessments")
    list_.add_argument("--json", action="store_true", help="print JSON")

    show = commands.add_parser("show", parents=[common],
                               help="show an assessment's scores, level and recommendations")
    show.add_argument("ref", metavar="NAME|ID|PATH")
    show.add_argument("--json", action="store_true", help="print JSON")

    export = commands.add_parser(
        "export", parents=[common],
        help="export summaries (or a bundle to take home and import elsewhere)")
    export.add_argument("refs", nargs="*", metavar="NAME|ID|PATH")
    export.add_argument("--all", action="store_true", help="every saved assessment")
    export.add_argument("--format", required=True,
                        choices=["text", "html", "svg", "md", "bundle"],
                        help="the file format; 'bundle' is the assessment itself, to import "
                             "on another machine with `svassess import`")
    export.add_argument("--answers", action="store_true",
                        help="add every question with its answer and note (an evidence record)")
    export.add_argument("-o", "--output", metavar="FILE|DIR",
                        help="where to write it ('-' for the screen); with several "
                             "assessments, a folder; default: named after the assessment in "
                             "the current folder")
    export.add_argument("--force", action="store_true", help="replace files that exist")

    import_ = commands.add_parser(
        "import", parents=[common], help="add assessments from bundles or assessment files")
    import_.add_argument("files", nargs="+", metavar="FILE")
    import_.add_argument("--as-copy", action="store_true",
                         help="import an assessment that is already here as a separate copy")

    banks = commands.add_parser("banks", parents=[common], help="list the question banks")
    banks.add_argument("--json", action="store_true", help="print JSON")

    check = commands.add_parser("check-bank", parents=[common],
                                help="check question bank and resource files for mistakes")
    check.add_argument("files", nargs="+", metavar="FILE")

    group = commands.add_parser(
        "group", parents=[common],
        help="a group report over many assessments, anonymous unless --named (facilitators)")
    group.add_argument("paths", nargs="*", metavar="DIR|FILE",
                       help="assessment files or folders (default: the data folder's)")
    group.add_argument("--format", choices=["text", "html", "md"], default="text")
    group.add_argument("--named", action="store_true",
                       help="list each assessment's name and organisation (never notes)")
    group.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not the screen")
    group.add_argument("--force", action="store_true", help="replace FILE if it exists")

    compare = commands.add_parser(
        "compare", parents=[common],
        help="compare two assessments: section changes, answers that moved, actions done")
    compare.add_argument("earlier", metavar="EARLIER")
    compare.add_argument("later", metavar="LATER")
    compare.add_argument("--json", action="store_true", help="print JSON")

    team = commands.add_parser(
        "team", parents=[common],
        help="several people's assessments of one organisation side by side: where answers "
             "differ, what all agree on; --agree makes a joint assessment")
    team.add_argument("refs", nargs="+", metavar="NAME|ID|PATH|DIR",
                      help="each person's assessment (a folder: every assessment in it)")
    team.add_argument("--json", action="store_true", help="print JSON")
    team.add_argument("--named", action="store_true",
                      help="show people by their assessments' names, not Person 1, 2...")
    team.add_argument("--any", action="store_true",
                      help="go on although the organisations differ (assessments of another "
                           "question bank are then left out)")
    team.add_argument("--agree", action="store_true",
                      help="save a new joint assessment: the agreed answers and, where answers "
                           "differ, the more cautious one unless --pick says otherwise")
    team.add_argument("--pick", action="append", default=[], metavar="QUESTION=PERSON",
                      help="with --agree: take this person's answer (1, 2...) to this question "
                           "(its id, as in --json); may be repeated")
    team.add_argument("--name", metavar="NAME", help="with --agree: the joint assessment's name")

    worksheet = commands.add_parser(
        "worksheet", parents=[common],
        help="the whole questionnaire on paper, with tick boxes and room for notes")
    worksheet.add_argument("--bank", metavar="ID", help="which bank (default: the only one, "
                                                        "or provider-readiness)")
    worksheet.add_argument("--format", choices=["html", "md", "text"], default="html")
    worksheet.add_argument("-o", "--output", metavar="FILE",
                           help="where to write it ('-' for the screen); default: "
                                "worksheet-<bank>.<ext> in the current folder")
    worksheet.add_argument("--force", action="store_true", help="replace FILE if it exists")

    serve = commands.add_parser(
        "serve", parents=[common],
        help="a workshop in browsers: each browser gets its own seat (needs svassess[serve])")
    serve.add_argument("--lan", action="store_true",
                       help="listen on this computer's network addresses (a workshop hotspot), "
                            "not only on this computer")
    serve.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    serve.add_argument("--workshop", metavar="DIR",
                       help="where seats are kept (default: 'workshop' in the data folder)")

    commands.add_parser("where", parents=[common], help="say where data and banks are read from")
    from svassess import tender_cli

    tender_cli.add_parser(commands, common)
    add_answer_parser(commands, common)
    return parser


def add_answer_parser(commands, common) -> None:
    answer = commands.add_parser(
        "answer", parents=[common],
        help="answer the questions line by line (plain mode: screen readers, plain terminals, "
             "pipes)",
        description="Plain mode: one question at a time as plain lines, one answer per line. "
                    "No colour, no cursor movement, nothing redrawn, so screen readers, "
                    "TERM=dumb and pipes can follow it. Each answer is saved as it is given, "
                    "in the same file the app opens.",
        epilog="At a question type: a number to answer (several, separated by spaces or "
               "commas, where more than one may be chosen); for a text question, the answer "
               "itself; ? why it matters; b back; s skip; n evidence note; l list of sections "
               "(and jump); r results so far; q quit. Answers can be piped in, one per line: "
               "the end of input saves and exits 0. Exit codes: 0 done; 1 the assessment "
               "could not be opened or the last answers could not be saved; 2 bad usage; "
               "130 stopped with Ctrl+C (every answer given is saved).",
    )
    answer.add_argument("ref", nargs="?", metavar="NAME|ID|PATH",
                        help="the saved assessment to carry on with")
    answer.add_argument("--new", metavar="NAME", help="start a new assessment called NAME")
    answer.add_argument("--organisation", metavar="ORG", default="",
                        help="with --new: the organisation's name")
    answer.add_argument("--bank", metavar="ID",
                        help="with --new: which question bank (default: the only one, or "
                             "provider-readiness)")
    answer.set_defaults(usage_error=answer.error)


def main(argv: Sequence[str] | None = None) -> int:
    _replace_unencodable()
    args = parse_arguments(sys.argv[1:] if argv is None else list(argv))
    try:
        return run(args)
    except UserError as exc:
        say(f"svassess: {exc}", error=True)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (e.g. `head`) went away; nothing more to say.
        sys.stderr.close()
        return EXIT_OK


def parse_arguments(argv: list[str]) -> argparse.Namespace | SimpleNamespace:
    """What build_parser makes of `argv`. `svassess` and `svassess --data-dir PATH` (how the app
    is started) are read without it (or argparse): building the parser of every command was a
    twentieth of the time the app takes to show its first screen. A command line naming a
    command builds only that command's arguments (a twentieth of `list --json`'s time)."""
    if not argv:
        return SimpleNamespace(command=None)
    if len(argv) == 2 and argv[0] == "--data-dir" and argv[1][:1] not in ("", "-"):
        return SimpleNamespace(data_dir=argv[1], command=None)
    return build_parser(only=_command_named(argv)).parse_args(argv)


def _command_named(argv: list[str]) -> str | None:
    """The command `argv` names, when its words before the command are only `--data-dir PATH`;
    else None (the whole parser is built: for --help, --version or a mistake)."""
    words = iter(argv)
    for word in words:
        if word == "--data-dir":
            next(words, None)
        elif not word.startswith("--data-dir="):
            return None if word.startswith("-") else word
    return None


class _Commands:
    """The parser's commands, building in full only the parser of the command `only` names
    (every command when it is None); the others are listed with their help alone."""

    def __init__(self, commands: Any, only: str | None):
        self.commands, self.only = commands, only

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        if self.only is None or name == self.only:
            return self.commands.add_parser(name, **kwargs)
        self.commands.add_parser(name, help=kwargs.get("help"), add_help=False)
        return _Unbuilt()


class _Unbuilt:
    """A command's parser not built: what would be added to it is left out."""

    error = None

    def add_argument(self, *args: Any, **kwargs: Any) -> None:
        return None

    def set_defaults(self, **kwargs: Any) -> None:
        return None

    def add_subparsers(self, **kwargs: Any) -> _Unbuilt:
        return self

    def add_parser(self, *args: Any, **kwargs: Any) -> _Unbuilt:
        return self


def _replace_unencodable() -> None:
    """A character the console cannot show (a name in Arabic on a cp1252 console, `LANG=C`)
    is written as a replacement, never a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


def run(args: argparse.Namespace | SimpleNamespace) -> int:
    from svassess.paths import data_location

    location = data_location(getattr(args, "data_dir", None))
    command = args.command
    if command in (None, "open"):
        return run_tui(location, getattr(args, "ref", None))
    if command == "where":
        return cmd_where(location)
    if command == "check-bank":
        return cmd_check_bank([Path(f) for f in args.files])
    if command == "banks":
        return cmd_banks(location.path, args.json)
    if command == "worksheet":
        return cmd_worksheet(location.path, args)
    if command == "answer":
        return cmd_answer(location.path, args)
    if command == "tender":
        from svassess import tender_cli

        # A command is only ever read by the parser: these are its arguments.
        return tender_cli.run(location.path, cast("argparse.Namespace", args))
    if command == "serve":
        return cmd_serve(location.path, args)

    from svassess.store import Store, StoreError

    store = Store(location.path)
    try:
        if command == "list":
            return cmd_list(store, args.json)
        if command == "show":
            return cmd_show(store, args.ref, args.json)
        if command == "compare":
            return cmd_compare(store, args.earlier, args.later, args.json)
        if command == "group":
            return cmd_group(store, args)
        if command == "team":
            return cmd_team(store, args)
        if command == "export":
            return cmd_export(store, args)
        if command == "import":
            return cmd_import(store, [Path(f) for f in args.files], args.as_copy)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    raise AssertionError(f"unhandled command {command}")


def run_tui(location, ref: str | None) -> int:
    """Find what the app needs first, so a bad name fails here with one line, not in a screen."""
    from svassess.full_screen import plain_mode_hint, why_not_full_screen
    from svassess.store import Store, StoreError

    stored = None
    if ref is not None:
        try:
            stored = _find_in_data_folder(Store(location.path), ref)
        except StoreError as exc:
            raise UserError(str(exc)) from None
    reason = why_not_full_screen()
    if reason is not None:
        raise UserError(plain_mode_hint(reason, ref))
    from svassess.collector_pause import paused_while_starting

    # The app resumes the collector once its first frame is drawn (svassess/collector_pause.py).
    with paused_while_starting():
        from svassess.tui.app import run_app

        # Loaded when first needed: the home screen's list and time estimate come from the
        # user's summary index while the bank files are unchanged.
        return run_app(location, lazy_banks(location.path), [], stored)


def _find_in_data_folder(store, ref: str):
    """An assessment to change: it must be in the data folder, where its lock and saves live."""
    stored = store.find(ref)
    if not store.contains(stored.path):
        raise UserError(f"{stored.path} is not in the data folder {store.folder}; run "
                        f"`svassess import` on it first, then open it by its name.")
    return stored


def _check_answer_args(args) -> None:
    """`answer` takes an assessment or --new NAME, not both; the rest only go with --new."""
    if (args.ref is None) == (args.new is None):
        args.usage_error("name the assessment to carry on with, or start one with --new NAME")
    if args.new is None and (args.organisation or args.bank):
        args.usage_error("--organisation and --bank go with --new")
    if args.new is not None and not args.new.strip():
        args.usage_error("--new needs a name, such as --new \"Harbour Kitchen\"")


def _default_bank(banks, wanted: str | None):
    """The bank asked for; else the only one installed, or provider-readiness."""
    bank_id = wanted or (next(iter(banks)) if len(banks) == 1 else "provider-readiness")
    bank = banks.get(bank_id)
    if bank is None:
        raise UserError(f"There is no question bank {bank_id!r}; `svassess banks` lists them.")
    return bank


def _bank_for(bank_set, stored):
    bank = bank_set.banks.get(stored.assessment.bank)
    if bank is None:
        raise UserError(f"{stored.path} uses the question bank {stored.assessment.bank!r}, "
                        f"which is not installed; put that bank's file in the banks folder "
                        f"shown by `svassess where`.")
    return bank


def cmd_where(location) -> int:
    from svassess.paths import PORTABLE_MARKER, shipped_banks_dir, user_banks_dir

    say(f"Data folder:        {location.path} ({location.source})")
    say(f"Assessments:        {location.path / 'assessments'}")
    say(f"Tenders:            {location.path / 'tenders'}")
    say(f"Your own banks:     {user_banks_dir(location.path)}")
    say(f"Banks shipped:      {shipped_banks_dir()}")
    say(f"Portable use:       an empty file named {PORTABLE_MARKER} beside the Python")
    say("                    environment keeps data beside it (docs/file-formats.md)")
    return EXIT_OK


def cmd_check_bank(paths: list[Path]) -> int:
    from svassess.bank_loader import Problem, check_files
    from svassess.paths import shipped_banks_dir

    missing = [p for p in paths if not p.is_file()]
    result = check_files([p for p in paths if p.is_file()],
                         shipped_banks_dir() / "resources.toml")
    problems = [Problem(p, "does not exist or is not a file") for p in missing]
    problems += result.problems
    if problems:
        for problem in problems:
            say(problem)
        say(f"{len(problems)} problem(s) found.", error=True)
        return EXIT_ERROR
    for bank in result.banks:
        say(f"OK {bank.path}: bank {bank.id!r} version {bank.version}: "
              f"{len(bank.questions)} questions in {len(bank.sections)} sections, "
              f"{len(bank.levels)} levels, {len(bank.guidance)} guidance rules, "
              f"{len(bank.resources)} resources available")
    if result.resources:
        say(f"OK resources: {len(result.resources)} resources")
    return EXIT_OK


def cmd_banks(data_dir: Path, as_json: bool) -> int:
    bank_set = load_banks(data_dir)
    rows = [
        {"id": b.id, "version": b.version, "title": b.title, "questions": len(b.questions),
         "sections": len(b.sections), "last_checked": b.last_checked.isoformat(),
         "path": str(b.path)}
        for b in bank_set.banks.values()
    ]
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    _print_columns(("Id", "Version", "Title", "Questions", "Facts checked"),
                   [[((row["id"], ""),), ((row["version"], ""),), ((row["title"], ""),),
                     ((str(row["questions"]), ""),), ((row["last_checked"], ""),)]
                    for row in rows], keep_whole=(3, 4))
    return EXIT_OK


def _print_columns(header, rows, keep_whole, caption: str = "") -> None:
    """A table on the terminal (svassess.columns lays it out; Rich only adds the styles)."""
    from rich.text import Text

    from svassess.columns import column_lines

    console = _console()
    lines = column_lines(header, rows, console.width, keep_whole)
    if caption:
        lines.append([(caption, "dim italic")])
    shown = Text("\n").join(Text.assemble(*line) for line in lines)
    console.print(shown)  # in one call: each call measures and renders its text anew


def _console():
    from rich.console import Console

    return Console(highlight=False, emoji=False)


def cmd_list(store, as_json: bool) -> int:
    from svassess.rounding import shown_score
    listing = store.listed(lazy_banks(store.data_dir))
    if listing.items:
        for problem in listing.bank_problems:
            say(f"svassess: warning: a bank was not loaded: {problem}", error=True)
    rows = []
    for a in listing.items:
        rows.append({
            "id": a.id, "name": a.name, "organisation": a.organisation,
            "bank": {"id": a.bank, "version": a.bank_version},
            "completeness": a.completeness,
            "provisional": a.provisional,
            "score": a.score,
            "level": ({"id": a.level_id, "name": a.level_name} if a.level_id is not None
                      else None),
            "updated": a.updated.isoformat(), "path": str(a.path),
        })
    for problem in listing.problems:
        say(f"svassess: {problem}", error=True)
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    if not rows:
        say(f"No assessments saved in {store.folder} yet. Run `svassess` to start one.")
        return EXIT_OK
    from svassess.text import clean_line

    lines = []
    for row in rows:
        level = row["level"]["name"] if row["level"] else f"(bank {row['bank']['id']} missing)"
        lines.append((clean_line(row["name"]) or "(no name)", row["id"],
                      clean_line(row["organisation"]) or "-",
                      "-" if row["completeness"] is None else f"{row['completeness']}%",
                      "-" if row["score"] is None else str(shown_score(row["score"])),
                      clean_line(level), row["updated"][:10]))
    headers = ("Name", "Id", "Organisation", "Done", "Score", "Level", "Updated")
    if not sys.stdout.isatty():
        # Piped or redirected: whole values, one assessment a line, tab-separated.
        for line in (headers, *lines):
            print("\t".join(line))
        return EXIT_OK
    cells = [[((name, ""), (ident, "dim")), ((organisation, ""),), ((done, ""),),
              ((score, ""),), ((level, ""),), ((updated, ""),)]
             for name, ident, organisation, done, score, level, updated in lines]
    _print_columns(("Name and id", "Organisation", "Done", "Score", "Level", "Updated"), cells,
                   keep_whole=(2, 3, 5),
                   caption="Scores are provisional until every question is answered (Done "
                           "below 100%).")
    return EXIT_OK


def cmd_show(store, ref: str, as_json: bool) -> int:
    from svassess.plain import render_text
    from svassess.report import build_document, build_report, report_json

    stored = store.find(ref)
    bank = _bank_for(load_banks(store.data_dir), stored)
    report = build_report(bank, stored.assessment)
    if as_json:
        print(json.dumps(report_json(report), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(render_text(build_document(report), _width(),
                                     ascii_only=not _can_write("█░·")))
    return EXIT_OK


def _width() -> int:
    """The terminal's width (80 when the output is not a terminal), at most 100."""
    import shutil

    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))


def _can_write(characters: str) -> bool:
    """True when standard output's encoding has these characters (cp1252 and ASCII do not)."""
    try:
        characters.encode(sys.stdout.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def cmd_export(store, args) -> int:
    """One assessment to a file (or the screen), or several into a folder, one file each."""
    if args.all:
        listing = store.assessments()
        for problem in listing.problems:
            say(f"svassess: skipped: {problem}", error=True)
        chosen = listing.items
        if not chosen:
            raise UserError(f"There are no assessments in {store.folder} to export.")
    elif args.refs:
        chosen = [store.find(ref) for ref in args.refs]
    else:
        raise UserError("Name the assessment to export (or use --all); `svassess list` shows "
                        "them.")
    banks = load_banks(store.data_dir, quiet=True) if args.format != "bundle" else None
    if len(chosen) == 1 and not args.all:
        content = _export_content(banks, chosen[0], args.format, args.answers)
        if args.output == "-":
            sys.stdout.write(content)
            return EXIT_OK
        target = Path(args.output) if args.output else Path(
            _export_name(chosen[0].assessment, args.format))
        write_output(target, content, args.force)
        say(f"Exported {chosen[0].assessment.name!r} to {target}")
        return EXIT_OK
    if args.output == "-":
        raise UserError("Several assessments cannot go to the screen; give a folder with -o.")
    folder = Path(args.output or ".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Cannot create the folder {folder} ({exc.strerror or exc}); choose "
                        f"another with -o.") from None
    used: set[str] = set()
    for stored in chosen:
        name = _export_name(stored.assessment, args.format)
        if name in used:
            stem, _, extension = name.rpartition(".")
            name = f"{stem}-{stored.assessment.id[-6:]}.{extension}"
        used.add(name)
        content = _export_content(banks, stored, args.format, args.answers)
        write_output(folder / name, content, args.force)
    say(f"Exported {len(chosen)} assessments to {folder}")
    return EXIT_OK


def _export_name(assessment, fmt: str) -> str:
    from svassess.bundle import EXTENSION
    from svassess.export import safe_file_name

    if fmt == "bundle":
        return safe_file_name(assessment.name, "text").rsplit(".", 1)[0] + f".{EXTENSION}"
    return safe_file_name(assessment.name, fmt)


def _export_content(banks, stored, fmt: str, answers: bool) -> str:
    if fmt == "bundle":
        from svassess.bundle import make_bundle
        from svassess.store import encode

        return make_bundle(stored.assessment, encode(stored.assessment))
    from svassess.export import export
    from svassess.report import build_report

    return export(build_report(_bank_for(banks, stored), stored.assessment), fmt, answers)


def cmd_import(store, files: list[Path], as_copy: bool) -> int:
    from svassess.store import StoreError

    failed = 0
    for path in files:
        try:
            assessment = store.import_file(path, as_copy)
        except StoreError as exc:
            failed += 1
            say(f"svassess: {exc}", error=True)
            continue
        say(f"Imported {assessment.name!r} from {path} (id {assessment.id})")
    return EXIT_ERROR if failed else EXIT_OK


def assessment_files(paths: list[Path]) -> list[Path]:
    """Files named, and the .toml files in folders named (a data folder's assessments too)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            if (path / "seats").is_dir():          # a `svassess serve` workshop folder
                files += assessment_files(sorted(p for p in (path / "seats").iterdir()
                                                 if p.is_dir()))
                continue
            folder = path / "assessments" if (path / "assessments").is_dir() else path
            files += sorted(p for p in folder.glob("*.toml") if not p.name.startswith("."))
        else:
            files.append(path)
    return files


def cmd_group(store, args) -> int:
    """Each file is read, counted and let go, so memory stays flat over thousands of files;
    files are read a second time only when they mix versions of the bank (group.GroupTally)."""
    from collections import Counter

    from svassess.group import RENDERERS, GroupTally, other_bank
    from svassess.store import StoreError, read_assessment

    files = assessment_files([Path(p) for p in args.paths] or [store.folder])
    banks = load_banks(store.data_dir).banks
    tallies: dict[str, GroupTally] = {}
    bank_ids: list[str] = []
    skipped = []
    for path in files:
        try:
            assessment = read_assessment(path).assessment
        except StoreError as exc:
            skipped.append(str(exc))
            say(f"svassess: skipped: {exc}", error=True)
            continue
        bank_ids.append(assessment.bank)
        if assessment.bank in banks:
            if assessment.bank not in tallies:
                tallies[assessment.bank] = GroupTally(banks[assessment.bank])
            tallies[assessment.bank].add(assessment)
    if not bank_ids:
        where = ", ".join(map(str, files)) or "the folders given"
        raise UserError(f"No readable assessments in {where}; give the folder or files to "
                        f"report on.")
    bank_id, _ = Counter(bank_ids).most_common(1)[0]
    if bank_id not in banks:
        raise UserError(f"The assessments use the question bank {bank_id!r}, which is not "
                        f"installed; put its file in the banks folder shown by `svassess where`.")
    tally = tallies[bank_id]
    shared = tally.shared_questions_bank()
    if shared is not None:
        tally = GroupTally(banks[bank_id], shared)
        for path in files:
            with contextlib.suppress(StoreError):
                assessment = read_assessment(path).assessment
                if assessment.bank == bank_id:
                    tally.add(assessment)
    skipped += [other_bank(b) for b in bank_ids if b != bank_id]
    content = RENDERERS[args.format](tally.report(skipped), args.named)
    if not args.output or args.output == "-":
        sys.stdout.write(content)
        return EXIT_OK
    write_output(Path(args.output), content, args.force)
    say(f"Wrote the group report to {args.output}")
    return EXIT_OK


def cmd_worksheet(data_dir: Path, args) -> int:
    from svassess.export import EXTENSIONS
    from svassess.worksheet import RENDERERS

    bank = _default_bank(load_banks(data_dir).banks, args.bank)
    content = RENDERERS[args.format](bank)
    if args.output == "-":
        sys.stdout.write(content)
        return EXIT_OK
    target = Path(args.output or f"worksheet-{bank.id}.{EXTENSIONS[args.format]}")
    write_output(target, content, args.force)
    say(f"Wrote the worksheet to {target}")
    return EXIT_OK


def cmd_compare(store, earlier_ref: str, later_ref: str, as_json: bool) -> int:
    from svassess.compare import compare, comparison_json, render_text

    earlier, later = store.find(earlier_ref), store.find(later_ref)
    if earlier.assessment.bank != later.assessment.bank:
        raise UserError(f"{earlier.path} and {later.path} use different question banks, so "
                        f"they cannot be compared.")
    bank = _bank_for(load_banks(store.data_dir), later)
    comparison = compare(bank, earlier.assessment, later.assessment)
    if as_json:
        print(json.dumps(comparison_json(comparison), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(render_text(comparison))
    return EXIT_OK


def cmd_answer(data_dir: Path, args) -> int:
    """Plain mode (svassess/plain_mode.py): find or start the assessment here, so that a bad name
    fails with one line before any question is asked."""
    from svassess import plain_mode as plain
    from svassess.store import Store, StoreError
    from svassess.text import clean_line

    _check_answer_args(args)
    command = "svassess"
    if getattr(args, "data_dir", None):
        command += f" --data-dir {plain.shell_quoted(str(data_dir))}"
    store = Store(data_dir)
    bank_set = load_banks(data_dir)
    try:
        if args.new is None:
            stored = _find_in_data_folder(store, args.ref)
            return plain.answer_existing(store, _bank_for(bank_set, stored), stored, command)
        bank = _default_bank(bank_set.banks, args.bank)
        name = clean_line(args.new)
        same = [s for s in store.assessments().items if s.assessment.name.strip().casefold()
                == name.casefold()]
        if same:
            raise UserError(f"An assessment named {name!r} is already in {store.folder}; carry "
                            f"it on with `svassess answer {plain.shell_quoted(name)}`, or choose "
                            f"another name.")
        return plain.answer_new(store, bank, name, clean_line(args.organisation), command)
    except StoreError as exc:
        raise UserError(str(exc)) from None
def _team_members(store, refs: list[str]) -> list:
    """Each ref as an assessment; a folder gives every assessment in it."""
    from svassess.store import StoreError, read_assessment

    members = []
    for ref in refs:
        if not Path(ref).is_dir():
            members.append(store.find(ref).assessment)
            continue
        files = assessment_files([Path(ref)])
        for path in files:
            try:
                members.append(read_assessment(path).assessment)
            except StoreError as exc:
                say(f"svassess: skipped: {exc}", error=True)
        if not files:
            raise UserError(f"{ref} holds no assessments; name the assessments or folders "
                            f"of the team.")
    return members


def _parse_picks(picks: list[str]) -> dict[str, int]:
    parsed = {}
    for pick in picks:
        question, _, person = pick.partition("=")
        if not person.strip().isdigit():
            raise UserError(f"--pick {pick!r} is not QUESTION=PERSON (for example "
                            f"--pick policy.act=2).")
        parsed[question.strip()] = int(person)
    return parsed


def cmd_team(store, args) -> int:
    from collections import Counter

    from svassess.assessment import utc_now
    from svassess.team import (
        TeamError,
        build_team,
        check_team,
        joint_assessment,
        parse_picks,
        render_picks,
        render_text,
        team_json,
    )

    if (args.pick or args.name) and not args.agree:
        raise UserError("--pick and --name go with --agree (to make a joint assessment).")
    members = _team_members(store, args.refs)
    bank_id, _ = Counter(a.bank for a in members).most_common(1)[0]
    if args.any:
        for a in [a for a in members if a.bank != bank_id]:
            say(f"svassess: left out: {a.name!r} uses another question bank ({a.bank!r}).",
                error=True)
        members = [a for a in members if a.bank == bank_id]
    try:
        check_team(members, args.any)
        bank = load_banks(store.data_dir).banks.get(bank_id)
        if bank is None:
            raise UserError(f"The assessments use the question bank {bank_id!r}, which is not "
                            f"installed; put its file in the banks folder shown by "
                            f"`svassess where`.")
        team = build_team(bank, members, args.named, args.any)
        picks = parse_picks(team, _parse_picks(args.pick)) if args.agree else {}
    except TeamError as exc:
        raise UserError(str(exc)) from None
    if args.json:
        print(json.dumps(team_json(team), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(render_text(team))
    if not args.agree:
        return EXIT_OK
    name = args.name or f"Joint assessment {utc_now():%d %b %Y}"
    joint, taken = joint_assessment(team, picks, name)
    store.save(joint, None)
    say("", error=args.json)
    say(f"Saved the joint assessment {joint.name!r} as {store.path_for(joint.id)} "
        f"({len(joint.answers)} answers; the team's own assessments are unchanged).",
        error=args.json)
    out = sys.stderr if args.json else sys.stdout
    if taken:
        print("Where answers differed it took:\n" + render_picks(team, taken), file=out)
    return EXIT_OK


def cmd_serve(data_dir: Path, args) -> int:
    try:
        from svassess.tui.serve import PortInUse, serve
    except ImportError:
        raise UserError("svassess serve needs textual-serve; install it with "
                        "pip install 'svassess[serve]'.") from None
    if not 0 <= args.port <= 65535:
        raise UserError(f"--port {args.port} is not a port (0 to 65535).")
    folder = Path(args.workshop) if args.workshop else data_dir / "workshop"
    try:
        from svassess.paths import user_banks_dir

        serve(folder, user_banks_dir(data_dir), args.lan, args.port,
              lambda line: print(line, flush=True))
    except PortInUse:
        raise UserError(f"Port {args.port} is in use (another program, or svassess serve "
                        f"already running); choose another with --port.") from None
    except OSError as exc:
        why = exc.strerror or exc
        raise UserError(f"Could not start the workshop server in {folder} ({why}); choose "
                        f"another folder with --workshop or port with --port.") from None
    return EXIT_OK
