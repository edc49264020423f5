"""Where data lives: --data-dir, then SVASSESS_DATA_DIR, then a portable marker, then the user's."""

from __future__ import annotations

from svassess import paths


def test_data_dir_flag_wins_over_everything(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.ENV_VAR, str(tmp_path / "env"))
    location = paths.data_location(tmp_path / "flag")
    assert location.path == tmp_path / "flag" and "--data-dir" in location.source


def test_environment_wins_over_the_portable_marker(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.ENV_VAR, str(tmp_path / "env"))
    monkeypatch.setattr(paths.sys, "prefix", str(tmp_path / "venv"))
    (tmp_path / paths.PORTABLE_MARKER).touch()
    assert paths.data_location().path == tmp_path / "env"


def test_portable_marker_beside_the_environment_keeps_data_on_the_stick(tmp_path, monkeypatch):
    stick = tmp_path / "USB STICK é"
    (stick / "venv").mkdir(parents=True)
    monkeypatch.setattr(paths.sys, "prefix", str(stick / "venv"))
    assert paths.portable_marker() is None
    (stick / paths.PORTABLE_MARKER).touch()
    location = paths.data_location()
    assert location.path == stick / paths.PORTABLE_DATA
    assert "portable" in location.source


def test_default_is_the_platform_user_data_folder(tmp_path, monkeypatch, isolated_home):
    monkeypatch.setattr(paths.sys, "prefix", str(tmp_path / "venv"))
    location = paths.data_location()
    assert str(location.path).startswith(str(isolated_home))
    assert location.path.name == "svassess"


def test_shipped_banks_are_found_whatever_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = paths.shipped_banks_dir()
    assert (folder / "resources.toml").is_file()
    assert paths.bank_dirs(tmp_path) == [folder, tmp_path / "banks"]
