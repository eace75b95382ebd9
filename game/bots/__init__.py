"""Bot players. They use the same interfaces as people do: in-process through the
``Match`` (``driver.play_bot_seats``) and over the network (``network``). Every decision is
a pure function of what the seat sees (``decide.decide``), so both decide identically.

Modules: ``personality`` (the ways of playing), ``board`` (a seat's view as arrays),
``appraisal`` (threats, strengths, odds), ``diplomacy`` (pacts, answers, chat),
``orders`` (war, movement, builds), ``conduct`` (the word a bot keeps in negotiating),
``decide`` (one turn's decision), ``driver`` (bot seats of a Match), ``baselines``
(random and hold players), ``network`` (``casus bot``), ``simulate`` and ``research``
(``casus simulate`` and the alliance figures it counts).
"""

from .personality import BASELINES, DEFAULT_PERSONALITY, PERSONALITIES

__all__ = ["BASELINES", "DEFAULT_PERSONALITY", "PERSONALITIES"]
