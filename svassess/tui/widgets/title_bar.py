"""The title bar: the app's title and the screen's, drawn by a single widget.

Textual's Header (8.2.8) is four widgets (the header, its icon, its title and the space of its
clock), each styled and laid out before the first frame: a thirtieth of the home screen's first
paint. This one draws the same line itself. It looks and behaves like the Header: the icon at the
left opens the command palette (with its tooltip, and highlighted under the pointer), the title
follows the app's and the screen's title and sub-title, and a click elsewhere makes it taller
or shorter again.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.dom import NoScreen
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH = 8
"""The icon's place at the left (padding, the icon, room), as Textual's Header."""
CLOCK_WIDTH = 10
"""The room Textual's Header keeps at the right for a clock (none is shown)."""


class TitleBar(Widget):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"title-bar--icon-hover"}
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        &.-tall {
            height: 3;
        }
        & > .title-bar--icon-hover {
            background: $foreground 10%;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._icon_hovered = False

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._title_changed, init=False)
            self.watch(node, "sub_title", self._title_changed, init=False)

    def _title_changed(self) -> None:
        self.refresh()

    def title(self) -> Content:
        """The screen's title and sub-title (the app's where the screen has none), as the
        app formats them."""
        try:
            screen = self.screen
        except NoScreen:
            return Content("")
        title = screen.title if screen.title is not None else self.app.title
        sub_title = screen.sub_title if screen.sub_title is not None else self.app.sub_title
        return self.app.format_title(title, sub_title)

    def render(self) -> Content:
        width = self.size.width
        icon = Content(f" {ICON}".ljust(ICON_WIDTH)[:width])
        if self._icon_hovered:
            icon = icon.stylize(self.get_visual_style("title-bar--icon-hover"))
        middle = max(0, width - ICON_WIDTH - CLOCK_WIDTH)
        line = Content.assemble(icon, self.title().center(middle, ellipsis=True),
                                " " * max(0, width - icon.cell_length - middle))
        if self.has_class("-tall"):
            return Content("\n").join([Content(""), line, Content("")])
        return line

    def _on_icon(self, x: int) -> bool:
        return x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hovered = self._on_icon(event.x)
        if hovered != self._icon_hovered:
            self._icon_hovered = hovered
            self.tooltip = "Open the command palette" if hovered else None
            self.refresh()

    def on_leave(self) -> None:
        if self._icon_hovered:
            self._icon_hovered = False
            self.tooltip = None
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        if self._on_icon(event.x):
            await self.run_action("app.command_palette")
        else:
            self.toggle_class("-tall")
