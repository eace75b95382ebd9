"""What a seat knows of the workshop side of its match, folded from the messages it receives.

``MatchModel`` (game/client/model.py) keeps the game: the view, orders, chat, proposals and
reports. The workshop adds more (docs/PROTOCOL.md §10): the clock's pause and warning, the
planning stage, a result under review, the dashboard, injects, edits of the world, the
players' intents and insights, role tokens, channels and forks. ``WorkshopFeed`` keeps
those, from the snapshot's extra keys and every later reply and push, and counts a
``version`` so a panel knows when to draw itself again.

A panel reaches the feed of its connection with ``feed_of(ctx.conn, ctx.model)``. The game
screen drains ``conn.poll()`` and forwards only the model's changes to its panels, so the
first call taps the connection's ``poll``: every message still goes to the screen, and the
feed sees it on the way. (A hook of the game screen's own that forwards raw messages would
make the tap unnecessary; see docs/CONSOLE.md.)

Pure Python, no pygame: the tests and a text console can use it too.
"""

from __future__ import annotations

import copy
import weakref
from dataclasses import dataclass
from typing import Any, Callable

# The parts of the feed a message can change (``apply``'s answer).
CLOCK = "clock"
REVIEW = "review"
DASHBOARD = "dashboard"
NOTES = "notes"
INJECTS = "injects"
EDITS = "edits"
HISTORY = "history"
ROLES = "roles"
CHANNELS = "channels"
ANSWERS = "answers"
BRIEFS = "briefs"       # the scenario's briefs this seat may read

MAX_KEPT = 200      # injects, edits and answers kept for the console's lists


@dataclass(frozen=True)
class Answer:
    """The match's answer to one request: ``ok`` (or the request's own reply) or an error."""

    rid: Any
    ok: bool
    of: str            # the command it answers ("" when the reply does not say)
    message: str       # the error's sentence, or ""
    reply: dict[str, Any]


class WorkshopFeed:
    """The workshop side of one seat's match (see the module docstring)."""

    def __init__(self, seat: str = "") -> None:
        self.seat = seat
        self.version = 0
        self.turn = 0
        self.label = ""
        self.phase = "planning"
        self.deadline_at: float | None = None
        self.paused = False
        self.remaining: float | None = None
        self.warning: float | None = None
        self.warned_at: float | None = None      # the deadline the last warning was for
        self.stage = "orders"
        self.review_on = False
        self.takeover: dict[str, str] | None = None   # power -> bot personality, when on
        self.pending: dict[str, Any] | None = None
        self.review_since: float | None = None    # when the result under review was held
        self.released_since: float | None = None  # the last result's review_since, if it
                                                  # was reviewed (None: it was not)
        self.dashboard: dict[str, Any] | None = None
        self.intents: list[dict[str, Any]] = []
        self.insights: list[dict[str, Any]] = []
        self.injects: list[dict[str, Any]] = []
        self.inject_count = 0                 # injects heard in all (the list keeps the last)
        self.edits: list[dict[str, Any]] = []
        self.forks: list[dict[str, Any]] = []
        self.tokens: list[dict[str, Any]] = []
        self.channels: dict[str, dict[str, Any]] = {}
        self.observers_see_all = False
        self.feedback: dict[str, str] = {}
        self.briefs: dict[str, str] = {}          # brief id (public, a power) -> Markdown
        self.reissued: list[str] = []             # briefs the umpire reissued, as heard
        self.answers: dict[Any, Answer] = {}
        self.last_error: Answer | None = None
        self.listeners: list[Callable[[dict[str, Any], frozenset[str]], None]] = []

    # --- starting from a snapshot ----------------------------------------------------------

    def load_snapshot(self, snap: dict[str, Any]) -> None:
        """Start again from a ``joined`` snapshot (or a ``MatchModel``'s extra keys merged
        with its own fields)."""
        self.turn = snap.get("turn", self.turn)
        self.label = snap.get("label", self.label)
        self.phase = snap.get("phase", self.phase)
        self.deadline_at = snap.get("deadline_at")
        self.paused = bool(snap.get("paused", False))
        self.remaining = snap.get("remaining")
        self.warning = snap.get("warning")
        self.stage = snap.get("stage", "orders")
        self.review_on = bool(snap.get("review", False))
        self.takeover = copy.deepcopy(snap.get("takeover"))
        pending = snap.get("pending")
        self.pending = copy.deepcopy(pending) if pending else None
        self.intents = copy.deepcopy(snap.get("intents", []))
        self.insights = copy.deepcopy(snap.get("insights", []))
        self.channels = {c["id"]: copy.deepcopy(c) for c in snap.get("channels", [])}
        self.feedback = dict(snap.get("feedback", {}))
        self.briefs = dict(snap.get("briefs", {}))
        self.review_since = snap.get("review_since")
        self.version += 1

    @classmethod
    def from_model(cls, model: Any) -> "WorkshopFeed":
        """A feed for a ``MatchModel`` already built (its snapshot's workshop keys are in
        ``model.extra``)."""
        feed = cls(model.seat)
        feed.load_snapshot({**model.extra, "turn": model.turn, "label": model.label,
                            "phase": model.phase, "deadline_at": model.deadline_at})
        return feed

    # --- folding in messages ----------------------------------------------------------------

    def apply(self, message: dict[str, Any]) -> frozenset[str]:
        """Fold one reply or push in; returns the parts it changed."""
        handler = _FOLD.get(str(message.get("type")))
        changed = frozenset(handler(self, copy.deepcopy(message)) if handler else ())
        if changed:
            self.version += 1
            for listener in list(self.listeners):
                listener(message, changed)
        return changed

    def _answer(self, m: dict[str, Any], ok: bool, message: str = "") -> set[str]:
        if m.get("rid") is None:
            return set()
        answer = Answer(m["rid"], ok, str(m.get("of", m.get("type", ""))), message, m)
        self.answers[m["rid"]] = answer
        if len(self.answers) > MAX_KEPT:
            self.answers.pop(next(iter(self.answers)))
        if not ok:
            self.last_error = answer
        return {ANSWERS}

    def _on_joined(self, m: dict[str, Any]) -> set[str]:
        self.seat = m.get("seat", self.seat)
        self.load_snapshot(m["snapshot"])
        return {CLOCK, REVIEW, NOTES, CHANNELS, HISTORY, BRIEFS}

    def _on_snapshot(self, m: dict[str, Any]) -> set[str]:
        self.load_snapshot(m["snapshot"])
        return {CLOCK, REVIEW, NOTES, CHANNELS, HISTORY}

    def _on_error(self, m: dict[str, Any]) -> set[str]:
        return self._answer(m, False, str(m.get("message", "")))

    def _on_ok(self, m: dict[str, Any]) -> set[str]:
        changed = self._answer(m, True)
        of = m.get("of")
        if of == "role_token":
            self.tokens.append({k: m.get(k) for k in ("role", "label", "token")})
            changed.add(ROLES)
        elif of == "set_review":
            self.review_on = bool(m.get("review"))
            changed.add(REVIEW)
        elif of == "set_bot_takeover":
            self.takeover = m.get("takeover")
            changed.add(CLOCK)
        return changed

    def _on_clock(self, m: dict[str, Any]) -> set[str]:
        self.turn = m.get("turn", self.turn)
        self.deadline_at = m.get("deadline_at")
        self.paused = bool(m.get("paused"))
        self.remaining = m.get("remaining")
        self.warning = m.get("warning")
        self.stage = m.get("stage", self.stage)
        return {CLOCK}

    def _on_deadline(self, m: dict[str, Any]) -> set[str]:
        self.deadline_at = m.get("deadline_at")
        return {CLOCK}

    def _on_deadline_warning(self, m: dict[str, Any]) -> set[str]:
        self.warned_at = m.get("deadline_at")
        return {CLOCK}

    def _on_review(self, m: dict[str, Any]) -> set[str]:
        self.pending = m
        self.phase = "review"
        return {REVIEW}

    def _on_under_review(self, m: dict[str, Any]) -> set[str]:
        # Every seat hears that a result waits for the umpire (never the result itself).
        self.phase = "review"
        self.review_since = m.get("since")
        return {REVIEW, CLOCK}

    def _on_review_set(self, m: dict[str, Any]) -> set[str]:
        self.review_on = bool(m.get("on"))
        return {REVIEW}

    def _on_turn_result(self, m: dict[str, Any]) -> set[str]:
        self.pending = None
        self.released_since, self.review_since = self.review_since, None
        self.phase = "planning"
        self.turn = m.get("turn", self.turn)
        self.label = m.get("label", self.label)
        self.deadline_at = m.get("deadline_at")
        self.warned_at = None
        if "feedback" in m:
            self.feedback = dict(m.get("feedback") or {})
        return {REVIEW, CLOCK, HISTORY}

    def _on_match_over(self, m: dict[str, Any]) -> set[str]:
        self.phase = "over"
        return {CLOCK, HISTORY}

    def _on_dashboard(self, m: dict[str, Any]) -> set[str]:
        changed = self._answer(m, True)
        self.dashboard = m
        self.phase = m.get("phase", self.phase)
        self.stage = m.get("stage", self.stage)
        return changed | {DASHBOARD}

    def _on_intent(self, m: dict[str, Any]) -> set[str]:
        m.pop("type")
        self.intents.append(m)
        return {NOTES}

    def _on_insight(self, m: dict[str, Any]) -> set[str]:
        m.pop("type")
        self.insights.append(m)
        return {NOTES}

    def _on_brief(self, m: dict[str, Any]) -> set[str]:
        self.briefs[m["brief"]] = m["text"]
        self.reissued.append(m["brief"])
        return {BRIEFS}

    def _on_inject(self, m: dict[str, Any]) -> set[str]:
        self.injects = [*self.injects[-(MAX_KEPT - 1):], m]
        self.inject_count += 1
        return {INJECTS}

    def _on_world_edited(self, m: dict[str, Any]) -> set[str]:
        self.edits = [*self.edits[-(MAX_KEPT - 1):], m]
        return {EDITS}

    def _on_view(self, m: dict[str, Any]) -> set[str]:
        self.turn = m.get("turn", self.turn)
        self.label = m.get("label", self.label)
        if m.get("cause") == "rollback":
            self.pending = None
            self.phase = "planning"
            return {HISTORY, REVIEW}
        return set()

    def _on_forked(self, m: dict[str, Any]) -> set[str]:
        changed = self._answer(m, True)
        if m.get("umpire_token"):       # the reply (the push has no token)
            self.forks.append({k: m.get(k) for k in ("match", "turn", "umpire_token")}
                              | {"name": (m.get("summary") or {}).get("name", "")})
        return changed | {HISTORY}

    def _on_channel(self, m: dict[str, Any]) -> set[str]:
        m.pop("type")
        self.channels[m["id"]] = m
        return {CHANNELS}

    def _on_observer_access(self, m: dict[str, Any]) -> set[str]:
        self.observers_see_all = bool(m.get("full"))
        return {ROLES}

    # --- reading ----------------------------------------------------------------------------

    def seconds_left(self, now: float) -> float | None:
        """Seconds until the deadline (the time kept while paused), or None for none."""
        if self.paused:
            return self.remaining
        if self.deadline_at is None:
            return None
        return max(0.0, self.deadline_at - now)

    def in_warning(self, now: float) -> bool:
        """Whether the countdown is inside the warning threshold."""
        left = self.seconds_left(now)
        return left is not None and self.warning is not None and left <= self.warning

    def my_notes(self, kind: str, power: str) -> list[dict[str, Any]]:
        """``intent`` or ``insight`` notes of ``power``'s team, oldest first."""
        notes = self.intents if kind == "intent" else self.insights
        return [n for n in notes if n.get("seat") == power]


# --- the tap ---------------------------------------------------------------------------------

_FEEDS: "weakref.WeakKeyDictionary[Any, WorkshopFeed]" = weakref.WeakKeyDictionary()


def feed_of(conn: Any, model: Any = None) -> WorkshopFeed:
    """The workshop feed of ``conn``, made (and the connection tapped) on first use; a
    ``model`` seeds it with what the snapshot already said."""
    feed = getattr(conn, "_workshop_feed", None) or _FEEDS.get(conn)
    if feed is not None:
        return feed
    feed = WorkshopFeed.from_model(model) if model is not None else WorkshopFeed(
        getattr(conn, "seat", "") or "")
    poll = conn.poll

    def tapped_poll() -> list[dict[str, Any]]:
        messages = poll()
        for message in messages:
            feed.apply(message)
        return messages

    conn.poll = tapped_poll
    try:
        conn._workshop_feed = feed
    except AttributeError:      # a connection with __slots__: remember it aside
        _FEEDS[conn] = feed
    return feed


def send_and_note(conn: Any, message: dict[str, Any]) -> Any:
    """Send a request and return its rid, or None when the connection is closed."""
    try:
        return conn.send(message)
    except Exception:       # a closed connection: the caller shows that nothing went
        return None


# Each message type the feed folds in and its method, named rather than found by an f-string.
_FOLD: dict[str, Callable[[WorkshopFeed, dict[str, Any]], set[str]]] = {
    "joined": WorkshopFeed._on_joined,
    "snapshot": WorkshopFeed._on_snapshot,
    "error": WorkshopFeed._on_error,
    "ok": WorkshopFeed._on_ok,
    "clock": WorkshopFeed._on_clock,
    "deadline": WorkshopFeed._on_deadline,
    "deadline_warning": WorkshopFeed._on_deadline_warning,
    "review": WorkshopFeed._on_review,
    "review_set": WorkshopFeed._on_review_set,
    "turn_result": WorkshopFeed._on_turn_result,
    "match_over": WorkshopFeed._on_match_over,
    "dashboard": WorkshopFeed._on_dashboard,
    "intent": WorkshopFeed._on_intent,
    "insight": WorkshopFeed._on_insight,
    "inject": WorkshopFeed._on_inject,
    "world_edited": WorkshopFeed._on_world_edited,
    "view": WorkshopFeed._on_view,
    "forked": WorkshopFeed._on_forked,
    "channel": WorkshopFeed._on_channel,
    "observer_access": WorkshopFeed._on_observer_access,
    "under_review": WorkshopFeed._on_under_review,
    "brief": WorkshopFeed._on_brief,
}
