"""What every handout prints beside the brief: the rules summary (of the scenario's ruleset)
and the order notation.

The notation's examples are the engine's own text forms (game/engine/orders.py
``parse_order_text``); a test reads every one of them back through it.
"""

from __future__ import annotations

from game.engine.params import Rules
from game.words.rules_summary import handout_summary

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

#: Ruleset 2 adds the answer to a call to arms (RULES.md §11.2).
RULESET2_ORDERS: tuple[tuple[str, str], ...] = (
    ("decline P1", "if pact P1 calls you to war this turn, stay out: a broken promise and "
                   "legitimacy lost, no war"),
)


def order_card(rules: Rules | None = None) -> tuple[tuple[str, str], ...]:
    """The order notation card for a scenario's rules."""
    return ORDER_CARD + (RULESET2_ORDERS if rules is not None and rules.ruleset == 2 else ())


def rules_summary(rules: Rules | None = None) -> str:
    """The rules on one page for a scenario's rules, in the briefs' Markdown: the handouts'
    list of game/words/rules_summary.py (docs/RULES.md is the whole of them)."""
    items = "".join(f"- **{title}.** {text}\n" for title, text in handout_summary(rules))
    return f"## The rules in brief\n\n{items}"
