"""A footer that rebuilds its keys only when the keys it shows change.

Textual's Footer (8.2.8) rebuilds every key whenever its screen's bindings may have changed:
each focus change, several times per answer, though the keys shown are almost always the same.
Each rebuild mounts new key widgets and styles them (most of the time an answer took), and the
discarded keys stay in memory, so memory grew with every question. This footer works out what
it would show, compares it with what it shows, and rebuilds only when they differ.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Shown = tuple[tuple[object, ...], ...]
"""Everything about the keys that decides what the footer draws."""


class SteadyFooter(Footer):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The keys are drawn with the screen's first frame, not in a second pass once the
        # bindings signal: if they change before it (the focus moves), that rebuilds them.
        self.set_reactive(Footer._bindings_ready, True)
        self._shown: Shown | None = None
        self._check_pending = False

    def _keys_to_show(self) -> Shown:
        """What Footer.compose would draw: each shown binding (and the command palette's).
        Keys that share an action are drawn as one, so which share is kept, but not the action
        itself: the same key doing the same thing through another widget looks the same."""
        app = self.app
        active = self.screen.active_bindings
        first_of_action: dict[str, int] = {}
        keys = [
            (binding.key, app.get_key_display(binding), binding.description,
             first_of_action.setdefault(binding.action, index), enabled, tooltip,
             binding.tooltip, id(binding.group) if binding.group else None)
            for index, (_node, binding, enabled, tooltip) in enumerate(
                b for b in active.values() if b[1].show)
        ]
        palette = active.get(app.COMMAND_PALETTE_BINDING)
        return (*keys, (self.show_command_palette, app.ENABLE_COMMAND_PALETTE,
                        palette[1].key if palette else None, palette[2:] if palette else None))

    def compose(self) -> ComposeResult:
        self._shown = self._keys_to_show()
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # A key starts compact and is bound to the footer's setting once mounted, so it
                # was styled three times; given the setting now, it is styled once. (The
                # palette's key is not bound: it stays compact.)
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._check_pending:
            self._check_pending = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._check_pending = False
        if self.is_attached and self._keys_to_show() != self._shown:
            await self.recompose()
