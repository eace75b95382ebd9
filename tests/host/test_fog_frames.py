"""Nothing derived from hidden forces leaves the host (RULES.md §7): a scripted fogged match
of four powers is played through a real host on 127.0.0.1, every frame each seat and a
spectator receive is kept, and none may hold a figure of forces that seat cannot see, nor
the id of a pact it cannot see, nor anything that numbers pacts or proposals match-wide.

The board makes hidden figures recognisable: every stack a seat may not see holds 100 units
or more, and treasuries are in the hundreds, so the check looks for whole numbers of 100 or
more and for every non-whole figure (burden share × units, battle strengths) derived from
hidden forces; small counts would be confused with turns and legitimacy.

    R1 — R2 — M — B1 — G1 — G2
                        |     |
                        Y1 —  Y2        (G1–Y1, Y1–Y2, G2–Y2)
"""

from __future__ import annotations

import asyncio
import re
from typing import Any, Iterator

from builders import board
from game.engine.view import SPECTATOR, sight
from server.scenarios import ScenarioShelf
from server_helpers import Client, running_server

POWERS = ("RED", "BLU", "GRN", "YEL")
SEATS = POWERS + (SPECTATOR,)
# The engine's own numbering of pacts and proposals, which no player may learn.
ENGINE_PACT_ID = re.compile(r"^P\d+$")
ENGINE_PROPOSAL_ID = re.compile(r"^X\d+$")
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")


def fogline():
    return board(
        ["R1", "R2", "M", "B1", "G1", {"id": "G2", "value": 3}, "Y1", {"id": "Y2", "value": 4}],
        ["R1-R2", "R2-M", "M-B1", "B1-G1", "G1-G2", "G1-Y1", "Y1-Y2", "G2-Y2"],
        {"RED": {"territories": "R1 R2", "forces": {"R1": 150, "R2": 5}, "treasury": 311},
         "BLU": {"territories": "B1", "forces": {"B1": 140}, "treasury": 322},
         "GRN": {"territories": "G1 G2", "forces": {"G1": 20, "G2": 101}, "treasury": 333},
         "YEL": {"territories": "Y1 Y2", "forces": {"Y1": 30, "Y2": 123}, "treasury": 344}},
        neutral={"M": 2}, rules={"fog": True, "victory_share": 0.95})


def _values(doc: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    """Every (key, leaf) of a JSON document; numbers inside strings count as leaves."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _values(v, k)
    elif isinstance(doc, list):
        for v in doc:
            yield from _values(v, key)
    elif isinstance(doc, str):
        yield key, doc
        for number in NUMBER.findall(doc):
            yield key, float(number)
    elif isinstance(doc, (int, float)) and not isinstance(doc, bool):
        yield key, doc


def _distinctive(x: float) -> bool:
    return x >= 100 or x != int(x)


def figures(match: Any, seat: str) -> tuple[set[float], set[float]]:
    """The figures ``seat`` could see at some point and those derived from forces it could
    not see, from the host's own record (states and full reports), by RULES.md §7 and §10."""
    seen: set[float] = set()
    hidden: set[float] = set()
    ids = match.scenario.power_ids
    terr_ids = match.scenario.map.ids
    for state in match.states:
        sight_of = sight(state, seat)
        for t, visible in enumerate(sight_of.visible_list):
            (seen if visible else hidden).update(float(n) for n in state.forces[t].tolist())
        for p, ps in enumerate(state.powers):
            (seen if ids[p] in sight_of.friends else hidden).add(float(ps.treasury))
            units = int(state.forces[:, p].sum())
            out_of_sight = any(state.forces[t, p] and not visible
                               for t, visible in enumerate(sight_of.visible_list))
            # A total, and a burden share of it, are hidden when any stack is.
            (hidden if out_of_sight else seen).update({float(units), round(0.2 * units, 4)})
    for k, report in enumerate(match.reports):
        before, after = match.states[k], match.states[k + 1]
        places = sight(before, seat).mask | sight(after, seat).mask
        circle = sight(after, seat).friends
        for event in report["events"]:
            kind = event["type"]
            if kind == "battle":
                where = (1 << terr_ids.index(event["territory"])) & places
                for side in ("attackers", "defenders", "attackers_after", "defenders_after"):
                    (seen if where else hidden).update(float(n) for n in event[side].values())
                (seen if where else hidden).update({event["attack"], event["defence"]})
            if kind in ("honoured", "shortfall"):
                member = seat == event["power"] or seat in after.pact(event["pact"]).members
                (seen if member else hidden).update({event["committed"], event["required"]})
            if kind == "legitimacy" and "units" in event:
                (seen if event["power"] in circle else hidden).add(float(event["units"]))
    return seen, hidden


def hidden_figures(match: Any, seat: str) -> set[float]:
    """Figures derived from hidden forces that the seat never saw otherwise (a hidden figure
    that equals one it saw is no evidence of a leak), the distinctive ones only."""
    seen, hidden = figures(match, seat)
    return {float(x) for x in hidden - seen if _distinctive(x)}


def invisible_pacts(match: Any, seat: str) -> set[str]:
    """Ids of pacts the seat never saw (secret, never revealed to it), as the engine and
    as players name them."""
    hidden = {p.id for p in match.state.pacts
              if p.secret and not p.revealed and seat not in p.members}
    return hidden | {match.aliases.alias(i) for i in hidden}


async def play(url: str) -> tuple[dict[str, Client], Client]:
    creator = await Client.open(url)
    created = await creator.ok("create_match", scenario="fogline", seed=5)
    clients = {}
    for power in POWERS:
        clients[power] = await Client.open(url)
        await clients[power].ok("join", match=created["match"], seat=power, name=power)
    spectator = await Client.open(url)
    await spectator.ok("spectate", match=created["match"])
    red, blu, grn, yel = (clients[p] for p in POWERS)

    async def everyone_ready() -> None:
        for power in POWERS:
            await clients[power].ok("ready", ready=True)
        for client in (*clients.values(), spectator):
            await client.push("turn_result")

    # Turn 1: two secret pacts (GRN–YEL defensive, RED–YEL non-aggression).
    shield = (await grn.ok("propose", terms={"kind": "defensive", "members": ["GRN", "YEL"],
                                             "secret": True}))["proposal"]
    await yel.ok("accept", proposal=shield)
    quiet = (await red.ok("propose", terms={"kind": "non_aggression",
                                            "members": ["RED", "YEL"], "secret": True}))
    await yel.ok("accept", proposal=quiet["proposal"])
    await everyone_ready()
    # Turn 2: a public pact RED–BLU; BLU attacks GRN at G1, out of RED's sight, which
    # triggers (and reveals) GRN–YEL and starts the obligations audit.
    public = (await red.ok("propose", terms={"kind": "non_aggression",
                                             "members": ["RED", "BLU"]}))["proposal"]
    await blu.ok("accept", proposal=public)
    await blu.ok("orders", orders=[{"op": "declare_war", "target": "GRN"},
                                   {"op": "move", "from": "B1", "to": "G1", "n": 140}])
    await everyone_ready()
    # Turns 3 and 4: the war goes on; YEL and GRN are audited each turn.
    for _ in range(2):
        await yel.ok("orders", orders=[{"op": "move", "from": "Y2", "to": "Y1", "n": 3}])
        await everyone_ready()
    await asyncio.sleep(0.05)    # let the last pushes arrive
    return clients, spectator


def leaks(match: Any, seat: str, frames: list[dict[str, Any]]) -> list[str]:
    """What in ``frames`` the seat should never have received, in words."""
    hidden = hidden_figures(match, seat)
    secret_ids = invisible_pacts(match, seat)
    found = []
    for i, frame in enumerate(frames):
        for key, value in _values(frame):
            if isinstance(value, str):
                if value in secret_ids:
                    found.append(f"frame {i} ({frame['type']}): invisible pact id {value}")
                elif key in ("id", "pact") and ENGINE_PACT_ID.match(value):
                    found.append(f"frame {i} ({frame['type']}): match-wide pact id {value}")
                elif key in ("proposal", "id") and ENGINE_PROPOSAL_ID.match(value):
                    found.append(f"frame {i} ({frame['type']}): match-wide proposal id "
                                 f"{value}")
            elif float(value) in hidden:
                found.append(f"frame {i} ({frame['type']}): {key} = {value}")
    return found


def test_no_frame_of_any_seat_holds_a_figure_of_hidden_forces_or_a_hidden_pact():
    async def scenario() -> None:
        async with running_server(scenarios=ScenarioShelf({"fogline": fogline()})) as (
                server, url):
            clients, spectator = await play(url)
            (match,) = server.matches.values()
            assert match.turn == 5
            # RED–YEL stays secret: BLU, GRN and the spectator must never see its id.
            assert invisible_pacts(match, "BLU") and invisible_pacts(match, SPECTATOR)
            report_types = {e["type"] for r in match.reports for e in r["events"]}
            # The match holds what the check is about: audits, a battle, casualties.
            assert {"shortfall", "battle", "pact_triggered"} <= report_types | {"shortfall"}
            assert report_types & {"honoured", "shortfall"}
            frames = {**{p: c.frames for p, c in clients.items()},
                      SPECTATOR: spectator.frames}
            problems = {}
            for seat in SEATS:
                assert len(frames[seat]) > 10
                # The check can see what it looks for: RED and the spectator have hidden
                # figures to keep from them.
                if seat in ("RED", SPECTATOR):
                    assert hidden_figures(match, seat) & {101.0, 123.0}
                found = leaks(match, seat, frames[seat])
                if found:
                    problems[seat] = sorted(set(found), key=lambda f: ("id" in f, f))[:12]
            assert not problems, problems
            for client in (*clients.values(), spectator):
                await client.close()
    asyncio.run(scenario())


def test_the_search_finds_the_figures_when_reports_go_out_unfogged(monkeypatch):
    """The search can fail: with every seat sent the umpire's report, as before the report
    fog, it finds the audit figures (required = 0.2 × hidden units) in RED's and the
    spectator's frames."""
    import game.match.visibility as visibility

    monkeypatch.setattr(visibility, "view_report",
                        lambda report, before, after, seat: {**report, "rejected": []})

    async def scenario() -> dict[str, list[str]]:
        async with running_server(scenarios=ScenarioShelf({"fogline": fogline()})) as (
                server, url):
            clients, spectator = await play(url)
            (match,) = server.matches.values()
            found = {"RED": leaks(match, "RED", clients["RED"].frames),
                     SPECTATOR: leaks(match, SPECTATOR, spectator.frames)}
            for client in (*clients.values(), spectator):
                await client.close()
            return found
    found = asyncio.run(scenario())
    for seat in ("RED", SPECTATOR):
        assert any("required = " in f for f in found[seat]), (seat, found[seat][:5])
