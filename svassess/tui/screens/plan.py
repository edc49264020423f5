"""The action plan: what the provider will do, who does it, by when, and how far it has got."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from svassess.bank import Bank
from svassess.plan import STATUS_LABELS, Action, ActionPlan, format_due, next_status
from svassess.session import EditSession
from svassess.text import clean_line
from svassess.tui.screens.base import SvassessScreen
from svassess.tui.screens.dialogs.action import ActionDialog
from svassess.tui.styles import styles_beside
from svassess.tui.widgets.footer import KeyFooter
from svassess.tui.widgets.title_bar import TitleBar


class PlanScreen(SvassessScreen[None]):
    DEFAULT_CSS = styles_beside(__file__, "plan.tcss")
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", tooltip="Back to the results"),
        Binding("a", "add", "Add your own", tooltip="Add an action of your own to the plan"),
        Binding("enter", "edit", "Edit", show=False,
                tooltip="Edit the highlighted action: owner, target date, status"),
        Binding("space", "status", "Next status",
                tooltip="Move the highlighted action on: not started, in progress, done"),
        Binding("delete,x", "remove", "Remove",
                tooltip="Take the highlighted action off the plan"),
    ]

    def __init__(self, bank: Bank, session: EditSession):
        super().__init__()
        self.bank = bank
        self.session = session

    @property
    def plan(self) -> ActionPlan:
        return self.session.assessment.plan

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("Your action plan. Enter edits an action (owner, target date, status); "
                     "Space moves it on (not started, in progress, done); a adds your own.",
                     id="plan-help")
        yield DataTable(id="plan", cursor_type="row", zebra_stripes=True)
        yield Static("No actions yet: add recommendations from the results screen, or press a "
                     "to add your own.", id="plan-empty", classes="notice")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Action plan"
        table = self.query_one("#plan", DataTable)
        for label, width in (("Action", 34), ("Owner", 14), ("Target", 10), ("Status", 11)):
            table.add_column(label, width=width)
        self.fill()

    def fill(self, select: str | None = None) -> None:
        table = self.query_one("#plan", DataTable)
        row = table.cursor_row
        table.clear()
        for action in self.plan.actions:
            table.add_row(Text(clean_line(action.title)), Text(clean_line(action.owner) or "-"),
                          Text(format_due(action.due) or "-"),
                          Text(STATUS_LABELS.get(action.status, action.status)), key=action.id,
                          height=None)
        empty = not self.plan.actions
        table.display = not empty
        self.query_one("#plan-empty").display = empty
        ids = [a.id for a in self.plan.actions]
        if select in ids:
            table.move_cursor(row=ids.index(select))
        elif ids:
            table.move_cursor(row=min(row or 0, len(ids) - 1))
        table.focus()

    def selected(self) -> Action | None:
        table = self.query_one("#plan", DataTable)
        if not self.plan.actions or table.cursor_row is None:
            return None
        return self.plan.actions[min(table.cursor_row, len(self.plan.actions) - 1)]

    def _change(self, change: Callable[[ActionPlan], object],
                select: str | None = None) -> None:
        if self.svassess_app.save_change(lambda: self.session.change_plan(change)):
            self.fill(select)

    @work
    async def action_add(self) -> None:
        details = await self.app.push_screen_wait(ActionDialog("Add your own action"))
        if details is None:
            return
        created: list[Action] = []

        def change(plan: ActionPlan) -> None:
            action = plan.add_own(details.title)
            details.apply(action)
            created.append(action)

        self._change(change)
        if created:
            self.fill(created[0].id)

    @work
    async def action_edit(self) -> None:
        action = self.selected()
        if action is None:
            return
        details = await self.app.push_screen_wait(ActionDialog("Edit this action", action))
        if details is not None:
            self._change(lambda plan: details.apply(plan.action(action.id)), action.id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_status(self) -> None:
        action = self.selected()
        if action is not None:
            def change(plan: ActionPlan) -> None:
                target = plan.action(action.id)
                if target is not None:
                    target.status = next_status(target.status)

            self._change(change, action.id)

    def action_remove(self) -> None:
        action = self.selected()
        if action is not None:
            self._change(lambda plan: plan.remove(action.id))
