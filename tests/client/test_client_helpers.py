"""The pixel readers of client_helpers read exactly what was drawn."""

from __future__ import annotations

import pygame

from client_helpers import colour_near, commonest_in


def test_the_helpers_read_pixels_exactly(pygame_ready):
    surf = pygame.Surface((40, 40))
    surf.fill((1, 2, 3))
    pygame.draw.rect(surf, (200, 10, 10), (10, 10, 20, 20))
    assert commonest_in(surf, [(8, 8), (32, 8), (32, 32), (8, 32)]) == (200, 10, 10)
    assert colour_near(surf, (20, 20), (200, 10, 10), 1) == 9
    assert colour_near(surf, (2, 2), (200, 10, 10), 1) == 0
