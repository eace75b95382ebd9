"""The rules in plain words, by ruleset: the one summary the F1 help page, the fallback help
card and the workshop handouts print (docs/RULES.md is the authoritative text).

A summary is a tuple of (title, text) sections; the text marks bold as ``**words**`` (the
handouts' Markdown; the help page turns it into its own markup). Two lengths share the rules:
the help page's sections (``summary``) and the handouts' shorter list (``handout_summary``).
Ruleset 2 (RULES.md §11) replaces "Winning" with the score against par and adds a section for
each change, with the numbers of the match's own rules (``Rules``), never a copy of the
defaults. Ruleset 1 prints exactly what it always printed.
"""

from __future__ import annotations

from game.engine.params import Rules

Section = tuple[str, str]

WINNING = "Winning"

#: The help page's summary of ruleset 1 (RULES.md §1-§9).
PAGE_SECTIONS: tuple[Section, ...] = (
    ("The game",
     "You lead a power. Each turn everyone negotiates and writes orders in secret, at the "
     "same time; then all orders are resolved together and the turn report tells what "
     "happened. Territories earn industry points (IP) each turn; IP raise new units."),
    ("Pacts",
     "A **defensive** pact calls every member to war against anyone who attacks one of "
     "them. An **offensive** pact calls every member to war against its target when any "
     "member invokes it. A **non-aggression** pact forbids war between its members. A "
     "**peace** treaty ends a war, may move territories, and binds both sides to a truce. "
     "A pact is signed when every member has accepted the proposal during planning."),
    ("Terms",
     "**Burden share**: the share of its forces a member must commit while the pact "
     "fights (or a fixed **pledge** of units). **Notice**: how many turns leaving "
     "takes. **Duration**: 0 means until ended. **Secret** pacts are hidden from "
     "others until they trigger. **Integrated command** removes coalition friction."),
    ("Entrapment and credibility",
     "Pacts trigger automatically: an ally's quarrel can drag you into war. Each call to "
     "war and each turn a pact fights is a promise; keeping it (committing the forces owed) "
     "builds **credibility**, shown as a record such as \u201ckept 7 of 9\u201d. Breaking "
     "a pact, a separate peace or leaving a fighting pact counts as a broken promise."),
    ("Leaving a pact",
     "**Withdraw** leaves cleanly after the notice period. **Break** leaves at once: "
     "a breach that costs 5 legitimacy and a broken promise."),
    ("War and battle",
     "Moves are simultaneous. Attackers win with a chance that grows with the strength ratio "
     "(about 79% at 1.5 : 1, 92% at 2 : 1); hills, forests, cities and capitals help the "
     "defender, troops crossing the sea fight at half strength, and mixed armies fight at "
     "85% unless their pact has integrated command."),
    ("Legitimacy",
     "Your public's support, 0 to 100. Aggression, broken promises, casualties and lost "
     "capitals lower it; peace and defending raise it. Below 25 a power is in crisis: it "
     "cannot declare war or invoke a pact, and building costs double. At 0 it collapses."),
    (WINNING,
     "Own half the map's value alone, or (when the scenario allows) 70% together with your "
     "pact partners. At the turn limit each power scores ten points per value held plus a "
     "fifth of its credibility."),
)

#: The handouts' one-page list of ruleset 1 (each section is a bullet).
HANDOUT_SECTIONS: tuple[Section, ...] = (
    ("A turn",
     "Everyone at once and in secret talks (chat, pact proposals) and writes orders; then "
     "all orders resolve together and the turn report tells what happened."),
    ("Power",
     "You own territories, keep units in them (or in an ally's) and earn industry points "
     "(IP) from what you own. Units not moved hold."),
    ("Pacts are enforced",
     "A *defensive* pact takes every member to war against whoever attacks one of them; an "
     "*offensive* pact takes every member to war against its target when any member invokes "
     "it; a *non-aggression* pact forbids war between its members. A pact is signed when "
     "every member accepts it before the turn ends. A secret pact is known to its members "
     "only, until it is triggered."),
    ("Burden sharing",
     "While a pact is at war, each member must commit its share of forces; a member that "
     "does not loses credibility."),
    ("Credibility and legitimacy",
     "Credibility is your record of keeping your word. Legitimacy is your public's support: "
     "wars it did not want cost it; below 25 you are in crisis and cannot start wars."),
    (WINNING,
     "Own half the map's value alone, or (where the scenario allows it) seven tenths with "
     "the members of one pact; otherwise the best score at the last turn (ten points a value "
     "owned, credibility, and the scenario's objectives)."),
)


def _share(share: float) -> str:
    """A share of the map's value in words: 'half', '70%'."""
    return "half" if share == 0.5 else f"{share:.0%}"


def _ip(amount: float) -> str:
    """An amount of IP in words: 'a quarter of an IP', 'half an IP', '2 IP'."""
    return {0.25: "a quarter of an IP", 0.5: "half an IP", 1: "one IP"}.get(
        amount, f"{amount:g} IP")


def _moves(n: int) -> str:
    return f"{n} move" if n == 1 else f"{n} moves"


def score_words() -> str:
    """Ruleset 2's score in one sentence (RULES.md §11.1): the fallback card says only this."""
    return ("At the turn limit each power is scored against its par, the value it held at "
            "the start: what you gained counts, not how big you are, so a small power can win.")


def _ruleset2_winning(rules: Rules) -> str:
    return (f"Own {_share(rules.victory_share)} of the map's value alone, or (when the scenario "
            f"allows) {_share(rules.coalition_share)} together with your pact partners. "
            f"{score_words()} The score is 100 \u00d7 (value \u2212 par) / par, plus a "
            "fifth of your credibility above 50, plus the scenario's objectives: doubling "
            "your value is worth +100 whatever your size.")


def ruleset2_sections(rules: Rules) -> tuple[Section, ...]:
    """What ruleset 2 adds (RULES.md §11.2-§11.7), with the match's numbers."""
    sections: list[Section] = [
        ("Answering a call to arms",
         "When a pact calls you to war you **honour** the call by default and go to war. "
         "Give the order **decline** for that pact while planning (Decline on the Pacts "
         "tab) to stay out this turn: no war, but a broken promise on your record and "
         f"{rules.decline_cost} legitimacy lost. A member "
         "already at war with the enemy cannot decline."),
        ("Reach",
         "While a pact fights you owe your share only of the units **within reach** of the "
         f"front: at most {_moves(rules.reach)} from the enemy's territories (or the pact's "
         "theatre) at the start of the turn. With nothing within reach you owe nothing that "
         "turn."),
        ("Visible strength",
         "Even under fog every power's total units are public; where they stand stays "
         "hidden."),
        ("Upkeep",
         f"Each unit costs {_ip(rules.upkeep)} a turn, paid after income. Units you cannot "
         "pay for are disbanded, from your largest stack first."),
    ]
    if rules.wars_together:
        sections.append(
            ("Wars fought together",
             "A war you fight beside a pact partner (you invoke an offensive pact, or declare "
             "on an enemy a partner already fights for your pact) costs "
             f"{rules.coalition_aggression_cost} legitimacy to start instead of "
             f"{rules.aggression_cost}, and {rules.war_cost} a turn instead of "
             f"{rules.aggressor_war_cost}."))
    return tuple(sections)


def _for_ruleset(base: tuple[Section, ...], rules: Rules | None) -> tuple[Section, ...]:
    rules = rules or Rules()
    if rules.ruleset != 2:
        return base
    kept = tuple(s for s in base if s[0] != WINNING)
    return kept + ruleset2_sections(rules) + ((WINNING, _ruleset2_winning(rules)),)


def summary(rules: Rules | None = None) -> tuple[Section, ...]:
    """The help page's rules summary for a match's rules (ruleset 1 when None)."""
    return _for_ruleset(PAGE_SECTIONS, rules)


def handout_summary(rules: Rules | None = None) -> tuple[Section, ...]:
    """The handouts' shorter list for a scenario's rules (ruleset 1 when None)."""
    return _for_ruleset(HANDOUT_SECTIONS, rules)
