"""Workshop-mode log events in words (docs/WORKSHOP.md, "The log: events for the debrief").

One function per event type, collected in ``WORKSHOP_SENTENCES`` (merged into
``log_words.LOG_SENTENCES``). The report is for the umpire and analysts, so rationales,
amended orders and feedback are told in full; a role token is told by its id, role and
label, never by the token (the log holds only its hash, and that is never told either).
"""

from __future__ import annotations

import json
from typing import Any, Callable, Mapping

from game.words.narrate import Names, article, join
from game.engine import order_text

Event = Mapping[str, Any]

STAGE_WORDS = {"negotiation": "the negotiation window (talks only, no orders)",
               "orders": "orders"}
CHANNEL_KIND_WORDS = {"plenary": "plenary", "press": "press", "team": "team",
                      "bilateral": "bilateral", "group": "group"}
INJECT_KIND_WORDS = {"announcement": "announcement", "economic_crisis": "economic crisis",
                     "scandal": "scandal", "leak": "leak", "border_incident": "border incident"}


ADJUDICATION_REASONS = {
    "all_ready": "every seat was ready",
    "deadline": "the deadline passed",
    "umpire": "the umpire ended planning",
}


def quote(text: Any) -> str:
    return f"“{str(text).strip()}”"


def possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


def acting(e: Event, names: Names, key: str = "seat") -> str:
    """Who acted: the umpire, or a power, with the team member's seat when not the lead."""
    seat = e.get(key)
    if seat == "umpire":
        return "The umpire"
    who = names.power(seat)
    member = e.get("member")
    return f"{who} ({member})" if member else who


def rationale(e: Event) -> str:
    why = e.get("rationale")
    return f" Rationale: {quote(why)}" if why else " No rationale was given."


def safe_order_text(order: Any) -> str:
    try:
        return order_text(order)
    except Exception:  # an order this version cannot spell: show its JSON
        return json.dumps(order, ensure_ascii=False)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --- teams and seats --------------------------------------------------------------------

def _member_joined(e: Event, n: Names) -> str:
    role = f" as {e['role']}" if e.get("role") else ""
    return (f"{e.get('name') or 'A player'} joined {possessive(n.power(e.get('seat')))} team"
            f"{role} (seat {e.get('member')}).")


def _released(e: Event, n: Names) -> str:
    seat = str(e.get("seat"))
    if "." in seat:   # a member's seat, RED.2
        power = seat.split(".", 1)[0]
        return f"The umpire released seat {seat} of {possessive(n.power(power))} team."
    return f"The umpire released the seat of {n.power(seat)}."


def _draft(e: Event, n: Names) -> str:
    orders = list(e.get("orders") or [])
    texts = "; ".join(safe_order_text(o) for o in orders)
    body = f"{_count(len(orders), 'order')}: {texts}" if orders else "no orders"
    return f"{acting(e, n)} drafted {body} for its team."


def _seat_to_bot(e: Event, n: Names) -> str:
    bot = f"a {e['personality']} bot" if e.get("personality") else "a bot"
    return (f"{n.power(e.get('seat'))} had no orders at the deadline: {bot} took over its "
            "seat.")


def _role_token(e: Event, n: Names) -> str:
    label = f" labelled {quote(e['label'])}" if e.get("label") else ""
    role = str(e.get("role"))
    return f"The umpire made {e.get('id')}, {article(role)} {role} token{label}."


def _observer_access(e: Event, n: Names) -> str:
    return ("The umpire let observers see everything." if e.get("full")
            else "The umpire limited observers to the public view.")


def _takeover_set(e: Event, n: Names) -> str:
    takeover = e.get("takeover")
    if takeover is None:
        return "The umpire stopped bots from taking over idle seats."
    return (f"The umpire let bots take over the seats of "
            f"{join(n.power(p) for p in takeover)} when they have no orders at the deadline.")


# --- the clock and the stages -----------------------------------------------------------

def _seconds(x: Any) -> str:
    f = abs(float(x))
    return f"{int(f)} s" if f.is_integer() else f"{f:.1f} s"


def _clock_adjusted(e: Event, n: Names) -> str:
    seconds = float(e.get("seconds", 0))
    how = "extended" if seconds >= 0 else "shortened"
    return f"The umpire {how} the deadline by {_seconds(seconds)}."


def _warning_set(e: Event, n: Names) -> str:
    if e.get("seconds") is None:
        return "The umpire removed the deadline warning."
    return f"The umpire set a warning {_seconds(e['seconds'])} before each deadline."


def _stage(e: Event, n: Names) -> str:
    stage = STAGE_WORDS.get(str(e.get("stage")), str(e.get("stage")))
    every = " (every turn from now on)" if e.get("every_turn") else ""
    return f"The umpire opened {stage}{every}."


def _channel_set(e: Event, n: Names) -> str:
    c = e.get("channel") or {}
    title = f"{c.get('id')}" + (f" ({c['name']})" if c.get("name") else "")
    if not c.get("stages"):
        return f"The umpire closed the channel {title}."
    kind = CHANNEL_KIND_WORDS.get(str(c.get("kind")), str(c.get("kind")))
    members = ("everyone" if c.get("kind") in ("plenary", "press")
               else join(n.power(p) for p in c.get("members") or []))
    writers = c.get("writers")
    who = "" if writers is None else f"; only {join(n.power(p) for p in writers)} may write"
    hidden = ", authors hidden" if c.get("kind") == "press" else ""
    stages = " and ".join(str(s) for s in c["stages"])
    return (f"The umpire set up the {kind} channel {title} for {members}{hidden}, open "
            f"during {stages}{who}.")


# --- review before release ----------------------------------------------------------------

def _adjudicated(e: Event, n: Names) -> str:
    why = ADJUDICATION_REASONS.get(e.get("reason"), e.get("reason"))
    if e.get("review"):
        return f"The turn was adjudicated ({why}) and held for the umpire's review."
    return f"The turn was adjudicated: {why}."


def _review_set(e: Event, n: Names) -> str:
    return ("The umpire turned review before release on." if e.get("on")
            else "The umpire turned review before release off.")


def _order_amended(e: Event, n: Names) -> str:
    power = possessive(n.power(e.get("power")))
    number = int(e.get("index", 0)) + 1
    if e.get("order") is None:
        what = f"skipped {power} order {number}"
    else:
        what = f"set {power} order {number} to {safe_order_text(e['order'])}"
    return f"Under review, the umpire {what}.{rationale(e)}"


def feedback_words(feedback: Mapping[str, str], n: Names) -> str:
    return "; ".join(f"to {n.power(p)}: {quote(t)}" for p, t in feedback.items())


def _result_released(e: Event, n: Names) -> str:
    feedback = e.get("feedback") or {}
    if not feedback:
        return "The umpire released the result, without feedback."
    return f"The umpire released the result, with feedback {feedback_words(feedback, n)}"


# --- the world ------------------------------------------------------------------------------

def _units(e: Mapping[str, Any], n: Names) -> str:
    count = e.get("n")
    plural = "s" if count != 1 else ""
    if e.get("power") == "neutral":
        return f"{count} neutral unit{plural}"
    return f"{count} unit{plural} of {n.power(e.get('power'))}"


EDIT_WORDS: dict[str, Callable[[Mapping[str, Any], Names], str]] = {
    "move_units": lambda d, n: (f"moved {_units(d, n)} from {n.territory(d.get('from'))} to "
                                f"{n.territory(d.get('to'))}"),
    "remove_units": lambda d, n: f"removed {_units(d, n)} from {n.territory(d.get('territory'))}",
    "add_units": lambda d, n: f"added {_units(d, n)} in {n.territory(d.get('territory'))}",
    "set_owner": lambda d, n: (f"gave {n.territory(d.get('territory'))} to "
                               f"{n.power(d.get('owner'))}"),
    "set_legitimacy": lambda d, n: (f"set {possessive(n.power(d.get('power')))} legitimacy "
                                    f"to {d.get('value')}"),
    "set_record": lambda d, n: (f"set {possessive(n.power(d.get('power')))} credibility "
                                f"record to {d.get('kept')} kept of {d.get('owed')} owed"),
    "set_treasury": lambda d, n: (f"set {possessive(n.power(d.get('power')))} treasury to "
                                  f"{d.get('value')}"),
    "end_pact": lambda d, n: f"ended {n.pact(d.get('pact'))}",
    "reveal_pact": lambda d, n: f"revealed {n.pact(d.get('pact'))}",
    "declare_peace": lambda d, n: (f"declared peace between "
                                   f"{join(n.power(p) for p in d.get('between') or [])}"),
}


def edit_words(edit: Any, n: Names) -> str:
    """What a world edit did, as a verb phrase ("set Redland's treasury to 12")."""
    if isinstance(edit, Mapping):
        say = EDIT_WORDS.get(str(edit.get("kind")))
        if say is not None:
            return say(edit, n)
    return f"made the edit {json.dumps(edit, ensure_ascii=False)}"


def _world_edited(e: Event, n: Names) -> str:
    return f"The umpire edited the world: {edit_words(e.get('edit'), n)}.{rationale(e)}"


def _inject(e: Event, n: Names) -> str:
    from game.world_edits.injects import inject_text

    inject = dict(e.get("inject") or {})
    kind = INJECT_KIND_WORDS.get(str(inject.get("kind")), str(inject.get("kind")))
    source = "scripted in the scenario" if e.get("source") == "scenario" else "from the umpire"
    targets = inject.get("targets")
    to = "everyone" if targets == "all" else join(n.power(p) for p in targets or [])
    title = f" {quote(inject['title'])}" if inject.get("title") else ""
    return (f"Inject ({kind}, {source}, to {to}){title}: "
            f"{quote(inject_text(inject, {p: n.power(p) for p in n.powers}))}")


# --- rollback and fork ----------------------------------------------------------------------

def _rolled_back(e: Event, n: Names) -> str:
    return f"The umpire rolled the match back to the start of turn {e.get('turn')}."


def _forked(e: Event, n: Names) -> str:
    return (f"The umpire forked a new match, {e.get('match')}, from the start of turn "
            f"{e.get('turn')}.")


def _created(e: Event, n: Names) -> str:
    head = f"The match “{e.get('name')}” was created (seed {e.get('seed')})"
    fork = e.get("forked_from")
    if isinstance(fork, Mapping):
        return (f"{head}, forked from match {fork.get('match')} at the start of turn "
                f"{fork.get('turn')}.")
    return head + "."


# --- players' notes -------------------------------------------------------------------------

def _intent(e: Event, n: Names) -> str:
    return f"{acting(e, n)} stated its intent for turn {e.get('turn')}: {quote(e.get('text'))}"


def _insight(e: Event, n: Names) -> str:
    return f"Insight noted by {acting(e, n)}: {quote(e.get('text'))}"


WORKSHOP_SENTENCES: dict[str, Callable[[Event, Names], str]] = {
    "created": _created,
    "member_joined": _member_joined,
    "released": _released,
    "draft": _draft,
    "paused": lambda e, n: "The umpire paused the clock.",
    "resumed": lambda e, n: "The umpire restarted the clock.",
    "clock_adjusted": _clock_adjusted,
    "warning_set": _warning_set,
    "warned": lambda e, n: "Everyone was warned that the deadline was near.",
    "stage": _stage,
    "channel_set": _channel_set,
    "role_token": _role_token,
    "role_revoked": lambda e, n: f"The umpire revoked role token {e.get('id')}.",
    "observer_access": _observer_access,
    "seat_to_bot": _seat_to_bot,
    "adjudicated": _adjudicated,
    "review_set": _review_set,
    "takeover_set": _takeover_set,
    "order_amended": _order_amended,
    "result_released": _result_released,
    "world_edited": _world_edited,
    "inject": _inject,
    "rolled_back": _rolled_back,
    "forked": _forked,
    "intent": _intent,
    "insight": _insight,
}


# Events only the umpire's commands write (the export's role column says "umpire").
UMPIRE_ACTIONS = frozenset({"released", "deadline", "paused", "resumed", "clock_adjusted",
                            "warning_set", "stage", "channel_set", "role_token",
                            "role_revoked", "observer_access", "review_set", "takeover_set",
                            "order_amended", "result_released", "world_edited",
                            "rolled_back", "forked"})
