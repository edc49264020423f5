"""The footer: one line of the keys a screen offers, drawn by a single widget.

Textual's Footer (8.2.8) is a container with a widget per key. It rebuilt every key on each
focus change (several times per answer), the keys it threw away stayed in memory, and mounting
and styling a dozen key widgets was a tenth of the home screen's first paint. This footer works
out what to show, draws it as one line of text, and redraws only when what it shows changes.
It looks and behaves like Textual's: each key is clickable (the key is pressed), a disabled key
is dim and rings the bell, a key's tooltip shows while the pointer is over it, and the command
palette's key sits at the right edge.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


class FooterKey(NamedTuple):
    """One key as the footer shows it."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str


class Shown(NamedTuple):
    """Everything that decides what the footer draws."""

    keys: tuple[FooterKey, ...]
    palette: FooterKey | None


class KeyFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--hover",
        "key-footer--divider",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        text-wrap: nowrap;
        text-overflow: clip;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        & > .key-footer--divider {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, compact: bool = False, show_command_palette: bool = True,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.compact = compact
        self.show_command_palette = show_command_palette
        self._shown: Shown | None = None
        self._spans: list[tuple[int, int, FooterKey]] = []
        """Where each key was drawn: start and end column."""
        self._hovered: FooterKey | None = None
        self._check_pending = False

    # --- what to show ----------------------------------------------------------------------

    def shown(self) -> Shown:
        """The keys drawn now (worked out on first use)."""
        if self._shown is None:
            self._shown = self._keys_to_show()
        return self._shown

    def _keys_to_show(self) -> Shown:
        """Each shown binding of the screen, the first of each action (as Textual's Footer),
        and the command palette's key."""
        app = self.app
        active = self.screen.active_bindings
        keys: dict[str, FooterKey] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in keys:
                keys[binding.action] = self._key(binding, enabled, tooltip)
        palette = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, tooltip = found
                palette = self._key(binding, enabled, binding.tooltip or binding.description)
        return Shown(tuple(keys.values()), palette)

    def _key(self, binding: Binding, enabled: bool, tooltip: str) -> FooterKey:
        return FooterKey(binding.key, self.app.get_key_display(binding), binding.description,
                         enabled, tooltip)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        """The screen's keys may have changed: look once the focus has settled (several
        changes in a row are looked at once)."""
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._check_pending:
            self._check_pending = True
            self.call_after_refresh(self._redraw_if_changed)

    def _redraw_if_changed(self) -> None:
        self._check_pending = False
        if not self.is_attached:
            return
        shown = self._keys_to_show()
        if shown != self._shown:
            self._shown = shown
            self._hovered = None
            self.tooltip = None
            self.refresh()

    # --- drawing ---------------------------------------------------------------------------

    def render(self) -> Text:
        shown = self.shown()
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, FooterKey]] = []
        for key in shown.keys:
            drawn = self._drawn(key)
            spans.append((line.cell_len, line.cell_len + drawn.cell_len, key))
            line.append_text(drawn)
            if self.compact:
                line.append(" ")
        if shown.palette is not None:
            palette = Text(end="").append("▏", self.get_component_rich_style("key-footer--divider"))
            # Textual draws the palette's key compact whatever the footer's setting.
            palette.append_text(self._drawn(shown.palette, compact=True))
            if not self.compact:
                palette.append(" ")
            room = max(0, self.size.width - palette.cell_len)
            line.truncate(room, pad=True)
            spans = [(start, min(end, room), key) for start, end, key in spans if start < room]
            spans.append((room + 1, room + palette.cell_len, shown.palette))
            line.append_text(palette)
        self._spans = spans
        return line

    def _drawn(self, key: FooterKey, compact: bool | None = None) -> Text:
        """A key and its description, as Textual's footer draws them (compact: no padding)."""
        key_style = self.get_component_rich_style("key-footer--key")
        description_style = self.get_component_rich_style("key-footer--description")
        if self.compact if compact is None else compact:
            text = Text(end="").append(key.display, key_style)
            if key.description:
                text.append(f" {key.description}", description_style)
        else:
            text = Text(end="").append(f" {key.display} ", key_style)
            if key.description:
                text.append(f"{key.description} ", description_style)
        if not key.enabled:
            text.stylize(Style(dim=True))
        if key == self._hovered:
            text.stylize(Style(bgcolor=self.get_component_rich_style("key-footer--hover").bgcolor))
        return text

    # --- the pointer -----------------------------------------------------------------------

    def _key_at(self, x: int) -> FooterKey | None:
        return next((key for start, end, key in self._spans if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self._key_at(event.x)
        if key != self._hovered:
            self._hovered = key
            self.tooltip = (key.tooltip or None) if key is not None else None
            self.refresh()

    def on_leave(self) -> None:
        if self._hovered is not None:
            self._hovered = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
