"""What is wrong with a map or scenario file, said so that its author can fix it.

Every checker returns a list of ``Problem`` rather than raising at the first one: a map
author with twelve typos should see twelve lines, not fix them one run at a time.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (file, entry) and what (message).

    ``entry`` names the part of the file, e.g. ``territory 'BER'``, ``edge 4 (BER–WAR)``,
    ``power 'GER'``, ``pact 2 ('Pact of Steel')`` or ``line 3, column 7``; it is empty for
    the file as a whole.
    """

    file: str
    entry: str
    message: str

    def __str__(self) -> str:
        if self.entry:
            return f"{self.file}: {self.entry}: {self.message}"
        return f"{self.file}: {self.message}"


class MapFileError(ValueError):
    """A map or scenario file that cannot be used; the message lists every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        if len(self.problems) == 1:
            text = str(self.problems[0])
        else:
            lines = [f"{len(self.problems)} problems:"] + [f"  {p}" for p in self.problems]
            text = "\n".join(lines)
        super().__init__(text)


class UnreadableFileError(MapFileError):
    """The file itself could not be read (missing, a directory, no permission)."""
