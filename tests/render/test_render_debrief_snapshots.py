"""The debrief's alliance-network snapshots, pixel for pixel.

The digests below were measured on the scripted match with the renderer still inside the
client, before it moved to its own floor (``game/render``) below the client and the debrief:
the move, and any later change meant to leave the drawing alone, must keep every pixel. They
hold for the pygame-ce version they were measured with (font rasterising may change between
versions); under another version the test is skipped, not failed.
"""

from __future__ import annotations

import hashlib
import io

import pygame
import pytest

from debrief_scripted import scripted_match
from game.debrief import rebuild
from game.debrief.network import legend_png, network_snapshots

MEASURED_WITH = "2.5.8"
SNAPSHOTS = {0: "9fece7fcad660628", 1: "a874d6dc4acc34a4", 2: "7fc962be26836eee",
             3: "9da64965b2be99fe"}
LEGEND = "390dd13d34f04c73"


def pixels_digest(png: bytes) -> str:
    surface = pygame.image.load(io.BytesIO(png), "snapshot.png")
    return hashlib.sha256(pygame.image.tobytes(surface, "RGB")).hexdigest()[:16]


@pytest.mark.skipif(pygame.version.ver != MEASURED_WITH,
                    reason=f"digests measured with pygame-ce {MEASURED_WITH}")
def test_the_network_snapshots_and_their_legend_keep_every_pixel():
    snapshots = network_snapshots(rebuild(scripted_match().log))
    assert {s.turn: pixels_digest(s.png) for s in snapshots} == SNAPSHOTS
    assert pixels_digest(legend_png()) == LEGEND
