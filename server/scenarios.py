"""The scenarios a host offers: the shipped ones in ``game/data/maps/``, plus any given in code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from game.engine import Scenario

from game.data import MAPS_DIR as MAPS_FOLDER
SUFFIX = ".scenario.toml"


class ScenarioShelf:
    """Scenarios by short name, loaded on first use and then kept."""

    def __init__(self, extra: dict[str, Scenario] | None = None,
                 folder: Path = MAPS_FOLDER) -> None:
        self.loaded: dict[str, Scenario] = dict(extra or {})
        self.folder = folder

    def names(self) -> list[str]:
        shipped = {p.name[:-len(SUFFIX)] for p in self.folder.glob(f"*{SUFFIX}")}
        return sorted(shipped | set(self.loaded))

    def get(self, name: str) -> Scenario | None:
        """The scenario called ``name``, or None when there is none (or it does not load)."""
        if name in self.loaded:
            return self.loaded[name]
        if name not in self.names():
            return None  # never turn a client's string into an arbitrary path
        try:
            from game.maps import load_scenario
            scenario = load_scenario(self.folder / f"{name}{SUFFIX}")
        except Exception:  # a broken map file must not take the host down
            return None
        self.loaded[name] = scenario
        return scenario

    def details(self, name: str) -> dict[str, Any] | None:
        """What a lobby shows of a scenario: its title, description and powers (nothing
        secret: the same as the scenario file says), or None when it does not load."""
        scenario = self.get(name)
        if scenario is None:
            return None
        doc = scenario.scenario_doc or {}
        return {"name": name, "title": str(doc.get("name") or scenario.name or name),
                "description": scenario.description,
                "powers": [{"id": p.id, "name": p.name, "color": p.color}
                           for p in scenario.powers]}
