"""Every panel of a europe-1939 match rendered headless at two window sizes, with pixel
checks, resizing, and the F1 help overlay."""

from __future__ import annotations

import pygame
import pygame_gui
import pytest

from game.words.palette import LINK_DEFENSIVE, hex_colour
from game.client.panels import SIDEBAR_PANELS, HelpOverlay, PactsPanel, PowersPanel
from panels_table import europe_table, play_a_turn

from panels_support import button

SIZES = [((1280, 720), 380), ((1920, 1080), 520)]
PRIMARY = pygame.Color("#2e5ea8")[:3]


@pytest.fixture(scope="module", params=SIZES, ids=["1280x720", "1920x1080"])
def table(request, pygame_ready):
    size, sidebar = request.param
    table = europe_table(size, sidebar=sidebar)
    play_a_turn(table)
    return table


def test_every_panel_renders_inside_the_sidebar(table):
    rect = table.sidebar_rect()
    for cls in SIDEBAR_PANELS:
        panel = table.open("FRA", cls)
        surf = table.save("FRA", f"/tmp/panels/{cls.__name__}_{table.size[0]}.png")
        shot = pygame.image.load(str(surf))
        # The title sits at the top left of the sidebar, in ink on the parchment.
        assert panel.title_label.rect.left >= rect.left and panel.title_label.text == cls.title
        paper = shot.get_at((rect.left + 4, rect.bottom - 4))[:3]
        assert all(abs(a - b) <= 12 for a, b in zip(paper, (233, 222, 196))), paper
        # Nothing spills onto the map side.
        assert shot.get_at((rect.left - 2, rect.centery))[:3] == (150, 176, 186)


def test_the_propose_button_and_the_power_swatches_have_their_colours(table):
    pacts = table.open("FRA", PactsPanel)
    propose = button(pacts, "Propose a pact…")
    shot = table.draw("FRA")
    x, y = propose.rect.left + 6, propose.rect.centery
    assert shot.get_at((x, y))[:3] == PRIMARY
    powers = table.open("FRA", PowersPanel)
    shot = table.draw("FRA")
    swatches = sorted((e for e in powers.content.elements
                       if type(e).__name__ == "UIImage" and e.rect.width == 12),
                      key=lambda e: e.rect.top)
    # France is first (the seat's own power), then the others in scenario order.
    first = swatches[0].rect
    assert shot.get_at(first.center)[:3] == hex_colour("#2e6fb7")
    assert LINK_DEFENSIVE != hex_colour("#2e6fb7")        # (a distinct check, not the theme)


def test_long_text_wraps_and_scrolls_within_the_sidebar(table):
    pacts = table.open("GER", PactsPanel)        # Germany sees all four pacts
    w, h = table.size
    pacts.set_rect(pygame.Rect(w - 300, 0, 300, 560))
    for element in pacts.content.elements:
        assert element.relative_rect.right <= pacts.content.rect.width, element
    assert pacts.flow.y > pacts.content.rect.height
    assert pacts.bar is not None
    table.save("GER", f"/tmp/panels/pacts_scrolling_{w}.png")
    pacts.set_rect(table.sidebar_rect())


def test_resizing_lays_a_panel_out_again(table):
    pacts = table.open("FRA", PactsPanel)
    w, h = table.size
    pacts.set_rect(pygame.Rect(w - 300, 40, 300, h - 80))
    assert pacts.root.rect == pygame.Rect(w - 300, 40, 300, h - 80)
    propose = button(pacts, "Propose a pact…")
    assert propose.rect.right <= w and propose.rect.width < 300
    table.save("FRA", f"/tmp/panels/pacts_narrow_{w}.png")
    pacts.set_rect(table.sidebar_rect())


def test_help_overlay_toggles_and_closes_with_escape_or_its_button(table):
    seat = table.seats["FRA"]
    overlay = HelpOverlay(seat.manager, pygame.Rect(0, 0, *table.size),
                          shortcuts=[("Space", "end your turn")])
    assert not overlay.visible and not overlay.root.visible
    overlay.toggle()
    assert overlay.visible and overlay.root.visible
    shot = table.save("FRA", f"/tmp/panels/help_{table.size[0]}.png")
    text = overlay.text.html_text + overlay.keys.html_text
    for words in ("Pacts", "Burden share", "kept 7 of 9", "F1", "F3",
                  "open the Inbox tab", "Space", "end your turn"):
        assert words in text, words
    assert overlay.root.rect.center == pygame.Rect(0, 0, *table.size).center
    assert overlay.process_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE))
    assert not overlay.visible
    assert not overlay.process_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE))
    overlay.toggle()
    pressed = pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=overlay.close_button)
    assert overlay.process_event(pressed) and not overlay.visible
    overlay.kill()
    assert shot.exists()


def test_the_scroll_bar_moves_the_column_and_a_rebuild_keeps_the_place(table):
    pacts = table.open("GER", PactsPanel)
    w, h = table.size
    pacts.set_rect(pygame.Rect(w - 300, 0, 300, 480))
    first = button(pacts, "Propose a pact…")
    top = first.rect.top
    arrow = pacts.bar.bottom_button
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=arrow.rect.center,
                                         button=1))
    table.settle("GER", 1)
    for _ in range(20):                       # hold the arrow down for a third of a second
        table.settle("GER", 1)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=arrow.rect.center,
                                         button=1))
    table.settle("GER")
    assert pacts.offset > 0
    assert first.rect.top == top - pacts.offset
    kept = pacts.offset
    pacts.rebuild()                            # a push changed the model
    assert pacts.offset == kept
    assert button(pacts, "Propose a pact…").rect.top == top - kept
    pacts.scroll_to(0)
    pacts.set_rect(table.sidebar_rect())


def test_in_a_narrow_window_the_help_is_one_scrolling_column(pygame_ready):
    if pygame.display.get_surface() is None:      # fonts need a display format
        pygame.display.set_mode((700, 520))
    manager = pygame_gui.UIManager((700, 520))
    overlay = HelpOverlay(manager, pygame.Rect(0, 0, 700, 520))
    overlay.show()
    assert overlay.root.rect.width == 620
    assert "Keyboard shortcuts" in overlay.text.html_text and "open the Chat tab" in \
        overlay.text.html_text
    overlay.set_rect(pygame.Rect(0, 0, 1280, 720))      # the window grew: two columns again
    assert overlay.visible and "Keyboard shortcuts" not in overlay.text.html_text
    overlay.kill()
