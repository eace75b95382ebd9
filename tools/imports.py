"""The picture of the imports between the layers, read from the source with the AST.

    python tools/imports.py            # Mermaid graph of the layers (docs/ARCHITECTURE.md)
    python tools/imports.py --edges    # every import that crosses layers, one a line
    python tools/imports.py --write-doc   # the graph into docs/ARCHITECTURE.md

Every import counts, including those inside functions: a lazy import still ties a layer to the
one it names. The layer order itself lives in LAYERS below; tests/project/test_architecture.py uses the
same reading, so the picture and the test cannot disagree.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# The layers from the floor up, and the packages each holds. A layer may import only layers with
# a lower rank; layers of the same rank (the client and the server; the words and the world
# edits) may not import each other.
LAYERS: dict[str, int] = {
    "game": 0,              # game/__init__.py: the version string, nothing else
    "game.data": 0,         # shipped maps, scenarios and assets (importlib.resources)
    "game.engine": 1,       # the rules: pure NumPy, no I/O
    "game.world_edits": 2,  # the umpire's injects and edits: pure transforms of a State
    "game.words": 2,        # narration, order labels, palette: what people read and see
    "game.maps": 3,         # map and scenario files: load, check, generate, write
    "game.match": 4,        # one match as an event log: seats, phases, pacts, umpire
    "game.protocol": 5,     # the wire: schemas, msgpack, error codes (the match's among them)
    "game.discovery": 5,    # finding a host on the local network (mDNS), and its address as a QR
    "game.render": 5,       # the map drawn with pygame-ce: renderer, links, labels, fonts, replay
    "game.debrief": 6,      # records, statistics and the after-action report
    "game.host": 6,         # the host's core without I/O: registry, request table, fan-out
    "game.session": 6,      # a client's session with a host without I/O: hello, seat, rejoin
    "game.bots": 7,         # bot players: a pure decision from a seat's view; never the debrief
    "game.simulate": 8,     # batch bot games and their research figures (the debrief counts them)
    "game.client": 8,       # pygame-ce screens, hot-seat and online flows
    "server": 8,            # the websockets host
    "game.handouts": 9,     # printable briefs and maps per power (drawn by the map renderer)
    "game.cli": 10,         # the casus command
    "game.__main__": 11,    # python -m game
}


@dataclass(frozen=True)
class Import:
    """One import statement: where it is and the module it names."""

    source: str          # importing module, dotted
    target: str          # imported module, dotted and absolute
    path: str            # file, relative to the repository
    line: int
    lazy: bool           # inside a function or class body rather than at module top


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def layer_of(module: str) -> str | None:
    """The layer (a key of LAYERS) that holds a module, or None for third-party modules."""
    best = None
    for layer in LAYERS:
        if module == layer or module.startswith(layer + "."):
            if best is None or len(layer) > len(best):
                best = layer
    return best


def _resolve(node: ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    if node.level == 0:
        base = node.module or ""
    else:
        parts = module.split(".")
        if not is_package:
            parts = parts[:-1]
        parts = parts[: len(parts) - (node.level - 1)]
        base = ".".join(parts + ([node.module] if node.module else []))
    # from package import name: the name is a submodule when a file or folder holds it
    targets = []
    for alias in node.names:
        sub = ROOT.joinpath(*f"{base}.{alias.name}".split("."))
        if node.module is None or sub.with_suffix(".py").exists() or sub.is_dir():
            targets.append(f"{base}.{alias.name}")
        else:
            targets.append(base)
    return sorted(set(targets))


def imports_in(path: Path) -> list[Import]:
    module = module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    top = {id(node) for node in tree.body}
    # Module-level imports inside an `if` (TYPE_CHECKING) are still the layer's ties, not lazy.
    guarded = {id(node) for branch in tree.body if isinstance(branch, ast.If)
               for node in _statements(branch)}
    found: list[Import] = []
    rel = str(path.relative_to(ROOT))
    for node in _statements(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            targets = _resolve(node, module, path.name == "__init__.py")
        else:
            continue
        lazy = id(node) not in top and id(node) not in guarded
        for target in targets:
            found.append(Import(module, target, rel, node.lineno, lazy))
    return found


# The nodes that hold statements, besides statements themselves: an import is a statement, and
# no expression holds one, so the walk below skips the expressions (most of a tree's nodes).
_HOLDERS = (ast.stmt, ast.excepthandler, ast.match_case)


def _statements(root: ast.AST) -> Iterator[ast.AST]:
    """The statements under root (and root), in the order ast.walk gives them: breadth first,
    through the except clauses and match cases that hold statements."""
    todo = deque([root])
    while todo:
        node = todo.popleft()
        for field in node._fields:
            value = getattr(node, field, None)
            if isinstance(value, list):
                todo.extend(child for child in value if isinstance(child, _HOLDERS))
        yield node


def all_imports() -> list[Import]:
    found: list[Import] = []
    for folder in ("game", "server"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            found.extend(imports_in(path))
    return found


def crossings(found: list[Import]) -> list[tuple[Import, str, str]]:
    """The imports from one layer into another: (import, from-layer, to-layer)."""
    out = []
    for imp in found:
        src, dst = layer_of(imp.source), layer_of(imp.target)
        if src and dst and src != dst:
            out.append((imp, src, dst))
    return out


def is_upward(src: str, dst: str) -> bool:
    """An import that runs up (or sideways across) the layer order."""
    return LAYERS[dst] >= LAYERS[src]


def short(layer: str) -> str:
    return {"game": "version", "game.__main__": "main"}.get(layer, layer.removeprefix("game."))


def mermaid(found: list[Import]) -> str:
    """The layers bottom-up, an arrow per pair of layers with the number of imports on it;
    imports that run up a layer are dashed and red."""
    edges = Counter((src, dst) for _, src, dst in crossings(found))
    ordered = sorted(edges.items(), key=lambda e: (-LAYERS[e[0][0]], e[0]))
    lines = ["flowchart BT"]
    for layer in sorted(LAYERS, key=lambda name: (LAYERS[name], name)):
        lines.append(f'    {short(layer)}["{short(layer)} ({LAYERS[layer]})"]')
    for (src, dst), count in ordered:
        arrow = "-.->" if is_upward(src, dst) else "-->"
        lines.append(f"    {short(src)} {arrow}|{count}| {short(dst)}")
    for index, ((src, dst), _) in enumerate(ordered):
        if is_upward(src, dst):
            lines.append(f"    linkStyle {index} stroke:#c00,stroke-width:2px")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", action="store_true", help="every import across layers")
    parser.add_argument("--upward", action="store_true", help="only the imports that run up")
    parser.add_argument("--write-doc", action="store_true",
                        help="replace the mermaid block of docs/ARCHITECTURE.md with the graph")
    args = parser.parse_args(argv)
    found = all_imports()
    if args.write_doc:
        doc = ROOT / "docs" / "ARCHITECTURE.md"
        text = doc.read_text(encoding="utf-8")
        start = text.index("```mermaid\n") + len("```mermaid\n")
        end = text.index("```", start)
        doc.write_text(text[:start] + mermaid(found) + "\n" + text[end:], encoding="utf-8")
        return 0
    if args.edges or args.upward:
        for imp, src, dst in crossings(found):
            if args.upward and not is_upward(src, dst):
                continue
            mark = " (lazy)" if imp.lazy else ""
            print(f"{imp.path}:{imp.line}: {short(src)} -> {short(dst)}: {imp.target}{mark}")
        return 0
    print(mermaid(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
