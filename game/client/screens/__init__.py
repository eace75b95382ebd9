"""The screens of the client: start, game, hand-off, war outcomes, match over.

Each is an ``app.Scene``. ``game.GameScreen`` is shared by hot-seat and online play.
"""
