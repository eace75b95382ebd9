"""Printable handouts for a workshop: one page per power and one for the umpire.

``write_handouts(scenario, out)`` writes, for each power, a self-contained HTML page (its
brief and the public one, a map of what it sees at the start with its territories and the
pacts it knows, the rules summary and the order notation card) and the umpire's page
(every brief, every pact, the whole map), each with a print style sheet; with headless
Chromium on the machine it prints each to PDF as well. ``casus handouts`` runs it.
"""

from __future__ import annotations

from .write import HandoutSet, write_handouts

__all__ = ["HandoutSet", "write_handouts"]
