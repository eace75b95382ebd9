"""Helpers for the panel tests: find widgets by their text and read what a panel shows."""

from __future__ import annotations

from typing import Any

from pygame_gui.elements import UIButton, UILabel, UITextBox


def _elements(panel: Any) -> list[Any]:
    """Every live widget inside the panel (its root and all it contains)."""
    out: list[Any] = []
    seen: set[int] = set()
    stack = [panel.root] + ([panel.content] if getattr(panel, "content", None) else [])
    while stack:
        element = stack.pop()
        if id(element) in seen:
            continue
        seen.add(id(element))
        out.append(element)
        container = None
        if hasattr(element, "get_container"):
            container = element.get_container()
        if container is not None and container is not element:
            stack.extend(container.elements)
        elif hasattr(element, "elements"):
            stack.extend(element.elements)
    return [e for e in out if e.alive()]


def widget_texts(panel: Any) -> list[str]:
    """The text of every button and label of the panel."""
    return [e.text for e in _elements(panel) if isinstance(e, (UIButton, UILabel)) and e.text]


def all_text(panel: Any) -> str:
    """Everything the panel shows in words: text boxes, labels and buttons, one per line."""
    parts = []
    for e in _elements(panel):
        if isinstance(e, UITextBox):
            parts.append(e.html_text)
        elif isinstance(e, (UIButton, UILabel)):
            parts.append(e.text)
    return "\n".join(parts)


def button(panel: Any, text: str, nth: int | None = None) -> UIButton:
    """The panel's live button showing ``text``: the only one, or the ``nth`` from the top."""
    found = sorted((e for e in _elements(panel) if isinstance(e, UIButton) and e.text == text),
                   key=lambda e: (e.relative_rect.top, e.relative_rect.left))
    if nth is None:
        assert len(found) == 1, f"{len(found)} buttons {text!r} in {widget_texts(panel)}"
        return found[0]
    return found[nth]
