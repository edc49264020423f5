"""The base of svassess's screens: the one place that knows the app is a SvassessApp.

Textual types `self.app` as a plain `App`, so the app's own attributes (the store, the banks,
presenter mode) are unknown to a type checker there. Screens reach them through `svassess_app`
instead, typed, with the cast made here once."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from svassess.tui.app import SvassessApp

ResultType = TypeVar("ResultType")


class SvassessScreen(Screen[ResultType]):
    """A place in svassess (home, questionnaire, results…), shown by a SvassessApp."""

    @property
    def svassess_app(self) -> SvassessApp:
        return cast("SvassessApp", self.app)
