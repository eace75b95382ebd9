"""The bounds of a match's clock: every deadline, warning and change of deadline is a finite
number of seconds within ``MAX_SECONDS`` (docs/PROTOCOL.md, "Limits").

Commands refuse anything else; the fold also repairs a value outside the bounds that an
older version stored (``adjust_deadline 1e308`` twice made a deadline of infinity, which
every client then failed to show), so such a match loads with its deadline at the bound.
"""

from __future__ import annotations

import math
from typing import Any

MAX_SECONDS = 30 * 24 * 3600.0   # thirty days


def within(seconds: Any) -> bool:
    """Whether ``seconds`` is a finite number no further than MAX_SECONDS from zero."""
    return (isinstance(seconds, (int, float)) and not isinstance(seconds, bool)
            and math.isfinite(seconds) and abs(seconds) <= MAX_SECONDS)


def repaired_span(seconds: float | None) -> float | None:
    """A stored span of seconds (a deadline, a warning, the time left) brought within the
    bounds; one that is not a number at all (NaN) is dropped."""
    if seconds is None or seconds != seconds:
        return None
    return max(-MAX_SECONDS, min(MAX_SECONDS, seconds))


def repaired_at(at: float | None, now: float) -> float | None:
    """A stored time (a deadline) brought within MAX_SECONDS of ``now``, the time of the
    event that set it."""
    if at is None or at != at:
        return None
    return max(now - MAX_SECONDS, min(now + MAX_SECONDS, at))
