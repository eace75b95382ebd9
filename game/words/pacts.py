"""Pacts, proposals and powers in plain words, for the panels (pure text, no pygame).

The same sentences serve the pacts list, the inbox and the proposal form's preview, so a term
reads the same wherever a player meets it. Power and territory names come from a ``Names``.
"""

from __future__ import annotations

from typing import Any, Mapping

from game.words.narrate import KIND_WORDS, Names, join

Doc = Mapping[str, Any]


def kind_words(kind: str | None) -> str:
    """'defensive pact', 'peace treaty', ... (RULES.md §3 kinds)."""
    return KIND_WORDS.get(str(kind), "pact")


def pact_title(pact: Doc, names: Names) -> str:
    """A pact's name, or its kind and members when it has none: 'Defensive pact
    France–Britain', 'Offensive pact Germany–Italy against Poland'. Never its id (a seat's
    ids are opaque aliases); works for a proposal's terms too."""
    if pact.get("name"):
        return str(pact["name"])
    kind = kind_words(pact.get("kind"))
    title = kind[0].upper() + kind[1:]
    members = names.members(members_of(pact))
    if members:
        title += f" {members}"
    if pact.get("kind") == "offensive" and pact.get("target"):
        title += f" against {names.power(pact['target'])}"
    return title


def proposal_title(proposal: Doc, names: Names) -> str:
    """A proposal as a reader knows it: its terms' title ('Defensive pact France–Britain')."""
    return pact_title(proposal.get("terms") or {}, names)


def _turns(n: int) -> str:
    return f"{n} turn" if n == 1 else f"{n} turns"


def _notice(n: int) -> str:
    return "1 turn's notice" if n == 1 else f"{n} turns' notice"


def terms_brief(terms: Doc, names: Names, default_share: float = 0.2,
                default_truce: int = 4) -> str:
    """The terms after the kind and members on one line: '20% of forces · 1 turn's notice ·
    until ended · secret'."""
    kind = terms.get("kind")
    parts: list[str] = []
    if kind in ("defensive", "offensive"):
        share = terms.get("burden_share", default_share)
        parts.append(f"{round(float(share) * 100)}% of forces when engaged")
        for p, n in (terms.get("pledges") or {}).items():
            parts.append(f"{names.power(p)} pledges {n}")
    if kind == "peace":
        for tr in terms.get("transfers") or []:
            parts.append(f"{names.territory(tr.get('territory'))} to "
                         f"{names.power(tr.get('to'))}")
        parts.append(f"truce of {_turns(int(terms.get('truce', default_truce)))}")
    notice = int(terms.get("notice", 1))
    parts.append("leave at once" if notice == 0 else _notice(notice))
    duration = int(terms.get("duration", 0))
    parts.append("until ended" if duration == 0 else f"for {_turns(duration)}")
    if terms.get("integrated_command"):
        parts.append("integrated command")
    return " · ".join(parts)


def members_of(terms: Doc) -> list[str]:
    """The powers a pact or proposal binds (a peace treaty's two sides when it has no members)."""
    if terms.get("members"):
        return list(terms["members"])
    return [p for side in (terms.get("sides") or []) for p in side]


def who(terms: Doc, names: Names) -> str:
    """'Germany and Italy against Poland', 'France, Britain and Poland (against Germany)'."""
    kind = terms.get("kind")
    if kind == "peace" and terms.get("sides"):
        a, b = (list(s) for s in terms["sides"])
        return (f"{join(names.power(p) for p in a)} with "
                f"{join(names.power(p) for p in b)}")
    text = join(names.power(p) for p in members_of(terms))
    if kind == "offensive" and terms.get("target"):
        text += f" against {names.power(terms['target'])}"
    if kind == "defensive" and terms.get("against"):
        text += f", only against {join(names.power(p) for p in terms['against'])}"
    return text


def obligation(kind: str | None) -> str:
    """What the kind of pact obliges its members to do, in one sentence (RULES.md §3)."""
    return {
        "defensive": "Members go to war against anyone who attacks one of them.",
        "offensive": "Members go to war against the target when any member invokes it.",
        "non_aggression": "Members do not declare war on each other.",
        "peace": "Ends the war between the two sides, then binds them as a truce.",
    }.get(str(kind), "")


def burden_words(terms: Doc, names: Names, default_share: float = 0.2) -> str:
    """How much each member must commit while the pact is engaged."""
    if terms.get("kind") in ("non_aggression", "peace"):
        return ""
    share = terms.get("burden_share", default_share)
    text = f"Each member commits {round(float(share) * 100)}% of its forces when engaged"
    pledges = terms.get("pledges") or {}
    if pledges:
        parts = [f"{names.power(p)} {n}" for p, n in pledges.items()]
        text += f"; pledged units: {', '.join(parts)}"
    return text + "."


def term_lines(terms: Doc, names: Names, default_share: float = 0.2,
               default_truce: int = 4) -> list[str]:
    """Every term of a pact or proposal as short sentences, most important first."""
    kind = terms.get("kind")
    lines = [f"{kind_words(kind).capitalize()}: {who(terms, names)}."]
    burden = burden_words(terms, names, default_share)
    if burden:
        lines.append(burden)
    if kind == "peace":
        for tr in terms.get("transfers") or []:
            lines.append(f"{names.territory(tr.get('territory'))} passes to "
                         f"{names.power(tr.get('to'))}.")
        lines.append(f"Truce of {_turns(int(terms.get('truce', default_truce)))}.")
    notice = int(terms.get("notice", 1))
    lines.append("Members may leave at once." if notice == 0
                 else f"Leaving takes {_notice(notice)}.")
    duration = int(terms.get("duration", 0))
    lines.append("Lasts until ended." if duration == 0 else f"Lasts {_turns(duration)}.")
    if terms.get("integrated_command"):
        lines.append("Integrated command: the members' units fight as one force.")
    if terms.get("secret"):
        lines.append("Secret: hidden from others until it is triggered or invoked.")
    return lines


def credibility_record(power: Doc) -> str:
    """'kept 7 of 9', from a view's commitment record (RULES.md step 6)."""
    owed, kept = power.get("owed"), power.get("kept")
    if owed is None or kept is None:
        return "record unknown"
    if owed == 0:
        return "no promises yet"
    return f"kept {kept} of {owed}"


def pact_state(pact: Doc, names: Names) -> str:
    """Whether the pact is in force, fighting, or being left."""
    if pact.get("status") == "ended":
        return "Ended."
    parts = []
    engaged = pact.get("engaged_against") or []
    parts.append(f"Engaged against {join(names.power(p) for p in engaged)}." if engaged
                 else "Not engaged.")
    for member, turn in (pact.get("withdrawing") or {}).items():
        parts.append(f"{names.power(member)} leaves on turn {turn}.")
    if pact.get("since"):
        parts.append(f"Signed on turn {pact['since']}.")
    return " ".join(parts)


def proposal_status(proposal: Doc, names: Names, seat: str) -> str:
    """Who has accepted and whom it waits for, or how it ended."""
    status = proposal.get("status")
    if status == "signed":
        return "Signed: it takes effect when the turn is adjudicated."
    if status == "declined":
        by = proposal.get("by")
        return f"Declined by {names.power(by)}." if by else "Declined."
    if status == "withdrawn":
        return "Withdrawn by its proposer."
    accepted = list(proposal.get("accepted") or [])
    waiting = [p for p in members_of(proposal.get("terms") or proposal) if p not in accepted]
    text = f"Accepted by {join(names.power(p) for p in accepted)}"
    if waiting:
        if seat in waiting:
            others = [p for p in waiting if p != seat]
            text += "; awaiting your answer"
            if others:
                text += f" and {join(names.power(p) for p in others)}'s"
        else:
            text += f"; waiting for {join(names.power(p) for p in waiting)}"
    return text + "."


# The orders that name a pact, and the verb each is read with (decline: ruleset 2's standing
# answer to a call to arms under the pact).
PACT_ORDER_VERBS = {"invoke": "Invoke", "withdraw": "Withdraw from", "break": "Break",
                    "decline": "Decline a call under"}

# The orders that name another power as their target, and the verb each is read with.
POWER_ORDER_VERBS = {"declare_war": "Declare war on", "offer_peace": "Offer peace to"}


def order_words(order: Any, names: Names) -> str:
    """An order in words ('Move 10 units from Berlin to Warsaw'); anything malformed (a
    rejected order may be) is shown as it came."""
    if not isinstance(order, Mapping):
        return str(order)
    op = order.get("op")
    try:
        if op == "move":
            return (f"Move {order['n']} from {names.territory(order['from'])} to "
                    f"{names.territory(order['to'])}")
        if op == "build":
            return f"Build {order['n']} in {names.territory(order['territory'])}"
        if op == "transfer":
            return f"Give {order['amount']} IP to {names.power(order['to'])}"
        if op in POWER_ORDER_VERBS:
            return f"{POWER_ORDER_VERBS[op]} {names.power(order['target'])}"
        if op in PACT_ORDER_VERBS:
            return f"{PACT_ORDER_VERBS[op]} {names.pact(order['pact'])}"
    except (KeyError, TypeError):
        pass
    return ", ".join(f"{k}: {v}" for k, v in order.items()) or "an empty order"


# What each bot personality (game/bots/personality.py) is like, for the players.
PERSONALITY_WORDS = {
    "balancer": "allies against the greatest threat; wary of being dragged into others' wars",
    "opportunist": "sides with the strong, preys on the weak, keeps pacts loosely",
    "loyal": "allies only with those whose word holds, and keeps its own",
    "hawk": "quick to war and to offensive pacts",
    "dove": "joins no alliance and avoids war",
}


def personality_line(name: str) -> str:
    """A bot's personality in a line ("" is the default, the balancer)."""
    name = name or "balancer"
    words = PERSONALITY_WORDS.get(name)
    return f"Bot · {name}" + (f": {words}" if words else "")


def decline_cost_words(decline_cost: int) -> str:
    """What declining a call to arms costs (RULES.md §11.2), one line for the Pacts tab."""
    return (f"Declining keeps you out of the war, but puts a breach on your record and costs "
            f"{decline_cost} legitimacy.")


def call_answer_words(declining: bool) -> str:
    """The seat's standing answer to a call to arms under one pact this turn."""
    return ("You will decline if called to arms this turn." if declining
            else "You will honour a call to arms this turn and go to war.")
