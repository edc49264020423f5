"""The command palette's entries: the commands of the screen you are on, with their keys.

Built from the key bindings svassess itself declares on the screen and on the app (not those
Textual adds, nor a focused widget's cursor keys), so the palette always fits the screen and
teaches its keys: each entry's second line is the binding's tooltip and its key.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.actions import parse
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen


def _declared_bindings(node: DOMNode) -> Iterator[Binding]:
    """The bindings svassess's own classes declare for `node`, nearest class first."""
    for cls in type(node).__mro__:
        if cls.__module__.startswith("svassess.") and "BINDINGS" in vars(cls):
            for binding in vars(cls)["BINDINGS"]:
                yield binding if isinstance(binding, Binding) else Binding(*binding)


def screen_commands(app: App, screen: Screen) -> Iterator[SystemCommand]:
    seen: set[str] = set()
    for node in (screen, app):
        for binding in _declared_bindings(node):
            if not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            _, name, parameters = parse(binding.action)
            if "." not in name and node.check_action(name, parameters) is False:
                continue
            key = app.get_key_display(binding.with_key(binding.key.split(",")[0]))
            help_text = f"{binding.tooltip} ({key})" if binding.tooltip else f"Key: {key}"
            yield SystemCommand(binding.description, help_text,
                                partial(app.run_action, binding.action, node))
