"""Pact terms (RULES.md §3): checking a proposal and filling in the defaults.

A proposal, a scenario's ``[[pacts]]`` entry and the ``signed`` list given to ``adjudicate``
all use the same plain-dict form, so one checker serves the match, the map checker and the
engine alike.
"""

from __future__ import annotations

from typing import Any, Callable, Collection, Iterable

from .params import Rules

PACT_KINDS: tuple[str, ...] = ("defensive", "offensive", "non_aggression", "peace")

TERM_KEYS: frozenset[str] = frozenset({
    "kind", "members", "target", "burden_share", "pledges", "against", "integrated_command",
    "notice", "duration", "secret", "name", "sides", "transfers", "truce", "theatre",
})

# Terms only ruleset 2 has: in a ruleset-1 game they are a problem to report.
RULESET2_TERMS: frozenset[str] = frozenset({"theatre"})
MAX_THEATRE = 1000

MAX_NAME_LENGTH = 120
MAX_NOTICE = 4
MAX_DURATION = 1000


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


def _power_list(value: Any, what: str, powers: set[str], problems: list[str]) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        problems.append(f"{what} must be a list of power ids")
        return []
    for p in value:
        if p not in powers:
            problems.append(f"{what} names unknown power {p!r}")
    if len(set(value)) != len(value):
        problems.append(f"{what} names a power twice")
    return list(value)


def pact_members(terms: dict[str, Any]) -> list[str]:
    """The members a pact's terms name: ``members``, or for a peace pact its two sides."""
    if terms.get("kind") == "peace" and "members" not in terms:
        sides = terms.get("sides") or [[], []]
        return [p for side in sides for p in side]
    return list(terms.get("members") or [])


def pact_problems(terms: Any, powers: Iterable[str], territories: Iterable[str],
                  ruleset: int = 1) -> list[str]:
    """Every problem with a pact's terms, one sentence each; empty when the terms are sound.

    ``powers`` and ``territories`` are the ids the terms may name; ``ruleset`` the rules of
    the game (ruleset 2 has terms ruleset 1 does not).
    """
    power_set, territory_set = set(powers), set(territories)
    if not isinstance(terms, dict):
        return ["a pact must be a table of terms"]
    problems: list[str] = []
    for key in terms:
        if key not in TERM_KEYS:
            problems.append(f"unknown pact term {key!r}")
    kind = terms.get("kind")
    if kind not in PACT_KINDS:
        problems.append(f"pact kind must be one of {', '.join(PACT_KINDS)}, not {kind!r}")
        return problems

    if kind == "peace":
        sides = terms.get("sides")
        if (not isinstance(sides, list) or len(sides) != 2
                or not all(isinstance(s, list) and s for s in sides)):
            problems.append("a peace pact needs 'sides': two non-empty lists of powers")
            members: list[str] = []
        else:
            a = _power_list(sides[0], "the first side", power_set, problems)
            b = _power_list(sides[1], "the second side", power_set, problems)
            if set(a) & set(b):
                problems.append("a power cannot be on both sides of a peace pact")
            members = a + b
            if "members" in terms and set(_power_list(terms["members"], "members", power_set,
                                                      problems)) != set(members):
                problems.append("a peace pact's members must be exactly its two sides")
        transfers = terms.get("transfers", [])
        if not isinstance(transfers, list):
            problems.append("'transfers' must be a list of {territory, to}")
        else:
            seen: set[str] = set()
            for i, tr in enumerate(transfers):
                where = f"transfer {i + 1}"
                if not isinstance(tr, dict) or set(tr) != {"territory", "to"}:
                    problems.append(f"{where} must have exactly 'territory' and 'to'")
                    continue
                territory, to = tr["territory"], tr["to"]
                if not isinstance(territory, str) or territory not in territory_set:
                    problems.append(f"{where} names unknown territory {territory!r}")
                elif territory in seen:
                    problems.append(f"{where} transfers {territory} a second time")
                else:
                    seen.add(territory)
                if not isinstance(to, str) or to not in members:
                    problems.append(f"{where} must go to a power on one of the sides, "
                                    f"not {tr['to']!r}")
        if "truce" in terms and not (_is_int(terms["truce"]) and 0 <= terms["truce"] <= 100):
            problems.append("'truce' must be a whole number of turns from 0 to 100")
    else:
        members = _power_list(terms.get("members"), "members", power_set, problems)
        for key in ("sides", "transfers", "truce"):
            if key in terms:
                problems.append(f"{key!r} is a term of peace pacts only")
    if len(members) < 2:
        problems.append("a pact needs at least two members")

    target = terms.get("target")
    if kind == "offensive":
        if not isinstance(target, str) or target not in power_set:
            problems.append(f"an offensive pact needs a known target power, not {target!r}")
        elif target in members:
            problems.append(f"the target {target} cannot be a member of the pact")
    elif target is not None:
        problems.append("only an offensive pact has a target")

    if "against" in terms:
        if kind != "defensive":
            problems.append("'against' is a term of defensive pacts only")
        else:
            against = _power_list(terms["against"], "'against'", power_set, problems)
            if not against:
                problems.append("'against' must name at least one power (or be left out)")
            for p in against:
                if p in members:
                    problems.append(f"'against' cannot name the member {p}")

    if "burden_share" in terms:
        share = terms["burden_share"]
        if not _is_number(share) or not 0 <= share <= 0.5:
            problems.append(f"'burden_share' must be a number from 0 to 0.5, not {share!r}")
    if "pledges" in terms:
        pledges = terms["pledges"]
        if not isinstance(pledges, dict):
            problems.append("'pledges' must map member ids to units")
        else:
            for p, n in pledges.items():
                if p not in members:
                    problems.append(f"'pledges' names {p!r}, who is not a member")
                if not _is_int(n) or n < 0 or n > 1_000_000:
                    problems.append(f"the pledge of {p} must be a whole number of units "
                                    f"from 0, not {n!r}")
    for key in ("integrated_command", "secret"):
        if key in terms and not isinstance(terms[key], bool):
            problems.append(f"{key!r} must be true or false")
    if "notice" in terms and not (_is_int(terms["notice"])
                                  and 0 <= terms["notice"] <= MAX_NOTICE):
        problems.append(f"'notice' must be a whole number of turns from 0 to {MAX_NOTICE}")
    if "duration" in terms and not (_is_int(terms["duration"])
                                    and 0 <= terms["duration"] <= MAX_DURATION):
        problems.append(f"'duration' must be a whole number of turns from 0 to {MAX_DURATION} "
                        "(0 = until ended)")
    if "theatre" in terms:
        theatre = terms["theatre"]
        if ruleset != 2:
            problems.append("'theatre' is a term of ruleset 2, and this game plays ruleset 1")
        elif kind not in ("defensive", "offensive"):
            problems.append("'theatre' is a term of defensive and offensive pacts only")
        elif (not isinstance(theatre, list) or not theatre or len(theatre) > MAX_THEATRE
              or not all(isinstance(t, str) for t in theatre)):
            problems.append("'theatre' must be a non-empty list of territory ids")
        else:
            for t in theatre:
                if t not in territory_set:
                    problems.append(f"'theatre' names unknown territory {t!r}")
            if len(set(theatre)) != len(theatre):
                problems.append("'theatre' names a territory twice")
    if "name" in terms and not (isinstance(terms["name"], str)
                                and len(terms["name"]) <= MAX_NAME_LENGTH):
        problems.append(f"'name' must be text of at most {MAX_NAME_LENGTH} characters")
    return problems


def normalised_terms(terms: dict[str, Any], rules: Rules) -> dict[str, Any]:
    """Sound terms with every default of RULES.md §3 filled in (the form pacts are stored in).

    Optional terms that are absent and have no effect (``pledges``, ``against``, ``name``) stay
    absent, so the canonical JSON carries only what a pact really has.
    """
    kind = terms["kind"]
    out: dict[str, Any] = {
        "kind": kind,
        "members": pact_members(terms),
        "target": terms.get("target") if kind == "offensive" else None,
        "burden_share": float(terms.get("burden_share", rules.burden_share)),
        "notice": int(terms.get("notice", 1)),
        "duration": int(terms.get("duration", 0)),
        "secret": bool(terms.get("secret", False)),
        "integrated_command": bool(terms.get("integrated_command", False)),
    }
    if terms.get("pledges"):
        out["pledges"] = {p: int(n) for p, n in terms["pledges"].items()}
    if kind == "defensive" and terms.get("against"):
        out["against"] = list(terms["against"])
    if terms.get("name"):
        out["name"] = terms["name"]
    if terms.get("theatre"):
        out["theatre"] = list(terms["theatre"])
    if kind == "peace":
        out["sides"] = [list(terms["sides"][0]), list(terms["sides"][1])]
        out["transfers"] = [dict(territory=t["territory"], to=t["to"])
                            for t in terms.get("transfers", [])]
        out["truce"] = int(terms.get("truce", rules.truce))
    return out


def pact_key(kind: str, members: Iterable[str], target: str | None = None) -> tuple[Any, ...]:
    """What makes two pacts the same: kind, member set and (offensive) target. The bots use
    it not to sign a duplicate, the research figures to count the duplicates signed."""
    return (kind, frozenset(members), target if kind == "offensive" else None)


def separate_peace_partners(members: Iterable[str], engaged_against: Collection[str],
                            power: str, enemy: str,
                            fights_on: Callable[[str], bool]) -> list[str]:
    """The separate-peace rule (RULES.md §5, step 2c): when ``power`` leaves its war with
    ``enemy``, the partners in one of its pacts that still fight ``enemy`` (``fights_on``
    says who does once the peace is made). A pact engaged against ``enemy`` is breached when
    any remain; a pact not engaged against it never is. Step 2 asks it of the state after
    the peace; the proposal sheet asks it of a seat's view before the peace is signed."""
    if enemy not in engaged_against:
        return []
    return [m for m in members if m != power and fights_on(m)]
