"""Each screen's styles are read as its DEFAULT_CSS (svassess/tui/styles.py): a screen's own
CSS_PATH makes Textual parse every style source again the first time it is shown (issue 18)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.screen import Screen

import svassess.tui.screens
from svassess.tui.app import SvassessApp
from tests.tui.test_tender_snapshots import save_tender


def test_no_screen_has_a_css_path():
    modules = [importlib.import_module(info.name) for info in pkgutil.walk_packages(
        svassess.tui.screens.__path__, "svassess.tui.screens.")]
    screens = {cls for module in modules for _, cls in inspect.getmembers(module, inspect.isclass)
               if issubclass(cls, Screen) and cls.__module__.startswith("svassess.")}
    assert {"HomeScreen", "TenderScreen", "FieldsDialog"} <= {cls.__name__ for cls in screens}
    assert [cls.__name__ for cls in screens if cls.CSS_PATH] == []
    assert not SvassessApp.CSS_PATH


async def test_opening_the_tender_workbench_parses_only_its_own_styles(
        make_app, saved_assessment, location, monkeypatch):
    save_tender(saved_assessment, location)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        reparsed = []
        original = type(app.stylesheet).reparse

        def counted(stylesheet):
            reparsed.append(True)
            original(stylesheet)

        monkeypatch.setattr(type(app.stylesheet), "reparse", counted)
        await pilot.press("v", "t", "down", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "TenderScreen"
        await pilot.press("d")
        await pilot.pause()
        assert type(app.screen).__name__ == "FieldsDialog"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen).__name__ == "TenderInfoScreen"
        assert reparsed == []
