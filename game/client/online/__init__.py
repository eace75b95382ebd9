"""Online play (docs/ONLINE.md): the seats a player remembers, and the flow from the lobby to
the game screen over a ``WebSocketConnection`` (game/client/net.py).

``seats`` keeps seat tokens in a small JSON file so a player can rejoin after closing the
client; ``flow`` opens the lobby, joins, fetches the map and hands over to the same game
screen hot-seat play uses (or the umpire's console, or the projector)."""
