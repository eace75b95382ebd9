"""The phases of a match's turn, as ``Match.phase`` and the lobby summary name them."""

PLANNING = "planning"   # talk, propose, order (in the negotiation or orders stage)
REVIEW = "review"       # adjudicated; the result waits for the umpire's release
OVER = "over"           # the game has been won; only talk and notes remain
