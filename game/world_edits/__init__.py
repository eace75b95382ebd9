"""The umpire's injects and edits of the world: pure transforms of an engine State.

They sit just above the engine and below the maps and the match, so the scenario checker
(game.maps) and the match's umpire (game.match) share one definition of each without the
maps loading the match.
"""
