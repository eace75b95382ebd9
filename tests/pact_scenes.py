"""Small worlds with pacts, shared by the engine's, the client's and the panels' tests."""

from __future__ import annotations

from builders import start
from game.engine import state_from_json

# RED and GRN share a defensive pact engaged against BLU, at war with BLU. F borders B
# (BLU's); H is far from it.

IDS = ["R", "F", "H", "B", "G"]
EDGES = ["R-F", "R-H", "F-B", "B-G", "G-H"]
POWERS = {"RED": {"territories": "R F H", "forces": {"R": 6, "H": 4}},
          "BLU": {"territories": "B", "forces": {"B": 5}},
          "GRN": {"territories": "G", "forces": {"G": 5}}}


def scene(pledges=None, engaged=True):
    pact = {"kind": "defensive", "members": ["RED", "GRN"], "burden_share": 0.5}
    if pledges:
        pact["pledges"] = pledges
    s = start(IDS, EDGES, POWERS, pacts=[pact])
    doc = s.to_json()
    doc["wars"] = [{"between": ["RED", "BLU"], "aggressor": "BLU"},
                   {"between": ["GRN", "BLU"], "aggressor": "BLU"}]
    if engaged:
        doc["pacts"][0]["engaged_against"] = ["BLU"]
    return state_from_json(doc, s.scenario)
