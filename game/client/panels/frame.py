"""The frame every sidebar panel is drawn in: a themed panel, a title, and a scrolling column.

Panels describe their content as a column of rows (headings, wrapped text, clickable rows,
buttons, toggle chips, entry lines) through a ``Flow``; the frame owns the widgets, lays
them out for the current width and remembers what each button does, so a panel rebuilds its
content from the model in one place and handles clicks with one lookup. Rebuilding keeps the
scroll position, so a push that changes the model does not throw the player back to the top.
"""

from __future__ import annotations

import html
import warnings
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

import pygame
import pygame_gui
from pygame_gui.core import UIContainer
from pygame_gui.elements import (UIButton, UIHorizontalSlider, UIImage, UILabel, UIPanel,
                                 UITextBox, UITextEntryLine, UIVerticalScrollBar)

from game.words import palette
from game.client.panels.base import Panel, PanelContext

PAD = 10            # the margin inside the panel and between rows
GAP = 6             # the space between widgets of one row
ROW = 30            # the height of a button or an entry line
TITLE = 34          # the height of the panel's title bar
SCROLLBAR = 18      # room kept for the vertical scroll bar
WHEEL_STEP = 60     # pixels the column scrolls for one notch of the wheel

Action = Callable[[], None]


def esc(text: Any) -> str:
    """Text from players or scenarios made safe for pygame_gui's HTML subset."""
    return html.escape(str(text), quote=False)


def colour_tag(text: str, colour: str | None, *, bold: bool = True) -> str:
    """``text`` (already escaped) in a power's colour, bold by default."""
    inner = f"<b>{text}</b>" if bold else text
    return f"<font color='{colour}'>{inner}</font>" if colour else inner


@dataclass
class ChipGroup:
    """Toggle buttons standing for a set of choices (one or many), like a segmented control."""

    multi: bool
    buttons: dict[str, UIButton] = field(default_factory=dict)
    selected: list[str] = field(default_factory=list)
    locked: frozenset[str] = frozenset()      # always selected, cannot be toggled off
    on_change: Callable[[], None] | None = None

    def toggle(self, key: str) -> None:
        if key in self.locked:
            return
        if self.multi:
            if key in self.selected:
                self.selected.remove(key)
            else:
                self.selected.append(key)
        else:
            self.selected = [] if self.selected == [key] else [key]
        self.paint()
        if self.on_change is not None:
            self.on_change()

    def paint(self) -> None:
        for key, button in self.buttons.items():
            if key in self.selected:
                button.select()
            else:
                button.unselect()

    def value(self) -> list[str]:
        """The selected keys in the order the chips are shown."""
        return [k for k in self.buttons if k in self.selected]


class Flow:
    """Places widgets one row under the other in a container of fixed width."""

    def __init__(self, frame: "PanelFrame", container: Any, width: int) -> None:
        self.frame = frame
        self.manager = frame.manager
        self.container = container
        self.width = width
        self.y = PAD
        self.left = PAD        # the column's left edge in the container

    def split(self, share: float = 0.5) -> tuple["Flow", "Flow"]:
        """Two columns side by side from the current row down (a wide sheet): build into
        each, then ``join`` them to carry on below the taller."""
        first = int((self.width - 2 * GAP) * share)
        columns = (Flow(self.frame, self.container, first),
                   Flow(self.frame, self.container, self.width - first - 2 * GAP))
        columns[0].left, columns[1].left = self.left, self.left + first + 2 * GAP
        for column in columns:
            column.y = self.y
        return columns

    def join(self, *columns: "Flow") -> None:
        self.y = max(column.y for column in columns)

    # --- rows ----------------------------------------------------------------------------

    def gap(self, height: int = PAD) -> None:
        self.y += height

    def heading(self, text: str, *, object_id: str = "#panel_heading") -> UILabel:
        label = UILabel(pygame.Rect(self.left, self.y, self.width, 26), text, self.manager,
                        container=self.container, object_id=object_id)
        self.y += 28
        return label

    def text(self, markup: str, *, object_id: str = "#panel_text", indent: int = 0,
             height: int = -1, max_height: int | None = None) -> UITextBox:
        """A block of wrapped HTML text as tall as it needs to be (or ``height``, scrolling;
        or at most ``max_height``, scrolling beyond it)."""
        def make(h: int) -> UITextBox:
            return UITextBox(markup, pygame.Rect(self.left + indent, self.y,
                                                 self.width - indent, h),
                             self.manager, container=self.container, object_id=object_id)
        box = make(height)
        if max_height is not None and box.rect.height > max_height:
            box.kill()
            box = make(max_height)
        self.y += box.rect.height + GAP
        return box

    def clickable(self, markup: str, action: Action, *, tooltip: str | None = None,
                  object_id: str = "#panel_text") -> UIButton:
        """Wrapped text the player can click: a text box under a clear button of its size.

        A UIButton cannot wrap long text, and a text box cannot be clicked; stacking them
        gives both, and the button's hover tint shows the row is live.
        """
        box = UITextBox(markup, pygame.Rect(self.left, self.y, self.width, -1), self.manager,
                        container=self.container, object_id=object_id)
        button = UIButton(pygame.Rect(self.left, self.y, self.width, box.rect.height), "",
                          self.manager, container=self.container, tool_tip_text=tooltip,
                          object_id="#event_row")
        self.frame.actions[button] = action
        self.y += box.rect.height + 2
        return button

    def buttons(self, items: Sequence[tuple[str, Action | None, str | None]], *,
                tooltips: Sequence[str | None] | None = None,
                height: int = ROW) -> list[UIButton]:
        """A row of equal buttons: (label, action or None for disabled, object id or None)."""
        out: list[UIButton] = []
        if not items:
            return out
        n = len(items)
        w = (self.width - GAP * (n - 1)) // n
        for i, (label, action, oid) in enumerate(items):
            tip = tooltips[i] if tooltips else None
            button = UIButton(pygame.Rect(self.left + i * (w + GAP), self.y, w, height), label,
                              self.manager, container=self.container, tool_tip_text=tip,
                              object_id=oid)
            if action is None:
                button.disable()
            else:
                self.frame.actions[button] = action
            out.append(button)
        self.y += height + GAP
        return out

    def button(self, label: str, action: Action | None, *, x: int, width: int,
               object_id: str | None = None, tooltip: str | None = None,
               height: int = 28) -> UIButton:
        """One button on the current row (does not advance), for mixed rows."""
        button = UIButton(pygame.Rect(self.left + x, self.y, width, height), label, self.manager,
                          container=self.container, tool_tip_text=tooltip,
                          object_id=object_id if object_id else None)
        if action is None:
            button.disable()
        else:
            self.frame.actions[button] = action
        return button

    def chips(self, options: Sequence[tuple[str, str]], group: ChipGroup, *,
              columns: int = 2, height: int = 28) -> ChipGroup:
        """Toggle chips (key, label) in a grid; clicking toggles the key in ``group``."""
        w = (self.width - GAP * (columns - 1)) // columns
        for i, (key, label) in enumerate(options):
            col, row = i % columns, i // columns
            rect = pygame.Rect(self.left + col * (w + GAP), self.y + row * (height + 4), w, height)
            button = UIButton(rect, label, self.manager, container=self.container,
                              object_id="#chip")
            group.buttons[key] = button
            self.frame.actions[button] = (lambda k=key: group.toggle(k))
            if key in group.locked:
                button.disable()
        rows = (len(options) + columns - 1) // columns
        self.y += rows * (height + 4) + GAP - 4
        group.paint()
        return group

    def entry(self, *, initial: str = "", placeholder: str = "", width: int | None = None,
              allowed: str | None = None, limit: int | None = None,
              x: int = 0, advance: bool = True) -> UITextEntryLine:
        line = UITextEntryLine(pygame.Rect(self.left + x, self.y, width or self.width, ROW),
                               self.manager, container=self.container,
                               initial_text=initial or None,
                               placeholder_text=placeholder or None)
        if allowed == "numbers":
            line.set_allowed_characters("numbers")
        if limit is not None:
            line.set_text_length_limit(limit)
        if advance:
            self.y += ROW + GAP
        return line

    def slider(self, label: str, value: int, low: int, high: int,
               describe: Callable[[int], str], on_change: Callable[[int], None]) -> UILabel:
        """'Label [----o----] [n] value' on one row; ``describe`` words the value, and the
        box beside the slider takes the number from the keyboard (kept within the range)."""
        label_w, box_w, value_w = 96, 40, 96
        self.label_beside(label, label_w)
        slider = UIHorizontalSlider(
            pygame.Rect(self.left + label_w, self.y + 3,
                        self.width - label_w - box_w - value_w - 2 * GAP, ROW - 6),
            value, (low, high), self.manager, container=self.container, click_increment=1)
        box = self.entry(initial=str(value), width=box_w, allowed="numbers", limit=3,
                         x=self.width - value_w - box_w - GAP, advance=False)
        shown = UILabel(pygame.Rect(self.left + self.width - value_w, self.y, value_w, ROW),
                        describe(value), self.manager, container=self.container,
                        object_id="#field_value")

        def moved(event: pygame.event.Event) -> None:
            v = int(round(slider.get_current_value()))
            shown.set_text(describe(v))
            if box.get_text() != str(v):
                box.set_text(str(v))
            on_change(v)

        def typed(event: pygame.event.Event) -> None:
            text = box.get_text().strip()
            if not text.isdigit():
                return
            v = max(low, min(high, int(text)))
            slider.set_current_value(v)
            shown.set_text(describe(v))
            on_change(v)
        self.frame.handlers[(pygame_gui.UI_HORIZONTAL_SLIDER_MOVED, slider)] = moved
        self.frame.handlers[(pygame_gui.UI_TEXT_ENTRY_CHANGED, box)] = typed
        self.y += ROW + GAP
        return shown

    def columns(self, left: str, right: str, *,
                object_id: str = "#panel_text") -> list[UITextBox]:
        """Two blocks of wrapped text side by side (a deal's two sides), as tall as the
        taller."""
        half = (self.width - GAP) // 2
        boxes = [UITextBox(markup, pygame.Rect(self.left + x, self.y, half, -1), self.manager,
                           container=self.container, object_id=object_id)
                 for markup, x in ((left, 0), (right, half + GAP))]
        self.y += max(b.rect.height for b in boxes) + GAP
        return boxes

    def label_beside(self, text: str, width: int, *, x: int = 0) -> UILabel:
        """A label on the current row (does not advance), for 'name: [entry]' rows."""
        return UILabel(pygame.Rect(self.left + x, self.y, width, ROW), text, self.manager,
                       container=self.container, object_id="#field_label")

    def swatch(self, colour: pygame.Color | tuple[int, int, int], size: int = 14,
               *, x: int = 0, dy: int = 6) -> UIImage:
        """A small square of a power's colour, on the current row."""
        surf = pygame.Surface((size, size))
        surf.fill(colour)
        pygame.draw.rect(surf, (52, 44, 36), surf.get_rect(), 1)
        return UIImage(pygame.Rect(self.left + x, self.y + dy, size, size), surf, self.manager,
                       container=self.container)

    def rule(self) -> None:
        """A thin separator line between cards."""
        surf = pygame.Surface((self.width, 1))
        surf.fill((168, 152, 124))
        UIImage(pygame.Rect(self.left, self.y + 2, self.width, 1), surf, self.manager,
                container=self.container)
        self.y += 8


def preload_fonts(manager: pygame_gui.UIManager) -> None:
    """Load the bold and italic faces the panels' text uses, once per manager (pygame_gui
    warns, and stalls a frame, when it meets a face it has not loaded)."""
    if getattr(manager, "_panel_fonts_loaded", False):
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")     # "already loaded" is fine
        manager.preload_fonts([{"name": "noto_sans", "point_size": size, "style": style}
                               for size in (13, 14, 15, 16) for style in ("bold", "italic")])
    setattr(manager, "_panel_fonts_loaded", True)


class PanelFrame(Panel):
    """A Panel drawn as a titled, scrolling column rebuilt from the model by ``build``.

    The column is a plain container over the panel's background, scrolled by moving its
    widgets, rather than a UIScrollingContainer: pygame_gui builds every widget's theme key
    from its whole chain of parents at a cost that grows steeply with depth, and the
    scrolling container's three inner levels made each rebuild ~15 times slower.
    """

    def __init__(self, manager: pygame_gui.UIManager, rect: pygame.Rect,
                 ctx: PanelContext) -> None:
        super().__init__(manager, rect, ctx)
        preload_fonts(manager)
        self.pending: dict[Any, str] = {}
        self.actions: dict[Any, Action] = {}
        # Other widget events (slider moved, text changed or entered): (event type, widget).
        self.handlers: dict[tuple[int, Any], Callable[[pygame.event.Event], None]] = {}
        self.visible = True
        self.stale = False
        self.offset = 0                     # how far the column is scrolled, in pixels
        self.content_height = 0
        self.root = UIPanel(pygame.Rect(rect), starting_height=1, manager=manager,
                            object_id="#sidebar_panel")
        self.title_label = UILabel(pygame.Rect(PAD, 4, rect.width - 2 * PAD, TITLE - 8),
                                   self.title, manager, container=self.root,
                                   object_id="#panel_title")
        self.content: UIContainer | None = None
        self.bar: UIVerticalScrollBar | None = None
        self.flow: Flow | None = None
        self.rebuild()

    # --- content -------------------------------------------------------------------------

    def build(self, flow: Flow) -> None:
        """Lay out the panel's content; subclasses override."""

    def view_rect(self) -> pygame.Rect:
        """The screen area the column shows (below the title, left of the scroll bar)."""
        return pygame.Rect(self.rect.x, self.rect.y + TITLE, self.rect.width - SCROLLBAR,
                           self.rect.height - TITLE - 2)

    def rebuild(self) -> None:
        """Throw the content away and build it again from the model, keeping the scroll.

        A hidden panel only notes that it is stale and rebuilds when shown: nobody sees it
        meanwhile, so a busy turn does not rebuild five panels for every message.
        """
        if not self.visible:
            self.stale = True
            return
        self.stale = False
        keep = self.offset
        if self.content is not None:
            self.content.kill()
        if self.bar is not None:
            self.bar.kill()
            self.bar = None
        self.actions = {}
        self.handlers = {}
        self.offset = 0
        view = self.view_rect()
        self.content = UIContainer(view, self.manager, starting_height=2)
        self.flow = Flow(self, self.content, view.width - 2 * PAD)
        self.build(self.flow)
        self.content_height = self.flow.y + PAD
        if self.content_height > view.height:
            inner = self.root.get_container().get_rect()
            self.bar = UIVerticalScrollBar(
                pygame.Rect(inner.width - SCROLLBAR, view.top - inner.top, SCROLLBAR,
                            view.height), view.height / self.content_height, self.manager,
                container=self.root)
            # The wheel is the column's own (process_event): the bar's eased scrolling moved
            # a few pixels a notch.
            self.scroll_to(keep)

    def scroll_to(self, offset: float) -> None:
        """Scroll the column so that ``offset`` pixels of it are above the top."""
        view_h = self.view_rect().height
        offset = int(max(0, min(offset, self.content_height - view_h)))
        if self.bar is not None:
            self.bar.set_scroll_from_start_percentage(offset / self.content_height)
        self._shift_to(offset)

    def scroll_into_view(self, element: Any) -> None:
        """Scroll so that ``element`` (a widget of the column) is fully shown."""
        view = self.view_rect()
        if view.contains(element.rect):
            return
        top = element.relative_rect.top + self.offset
        self.scroll_to(top - PAD)

    def _shift_to(self, offset: int) -> None:
        delta = offset - self.offset
        if not delta or self.content is None:
            return
        elements = list(self.content.elements)
        # A slider keeps its buttons in a container of its own that it moves with itself.
        carried = {id(getattr(e, "button_container", None)) for e in elements}
        for element in elements:
            # Composite widgets (a slider's buttons, a text box's scroll bar) move with
            # their parent; moving them too would move them twice.
            if getattr(element, "parent_element", None) is None and id(element) not in carried:
                rel = element.relative_rect
                element.set_relative_position((rel.x, rel.y - delta))
        self.offset = offset

    # --- requests to the match ---------------------------------------------------------------

    MAX_PENDING = 64      # requests whose replies may still come (older ones are forgotten)

    def request(self, message: dict[str, Any], what: str) -> Any:
        """Send ``message``; if the match refuses it, ``receive`` toasts '<what> failed: …'."""
        rid = self.ctx.conn.send(message)
        self.pending[rid] = what
        while len(self.pending) > self.MAX_PENDING:
            self.pending.pop(next(iter(self.pending)))
        return rid

    def receive(self, message: dict[str, Any]) -> None:
        rid = message.get("rid")
        if rid is None or rid not in self.pending:
            return
        what = self.pending.pop(rid)
        if message.get("type") == "error":
            self.ctx.toast(f"{what} failed: {message.get('message', message.get('code'))}")

    # --- the Panel interface --------------------------------------------------------------

    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL and self.bar is not None and self.visible \
                and self.rect.collidepoint(pygame.mouse.get_pos()):
            self.scroll_to(self.offset - event.y * WHEEL_STEP)
            return True
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.actions:
            self.actions[event.ui_element]()
            return True
        element = getattr(event, "ui_element", None)
        handler = self.handlers.get((event.type, element)) if element is not None else None
        if handler is not None:
            handler(event)
            return True
        return False

    def update(self, dt: float) -> None:
        """Follow the scroll bar (dragged, clicked or wheeled)."""
        bar = self.bar
        if bar is not None and bar.alive() and bar.check_has_moved_recently():
            self._shift_to(int(round(bar.start_percentage * self.content_height)))

    def set_visible(self, visible: bool) -> None:
        if visible == self.visible:
            return
        self.visible = visible
        for element in (self.root, self.content, self.bar):
            if element is not None and element.alive():
                element.show() if visible else element.hide()
        if visible and self.stale:
            self.rebuild()

    def set_rect(self, rect: pygame.Rect) -> None:
        super().set_rect(rect)
        self.root.set_relative_position(self.rect.topleft)
        self.root.set_dimensions(self.rect.size)
        self.title_label.set_dimensions((self.rect.width - 2 * PAD, TITLE - 8))
        self.rebuild()

    def kill(self) -> None:
        for element in (self.content, self.bar, self.root):
            if element is not None:
                element.kill()
        self.actions = {}


def power_colour(ctx: PanelContext, power: str) -> str | None:
    """A power's colour from the match's power list ('#rrggbb'), or None."""
    for entry in ctx.model.powers:
        if entry.get("id") == power:
            return entry.get("color")
    return None


def readable(colour: str | None) -> str | None:
    """A power's colour darkened enough to read as text on the parchment."""
    if not colour:
        return None
    c = palette.hex_colour(colour)
    while palette.luminance(c) > 0.5:
        c = palette.darker(c, 0.15)
    return "#%02x%02x%02x" % c


def power_tag(ctx: PanelContext, power: str) -> str:
    """A power's name in its colour, escaped, for text boxes."""
    return colour_tag(esc(ctx.names.power(power)), readable(power_colour(ctx, power)))


def power_list(ctx: PanelContext, powers: Iterable[str]) -> str:
    """'France, Britain and Poland' with each name in its colour."""
    from game.words.narrate import join
    return join(power_tag(ctx, p) for p in powers)
