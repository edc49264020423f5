"""A team's assessments side by side, chosen on the home screen, and agreeing a joint one."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from svassess.assessment import Assessment, utc_now
from svassess.bank import Bank
from svassess.report import answer_text
from svassess.store import Stored, StoreError
from svassess.team import (
    WHY_WORDS,
    TeamError,
    build_team,
    joint_assessment,
    render_text,
)
from svassess.text import clean_line
from svassess.tui.screens.base import SvassessScreen
from svassess.tui.screens.dialogs.choose_team import ChooseTeamDialog
from svassess.tui.screens.dialogs.pick import PickDialog
from svassess.tui.widgets.footer import KeyFooter
from svassess.tui.widgets.title_bar import TitleBar


def team_candidates(items: list[Stored], chosen: Stored) -> list[Stored]:
    """Who could be in a team with `chosen`: assessments of its bank and its organisation (or
    of no organisation given)."""
    organisation = clean_line(chosen.assessment.organisation).casefold()
    return [s for s in items if s.assessment.bank == chosen.assessment.bank
            and clean_line(s.assessment.organisation).casefold() in ("", organisation)]


class TeamScreen(SvassessScreen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back"),
                Binding("a", "agree", "Agree a joint assessment"),
                Binding("n", "names", "Names")]

    def __init__(self, bank: Bank, assessments: list[Assessment]):
        super().__init__()
        self.bank = bank
        self.assessments = assessments
        self.named = False
        self.team = build_team(bank, assessments, any_organisation=True)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="team-view"):
            yield Static(id="team-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Team view"
        self.watch(self.svassess_app, "presenter", self.presenter_changed)
        self.query_one("#team-view").focus()

    def presenter_changed(self) -> None:
        named = self.named and not self.svassess_app.presenter
        self.team = build_team(self.bank, self.assessments, named, any_organisation=True)
        self.query_one("#team-text", Static).update(Content(render_text(self.team)))

    def action_names(self) -> None:
        self.named = not self.named
        self.presenter_changed()

    @work
    async def action_agree(self) -> None:
        """Ask for each difference whose answer to take (the default highlighted), then save."""
        to_pick = self.team.to_pick
        picks: dict[str, int] = {}
        for index, view in enumerate(to_pick):
            rows = []
            for person, value in view.definite():
                words = clean_line(answer_text(view.question, value))
                mark = " (the more cautious)" if person == view.cautious else ""
                rows.append((str(person), Content(
                    f"{self.team.people[person].label}: {words}{mark}")))
            heading = (f"Difference {index + 1} of {len(to_pick)}: "
                       f"{clean_line(view.question.prompt)} Which answer do you agree on?")
            chosen = await self.app.push_screen_wait(
                PickDialog(heading, rows, str(view.default)))
            if chosen is None:
                self.notify("No joint assessment was made.", markup=False)
                return
            if int(chosen) != view.default:
                picks[view.question.id] = int(chosen)
        self.save_joint(picks)

    def save_joint(self, picks: dict[str, int]) -> None:
        name = f"Joint assessment {utc_now():%d %b %Y %H:%M}"
        joint, taken = joint_assessment(self.team, picks, name)
        try:
            self.svassess_app.store.save(joint, None)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=10)
            return
        kinds = sorted({WHY_WORDS[p.why] for p in taken})
        self.notify(f"Saved {name!r}: {len(joint.answers)} answers"
                    + (f" ({'; '.join(kinds)} where answers differed)" if kinds else "")
                    + ". The team's own assessments are unchanged. Rename it with r.",
                    markup=False, timeout=12)
        self.app.pop_screen()


async def open_team_view(screen: SvassessScreen[None], items: list[Stored],
                         chosen: Stored) -> None:
    """From the home screen (in a worker): tick the team, then show them side by side."""
    app = screen.svassess_app
    bank = app.banks.get(chosen.assessment.bank)
    if bank is None:
        return
    candidates = team_candidates(items, chosen)
    if len(candidates) < 2:
        app.notify("There is no other assessment of this organisation and question bank to put "
                   "side by side.", markup=False)
        return
    rows = [(s.assessment.id, Content(
        f"{clean_line(s.assessment.name) or '(no name)'} (updated {s.assessment.updated:%d %b %Y})"
        if not app.presenter else f"Assessment {number}"))
        for number, s in enumerate(candidates, start=1)]

    ids = await app.push_screen_wait(ChooseTeamDialog(rows, {chosen.assessment.id}))
    if not ids:
        return
    assessments = [s.assessment for s in candidates if s.assessment.id in ids]
    try:
        app.push_screen(TeamScreen(bank, assessments))
    except TeamError as exc:
        app.notify(str(exc), severity="warning", markup=False)
