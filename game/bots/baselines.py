"""The baseline players ``casus simulate`` measures the bot against: ``hold`` (no orders:
every unit holds) and ``random`` (random legal-looking orders from random_orders, the
same generator the engine's property tests use)."""

from __future__ import annotations

from typing import Any

import numpy as np

from game.engine import State

from .personality import HOLD, RANDOM
from .random_orders import random_orders


def baseline_orders(kind: str, state: State, power: str, seed: int) -> list[dict[str, Any]]:
    """The orders of a baseline player of ``kind`` for ``power`` this turn."""
    if kind == HOLD:
        return []
    if kind == RANDOM:
        p = state.scenario.power_index[power]
        rng = np.random.default_rng([seed, state.turn, p, 7])
        # Only its own stacks: what other powers hold must not steer even a random player.
        own = state.copy()
        keep = own.forces[:, p].copy()
        own.forces[:] = 0
        own.forces[:, p] = keep
        return [o for o in random_orders(own, rng, garbage=0.0)[power] if isinstance(o, dict)]
    raise KeyError(kind)
