"""`svassess tender new|list|check|export`: the tender workbench without the app.

`check` exits 0 whatever it finds and 1 only when the tender cannot be read (docs/tenders.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from svassess.tender_terms import BUYER_TYPES, NATIONS

EXIT_OK = 0
STATUS_NAMES = {"verified": "official source", "secondary": "secondary source only",
                "unverified": "not settled"}


def add_parser(commands, common: argparse.ArgumentParser) -> None:
    tender = commands.add_parser(
        "tender", parents=[common],
        help="the tender workbench: a buyer's social value question, your commitments, checks "
             "and a bid annex")
    actions = tender.add_subparsers(dest="tender_command", metavar="ACTION", required=True)

    new = actions.add_parser("new", parents=[common],
                             help="start a tender file drawing on an assessment")
    new.add_argument("--assessment", required=True, metavar="NAME|ID",
                     help="the assessment it draws evidence from")
    new.add_argument("--title", default="", help="the contract's name")
    new.add_argument("--buyer", default="", help="who is buying")
    new.add_argument("--buyer-type", choices=BUYER_TYPES)
    new.add_argument("--nation", choices=NATIONS)
    new.add_argument("--value", type=int, metavar="POUNDS", help="whole-life value in pounds")
    new.add_argument("--months", type=int, help="how long the contract lasts")
    new.add_argument("--weighting", type=float, metavar="PER_CENT",
                     help="social value share of the total score")
    new.add_argument("--deadline", type=dt.date.fromisoformat, metavar="YYYY-MM-DD")
    new.add_argument("--word-limit", type=int)

    actions.add_parser("list", parents=[common], help="list saved tenders")

    check = actions.add_parser("check", parents=[common],
                               help="the rules that apply and the problems with a tender")
    check.add_argument("file", metavar="FILE|ID")
    check.add_argument("--json", action="store_true", help="print JSON")

    export = actions.add_parser("export", parents=[common], help="write the bid annex")
    export.add_argument("file", metavar="FILE|ID")
    export.add_argument("--format", required=True, choices=["html", "md", "text"])
    export.add_argument("-o", "--output", metavar="FILE",
                        help="where to write it ('-' for the screen); default: named after "
                             "the tender in the current folder")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")


def run(data_dir: Path, args: argparse.Namespace) -> int:
    from svassess.cli_shared import UserError
    from svassess.store import StoreError

    try:
        command = args.tender_command
        if command == "new":
            return cmd_new(data_dir, args)
        if command == "list":
            return cmd_list(data_dir)
        if command == "check":
            return cmd_check(data_dir, args.file, args.json)
        return cmd_export(data_dir, args)
    except StoreError as exc:
        raise UserError(str(exc)) from None


def _rules():
    from svassess.bank_loader import BankError
    from svassess.cli_shared import UserError
    from svassess.tender_store import load_shipped_rules

    try:
        return load_shipped_rules()
    except BankError as exc:
        raise UserError(f"{exc}; reinstall svassess.") from None


def readiness_for(data_dir: Path, tender):
    """The linked assessment's readiness and its organisation, or (None, "", why not)."""
    from svassess.cli_shared import load_banks
    from svassess.store import Store, StoreError
    from svassess.tender_checks import readiness_of

    if not tender.assessment:
        return None, "", ""
    from svassess.tender import is_plain_id

    if not is_plain_id(tender.assessment):
        return None, "", (f"The tender's assessment {tender.assessment!r} is not an assessment "
                          f"id: set assessment to the id `svassess list` shows.")
    store = Store(data_dir)
    path = store.path_for(tender.assessment)
    if not path.is_file():
        return None, "", ""
    try:
        stored = store.read(path)
    except StoreError as exc:
        return None, "", f"The assessment the tender draws on cannot be read: {exc}"
    bank = load_banks(data_dir, quiet=True).banks.get(stored.assessment.bank)
    if bank is None:
        return None, stored.assessment.organisation, (
            f"The assessment {tender.assessment} uses the question bank "
            f"{stored.assessment.bank!r}, which is not installed.")
    return readiness_of(bank, stored.assessment), stored.assessment.organisation, ""


def cmd_new(data_dir: Path, args) -> int:
    from svassess.assessment import new_id
    from svassess.store import Store
    from svassess.tender import new_tender
    from svassess.tender_store import TenderStore

    stored = Store(data_dir).find(args.assessment)
    tender = new_tender(new_id(), stored.assessment.id, args.title)
    tender.buyer = args.buyer
    tender.buyer_type = args.buyer_type or ""
    tender.nation = args.nation or ""
    tender.value, tender.months, tender.word_limit = args.value, args.months, args.word_limit
    weighting = args.weighting
    tender.weighting = int(weighting) if weighting is not None and weighting.is_integer() \
        else weighting
    tender.deadline = args.deadline
    store = TenderStore(data_dir)
    store.save(tender, None)
    print(f"Started the tender {tender.id} at {store.path_for(tender.id)}; add its question, "
          f"criteria and commitments there (docs/tenders.md), or in the app from the "
          f"assessment's results (t).")
    return EXIT_OK


def cmd_list(data_dir: Path) -> int:
    from svassess.tender_store import TenderStore

    listing = TenderStore(data_dir).tenders()
    for problem in listing.problems:
        print(f"svassess: {problem}", file=sys.stderr)
    if not listing.items:
        print("No tenders saved yet. Start one with `svassess tender new`.")
    from svassess.text import clean_line

    for stored in listing.items:
        t = stored.tender
        print(f"{t.id}  {clean_line(t.title) or '(no title)'}  ({len(t.commitments)} "
              f"commitments; assessment {t.assessment or 'none'})")
    return EXIT_OK


def cmd_check(data_dir: Path, ref: str, as_json: bool) -> int:
    from svassess.tender_checks import check_tender, report_line, rules_that_apply
    from svassess.tender_store import TenderStore
    from svassess.text import clean_line

    stored = TenderStore(data_dir).find(ref)
    rules = _rules()
    readiness, _, why = readiness_for(data_dir, stored.tender)
    problems = check_tender(stored.tender, rules, readiness, dt.date.today(), stored.findings,
                            why, stored.lines)
    applied = rules_that_apply(stored.tender, rules)
    if as_json:
        print(json.dumps({"rules": [r.to_json() for r in applied],
                          "problems": [p.to_json() for p in problems]},
                         indent=2, ensure_ascii=False))
        return EXIT_OK
    print(f"Rules that apply (as of the date each gives; facts from {rules.as_of.isoformat()}):")
    for rule in applied:
        print(f"- {rule.title} [{STATUS_NAMES[rule.status]}, as of "
              f"{rule.as_of.isoformat()}]: {rule.means}")
        if rule.check:
            print(f"  Check with the buyer: {rule.check}")
    if not applied:
        print("- None can be worked out until the tender has a buyer type, nation and value.")
    print()
    for problem in problems:
        print(clean_line(report_line(stored.path, problem)))
    print(f"{len(problems)} problem(s) found." if problems else "No problems found.")
    return EXIT_OK


def cmd_export(data_dir: Path, args) -> int:
    from svassess.cli_shared import write_output
    from svassess.export import safe_file_name
    from svassess.tender_annex import EXTENSIONS, RENDERERS, build_annex
    from svassess.tender_store import TenderStore

    stored = TenderStore(data_dir).find(args.file)
    readiness, organisation, _ = readiness_for(data_dir, stored.tender)
    annex = build_annex(stored.tender, _rules(), readiness, organisation)
    content = RENDERERS[args.format](annex)
    if args.output == "-":
        sys.stdout.write(content)
        return EXIT_OK
    if args.output:
        target = Path(args.output)
    else:
        stem = safe_file_name(f"annex {stored.tender.title}", "text").rsplit(".", 1)[0]
        target = Path(f"{stem}.{EXTENSIONS[args.format]}")
    write_output(target, content, args.force)
    print(f"Wrote the annex to {target}")
    return EXIT_OK
