"""The results screen renders the report model: same parts, same order, summary on one screen."""

from __future__ import annotations

from svassess.report import build_document, build_report
from tests.test_report_model import block_kinds, part_ids
from tests.tui.conftest import screen_text


async def test_the_results_screen_shows_the_same_parts_in_the_same_order(make_app,
                                                                          saved_assessment,
                                                                          bank):
    from svassess.tui.screens.results import SCREEN_PARTS_SKIPPED

    stored = saved_assessment(answers={"context.nation": "wales", "policy.act": "no"})
    document = build_document(build_report(bank, stored.assessment))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        shown = [w.id.removeprefix("part-") for w in app.screen.query(".part")]
        blocks = [(part.id.removeprefix("part-"),
                   [next(c for c in b.classes if c.startswith("block-")).removeprefix("block-")
                    for b in part.query(".block")]) for part in app.screen.query(".part")]
    assert shown == [i for i in part_ids(document) if i not in SCREEN_PARTS_SKIPPED]
    assert blocks == [(i, kinds) for i, kinds in block_kinds(document)
                      if i not in SCREEN_PARTS_SKIPPED]
    assert {"more-recommendations"} == SCREEN_PARTS_SKIPPED   # opened in place instead


async def test_the_summary_fits_one_screen_at_80_by_24(make_app, saved_assessment):
    saved_assessment(answers={"context.nation": "wales", "policy.act": "not-sure"})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        screen = screen_text(app)
    for wanted in ("At a glance", "Overall readiness", "What this level means",
                   "Provisional:", 'answer was "Not sure"', "Weakest sections", "Do first",
                   "4. Learn the Welsh duty"):
        assert wanted in screen, wanted
