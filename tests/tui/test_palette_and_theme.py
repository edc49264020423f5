"""The command palette offers the screen's own commands (none of Textual's developer ones),
and the chosen theme is remembered between runs in the user's settings file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from svassess.settings import CONFIG_ENV_VAR, load_settings, settings_path
from svassess.tui.screens.dialogs.details import DetailsDialog
from tests.tui.conftest import screen_text
from tests.tui.test_flow import type_text

TEXTUAL_GENERIC = {"Keys", "Maximize", "Minimize", "Screenshot"}


def palette(app) -> dict[str, str]:
    return {c.title: c.help for c in app.get_system_commands(app.screen)}


async def test_home_offers_its_own_commands_only(make_app, saved_assessment):
    saved_assessment()
    app = make_app()
    async with app.run_test(size=(80, 24)):
        commands = palette(app)
        for wanted in ("New", "Open", "Results", "Export", "Rename", "Copy", "Delete",
                       "Compare", "Help", "Presenter", "Theme", "Quit"):
            assert wanted in commands, (wanted, commands)
        assert not TEXTUAL_GENERIC & commands.keys()
        assert commands["Copy"].endswith("(d)") and "compare" in commands["Copy"]


async def test_commands_fit_the_screen_you_are_on(make_app, saved_assessment):
    saved_assessment()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")                      # into the questionnaire
        await pilot.pause()
        commands = palette(app)
        assert "Results" in commands and "Review" in commands
        assert not {"New", "Rename", "Delete", "Export", "Compare"} & commands.keys()
        assert not any("highlighted" in text for text in commands.values()), commands
        assert not TEXTUAL_GENERIC & commands.keys()
        await pilot.press("ctrl+o")                     # results
        await pilot.pause()
        commands = palette(app)
        assert {"Export", "Plan", "Scoring"} <= commands.keys()
        assert commands["Scoring"].startswith("The method behind your score")
        assert "highlighted" not in commands["Export"]


async def test_a_command_chosen_in_the_palette_runs(make_app, saved_assessment):
    saved_assessment()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "rename")
        await pilot.pause()
        assert "Rename the highlighted assessment" in screen_text(app)
        assert "Screenshot" not in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailsDialog)
        assert "Rename this assessment" in screen_text(app)


def test_the_settings_file_is_in_the_test_config_folder(isolated_home):
    assert os.environ[CONFIG_ENV_VAR] == str(isolated_home / "config")
    assert settings_path() == isolated_home / "config" / "settings.toml"


async def test_the_theme_is_remembered_between_runs(make_app, location):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme != "nord"
        app.theme = "nord"
        await pilot.pause()
    assert load_settings().theme == "nord"
    assert not any(p.name == "settings.toml" for p in location.path.rglob("*"))
    again = make_app()
    async with again.run_test(size=(80, 24)):
        assert again.theme == "nord"


async def test_the_theme_is_chosen_through_the_palette(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "theme")
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "gruvbox")
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "gruvbox"
    assert load_settings().theme == "gruvbox"


@pytest.mark.parametrize("content", [
    b"theme = ", b"\xff\xfe\x00garbage", b"theme = 5", b'theme = "no-such-theme"',
    b"[theme]\nname = 'nord'", b"x = 1\n" * 20000, b"",
])
async def test_a_damaged_settings_file_is_ignored(make_app, content):
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert "svassess" in screen_text(app)
    assert path.read_bytes() == content               # left as it was until a theme is chosen


async def test_a_settings_folder_that_cannot_be_written_is_no_error(make_app, monkeypatch,
                                                                    tmp_path: Path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv(CONFIG_ENV_VAR, str(blocked))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "nord"
        await pilot.pause()
        assert "svassess" in screen_text(app)
    assert blocked.read_text(encoding="utf-8") == "a file where the folder should be"
