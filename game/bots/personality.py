"""Bot personalities: one set of numbers per way of playing (docs/BOTS.md).

The research on alliances (Walt 1987, Schweller 1994, Snyder 1984) describes three ways a state meets a rising power:
it *balances* (allies against the greatest threat), it *bandwagons* (joins the strong, to
share the spoils or be spared), or it keeps faith whatever the cost (the loyal ally, ready
to be entrapped rather than abandon). Hawks and doves differ on war itself. Each
personality is the same decision procedure with different weights, so a designer can read
what a bot will do from its numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

# How a bot chooses its friends.
BALANCE = "balance"        # ally against the greatest threat
BANDWAGON = "bandwagon"    # ally with the strongest, prey on the weak
FAITHFUL = "faithful"      # ally with the credible and stand by them
ALONE = "alone"            # no alliances of its own making


@dataclass(frozen=True)
class Personality:
    """The numbers behind one way of playing.

    ``attack_odds``: the least chance of winning (engine odds) for which it attacks a
    territory. ``war_appetite``: how readily it declares war on a power to take land
    (0 never, 1 whenever the odds are good). ``alignment``: how it picks partners.
    ``loyalty`` (0–1): the share of its obligations it means to meet; below 0.5 it breaks
    a pact once keeping it costs more than it brings. ``min_partner_credibility``: it
    declines pacts with powers whose word is worth less. ``peace_legitimacy``: it seeks
    peace once its legitimacy falls this low (or at once, for a dove). ``caution``: how
    much of a neighbour's force it fears as a threat before war is declared.
    """

    name: str
    attack_odds: float
    war_appetite: float
    alignment: str
    loyalty: float
    min_partner_credibility: int
    peace_legitimacy: int
    caution: float
    neutral_appetite: float = 1.0   # how readily it marches into neutral land
    offensive_pacts: bool = False   # proposes and joins offensive pacts
    pacts: bool = True              # False: proposes and accepts no pact but peace
    keeps_given: bool = True        # False: gives notice on every pact it is in
    # Reads the race for the win (ruleset 2): in a joint attack it sends enough to capture
    # the land itself rather than hand it to a power that would then stand above it.
    feeds_no_rival: bool = False


BALANCER = Personality("balancer", attack_odds=0.75, war_appetite=0.35, alignment=BALANCE,
                       loyalty=0.8, min_partner_credibility=45, peace_legitimacy=40,
                       caution=0.5, feeds_no_rival=True)
OPPORTUNIST = Personality("opportunist", attack_odds=0.7, war_appetite=0.7,
                          alignment=BANDWAGON, loyalty=0.3, min_partner_credibility=30,
                          peace_legitimacy=35, caution=0.4, offensive_pacts=True)
# Everyone starts at credibility 50: a loyal bot that asked for more would never find a
# partner in a game of newcomers.
LOYAL = Personality("loyal", attack_odds=0.8, war_appetite=0.25, alignment=FAITHFUL,
                    loyalty=1.0, min_partner_credibility=50, peace_legitimacy=35,
                    caution=0.5)
HAWK = Personality("hawk", attack_odds=0.6, war_appetite=1.0, alignment=BANDWAGON,
                   loyalty=0.6, min_partner_credibility=35, peace_legitimacy=30,
                   caution=0.3, offensive_pacts=True)
DOVE = Personality("dove", attack_odds=0.9, war_appetite=0.0, alignment=ALONE, loyalty=0.7,
                   min_partner_credibility=40, peace_legitimacy=100, caution=0.7,
                   neutral_appetite=0.5)

TABLE: dict[str, Personality] = {p.name: p for p in (BALANCER, OPPORTUNIST, LOYAL, HAWK, DOVE)}

# The names people choose from (start screen, create_match, --bots); the first is the
# default, which a seat whose personality is "" gets.
PERSONALITIES: tuple[str, ...] = tuple(TABLE)
DEFAULT_PERSONALITY = "balancer"

# Baseline players for measuring strength (casus simulate): not personalities of the bot.
RANDOM = "random"
HOLD = "hold"
BASELINES: tuple[str, ...] = (RANDOM, HOLD)

# A test player for measuring what diplomacy is worth: the balancer without its pacts
# (it signs peace, nothing else). Not offered to people.
LONER_PLAYER = replace(BALANCER, name="loner", pacts=False)
LONER = LONER_PLAYER.name
# The loner that also leaves the pacts the scenario gave it (notice on every one in its
# first turn), so it stands truly alone: on a map where every power starts in an alliance
# the loner keeps its bloc, and comparing it with the balancer measures only new pacts.
HERMIT_PLAYER = replace(LONER_PLAYER, name="hermit", keeps_given=False)
HERMIT = HERMIT_PLAYER.name
# Every player kind for measurement only (casus simulate --bots), beside the personalities.
TEST_PLAYERS: tuple[str, ...] = (LONER, HERMIT, RANDOM, HOLD)
_TEST_PERSONALITIES = {LONER: LONER_PLAYER, HERMIT: HERMIT_PLAYER}


def personality(name: str) -> Personality:
    """The personality of a name ("" is the default; the loner and hermit test players
    too); KeyError for an unknown name."""
    if name in _TEST_PERSONALITIES:
        return _TEST_PERSONALITIES[name]
    return TABLE[name or DEFAULT_PERSONALITY]
