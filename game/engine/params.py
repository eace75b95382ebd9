"""Rule parameters: every number RULES.md marks *(param)*, with its default and its range.

A scenario's ``[rules]`` table, ``casus adjudicate --set name=value`` and workshop umpires
override them by name. The ranges are what keeps a tuned game meaningful (a negative sigma or
a burden share of 3 would not be a rule, it would be a typo).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

TERRAINS: tuple[str, ...] = ("plains", "forest", "marsh", "hills", "urban", "mountains")


@dataclass(frozen=True)
class Rules:
    """The tunable numbers of the ruleset (RULES.md), with the defaults of version 1."""

    sigma: float = 0.5
    break_loss: float = 0.5
    amphibious: float = 0.5
    capital_defense: float = 1.25
    coalition_friction: float = 0.85
    terrain_plains: float = 1.0
    terrain_forest: float = 1.25
    terrain_marsh: float = 1.25
    terrain_hills: float = 1.5
    terrain_urban: float = 1.5
    terrain_mountains: float = 2.0
    burden_share: float = 0.2
    truce: int = 4
    crisis: int = 25
    build_cost: int = 1
    capital_build_bonus: int = 2
    victory_share: float = 0.5
    coalition_share: float = 0.7
    max_turns: int = 0
    fog: bool = False
    # Legitimacy costs and gains of RULES.md §5 (named so workshops can tune them too).
    breach_cost: int = 5
    aggression_cost: int = 10
    rally_gain: int = 5
    neutrality_cost: int = 5
    capital_loss_cost: int = 20
    capital_retake_gain: int = 10
    aggressor_war_cost: int = 2
    war_cost: int = 1
    peace_gain: int = 2
    casualty_cost: int = 20
    # Ruleset 2 (RULES.md, "Ruleset 2"). ``ruleset`` says which rules the engine plays; the
    # parameters below it exist only in ruleset 2 (RULESET2_PARAMS).
    ruleset: int = 1
    upkeep: float = 0.25
    reach: int = 2
    decline_cost: int = 5
    # RULES.md §11.7: wars fought together cost less legitimacy (1: the rule applies, 0: it
    # does not, as in ruleset 2 before it existed), and what starting one costs instead of
    # aggression_cost.
    wars_fought_together: int = 1
    coalition_aggression_cost: int = 5

    @property
    def wars_together(self) -> bool:
        """Whether wars fought together cost less (RULES.md §11.7): ruleset 2, rule on."""
        return self.ruleset == 2 and self.wars_fought_together == 1

    def terrain(self, kind: str) -> float:
        """The defence multiplier of a terrain kind."""
        return float(getattr(self, f"terrain_{kind}"))


# name -> (low, high); None means unbounded on that side.
RANGES: dict[str, tuple[float | None, float | None]] = {
    "sigma": (0.0, 5.0),
    "break_loss": (0.0, 1.0),
    "amphibious": (0.0, 1.0),
    "capital_defense": (0.0, 10.0),
    "coalition_friction": (0.0, 1.0),
    **{f"terrain_{t}": (0.0, 10.0) for t in TERRAINS},
    "burden_share": (0.0, 0.5),
    "truce": (0, 100),
    "crisis": (0, 100),
    "build_cost": (0, 1000),
    "capital_build_bonus": (0, 100),
    "victory_share": (0.0, 1.0),
    "coalition_share": (0.0, 1.0),
    "max_turns": (0, 10_000),
    "breach_cost": (0, 100),
    "aggression_cost": (0, 100),
    "rally_gain": (0, 100),
    "neutrality_cost": (0, 100),
    "capital_loss_cost": (0, 100),
    "capital_retake_gain": (0, 100),
    "aggressor_war_cost": (0, 100),
    "war_cost": (0, 100),
    "peace_gain": (0, 100),
    "casualty_cost": (0, 100),
    "ruleset": (1, 2),
    "upkeep": (0.0, 10.0),
    "reach": (0, 100),
    "decline_cost": (0, 100),
    "wars_fought_together": (0, 1),
    "coalition_aggression_cost": (0, 100),
}

RULESETS: tuple[int, ...] = (1, 2)
# Parameters that only ruleset 2 has: setting one in a ruleset-1 game is a mistake to report,
# and a ruleset-1 game records none of them (its match options stay as they were).
RULESET2_PARAMS: tuple[str, ...] = ("upkeep", "reach", "decline_cost",
                                    "wars_fought_together", "coalition_aggression_cost")

PARAM_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Rules))


class ParamError(ValueError):
    """A rule parameter with an unknown name or a value it cannot take."""


def _coerce(name: str, value: Any) -> Any:
    """Turn a value (possibly the text of ``--set name=value``) into the parameter's type."""
    kind = type(getattr(Rules(), name))
    given = value   # named in errors as the user wrote it: "3", not "3.0"
    if isinstance(value, str):
        text = value.strip().lower()
        if kind is bool:
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off"):
                return False
            raise ParamError(f"parameter {name!r} takes true or false, not {value!r}")
        try:
            value = float(text)
        except ValueError:
            raise ParamError(f"parameter {name!r} takes a number, not {value!r}") from None
    if kind is bool:
        if not isinstance(value, bool):
            raise ParamError(f"parameter {name!r} takes true or false, not {value!r}")
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ParamError(f"parameter {name!r} takes a number, not {value!r}")
    if value != value:  # NaN
        raise ParamError(f"parameter {name!r} takes a number, not NaN")
    if name == "ruleset" and value not in RULESETS:
        raise ParamError(f"unknown ruleset {given}: this version plays ruleset "
                         + " or ".join(str(r) for r in RULESETS))
    if kind is int:
        if float(value) != int(value):
            raise ParamError(f"parameter {name!r} takes a whole number, not {value!r}")
        value = int(value)
    else:
        value = float(value)
    low, high = RANGES[name]
    if (low is not None and value < low) or (high is not None and value > high):
        raise ParamError(f"parameter {name!r} must be between {low} and {high}, not {value!r}")
    return value


def rules_with(base: Rules, overrides: dict[str, Any]) -> Rules:
    """A copy of ``base`` with named parameters overridden; raises ParamError naming the bad one."""
    changes: dict[str, Any] = {}
    for name, value in overrides.items():
        if name not in PARAM_NAMES:
            raise ParamError(f"unknown rule parameter {name!r}")
        changes[name] = _coerce(name, value)
    ruleset = changes.get("ruleset", base.ruleset)
    if ruleset == 1:
        for name in changes:
            if name in RULESET2_PARAMS:
                raise ParamError(f"parameter {name!r} belongs to ruleset 2, and this game "
                                 "plays ruleset 1 (set ruleset = 2)")
    return replace(base, **changes)


def rules_problems(overrides: dict[str, Any], ruleset: Any = None) -> list[str]:
    """Every problem with a table of parameter overrides, one sentence each (empty when clean).
    ``ruleset`` is the one the scenario declares outside the table, if any."""
    problems = []
    declared = overrides.get("ruleset", ruleset)
    try:
        base = rules_with(Rules(), {"ruleset": declared}) if declared is not None else Rules()
    except ParamError:
        base = Rules()   # the bad ruleset itself is reported where it is written
    for name, value in overrides.items():
        try:
            rules_with(base, {name: value})
        except ParamError as err:
            problems.append(str(err))
    return problems


def rules_to_dict(rules: Rules) -> dict[str, Any]:
    """The parameters as a plain dict, in declaration order; a ruleset-1 game's has no
    ruleset-2 parameter, so that it reads back exactly as the rules it was played with."""
    return {name: getattr(rules, name) for name in PARAM_NAMES
            if rules.ruleset == 2 or name not in RULESET2_PARAMS}


# Parameters added to ruleset 2 after it shipped, each with the value that plays ruleset 2
# exactly as it was before the parameter existed. A match records its rules when it is
# created; a log recorded before a parameter existed lacks it and must replay as it was
# played (tests/rules/test_rules_ruleset2_logs.py), so recorded rules are read with these
# values, not with the defaults a new game gets.
LATER_PARAMS: dict[str, Any] = {"wars_fought_together": 0}


def recorded_rules(recorded: dict[str, Any]) -> Rules:
    """The rules a game was played with, from the parameters it recorded (``rules_to_dict``'s
    shape); raises ParamError naming a bad one."""
    overrides = dict(recorded)
    if overrides.get("ruleset") == 2:
        for name, before in LATER_PARAMS.items():
            overrides.setdefault(name, before)
    return rules_with(Rules(), overrides)


def rules_from_dict(doc: Any) -> Rules | None:
    """The rules a host sent (``rules_to_dict``'s shape), or None when there are none or
    they do not make sense. Names this version does not know (a newer host's) are skipped;
    those an older host did not know yet are what they were then (``LATER_PARAMS``)."""
    if not isinstance(doc, dict):
        return None
    try:
        return recorded_rules({k: v for k, v in doc.items() if k in PARAM_NAMES})
    except (ParamError, TypeError, ValueError):
        return None
