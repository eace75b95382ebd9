"""The tutorial's neutral fortress is a prize every neighbour can fight for: each power
bordering Dunmore can take it with the units it starts with beside it, at better than even
odds (with a garrison of 4 Yellowmark's whole army had even odds at best, and Yellowmark won
8% of default-bot games; docs/BOTS.md, "The tutorial's balance")."""

from __future__ import annotations

from game.engine import initial_state, odds
from game.maps import load_scenario, resolve_scenario

TUTORIAL = load_scenario(resolve_scenario("tutorial"))


def test_every_neighbour_of_dunmore_can_take_it_at_better_than_even_odds():
    state = initial_state(TUTORIAL, seed=1)
    graph = TUTORIAL.map
    dun = graph.index["DUN"]
    garrison = int(state.garrison[dun])
    defence = TUTORIAL.rules.terrain(graph.territories[dun].terrain)
    beside: dict[str, int] = {}
    for t in graph.neighbours[dun]:
        if state.owner[t] >= 0 and not graph.sea[(t, dun)]:
            power = TUTORIAL.power_ids[int(state.owner[t])]
            beside[power] = beside.get(power, 0) + int(state.forces[t, state.owner[t]])
    assert sorted(beside) == ["BLU", "RED", "YEL"]
    for power, units in beside.items():
        assert odds(TUTORIAL.rules, units, garrison, defence_factor=defence).p_win > 0.5, power
