"""The commitments meter foresees the obligations audit's own figures (RULES.md §5 step 6)."""

from __future__ import annotations

from builders import events, move
from game.engine import adjudicate, state_from_json
from game.engine.commitments import planned
from game.engine.view import view
from pact_scenes import scene

# RED and GRN share a defensive pact engaged against BLU, at war with BLU. F borders B
# (BLU's); H is far from it.


def audit_figures(report):
    return sorted((e["power"], e["against"], e["required"], e["committed"])
                  for e in events(report, "honoured") + events(report, "shortfall"))


def meter_figures(s, power, orders):
    return [(c.power, c.against, round(c.required, 4), c.committed)
            for c in planned(s.scenario.map, view(s, power), power, orders)]


def test_the_meter_owes_and_commits_what_the_audit_then_judges():
    for pledges, orders in ((None, [move("R", "F", 3)]),          # share 0.5 x 10 = 5 vs 3
                            (None, [move("R", "F", 6)]),          # 6 >= 5
                            ({"RED": 2}, [move("H", "R", 4)])):   # pledge 2, commits 0
        s = scene(pledges)
        meter = meter_figures(s, "RED", orders)
        _, report = adjudicate(s, {"RED": orders})
        audit = [f for f in audit_figures(report) if f[0] == "RED"]
        assert meter == audit and len(meter) == 1


def test_an_invocation_in_the_orders_engages_the_pact_for_the_meter():
    s = scene(engaged=False)
    assert meter_figures(s, "RED", [move("R", "F", 3)]) == []
    doc = s.to_json()
    doc["pacts"][0].update(kind="offensive", target="BLU")
    doc["wars"] = []
    s = state_from_json(doc, s.scenario)
    pact_id = doc["pacts"][0]["id"]
    orders = [{"op": "invoke", "pact": pact_id}, move("R", "F", 3)]
    meter = meter_figures(s, "RED", orders)
    _, report = adjudicate(s, {"RED": orders})
    assert meter == [f for f in audit_figures(report) if f[0] == "RED"] == [
        ("RED", "BLU", 5.0, 3)]
