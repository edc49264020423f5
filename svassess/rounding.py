"""The rounding rules for scores: kept to one decimal and shown as whole numbers, both rounded
down so that nothing shown overstates a provider's readiness.

A module of its own so that what only shows a score (`svassess list`) need not import the scoring
and the models it works on."""

from __future__ import annotations

import math


def round_down(score: float) -> float:
    """Scores are kept to one decimal, rounded down, so a shown score never overstates the level.
    (The tiny allowance absorbs float error such as 69.99999999 for an exact 70.)"""
    return math.floor(score * 10 + 1e-6) / 10


def shown_score(score: float) -> int:
    """Scores and completeness are shown as whole numbers, rounded down so they never overstate.
    This is the one rounding rule for everything the reader sees (screens, exports, JSON)."""
    return math.floor(score + 1e-6)
