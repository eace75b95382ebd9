"""The research figures of ``casus simulate`` (summary.json ``research``), checked on small
deterministic runs against counts made here, independently, from each game's log as the
debrief rebuilds it (not through game.debrief.research)."""

from __future__ import annotations

import json
import math

import pytest

from game.debrief.research import odds_ratio, size_band
from game import simulate
from game.simulate import Spec, play_game
from game.cli.main import main
from game.debrief.record import rebuild
from game.maps import load_scenario, resolve_scenario
from game.cli.common import with_settings

EUROPE = with_settings(load_scenario(resolve_scenario("europe-1939")), ["max_turns=8"])
GAMES, SEED = 4, 1000


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("research")
    played = []   # (scenario, players, seed, match) of each game the command plays

    def keep(scenario, players, seed):
        match = play_game(scenario, players, seed)
        played.append((scenario, players, seed, match))
        return match

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(simulate, "play_game", keep)
        assert main(["simulate", "europe-1939", "--games", str(GAMES), "--seed", str(SEED),
                     "--set", "max_turns=8", "--out", str(out)]) == 0
    summary = json.loads((out / "summary.json").read_text())
    # The command played the games the spec deals, with these seeds, on europe-1939 cut to 8
    # turns: the counts below are made from those games' logs, not from a second playing.
    assert [(s.name, s.rules, players, seed) for s, players, seed, _ in played] == [
        (EUROPE.name, EUROPE.rules, Spec().players(EUROPE, g, SEED), SEED + g)
        for g in range(GAMES)]
    records = [rebuild(match.log) for *_, match in played]
    return summary["research"], records


def _turns(record):
    return [(t.before, t.report["events"]) for t in record.turns]


def test_honour_rate_counts_calls_kept_and_met_at_their_first_audit(run):
    research, records = run
    tally = {"defensive": [0, 0], "offensive": [0, 0]}
    for record in records:
        turns = _turns(record)
        kinds = {}
        for before, events in turns:
            kinds.update({p.id: p.kind for p in before.pacts})
            kinds.update({e["pact"]: e["kind"] for e in events if "pact" in e and "kind" in e})
        for k, (_, events) in enumerate(turns):
            for call in (e for e in events if e["type"] == "called_to_war"):
                verdict = None
                for _, later in turns[k:]:
                    audit = [e for e in later
                             if e["type"] in ("honoured", "shortfall", "out_of_reach")
                             and (e["pact"], e["power"], e["against"])
                             == (call["pact"], call["power"], call["against"])]
                    if audit:   # out of reach: nothing owed, so nothing missing
                        verdict = audit[0]["type"] != "shortfall"
                        break
                cell = tally[kinds[call["pact"]]]
                cell[1] += 1
                cell[0] += int(bool(call["kept"]) and bool(verdict))
    calls = tally["defensive"][1] + tally["offensive"][1]
    assert calls > 0, "the run should call someone to arms"
    assert research["calls_to_arms"] == {"defensive": tally["defensive"][1],
                                         "offensive": tally["offensive"][1], "all": calls}
    for kind in ("defensive", "offensive"):
        kept, owed = tally[kind]
        assert research["honour_rate"][kind] == (round(kept / owed, 4) if owed else None)
    kept = tally["defensive"][0] + tally["offensive"][0]
    assert research["honour_rate"]["all"] == round(kept / calls, 4)


def test_signed_then_broken_and_duplicates_are_counted_over_all_games(run):
    research, records = run
    broken = duplicates = 0
    for record in records:
        for before, events in _turns(record):
            signed_now = [e for e in events if e["type"] == "pact_signed"]
            ids = {e["pact"] for e in signed_now}
            broken += len({e["pact"] for e in events
                           if e["type"] == "pact_broken" and e["pact"] in ids})
            seen = [(p.kind, sorted(p.members), p.target) for p in before.pacts
                    if p.status == "active"]
            after = {p.id: p for p in record.states[-1].pacts}
            for state in record.states:
                after.update({p.id: p for p in state.pacts})
            for e in signed_now:
                target = after[e["pact"]].target if e["kind"] == "offensive" else None
                key = (e["kind"], sorted(e["members"]), target)
                duplicates += any(s[0] == key[0] and s[1] == key[1]
                                  and (s[2] if s[0] == "offensive" else None) == key[2]
                                  for s in seen)
                seen.append(key)
    assert research["signed_then_broken_same_turn"] == broken
    assert research["duplicate_pacts"] == duplicates


def test_deterrence_odds_ratio_is_mantel_haenszel_over_size_bands(run):
    research, records = run
    cells: dict[int, list[int]] = {}
    for record in records:
        for before, events in _turns(record):
            targets = {e["target"] for e in events
                       if e["type"] == "war_declared" and e["aggressor"]}
            ids = before.scenario.power_ids
            live = [p for p in ids if not before.power(p).eliminated]
            value = {p: before.owned_value(ids.index(p)) for p in live}
            mean = sum(value.values()) / len(live)
            for p in live:
                partners = {m for pact in before.pacts
                            if pact.status == "active" and pact.kind == "defensive"
                            and p in pact.members for m in pact.members} - {p}
                covered = bool(partners & set(live))
                band = math.floor(math.log2(value[p] / mean)) if value[p] else -99
                row = cells.setdefault(band, [0, 0, 0, 0])
                row[(0 if covered else 2) + (0 if p in targets else 1)] += 1
    num = sum(a * d / (a + b + c + d) for a, b, c, d in cells.values())
    den = sum(b * c / (a + b + c + d) for a, b, c, d in cells.values())
    assert den > 0
    assert research["deterrence_odds_ratio"] == round(num / den, 4)


def test_entrapment_per_game_and_size_burden_r(run):
    research, records = run
    trapped = sum(1 for record in records for _, events in _turns(record) for e in events
                  if e["type"] == "called_to_war" and e["cause"] == "invocation"
                  and e["kept"] and not e["already_at_war"])
    assert research["entrapment_per_game"] == round(trapped / GAMES, 4)


def _mean_ranks(values):
    """Rank from 1, ties at the mean of the ranks they share: below + (equal + 1) / 2."""
    return [sum(v < x for v in values) + (sum(v == x for v in values) + 1) / 2
            for x in values]


def test_size_burden_r_ranks_size_in_the_pact_against_forces_committed_over_own(run):
    from statistics import correlation

    research, records = run
    pairs, own_wars = [], 0
    for record in records:
        # One observation per member a pact called to war (a kept call for that pact and
        # enemy, in that turn or before) and then audited: over those audits, its units at
        # the start of the turn over all its pact's members' then (size), and the forces it
        # committed over its own units (burden). Audits of members in their own wars (the
        # attacked member, the invoker) are left out.
        called, sums = set(), {}
        for turn in record.turns:
            before, after = turn.before, turn.after
            own = dict(zip(before.scenario.power_ids, before.forces.sum(axis=0).tolist()))
            for e in turn.report["events"]:
                if e["type"] == "called_to_war" and e["kept"]:
                    called.add((e["pact"], e["power"], e["against"]))
                if e["type"] not in ("honoured", "shortfall"):
                    continue
                if (e["pact"], e["power"], e["against"]) not in called:
                    own_wars += 1
                    continue
                pact = next((p for s in (before, after) for p in s.pacts if p.id == e["pact"]))
                cell = sums.setdefault((e["pact"], e["power"]), [0, 0, 0])
                cell[0] += own[e["power"]]
                cell[1] += sum(own[m] for m in pact.members)
                cell[2] += e["committed"]
        pairs += [(round(mine / whole, 6), round(committed / mine, 6))
                  for mine, whole, committed in sums.values() if mine]
    assert len(pairs) >= 3 and own_wars > 0, "the run should audit called and attacked members"
    sizes, burdens = _mean_ranks([p[0] for p in pairs]), _mean_ranks([p[1] for p in pairs])
    assert research["size_burden_r"] == round(correlation(sizes, burdens), 4)


def test_odds_ratio_by_hand():
    # One band: covered 2 attacked of 10, uncovered 6 of 10: OR = (2*4/20) / (8*6/20) = 1/6.
    assert odds_ratio({0: [2, 8, 6, 4]}) == round(1 / 6, 4)
    # Two bands pooled: (1*9/20 + 3*1/10) / (9*1/20 + 2*4/10) = 0.75 / 1.25 = 0.6.
    assert odds_ratio({0: [1, 9, 1, 9], 1: [3, 2, 4, 1]}) == round(
        (1 * 9 / 20 + 3 * 1 / 10) / (9 * 1 / 20 + 2 * 4 / 10), 4)
    assert odds_ratio({0: [0, 5, 0, 5]}) is None


def test_size_bands_span_a_factor_of_two_around_the_mean():
    assert [size_band(v, 10.0) for v in (10, 19, 20, 9, 5, 4)] == [0, 0, 1, -1, -1, -2]
    assert size_band(0, 10.0) == -99


def test_a_scripted_match_counts_a_duplicate_and_pacts_broken_the_turn_they_were_signed():
    """Hand count: RED and GRN sign the same non-aggression pact twice in one turn (one
    duplicate) and RED declares war on GRN in that turn (both broken as signed)."""
    from match_helpers import triangle

    from game.debrief.research import duplicates, signed_then_broken
    from game.match import Match, MatchSettings

    match, _ = Match.create(triangle(), match_id="m", now=0.0, settings=MatchSettings())
    for p in ("RED", "BLU", "GRN"):
        match.join(p, 0.0)
    nap = {"kind": "non_aggression", "members": ["RED", "GRN"]}
    for _ in range(2):
        proposal = match.propose("RED", nap, 1.0).reply["proposal"]
        match.accept("GRN", proposal, 1.0)
    match.submit_orders("RED", [{"op": "declare_war", "target": "GRN"}], 1.0)
    for p in ("RED", "BLU", "GRN"):
        match.set_ready(p, True, 2.0)
    assert len(match.reports) == 1
    states, reports = list(match.states), list(match.reports)
    assert duplicates(states, reports) == 1
    assert signed_then_broken(reports) == 2
