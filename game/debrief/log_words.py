"""Log events in words: one sentence per event of the match's event log.

The turn reports are told by ``game.words.narrate``; this module tells the rest of the
log (seats, chat, proposals, orders, umpire actions, and workshop events). It is one table,
``LOG_SENTENCES``, keyed by event type: to tell a new event type, add one entry. An event
type the table does not know is still told, generically, by its type and fields.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Mapping

from game.words.narrate import KIND_WORDS, Names, article, join
from game.words.pacts import pact_title
from game.engine.terms import pact_members

from .umpire_words import ADJUDICATION_REASONS, WORKSHOP_SENTENCES, acting, possessive, safe_order_text

Event = Mapping[str, Any]


# Fields that are bookkeeping, never worth a word; secrets are never told at all.
_QUIET_FIELDS = {"seq", "at", "type", "token", "password_hash", "password_salt", "umpire"}
MAX_FIELD_WORDS = 160   # characters of one field's value in a generic sentence


def _who(e: Event, names: Names, key: str = "seat") -> str:
    if e.get(key) == "spectator":
        return "A spectator"
    return acting(e, names, key)


def _quote(text: Any) -> str:
    return f"“{str(text).strip()}”"


def _channel(e: Event, names: Names) -> str:
    channel = [str(c) for c in e.get("channel", [])]
    if channel == ["public"]:
        return "everyone"
    if len(channel) == 1 and channel[0].startswith("team:"):
        return f"{possessive(names.power(channel[0][len('team:'):]))} team"
    if len(channel) == 1:
        return f"the channel {channel[0]}"
    return join(names.power(p) for p in channel)


def _proposed(e: Event, names: Names) -> str:
    terms = e.get("terms") or {}
    kind = KIND_WORDS.get(str(terms.get("kind")), "pact")
    try:
        members = [m for m in pact_members(terms) if m != e.get("seat")]
    except (TypeError, KeyError, AttributeError):
        members = []
    named = f" “{terms['name']}”" if terms.get("name") else ""
    target = f" against {names.power(terms['target'])}" if terms.get("target") else ""
    return (f"{_who(e, names)} proposed {article(kind)} {kind}{named}{target} to "
            f"{join(names.power(m) for m in members)}.")


def _proposal(e: Event, names: Names) -> str:
    """'the proposal “Defensive pact France–Britain”' (its title, not its id), or the bare
    id when the proposal's terms are not in the log."""
    terms = names.proposals.get(str(e.get("proposal")))
    return f"the proposal “{pact_title(terms, names)}”" if terms else f"proposal {e.get('proposal')}"


def orders_sentence(e: Event, names: Names) -> str:
    orders = list(e.get("orders") or [])
    if not orders:
        gave = "signed off an empty draft" if e.get("signed_off") else "gave no orders"
        return f"{_who(e, names)} {gave} (all units hold)."
    texts = [safe_order_text(o) for o in orders]
    gave = "signed off its team's draft of" if e.get("signed_off") else "gave"
    return f"{_who(e, names)} {gave} {len(orders)} order{'s' if len(orders) != 1 else ''}: " \
           f"{'; '.join(texts)}."


def _deadline(e: Event, names: Names) -> str:
    if e.get("deadline_at") is None:
        return "The umpire removed this turn's deadline."
    return f"The umpire moved this turn's deadline to {e['deadline_at']:g} s."


LOG_SENTENCES: dict[str, Callable[[Event, Names], str]] = {
    "joined": lambda e, n: (f"{e.get('name') or 'A player'} took the seat of "
                            f"{n.power(e.get('seat'))}"
                            + (f" as {e['role']}." if e.get("role") else ".")),
    "chat": lambda e, n: f"{_who(e, n)} to {_channel(e, n)}: {_quote(e.get('text'))}",
    "proposed": _proposed,
    "accepted": lambda e, n: f"{_who(e, n)} accepted {_proposal(e, n)}.",
    "declined": lambda e, n: f"{_who(e, n)} declined {_proposal(e, n)}.",
    "withdrawn": lambda e, n: f"{_who(e, n)} withdrew {_proposal(e, n)}.",
    "orders": orders_sentence,
    "ready": lambda e, n: (f"{_who(e, n)} is ready." if e.get("ready")
                           else f"{_who(e, n)} is no longer ready."),
    "deadline": _deadline,
    # Workshop mode, and the umpire's actions (docs/WORKSHOP.md): see umpire_words.
    **WORKSHOP_SENTENCES,
}

# Log events the timeline leaves out: bookkeeping, or told in a section of their own.
NOT_IN_TIMELINE = frozenset({"created", "joined", "member_joined", "chat", "accepted",
                             "orders", "draft", "ready", "deadline", "warned", "adjudicated",
                             "intent", "insight", "proposed"})

__all__ = ["ADJUDICATION_REASONS", "LOG_SENTENCES", "NOT_IN_TIMELINE", "generic_sentence",
           "log_sentence", "orders_sentence"]


def _field_words(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= MAX_FIELD_WORDS else text[:MAX_FIELD_WORDS - 1] + "…"


def generic_sentence(event: Event, names: Names) -> str:
    """An event of a type nobody taught this module: its type and its fields, in words."""
    kind = str(event.get("type", "event")).replace("_", " ")
    fields = [f"{k.replace('_', ' ')}: {_field_words(v)}" for k, v in event.items()
              if k not in _QUIET_FIELDS]
    head = kind[:1].upper() + kind[1:]
    return f"{head} — {'; '.join(fields)}." if fields else f"{head}."


def log_sentence(event: Event, names: Names) -> str:
    """One sentence for one log event (an unknown type is told generically)."""
    say = LOG_SENTENCES.get(str(event.get("type")))
    if say is None:
        return generic_sentence(event, names)
    try:
        return say(event, names)
    except (TypeError, ValueError, KeyError, AttributeError):
        # A known type with unexpected fields (a newer writer): fall back, never fail.
        return generic_sentence(event, names)
