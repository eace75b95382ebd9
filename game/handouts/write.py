"""The handout pages: built from the scenario, its briefs and each seat's view at the start.

A power's page holds only what that power may know (its own brief, the public one, its
view of the map and the pacts it sees): it is built from ``view(state, power)``, the same
filter the match applies, so a secret pact never reaches another power's paper.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.engine import Scenario, initial_state
from game.engine.params import Rules
from game.engine.view import view
from game.maps.briefs import HEADING, ITEM, PUBLIC, brief_blocks, briefs_of, inline_html
from game.match.seats import UMPIRE

from .cards import order_card, rules_summary
from .mapimage import MapPainter, data_url
from .pdf import find_chromium, print_pdfs

UMPIRE_PAGE = "umpire"
KINDS = {"defensive": "defensive pact", "offensive": "offensive pact",
         "non_aggression": "non-aggression pact", "peace": "peace"}

STYLE = """
:root { --ink: #2b2418; --faint: #6b5f4b; --paper: #fbf7ee; --band: %(colour)s; }
* { box-sizing: border-box; }
body { font-family: "Noto Serif", Georgia, serif; color: var(--ink); background: var(--paper);
       margin: 0 auto; max-width: 190mm; padding: 8mm; font-size: 10.5pt; line-height: 1.4; }
header { border-left: 10mm solid var(--band); padding: 2mm 4mm; margin-bottom: 4mm; }
header h1 { font-size: 20pt; margin: 0; }
header p { margin: 1mm 0 0; color: var(--faint); }
.private { font-weight: bold; color: #8a1c1c; text-transform: uppercase; letter-spacing: .08em; }
h2 { font-size: 13pt; border-bottom: 1px solid #c9bda4; margin: 5mm 0 2mm; }
h3 { font-size: 11.5pt; margin: 3mm 0 1mm; }
section.brief { columns: 2; column-gap: 7mm; }
section.brief h3 { column-span: all; }
figure { margin: 2mm 0; } figure img { width: 100%%; border: 1px solid #c9bda4; }
figcaption { color: var(--faint); font-size: 9pt; }
table { border-collapse: collapse; width: 100%%; font-size: 9.5pt; }
td, th { border-bottom: 1px solid #e0d6c2; padding: 1mm 2mm; text-align: left;
         vertical-align: top; }
code { font-family: "Noto Sans Mono", monospace; background: #efe6d2; padding: 0 1mm;
       white-space: nowrap; }
ul { margin: 1mm 0; padding-left: 5mm; }
.cards { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
@page { size: A4; margin: 12mm; }
@media print {
  body { background: white; padding: 0; max-width: none; }
  .map, .cards { break-before: page; }
  h2, h3 { break-after: avoid; }
  figure, table, li { break-inside: avoid; }
}
"""


@dataclass
class HandoutSet:
    """What ``write_handouts`` wrote: the HTML pages (power id or ``umpire`` -> path), the
    PDFs, and a sentence when PDFs could not be printed."""

    pages: dict[str, Path] = field(default_factory=dict)
    pdfs: list[Path] = field(default_factory=list)
    note: str = ""


# --- pieces of a page ------------------------------------------------------------------------


def markdown_html(text: str) -> str:
    """A brief (or the rules summary) as HTML, through the briefs' own Markdown reader."""
    out: list[str] = []
    items: list[str] = []
    for kind, body in brief_blocks(text):
        if kind != ITEM and items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if kind == HEADING:
            out.append(f"<h3>{inline_html(body)}</h3>")
        elif kind == ITEM:
            items.append(f"<li>{inline_html(body)}</li>")
        else:
            out.append(f"<p>{inline_html(body)}</p>")
    if items:
        out.append("<ul>" + "".join(items) + "</ul>")
    return "\n".join(out)


def pact_rows(pacts: list[dict[str, Any]], names: dict[str, str]) -> str:
    """The pacts a seat sees, one table row each."""
    if not pacts:
        return "<p>No pacts at the start.</p>"
    rows = []
    for pact in pacts:
        members = ", ".join(names.get(m, m) for m in pact["members"])
        extra = []
        if pact.get("target"):
            extra.append(f"against {names.get(pact['target'], pact['target'])}")
        if pact.get("against"):
            extra.append("triggers only against "
                         + ", ".join(names.get(a, a) for a in pact["against"]))
        if pact.get("secret"):
            extra.append("<b>secret</b>")
        rows.append(f"<tr><td>{html.escape(pact['id'])}</td>"
                    f"<td>{html.escape(pact.get('name') or '')}</td>"
                    f"<td>{KINDS.get(pact['kind'], pact['kind'])}</td>"
                    f"<td>{html.escape(members)}</td><td>{'; '.join(extra)}</td></tr>")
    return ("<table><tr><th>id</th><th>name</th><th>kind</th><th>members</th><th>terms</th></tr>"
            + "".join(rows) + "</table>")


def cards_html(rules: Rules | None = None) -> str:
    """The rules summary of the scenario's ruleset and the order notation, side by side."""
    notation = "".join(f"<tr><td><code>{html.escape(example)}</code></td>"
                       f"<td>{html.escape(meaning)}</td></tr>"
                       for example, meaning in order_card(rules))
    return (f'<div class="cards"><section>{markdown_html(rules_summary(rules))}</section>'
            f"<section><h3>Order notation</h3><table>{notation}</table>"
            "<p>Write one order a line; units you do not move hold.</p></section></div>")


def page_html(*, title: str, subtitle: str, colour: str, body: str,
              rules: Rules | None = None) -> str:
    return (f"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title>"
            f"<style>{STYLE % {'colour': colour}}</style></head><body>"
            f"<header><h1>{html.escape(title)}</h1><p>{subtitle}</p></header>"
            f"{body}{cards_html(rules)}</body></html>\n")


# --- the pages ------------------------------------------------------------------------------


def power_page(scenario: Scenario, power: str, briefs: dict[str, str],
               seat_view: dict[str, Any], png: bytes) -> str:
    info = scenario.powers[scenario.power_index[power]]
    names = {p.id: p.name for p in scenario.powers}
    owned = sorted(t for t, d in seat_view["territories"].items() if d.get("owner") == power)
    terr_names = {t["id"]: t.get("name", t["id"]) for t in scenario.map_doc["territories"]}
    body = []
    if power in briefs:
        body.append(f'<h2>Your brief</h2><section class="brief">{markdown_html(briefs[power])}'
                    "</section>")
    if PUBLIC in briefs:
        body.append(f'<h2>The situation (every team has this)</h2><section class="brief">'
                    f"{markdown_html(briefs[PUBLIC])}</section>")
    body.append(f'<div class="map"><h2>{html.escape(info.name)} at the start</h2>'
                f'<figure><img alt="The map as {html.escape(info.name)} sees it at the start" '
                f'src="{data_url(png)}"><figcaption>Your territories: '
                f"{html.escape(', '.join(terr_names.get(t, t) for t in owned))}."
                "</figcaption></figure>"
                # Every pact the power knows of, its own and the public ones of others.
                f"<h3>Pacts you know of at the start</h3>"
                f"{pact_rows(seat_view['pacts'], names)}</div>")
    return page_html(title=f"{scenario.name}: {info.name}",
                     subtitle=f'<span class="private">Private to {html.escape(info.name)}'
                              "</span> · do not show to other teams",
                     colour=html.escape(info.color), body="".join(body),
                     rules=scenario.rules)


def umpire_page(scenario: Scenario, briefs: dict[str, str], seat_view: dict[str, Any],
                png: bytes) -> str:
    names = {p.id: p.name for p in scenario.powers}
    body = [f'<div><h2>Every pact at the start</h2>{pact_rows(seat_view["pacts"], names)}'
            f'<figure><img alt="The whole map at the start" src="{data_url(png)}">'
            "<figcaption>The whole map, as the umpire sees it.</figcaption></figure></div>"]
    for brief in [PUBLIC] + [p.id for p in scenario.powers]:
        if brief in briefs:
            heading = ("The public brief" if brief == PUBLIC
                       else f"{html.escape(names[brief])}'s private brief")
            body.append(f'<h2>{heading}</h2><section class="brief">'
                        f"{markdown_html(briefs[brief])}</section>")
    return page_html(title=f"{scenario.name}: the umpire", colour="#444444",
                     subtitle='<span class="private">White cell only</span> · every brief '
                              "and every secret", body="".join(body),
                     rules=scenario.rules)


def write_handouts(scenario: Scenario, out: Path, *, pdf: bool = True) -> HandoutSet:
    """Write the handout pages of ``scenario`` into ``out`` (see the package docstring)."""
    out.mkdir(parents=True, exist_ok=True)
    briefs = briefs_of(scenario.scenario_doc)
    state = initial_state(scenario)
    result = HandoutSet()
    map_png = MapPainter(scenario).png
    for power in scenario.power_ids:
        seat_view = view(state, power)
        page = power_page(scenario, power, briefs, seat_view, map_png(seat_view))
        result.pages[power] = out / f"{power}.html"
        result.pages[power].write_text(page, encoding="utf-8")
    seat_view = view(state, UMPIRE)
    result.pages[UMPIRE_PAGE] = out / f"{UMPIRE_PAGE}.html"
    result.pages[UMPIRE_PAGE].write_text(
        umpire_page(scenario, briefs, seat_view, map_png(seat_view)),
        encoding="utf-8")
    if pdf:
        browser = find_chromium()
        if browser is None:
            result.note = ("PDFs need Chromium (chromium --headless): open the HTML pages "
                           "in a browser and print them instead.")
        else:
            result.pdfs = print_pdfs(list(result.pages.values()), browser)
    return result
