"""The action plan: recommendations a provider accepted, its own actions, and what it dismissed.

Stored in the assessment's file under [plan] (docs/file-formats.md) and copied when an
assessment is duplicated, so a later re-assessment carries its plan forward.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

STATUSES = ("not-started", "in-progress", "done")
STATUS_LABELS = {"not-started": "Not started", "in-progress": "In progress", "done": "Done"}


@dataclass
class Action:
    id: str
    title: str
    recommendation: str = ""
    """The guidance rule it came from, or "" for the provider's own action."""
    owner: str = ""
    due: dt.date | None = None
    status: str = "not-started"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class ActionPlan:
    actions: list[Action] = field(default_factory=list)
    dismissed: list[str] = field(default_factory=list)
    """Ids of guidance rules the provider chose not to act on."""
    extra: dict[str, Any] = field(default_factory=dict)

    def action(self, action_id: str) -> Action | None:
        return next((a for a in self.actions if a.id == action_id), None)

    def accepted(self, rule_id: str) -> Action | None:
        return next((a for a in self.actions if a.recommendation == rule_id), None)

    def accept(self, rule_id: str, title: str) -> Action:
        """Add a recommendation to the plan (once), and take it off the dismissed list."""
        if rule_id in self.dismissed:
            self.dismissed.remove(rule_id)
        existing = self.accepted(rule_id)
        if existing:
            return existing
        action = Action(new_action_id(), title, recommendation=rule_id)
        self.actions.append(action)
        return action

    def dismiss(self, rule_id: str) -> None:
        """Set a recommendation aside; an action made from it, if any, is removed."""
        self.actions = [a for a in self.actions if a.recommendation != rule_id]
        if rule_id not in self.dismissed:
            self.dismissed.append(rule_id)

    def add_own(self, title: str) -> Action:
        action = Action(new_action_id(), title)
        self.actions.append(action)
        return action

    def remove(self, action_id: str) -> None:
        self.actions = [a for a in self.actions if a.id != action_id]

    def decision(self, rule_id: str) -> str:
        """'accepted', 'dismissed' or '' (not decided yet) for a recommendation."""
        if self.accepted(rule_id):
            return "accepted"
        return "dismissed" if rule_id in self.dismissed else ""

    def copy(self) -> ActionPlan:
        return ActionPlan(
            actions=[Action(a.id, a.title, a.recommendation, a.owner, a.due, a.status,
                            dict(a.extra)) for a in self.actions],
            dismissed=list(self.dismissed), extra=dict(self.extra))


def new_action_id() -> str:
    return secrets.token_hex(4)


def next_status(status: str) -> str:
    """Not started → in progress → done → not started."""
    index = STATUSES.index(status) if status in STATUSES else -1
    return STATUSES[(index + 1) % len(STATUSES)]


DATE_EXAMPLE = "31/03/2027"
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", re.ASCII)
_YEAR_MONTH_DAY = re.compile(r"(\d{4})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})", re.ASCII)


def parse_due(text: str) -> dt.date | None:
    """A target date typed the UK way (31/03/2027, 31.3.2027, 31-03-2027) or as an ISO date
    (2027-03-31), or nothing. Raises ValueError with a plain reason. Stored as an ISO date."""
    text = text.strip()
    if not text:
        return None
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _YEAR_MONTH_DAY.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise ValueError(f"{text!r} is not a date; write it as day/month/year, "
                         f"e.g. {DATE_EXAMPLE}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{text!r} is not a real date (day {day}, month {month}, year {year}); "
                         f"write it as day/month/year, e.g. {DATE_EXAMPLE}") from None


def format_due(due: dt.date | None) -> str:
    """A target date as a UK reader writes it (31/03/2027), or "" for none."""
    return f"{due.day:02d}/{due.month:02d}/{due.year:04d}" if due else ""
