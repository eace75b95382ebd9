"""The handouts print the rules summary of the scenario's ruleset (game/words/rules_summary.py):
ruleset 2 with the scenario's own numbers, ruleset 1 exactly as before."""

from __future__ import annotations

import dataclasses

import pytest

import game.handouts.write as handouts_write
from game.handouts import write_handouts
from game.handouts.cards import rules_summary
from game.handouts.write import markdown_html
from game.maps import load_scenario

# The handouts' rules summary before it moved to game/words: ruleset 1 must still print it.
OLD_RULES_SUMMARY = """\
## The rules in brief

- **A turn.** Everyone at once and in secret talks (chat, pact proposals) and writes
  orders; then all orders resolve together and the turn report tells what happened.
- **Power.** You own territories, keep units in them (or in an ally's) and earn industry
  points (IP) from what you own. Units not moved hold.
- **Pacts are enforced.** A *defensive* pact takes every member to war against whoever
  attacks one of them; an *offensive* pact takes every member to war against its target
  when any member invokes it; a *non-aggression* pact forbids war between its members.
  A pact is signed when every member accepts it before the turn ends. A secret pact is
  known to its members only, until it is triggered.
- **Burden sharing.** While a pact is at war, each member must commit its share of
  forces; a member that does not loses credibility.
- **Credibility and legitimacy.** Credibility is your record of keeping your word.
  Legitimacy is your public's support: wars it did not want cost it; below 25 you are in
  crisis and cannot start wars.
- **Winning.** Own half the map's value alone, or (where the scenario allows it) seven
  tenths with the members of one pact; otherwise the best score at the last turn
  (ten points a value owned, credibility, and the scenario's objectives).
"""


class FakePainter:
    def __init__(self, scenario):
        pass

    def png(self, seat_view):
        return b"\x89PNG"


def with_rules(**changes):
    scenario = load_scenario("tutorial")
    return dataclasses.replace(scenario, rules=dataclasses.replace(scenario.rules, **changes))


def rules_card(page: str) -> str:
    """The rules summary a written page prints."""
    assert page.count('<div class="cards"><section>') == 1
    return page.split('<div class="cards"><section>')[1].split("</section>")[0]


def written(scenario, tmp_path, monkeypatch) -> dict[str, str]:
    monkeypatch.setattr(handouts_write, "MapPainter", FakePainter)
    pages = write_handouts(scenario, tmp_path, pdf=False).pages
    return {seat: path.read_text(encoding="utf-8") for seat, path in pages.items()}


def test_a_ruleset_1_scenario_prints_the_old_summary(tmp_path, monkeypatch):
    old = markdown_html(OLD_RULES_SUMMARY)
    assert markdown_html(rules_summary()) == old
    for seat, page in written(with_rules(ruleset=1), tmp_path, monkeypatch).items():
        assert rules_card(page) == old, seat


def test_a_ruleset_2_scenario_prints_par_decline_reach_strength_upkeep_and_wars_together(
        tmp_path, monkeypatch):
    scenario = load_scenario("tutorial")
    assert scenario.rules.ruleset == 2          # the shipped scenarios play ruleset 2
    for seat, page in written(scenario, tmp_path, monkeypatch).items():
        card = rules_card(page)
        for words in ("par", "small power", "<b>decline</b>", "5 legitimacy lost",
                      "at most 2 moves", "total units are public",
                      "a quarter of an IP a turn", "Wars fought together",
                      "costs 5 legitimacy to start instead of 10, and 1 a turn instead of 2"):
            assert words in card, (seat, words)
        assert "ten points a value" not in card


@pytest.mark.parametrize("cost", [0, 7])
def test_the_numbers_are_the_scenarios(cost, tmp_path, monkeypatch):
    pages = written(with_rules(decline_cost=cost, reach=1, upkeep=1.5), tmp_path, monkeypatch)
    card = rules_card(pages["umpire"])
    assert f"{cost} legitimacy lost" in card and "5 legitimacy lost" not in card
    assert "at most 1 move from" in card and "1.5 IP a turn" in card
