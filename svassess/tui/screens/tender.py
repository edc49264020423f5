"""The tender workbench: the buyer's details and criteria, the commitments builder, checks that
update with every change, the rules and evidence, and the bid annex.

Reached from an assessment's results (t). The screen renders what svassess.tender_checks and
svassess.tender_annex compute; every change is saved at once through a TenderEdit.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from svassess.assessment import Assessment, new_id
from svassess.bank import Bank
from svassess.bank_loader import BankError
from svassess.paths import default_export_dir
from svassess.store import StoreError
from svassess.tender import (
    Commitment,
    Criterion,
    FieldError,
    Finding,
    Tender,
    field_text,
    new_tender,
    set_fields,
)
from svassess.tender_checks import (
    TenderRules,
    check_tender,
    evidence_map,
    money,
    readiness_of,
    rules_that_apply,
)
from svassess.tender_store import TenderEdit, TenderStore, load_shipped_rules
from svassess.tender_terms import BUYER_TYPE_NAMES, BUYER_TYPES, NATION_NAMES, NATIONS
from svassess.text import clean_line
from svassess.tui.safe import literal, literal_line
from svassess.tui.screens.base import SvassessScreen
from svassess.tui.screens.dialogs.annex_export import AnnexExportDialog
from svassess.tui.screens.dialogs.fields import Field, FieldsDialog, Values
from svassess.tui.styles import styles_beside
from svassess.tui.widgets.footer import KeyFooter
from svassess.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from svassess.tui.app import SvassessApp

TENDER_STYLES = styles_beside(__file__, "tender.tcss")
"""The workbench's and its rules screen's styles (each screen's own copy applies within it)."""

DETAILS = [
    Field("title", "Contract title"),
    Field("buyer", "Buyer"),
    Field("buyer_type", "Buyer type", "choice",
          tuple((t, BUYER_TYPE_NAMES[t]) for t in BUYER_TYPES)),
    Field("nation", "Nation", "choice", tuple((n, NATION_NAMES[n]) for n in NATIONS)),
    Field("value", "Whole-life value in pounds", placeholder="e.g. 450000"),
    Field("months", "Length in months", placeholder="e.g. 36"),
    Field("weighting", "Social value weighting, per cent of the total score",
          placeholder="e.g. 10"),
    Field("deadline", "Bids due (year-month-day)", placeholder="e.g. 2027-02-14"),
    Field("starts", "Contract starts (optional; the deadline if blank)"),
    Field("light_touch", "Light-touch contract (services to people)?", "choice",
          (("yes", "Yes"), ("no", "No")), "Not sure: check with the buyer"),
    Field("word_limit", "Word limit (optional)"),
    Field("question", "The buyer's question, as written", "long"),
]
COMMITMENT_FIELDS = [
    Field("what", "What will you do?"),
    Field("measure", "Measure: what will be counted?"),
    Field("baseline", "Baseline: what is it now?", placeholder="e.g. 0"),
    Field("target", "Target: a number", placeholder="e.g. 6"),
    Field("by", "By when (year-month-day)", placeholder="e.g. 2027-12-31"),
    Field("cost", "Cost to you over the contract, in pounds", placeholder="e.g. 4800"),
    Field("owner", "Owner (a role)"),
    Field("evidence", "How delivery will be shown"),
    Field("frequency", "Reported how often (agree with the buyer)"),
    Field("report_to", "Reported to whom"),
]


async def open_tender(app: SvassessApp, bank: Bank, assessment: Assessment) -> None:
    """From the results (in a worker): pick one of this assessment's tenders, or start a new
    one."""
    from svassess.tui.screens.dialogs.pick import PickDialog

    store = TenderStore(app.data_location.path)
    listing = store.tenders(assessment=assessment.id)
    for problem in listing.problems:
        app.notify(str(problem), severity="warning", markup=False, timeout=10)

    choice: str | None = "+new"
    if listing.items:
        rows = [("+new", Content("Start a new tender"))]
        rows += [(s.tender.id, literal_line(s.tender.title or "(no title yet)"))
                 for s in listing.items]
        choice = await app.push_screen_wait(PickDialog("Tenders drawing on this assessment",
                                                       rows))
        if choice is None:
            return
    findings: list[Finding] = []
    try:
        if choice == "+new":
            edit = TenderEdit.create(store, new_tender(new_id(), assessment.id))
        else:
            stored = next(s for s in listing.items if s.tender.id == choice)
            edit = TenderEdit.open(store, stored)
            findings = stored.findings
    except StoreError as exc:
        app.notify(str(exc), severity="error", markup=False, timeout=10)
        return
    app.push_screen(TenderScreen(bank, assessment, edit, fresh=choice == "+new",
                                 findings=findings))


class TenderScreen(SvassessScreen[None]):
    DEFAULT_CSS = TENDER_STYLES
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("d", "details", "Details"),
        Binding("c", "add_criterion", "Criterion"),
        Binding("a", "add_commitment", "Commitment"),
        Binding("enter", "edit", "Edit", show=False),
        Binding("delete,minus", "remove", "Remove", show=False),
        Binding("r", "info", "Rules"),
        Binding("x", "export", "Export"),
    ]

    def __init__(self, bank: Bank, assessment: Assessment, edit: TenderEdit,
                 fresh: bool = False, findings: list[Finding] | None = None):
        super().__init__()
        self.findings = findings or []
        """What was wrong in the file as read (unknown keys): kept, so still reported."""
        self.bank = bank
        self.assessment = assessment
        self.edit = edit
        self.fresh = fresh
        self.readiness = readiness_of(bank, assessment)
        self.rules: TenderRules | None = None

    @property
    def tender(self) -> Tender:
        return self.edit.tender

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="tender-summary")
        yield DataTable(id="tender-items", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="tender-checks"):
            yield Static("", id="tender-problems")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Tender"
        try:
            self.rules = load_shipped_rules()
        except BankError as exc:
            self.notify(f"{exc}; the checks are off until svassess is reinstalled.",
                        severity="error", markup=False, timeout=15)
        table = self.query_one("#tender-items", DataTable)
        for label, width in (("Id", 4), ("Criterion and commitments", 38), ("Target", 9),
                             ("By", 10), ("Cost", 8)):
            table.add_column(label, width=width)
        self.refresh_all()
        if self.fresh:
            self.action_details()

    def on_unmount(self) -> None:
        self.edit.close()

    # --- showing --------------------------------------------------------------------------

    def refresh_all(self, select: str | None = None) -> None:
        t = self.tender
        facts = [clean_line(t.title) or "(no title yet)", clean_line(t.buyer) or "(no buyer)"]
        facts.append(", ".join(x for x in (BUYER_TYPE_NAMES.get(t.buyer_type, ""),
                                           NATION_NAMES.get(t.nation, "")) if x) or
                     "(no buyer type or nation)")
        if t.value is not None:
            facts.append(money(t.value))
        if t.months:
            facts.append(f"{t.months} months")
        if t.weighting is not None:
            facts.append(f"social value {t.weighting:g}%")
        if t.deadline:
            facts.append(f"due {t.deadline.isoformat()}")
        self.query_one("#tender-summary", Static).update(literal(" · ".join(facts)))
        self.fill_table(select)
        self.refresh_checks()

    def rows(self) -> list[tuple[str, str, str, str, str, str]]:
        """(key, id, text, target, by, cost) for each criterion, then its commitments."""
        out = []
        known = {c.id for c in self.tender.criteria}
        groups: list[Criterion | None] = [*self.tender.criteria, None]
        for criterion in groups:
            if criterion is not None:
                out.append((f"c:{criterion.id}", criterion.id,
                            criterion.text or "(criterion: no text yet)", "", "", ""))
            for k in self.tender.commitments:
                mine = k.criterion == criterion.id if criterion else k.criterion not in known
                if mine:
                    out.append((f"k:{k.id}", k.id, f"  {k.what or '(what you will do)'}",
                                k.target, k.by.isoformat() if k.by else "",
                                money(k.cost) if k.cost is not None else ""))
        return out

    def fill_table(self, select: str | None = None) -> None:
        table = self.query_one("#tender-items", DataTable)
        row = table.cursor_row
        table.clear()
        rows = self.rows()
        for key, *cells in rows:
            table.add_row(*(Text(clean_line(c)) for c in cells), key=key, height=None)
        if not rows:
            table.add_row(Text(""), Text("Press c to add a criterion."),
                          Text(""), Text(""), Text(""), key="empty")
        keys = [r[0] for r in rows]
        if select in keys:
            table.move_cursor(row=keys.index(select))
        elif keys:
            table.move_cursor(row=min(row or 0, len(keys) - 1))
        table.focus()

    def problems(self, tender: Tender) -> list:
        if self.rules is None:
            return []
        return check_tender(tender, self.rules, self.readiness, dt.date.today(), self.findings)

    def refresh_checks(self) -> None:
        problems = self.problems(self.tender)
        if self.rules is None:
            text = "Checks are off: the rules file could not be read."
        elif not problems:
            text = "Checks: no problems. Press x to export the annex."
        else:
            lines = [f"Checks: {len(problems)} to look at (they update as you edit; Enter "
                     f"edits the highlighted row, Delete removes it)"]
            lines += [f"• {p.commitment + ' ' if p.commitment else ''}{p.kind}: {p.message}"
                      for p in problems]
            text = "\n".join(lines)
        self.query_one("#tender-problems", Static).update(literal(text))

    # --- changing -------------------------------------------------------------------------

    def _save(self, change: Callable[[Tender], object], select: str | None = None) -> bool:
        if self.svassess_app.save_change(lambda: self.edit.change(change)):
            self.refresh_all(select)
            return True
        return False

    def _save_fields(self, find: Callable[[Tender], Criterion | Commitment | None],
                     values: Values, select: str) -> None:
        """Save typed values into the item `find` picks out of the tender, if still there."""
        def change(t: Tender) -> None:
            target = find(t)
            if target is not None:
                set_fields(target, values)

        self._save(change, select)

    def selected(self) -> str:
        table = self.query_one("#tender-items", DataTable)
        if table.row_count == 0 or table.cursor_row is None:
            return ""
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return key or ""

    @staticmethod
    def _validator(make):
        """A form check: the values applied to a copy, or the sentence saying what is wrong."""
        def validate(values: Values) -> tuple[str, str] | None:
            try:
                set_fields(make(), values)
            except FieldError as exc:
                return exc.key, str(exc)
            return None
        return validate

    @work
    async def action_details(self) -> None:
        values = {f.key: field_text(self.tender, f.key) for f in DETAILS}
        result = await self.app.push_screen_wait(FieldsDialog(
            "The tender: copy these from the buyer's documents", DETAILS, values,
            self._validator(lambda: copy.deepcopy(self.tender))))
        if result is not None:
            self._save(lambda t: set_fields(t, result))

    @work
    async def action_add_criterion(self) -> None:
        result = await self.app.push_screen_wait(FieldsDialog(
            "Add a criterion, as written in the tender",
            [Field("text", "The criterion", "long")], {}, self._validator(
                lambda: Criterion("c"))))
        if result is not None:
            created: list[Criterion] = []
            self._save(lambda t: created.append(t.add_criterion(result["text"])))
            if created:
                self.fill_table(f"c:{created[0].id}")

    def _criterion_field(self) -> Field:
        return Field("criterion", "Against criterion", "choice",
                     tuple((c.id, f"{c.id}: {clean_line(c.text)[:50]}")
                           for c in self.tender.criteria))

    async def _ask_commitment(self, heading: str, commitment_id: str | None,
                              initial: Values) -> Values | None:
        """The commitment's fields, checked live as they are typed (in a worker)."""
        fields = [self._criterion_field(), *COMMITMENT_FIELDS]

        def draft(values: Values) -> Tender:
            tender = copy.deepcopy(self.tender)
            target = tender.commitment(commitment_id) if commitment_id else None
            if target is None:
                target = tender.add_commitment()
            set_fields(target, values)
            self._draft_id = target.id
            return tender

        def preview(values: Values) -> list[str]:
            try:
                tender = draft(values)
            except ValueError as exc:
                return [str(exc)]
            return [f"{p.kind}: {p.message}" for p in self.problems(tender)
                    if p.commitment == self._draft_id]

        return await self.app.push_screen_wait(FieldsDialog(
            heading, fields, initial, self._validator(
                lambda: copy.deepcopy(self.tender.commitment(commitment_id)) if commitment_id
                else copy.deepcopy(self.tender).add_commitment()), preview))

    @work
    async def action_add_commitment(self) -> None:
        key = self.selected()
        criterion = ""
        if key.startswith("c:"):
            criterion = key[2:]
        elif key.startswith("k:"):
            found = self.tender.commitment(key[2:])
            criterion = found.criterion if found else ""
        if not criterion and self.tender.criteria:
            criterion = self.tender.criteria[0].id

        result = await self._ask_commitment(
            "Add a commitment: specific, measurable, time-bound", None, {"criterion": criterion})
        if result is None:
            return
        created: list[str] = []

        def change(t: Tender) -> None:
            commitment = t.add_commitment()
            set_fields(commitment, result)
            created.append(commitment.id)

        if self._save(change) and created:
            self.fill_table(f"k:{created[0]}")

    @work
    async def action_edit(self) -> None:
        key = self.selected()
        if key.startswith("c:"):
            criterion = self.tender.criterion(key[2:])
            if criterion is None:
                return

            result = await self.app.push_screen_wait(FieldsDialog(
                f"Criterion {criterion.id}", [Field("text", "The criterion", "long")],
                {"text": criterion.text}, self._validator(lambda: Criterion("c"))))
            if result is not None:
                self._save_fields(lambda t: t.criterion(criterion.id), result, key)
        elif key.startswith("k:"):
            commitment = self.tender.commitment(key[2:])
            if commitment is None:
                return
            values = {f.key: field_text(commitment, f.key)
                      for f in [self._criterion_field(), *COMMITMENT_FIELDS]}

            edited = await self._ask_commitment(f"Commitment {commitment.id}", commitment.id,
                                                values)
            if edited is not None:
                self._save_fields(lambda t: t.commitment(commitment.id), edited, key)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    @work
    async def action_remove(self) -> None:
        from svassess.tui.screens.dialogs.confirm import ConfirmDialog

        key = self.selected()
        if not key.startswith(("c:", "k:")):
            return
        kind, item_id = key.split(":", 1)
        what = "criterion" if kind == "c" else "commitment"
        extra = ("\n\nIts commitments stay, against no criterion, until you move them."
                 if kind == "c" else "")

        if not await self.app.push_screen_wait(ConfirmDialog(
                Content.assemble(f"Remove {what} ", literal_line(item_id), "?", extra),
                yes="Remove", no="Keep it")):
            return
        if kind == "c":
            self._save(lambda t: t.remove_criterion(item_id))
        else:
            self._save(lambda t: t.remove_commitment(item_id))

    # --- reading and exporting ------------------------------------------------------------

    def action_info(self) -> None:
        if self.rules is not None:
            self.app.push_screen(TenderInfoScreen(self.tender, self.rules, self.readiness))

    @work
    async def action_export(self) -> None:
        from svassess.export import safe_file_name
        from svassess.tender_annex import EXTENSIONS, RENDERERS, build_annex

        if self.rules is None:
            return
        rules = self.rules
        stem = safe_file_name(f"annex {self.tender.title}", "text").rsplit(".", 1)[0]

        choice = await self.app.push_screen_wait(AnnexExportDialog(
            default_export_dir(self.svassess_app.data_location),
            lambda fmt: f"{stem}.{EXTENSIONS[fmt]}"))
        if choice is None:
            return
        annex = build_annex(self.tender, rules, self.readiness, self.assessment.organisation)
        self.svassess_app.write_export(RENDERERS[choice.fmt](annex), choice.path, "the annex")


class TenderInfoScreen(SvassessScreen[None]):
    """The rules that apply (each dated, unsettled facts as "check with the buyer") and the
    evidence map: read-only."""

    DEFAULT_CSS = TENDER_STYLES
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, tender: Tender, rules: TenderRules, readiness):
        super().__init__()
        self.tender, self.rules, self.readiness = tender, rules, readiness

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="tender-info"):
            yield Static(Content.styled("The rules that apply", "bold"))
            applied = rules_that_apply(self.tender, self.rules)
            if not applied:
                yield Static("None can be worked out until the tender has a buyer type, "
                             "nation and value (d on the tender screen).")
            labels = {"verified": "official source", "secondary": "secondary source only",
                      "unverified": "not settled"}
            for rule in applied:
                text = (f"{rule.title} ({labels[rule.status]}, as of "
                        f"{rule.as_of.day} {rule.as_of:%B %Y})\n{rule.means}")
                if rule.check:
                    text += f"\nCheck with the buyer: {rule.check}"
                yield Static(literal(text), classes="tender-rule")
            yield Static(Content.styled("What your assessment already shows, by criterion",
                                        "bold"))
            for entry in evidence_map(self.tender, self.rules, self.readiness):
                lines = [f"{entry.criterion_id}: {entry.criterion}"]
                lines += [f"  {s.title}: {'-' if s.score is None else round(s.score)}/100"
                          for s in entry.sections]
                if self.svassess_app.presenter and entry.notes:
                    lines.append("  (your notes are hidden in presenter mode)")
                else:
                    lines += [f"  Your note: {n.note}" for n in entry.notes]
                lines += [f"  To close the gap: {title}" for title in entry.recommendations]
                yield Static(literal("\n".join(lines)), classes="tender-rule")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Rules and evidence"
        self.query_one("#tender-info", VerticalScroll).focus()
        self.watch(self.svassess_app, "presenter", self.presenter_changed, init=False)

    async def presenter_changed(self) -> None:
        """Notes are shown or hidden as soon as presenter mode changes, not on the next visit."""
        await self.recompose()
        self.query_one("#tender-info", VerticalScroll).focus()
