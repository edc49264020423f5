"""Each screen's styles, read from the `.tcss` file beside it as the screen's DEFAULT_CSS.

Textual parses an app's CSS_PATH before the first frame, every screen's rules with it, and a
screen's own CSS_PATH is loaded by parsing every source again. Default CSS is parsed when its
class is first shown and added to what is already parsed, so the first screen pays only for its
own rules (docs/performance.md). All of svassess's styles are at this one level, so where two
rules meet, the more specific wins, as anywhere in CSS; a screen's rules apply only within it.
"""

from __future__ import annotations

from pathlib import Path


def styles_beside(module_file: str, name: str) -> str:
    """The text of the `.tcss` file `name` in the folder of `module_file` (a module's __file__)."""
    return (Path(module_file).parent / name).read_text(encoding="utf-8")
