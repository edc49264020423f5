"""Fixtures for the robustness tests: a store of one's own, and the app on that store."""

from __future__ import annotations

import pytest

from svassess.paths import DataLocation
from svassess.store import Store


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "data")


@pytest.fixture
def location(tmp_path) -> DataLocation:
    return DataLocation(tmp_path / "data", "from --data-dir")


@pytest.fixture
def make_app(location, bank):
    from svassess.tui.app import SvassessApp

    def make(banks=None, **kwargs):
        return SvassessApp(location, banks or {bank.id: bank}, **kwargs)

    return make
