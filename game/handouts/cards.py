"""What every handout prints beside the brief: the rules summary and the order notation.

The notation's examples are the engine's own text forms (game/engine/orders.py
``parse_order_text``); a test reads every one of them back through it.
"""

from __future__ import annotations

#: The order notation card: (an example in the text form, what it does).
ORDER_CARD: tuple[tuple[str, str], ...] = (
    ("BER -> WAR 10", "move 10 units from BER along an edge to WAR (into an enemy or "
                      "neutral territory, that is an attack)"),
    ("build BER 3", "raise 3 units in a territory you own, paid from your treasury"),
    ("give ITA 5", "give 5 IP to another power"),
    ("war POL", "declare war on POL"),
    ("invoke P1", "call your offensive pact P1: its members march against its target"),
    ("peace POL", "offer peace to a power you are at war with"),
    ("withdraw P1", "leave pact P1 cleanly, after its notice"),
    ("break P1", "leave pact P1 at once: a breach, and everyone sees it"),
)

#: The rules on one page (docs/RULES.md is the whole of them), in the briefs' Markdown.
RULES_SUMMARY = """\
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
