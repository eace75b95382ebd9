"""Teams: several people sharing one power's seat.

The first person to take a power's seat is its **lead** (seat id = the power id). Others
join the team with ``join_team`` and get member ids ``RED.2``, ``RED.3``… Every member
sees what the power sees, talks on the team channel and edits the team's shared order
draft; the draft becomes the power's orders only when the lead signs it off. A player
alone is a team of one whose lead is that player, so their orders count at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_TEAM_SIZE = 12
MAX_ROLE_LENGTH = 40


@dataclass
class Member:
    """One team member other than the lead. ``token_hash`` is None once released."""

    id: str
    power: str
    role: str = ""
    name: str = ""
    token_hash: str | None = None

    def public(self) -> dict[str, Any]:
        """What everyone may know about the member (never the token)."""
        return {"id": self.id, "power": self.power, "role": self.role, "name": self.name}
