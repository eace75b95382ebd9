"""The help's rules summary follows the match's ruleset (game/words/rules_summary.py): ruleset 2
scores against par and adds decline, reach, visible strength, upkeep and wars fought together
with the match's numbers; ruleset 1 prints exactly what it printed before."""

from __future__ import annotations

from types import SimpleNamespace

import pygame
import pygame_gui
import pytest

from game.client.panels import HelpOverlay
from game.client.panels.help import rules_markup
from game.client.screens.help import HelpOverlay as CardHelp
from game.client.screens.help import make_help, rules_text
from game.engine.params import Rules

# What the F1 page and the fallback card printed before the summary moved to game/words:
# ruleset 1 must still print exactly this.
OLD_PAGE = (
    '<font size=4.5><b>The game</b></font><br>You lead a power. Each turn everyone ne'
    'gotiates and writes orders in secret, at the same time; then all orders are reso'
    'lved together and the turn report tells what happened. Territories earn industry'
    ' points (IP) each turn; IP raise new units.<br><br><font size=4.5><b>Pacts</b></'
    'font><br>A <b>defensive</b> pact calls every member to war against anyone who at'
    'tacks one of them. An <b>offensive</b> pact calls every member to war against it'
    's target when any member invokes it. A <b>non-aggression</b> pact forbids war be'
    'tween its members. A <b>peace</b> treaty ends a war, may move territories, and b'
    'inds both sides to a truce. A pact is signed when every member has accepted the '
    'proposal during planning.<br><br><font size=4.5><b>Terms</b></font><br><b>Burden'
    ' share</b>: the share of its forces a member must commit while the pact fights ('
    'or a fixed <b>pledge</b> of units). <b>Notice</b>: how many turns leaving takes.'
    ' <b>Duration</b>: 0 means until ended. <b>Secret</b> pacts are hidden from other'
    's until they trigger. <b>Integrated command</b> removes coalition friction.<br><'
    'br><font size=4.5><b>Entrapment and credibility</b></font><br>Pacts trigger auto'
    "matically: an ally's quarrel can drag you into war. Each call to war and each tu"
    'rn a pact fights is a promise; keeping it (committing the forces owed) builds <b'
    '>credibility</b>, shown as a record such as “kept 7 of 9”. Breaking a pact, a se'
    'parate peace or leaving a fighting pact counts as a broken promise.<br><br><font'
    ' size=4.5><b>Leaving a pact</b></font><br><b>Withdraw</b> leaves cleanly after t'
    'he notice period. <b>Break</b> leaves at once: a breach that costs 5 legitimacy '
    'and a broken promise.<br><br><font size=4.5><b>War and battle</b></font><br>Move'
    's are simultaneous. Attackers win with a chance that grows with the strength rat'
    'io (about 79% at 1.5 : 1, 92% at 2 : 1); hills, forests, cities and capitals hel'
    'p the defender, troops crossing the sea fight at half strength, and mixed armies'
    ' fight at 85% unless their pact has integrated command.<br><br><font size=4.5><b'
    ">Legitimacy</b></font><br>Your public's support, 0 to 100. Aggression, broken pr"
    'omises, casualties and lost capitals lower it; peace and defending raise it. Bel'
    'ow 25 a power is in crisis: it cannot declare war or invoke a pact, and building'
    ' costs double. At 0 it collapses.<br><br><font size=4.5><b>Winning</b></font><br'
    ">Own half the map's value alone, or (when the scenario allows) 70% together with"
    ' your pact partners. At the turn limit each power scores ten points per value he'
    'ld plus a fifth of its credibility.<br>'
)
OLD_CARD = (
    'Each turn everyone plans at once: chat, propose pacts, give orders. Then the tur'
    'n is adjudicated: pacts take effect, wars are declared, allies are called in by '
    'their pacts (the casus foederis), armies move and fight, and the treasury is pai'
    'd. An attack wins more often the more it outnumbers the defence: about 79% at 1.'
    '5 : 1, 92% at 2 : 1; hills, cities, mountains and capitals help the defender. Br'
    'eaking a pact costs legitimacy and credibility; a power in crisis (legitimacy un'
    'der 25) cannot declare war.'
)

RULESET2 = Rules(ruleset=2)
TUNED = Rules(ruleset=2, decline_cost=7, reach=3, upkeep=0.5, coalition_aggression_cost=4,
              aggression_cost=12, war_cost=1, aggressor_war_cost=3)


@pytest.mark.parametrize("rules", [None, Rules(), Rules(ruleset=1, decline_cost=9)])
def test_ruleset_1_help_is_byte_identical(rules):
    assert rules_markup(rules) == OLD_PAGE
    assert rules_text(rules) == OLD_CARD


def test_ruleset_2_help_scores_against_par_and_tells_the_new_rules():
    page = rules_markup(RULESET2)
    for words in ("par", "100 \u00d7 (value \u2212 par) / par", "small power",
                  "<b>decline</b>", "5 legitimacy lost", "Reach", "at most 2 moves",
                  "Visible strength", "total units are public", "Upkeep",
                  "a quarter of an IP a turn", "disbanded", "Wars fought together",
                  "costs 5 legitimacy to start instead of 10, and 1 a turn instead of 2"):
        assert words in page, words
    assert "ten points per value" not in page
    assert page.count("Winning") == 1 and page.index("Winning") > page.index("Upkeep")
    assert "**" not in page                      # every bold mark became pygame_gui's <b>


def test_the_numbers_follow_the_matchs_rules():
    page = rules_markup(TUNED)
    for words in ("7 legitimacy lost", "at most 3 moves", "half an IP a turn",
                  "costs 4 legitimacy to start instead of 12, and 1 a turn instead of 3"):
        assert words in page, words
    assert "5 legitimacy lost" not in page and "at most 2 moves" not in page


def test_without_wars_fought_together_the_section_is_left_out():
    page = rules_markup(Rules(ruleset=2, wars_fought_together=0))
    assert "Wars fought together" not in page and "Upkeep" in page


def test_the_fallback_card_says_ruleset_2_scores_against_par_in_a_sentence():
    text = rules_text(RULESET2)
    assert text.startswith(OLD_CARD) and "par" in text[len(OLD_CARD):]
    assert text[len(OLD_CARD):].count(". ") == 0      # one sentence
    card = make_help(None, None, pygame.Rect(0, 0, 800, 600), SimpleNamespace(rules=RULESET2))
    assert isinstance(card, CardHelp) and card.rules is RULESET2


def test_the_f1_page_shows_the_summary_of_the_ctx_rules(pygame_ready):
    if pygame.display.get_surface() is None:      # fonts need a display format
        pygame.display.set_mode((1280, 800))
    manager = pygame_gui.UIManager((1280, 800))
    for rules, has in ((TUNED, True), (Rules(), False)):
        overlay = HelpOverlay(manager, pygame.Rect(0, 0, 1280, 800), SimpleNamespace(rules=rules))
        assert ("7 legitimacy lost" in overlay.text.html_text) == has
        assert (overlay.text.html_text == OLD_PAGE) == (not has)
        overlay.kill()
