"""The websockets host (docs/ARCHITECTURE.md): connections, lobby, seat tokens, deadlines,
storage. The matches themselves live in ``game.match``; this package only carries them."""
