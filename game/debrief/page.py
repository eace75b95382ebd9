"""The after-action report as one self-contained HTML page.

Everything is inside the file: images are base64 PNGs, the style sheet is inline, there is
no script and no external resource, so the page opens from a USB stick, by e-mail, with no
server, and prints cleanly (a print style sheet keeps tables and figures whole).

    html = report_html(record)                # a MatchRecord (game.debrief.record)
    Path("out/report.html").write_text(html, encoding="utf-8")
"""

from __future__ import annotations

import base64
import html
from typing import Any, Iterable, Sequence

from game.words.narrate import KIND_WORDS

from . import alliances, comms, series, timeline, workshop
from .log_words import generic_sentence
from .record import MatchRecord, wall_clock
from .research import BANDS

Cell = Any   # str, int, float, None, or Markup

STYLE = """
:root { --ink: #342c24; --soft: #5c5042; --paper: #fbf7ee; --rule: #d8ccb0; --accent: #7a2418; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink);
       font: 15px/1.45 Georgia, "DejaVu Serif", serif; }
main { max-width: 1060px; margin: 0 auto; padding: 24px 28px 60px; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 36px 0 10px; padding-bottom: 4px;
     border-bottom: 2px solid var(--rule); }
h3 { font-size: 16px; margin: 22px 0 6px; }
p.lede { color: var(--soft); margin: 0 0 14px; }
.note { color: var(--soft); font-size: 13px; }
.banner { background: #f6e3c6; border: 1px solid #d9b27c; padding: 8px 12px; margin: 12px 0; }
nav ol { columns: 2; margin: 6px 0; padding-left: 22px; }
nav a, a { color: var(--accent); }
table { border-collapse: collapse; margin: 6px 0 12px; font-size: 13.5px; width: auto; }
th, td { border: 1px solid var(--rule); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #efe6d2; font-weight: bold; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.bad td { background: #f7e0d8; }
.who { white-space: nowrap; }
.swatch { display: inline-block; width: 10px; height: 10px; border: 1px solid #0004;
          margin-right: 5px; vertical-align: baseline; }
ol.turns { list-style: none; padding: 0; margin: 0; }
ol.turns > li { margin: 0 0 14px; }
.turn-head { font-weight: bold; }
ul.events { margin: 4px 0 0; padding-left: 20px; }
ul.events li.planning { color: var(--soft); }
ol.turns > li.rolled-back { border-left: 3px solid var(--rule); padding-left: 10px; }
ol.turns > li.rolled-back .turn-head, ol.turns > li.rolled-back ul.events { color: var(--soft);
  text-decoration: line-through; text-decoration-color: #7a241899; }
.tag { font-size: 12px; font-weight: bold; color: var(--accent); text-decoration: none;
       display: inline-block; margin-left: 6px; }
figure { margin: 8px 0 16px; }
figure img { max-width: 100%; height: auto; border: 1px solid var(--rule); background: white; }
figcaption { font-size: 13px; color: var(--soft); }
.snapshots { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr));
             gap: 10px; }
.snapshots figure { margin: 0; }
.empty { color: var(--soft); font-style: italic; }
@media print {
  body { background: white; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  h2, h3 { break-after: avoid; }
  table, figure, ol.turns > li { break-inside: avoid; }
  .snapshots { grid-template-columns: repeat(2, 1fr); }
  a { color: inherit; text-decoration: none; }
}
"""

SECTIONS: tuple[tuple[str, str], ...] = (
    ("summary", "Summary"),
    ("timeline", "Timeline"),
    ("network", "The alliance network"),
    ("trends", "Power over time"),
    ("pacts", "Pacts"),
    ("commitments", "Commitments and credibility"),
    ("burden", "Pledges and burden sharing"),
    ("entrapment", "Entrapment and abandonment"),
    ("calls", "Calls to arms and their answers"),
    ("upkeep", "Upkeep"),
    ("research", "Research figures"),
    ("communication", "Communication"),
    ("workshop", "Intents, insights and review"),
)

# A call's first audit (``alliances.CallRow.audit``) in the calls table.
AUDIT_WORDS: dict[bool | None, str] = {True: "obligation met", False: "fell short",
                                       None: "not audited"}


class Markup(str):
    """Text that is already HTML: put into the page as it is."""


def esc(value: Cell) -> str:
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return "—"
    return html.escape(str(value))


def table(headers: Sequence[str], rows: Iterable[Sequence[Cell]], *,
          numeric: Iterable[int] = (), bad: Iterable[bool] | None = None,
          empty: str = "None.") -> Markup:
    """A table; columns whose index is in ``numeric`` are right-aligned."""
    rows = [list(r) for r in rows]
    numeric = set(numeric)
    if not rows:
        return Markup(f'<p class="empty">{esc(empty)}</p>')
    flags = list(bad) if bad is not None else [False] * len(rows)
    head = "".join(f'<th{" class=num" if i in numeric else ""} scope="col">{esc(h)}</th>'
                   for i, h in enumerate(headers))
    body = []
    for row, is_bad in zip(rows, flags):
        cells = "".join(f'<td{" class=num" if i in numeric else ""}>{esc(c)}</td>'
                        for i, c in enumerate(row))
        body.append(f'<tr{" class=bad" if is_bad else ""}>{cells}</tr>')
    return Markup(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def image(png: bytes, alt: str, caption: str = "") -> Markup:
    data = base64.b64encode(png).decode("ascii")
    cap = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
    return Markup(f'<figure><img src="data:image/png;base64,{data}" alt="{esc(alt)}">{cap}'
                  f"</figure>")


def percent(x: float) -> str:
    return f"{round(100 * x)}%"


def number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"


def duration(seconds: float | None) -> str:
    """'45 s', '2 min 5 s', '1 h 3 min'."""
    if seconds is None:
        return "—"
    s = int(round(seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60} s" if s % 60 else f"{s // 60} min"
    return f"{s // 3600} h {s % 3600 // 60} min"


class _Page:
    """Builds the page section by section from one record."""

    def __init__(self, record: MatchRecord, images: bool) -> None:
        self.r = record
        self.images = images
        self.names = record.names

    def power(self, pid: str | None) -> Markup:
        """A power's name with its colour swatch."""
        if pid is None:
            return Markup("—")
        colour = next((p.color for p in self.r.scenario.powers if p.id == pid), None)
        swatch = (f'<span class="swatch" style="background:{esc(colour)}"></span>'
                  if isinstance(colour, str) and colour.startswith("#") and len(colour) == 7
                  and all(c in "0123456789abcdefABCDEF" for c in colour[1:]) else "")
        return Markup(f'<span class="who">{swatch}{esc(self.names.power(pid))}</span>')

    def powers(self, pids: Iterable[str]) -> Markup:
        return Markup(", ".join(self.power(p) for p in pids))

    def pact_name(self, pact_id: str | None) -> str:
        return self.names.pact(pact_id) if pact_id else "—"

    # --- sections -----------------------------------------------------------------------

    def header(self) -> str:
        r = self.r
        final = r.final
        played = len(r.turns)
        outcome = "The match is still running."
        if final.winner:
            outcome = _winner_words(final.winner, self.names)
        last = wall_clock(float(r.log[-1]["at"]))
        as_of = f", as of {last} UTC" if last else ""
        parts = [f"<h1>After-action report: {esc(r.name)}</h1>",
                 f'<p class="lede">Scenario {esc(r.scenario.name)} · match {esc(r.match_id)} · '
                 f"{played} turn{'s' if played != 1 else ''} played · {esc(outcome)}</p>"]
        if not r.over:
            parts.append('<p class="banner">This match is not over. The report shows '
                         "everything, secret pacts and orders included: it is for the "
                         "umpire's eyes until the match ends.</p>")
        if r.forked_from:
            f = r.forked_from
            parts.append(f'<p class="banner">This match was forked from match '
                         f'{esc(f.get("match"))} at the start of turn {esc(f.get("turn"))}.</p>')
        if r.rolled_back:
            n = len(r.rolled_back)
            parts.append(f'<p class="banner">The umpire rolled the match back {n} time'
                         f"{'s' if n != 1 else ''}; the undone turns are struck through in "
                         '<a href="#timeline">the timeline</a>.</p>')
        if r.under_review is not None:
            parts.append('<p class="banner">The last turn\'s result is held for the umpire\'s '
                         "review and has not been released.</p>")
        if r.unfolded:
            parts.append(f'<p class="banner">{len(r.unfolded)} event(s) of a kind this '
                         "version does not know were listed but not replayed; see "
                         '<a href="#unknown">the end of the report</a>.</p>')
        parts.append(f'<p class="note">Made by casus report from the match\'s event log '
                     f"alone ({len(r.log)} events{esc(as_of)}).</p>")
        items = "".join(f'<li><a href="#{key}">{esc(title)}</a></li>' for key, title in SECTIONS)
        parts.append(f"<nav><h3>Contents</h3><ol>{items}</ol></nav>")
        return "\n".join(parts)

    def summary(self) -> str:
        r = self.r
        final = r.final
        scores = (final.winner or {}).get("scores", {})
        rows = []
        for p in r.powers:
            f = series.power_figures(final, p)
            ps = final.power(p)
            seat = r.seats.get(p, {})
            player = seat.get("name") or ("bot" if seat.get("kind") == "bot" else "")
            team = [m["name"] or mid for mid, m in r.members.items() if m["power"] == p]
            if team:   # a team: its lead, then the members who joined it
                player = ", ".join([player or "—", *team])
            rows.append([self.power(p), player or None, f["territories"], f["value"],
                         f["units"], f["treasury"], f["legitimacy"], f["credibility"],
                         f"{ps.kept} of {ps.owed}",
                         "eliminated" if ps.eliminated else scores.get(p)])
        return self.section("summary", "The powers at the end", table(
            ["Power", "Player", "Territories", "Value", "Units", "Treasury", "Legitimacy",
             "Credibility", "Promises kept",
             "Score against par" if r.scenario.rules.ruleset == 2 else "Score"],
            rows, numeric={2, 3, 4, 5, 6, 7, 9}))

    def timeline(self) -> str:
        items = []
        for t in timeline.timeline(self.r):
            lines = [f'<li class="planning">{esc(s)}</li>' for s in t.planning]
            lines += [f"<li>{esc(s)}</li>" for s in t.decided]
            facts = []
            if t.messages:
                facts.append(f"{t.messages} chat message{'s' if t.messages != 1 else ''}")
            if t.battles:
                facts.append(f"{t.battles} battle{'s' if t.battles != 1 else ''}, "
                             f"{t.units_lost} unit{'s' if t.units_lost != 1 else ''} lost")
            if not t.adjudicated:
                facts.append("never adjudicated" if t.rolled_back
                             else "adjudicated, the result held for the umpire's review"
                             if t.held else "still being planned")
            if not lines:
                lines.append('<li class="planning">A quiet turn: no pact or war changed.</li>')
            tail = f" <span class=note>({esc('; '.join(facts))})</span>" if facts else ""
            title = f"Turn {t.number}" + (f": {t.label}" if t.label != f"Turn {t.number}" else "")
            head = f'<div class="turn-head">{esc(title)}{tail}</div>'
            if t.rolled_back:
                head = ('<span class="tag">Rolled back: this history was undone</span>' + head)
            items.append(f'<li{" class=rolled-back" if t.rolled_back else ""}>{head}'
                         f'<ul class="events">{"".join(lines)}</ul></li>')
        body = f'<ol class="turns">{"".join(items)}</ol>' if items else \
            '<p class="empty">No turn has been played yet.</p>'
        note = ('<p class="note">Grey lines happened while the turn was planned; the others '
                "are what its adjudication decided, in the order the rules resolve them. "
                "Turns struck through were rolled back by the umpire: they are kept where "
                "they happened, so the room can discuss what was undone.</p>")
        return self.section("timeline", "", Markup(note + body))

    def network(self) -> str:
        if not self.images:
            return self.section("network", "", Markup('<p class="empty">Images were left out '
                                                       "(--no-images).</p>"))
        from .network import legend_png, network_snapshots

        shots = network_snapshots(self.r)
        figures = "".join(
            image(s.png, f"Map at {'the start' if s.turn == 0 else f'the end of turn {s.turn}'}",
                  "The start" if s.turn == 0 else f"After turn {s.turn}" +
                  (f" ({s.label})" if s.label != f"Turn {s.turn}" else ""))
            for s in shots)
        note = ('<p class="note">Pact links and wars between capitals, as the umpire sees '
                "them (secret pacts included). The key:</p>")
        legend = image(legend_png(), "Key to the links: pact kinds, wars, engaged and secret "
                                     "pacts")
        return self.section("network", "", Markup(f'{note}{legend}<div class="snapshots">'
                                                   f"{figures}</div>"))

    def trends(self) -> str:
        figures = series.series(self.r)
        wars = series.war_losses(self.r)
        parts = []
        if self.images:
            from .plots import losses_png, measures_png

            parts.append(image(measures_png(self.r, figures),
                               "Territory value, units, legitimacy and credibility per power "
                               "per turn"))
        rows = []
        for measure, title in series.MEASURES:
            for p in self.r.powers:
                rows.append([title, self.power(p), *figures.values[measure][p]])
        parts.append(Markup("<h3>The same figures</h3>"))
        parts.append(table(["Measure", "Power", *[f"T{t}" for t in figures.turns]], rows,
                           numeric=set(range(2, 2 + len(figures.turns)))))
        parts.append(Markup("<h3>Losses per war</h3>"))
        if self.images and wars:
            png = losses_png(self.r, wars)
            if png:
                parts.append(image(png, "Units lost per war, each side"))
        parts.append(table(
            ["War", "First battle", "Battles", "Lost by the first", "Lost by the second"],
            [[Markup(f"{self.power(w.sides[0])} – {self.power(w.sides[1])}"
                     if w.sides[1] != "neutral" else f"{self.power(w.sides[0])} – neutrals"),
              f"turn {w.first_turn}", w.battles, w.losses[0], w.losses[1]] for w in wars],
            numeric={2, 3, 4}, empty="No battle was fought."))
        parts.append(Markup('<p class="note">A power\'s losses in a battle count for its war '
                            "with the main power on the other side (most units).</p>"))
        return self.section("trends", "", Markup("".join(parts)))

    def pacts(self) -> str:
        rows = alliances.pact_rows(self.r)
        return self.section("pacts", "", table(
            ["Pact", "Kind", "Members", "Target", "Terms", "Signed", "Lifetime", "How it ended"],
            [[f"{p.id}{' ' + p.name if p.name else ''}", alliances.kind_words(p.kind),
              self.powers(p.members), self.power(p.target) if p.target else None, p.terms,
              "at the start" if p.since == 0 else f"turn {p.since}",
              f"{p.lifetime} turn{'s' if p.lifetime != 1 else ''}",
              p.how_ended or "in force"] for p in rows],
            numeric={6}, empty="No pact was in force at any time."))

    def commitments(self) -> str:
        rows = alliances.commitment_rows(self.r)
        kinds = [k for k in alliances.PACT_KINDS if any(k in row.by_kind for row in rows)]
        kinds += sorted({k for row in rows for k in row.by_kind} - set(kinds))
        body = table(
            ["Power", *[KIND_WORDS.get(k, k) for k in kinds], "All kinds", "Credibility"],
            [[self.power(row.power),
              *[(f"{row.by_kind[k][0]} of {row.by_kind[k][1]}" if k in row.by_kind else None)
                for k in kinds],
              f"{row.kept} of {row.owed}", row.credibility] for row in rows],
            numeric=set(range(1, len(kinds) + 3)),
            bad=[row.kept < row.owed for row in rows])
        note = Markup('<p class="note">Commitments kept of those owed during the match, by '
                      "the kind of pact that made them: a call to war, an audit of an engaged "
                      "pact, or a breach (never kept). Credibility counts the record each "
                      "power started with too.</p>")
        return self.section("commitments", "", Markup(note + body))

    def burden(self) -> str:
        pledges = alliances.pledge_rows(self.r)
        burden = alliances.burden_rows(self.r)
        parts = [Markup("<h3>Pledges against forces committed</h3>"), table(
            ["Turn", "Pact", "Member", "Against", "Pledged", "Required", "Committed", "Kept"],
            [[p.turn, self.pact_name(p.pact), self.power(p.power), self.power(p.against),
              p.pledged, number(p.required), number(p.committed), "yes" if p.kept else "no"]
             for p in pledges],
            numeric={0, 4, 5, 6}, bad=[not p.kept for p in pledges],
            empty="No pact was engaged in a war, so nothing was audited."),
            Markup('<p class="note">Required is the pledge, or the burden share of the '
                   "member's units at the start of the turn. Committed counts units in or next "
                   "to the enemy's territory, and units lost fighting it.</p>"),
            Markup("<h3>Burden by member size</h3>"), table(
                ["Pact", "Member", "War", "Audits", "Size (units)", "Share of the pact",
                 "Committed", "Burden ÷ own units"],
                [[self.pact_name(b.pact), self.power(b.power),
                  "called by the pact" if b.called else "its own", b.audits, b.units,
                  percent(b.size_share), number(b.committed),
                  f"{b.burden:.2f}" if b.units else None]
                 for b in burden],
                numeric={3, 4, 5, 6, 7}, empty="No pact was engaged in a war."),
            Markup('<p class="note">Size is a member\'s units at the start of each audited '
                   "turn, summed; its share of the pact is of all the pact's members' units "
                   "then. Its burden is the forces it committed over its own units. A war is "
                   "its own when the member was attacked or invoked the pact; the size–burden "
                   "r of the research figures ranks the members the pact called to war, where "
                   "the Olson–Zeckhauser exploitation hypothesis expects the large to commit "
                   "more of their own forces than the small, who ride on the common "
                   "effort.</p>")]
        return self.section("burden", "", Markup("".join(parts)))

    def entrapment(self) -> str:
        rows = alliances.entrapment_rows(self.r)
        return self.section("entrapment", "", Markup(table(
            ["Turn", "What", "Power", "Pact", "What happened"],
            [[e.turn, e.kind, self.power(e.power), self.pact_name(e.pact), e.text]
             for e in rows],
            numeric={0}, bad=[e.kind != "entrapment" for e in rows],
            empty="No member was entrapped, and no pact was abandoned.") + Markup(
            '<p class="note">Entrapment: a member drawn by a partner\'s invocation into a war '
            "it was not fighting. Abandonment: leaving a pact while it is engaged; a separate "
            "peace, a breach or an unanswered call to war are listed with it.</p>")))

    def calls(self) -> str:
        rows = alliances.call_rows(self.r)
        body = table(
            ["Turn", "Pact", "Kind", "Called", "Against", "How", "Answer", "First audit"],
            [[c.turn, self.pact_name(c.pact), alliances.kind_words(c.kind), self.power(c.power),
              self.power(c.against), "invoked" if c.cause == "invocation" else "triggered",
              c.answer, AUDIT_WORDS[c.audit]] for c in rows],
            numeric={0}, bad=[c.answer in ("declined", "could not answer") or c.audit is False
                              for c in rows],
            empty="No member was called to arms.")
        # The answer is what the member said; the research figures' honour rate counts a
        # call honoured only when its first audit found the obligation met too.
        note = ('<p class="note">Each member a pact called to war: triggered (a partner was '
                "attacked) or invoked (a partner called it to attack the target). The first "
                "audit of the member for that pact and enemy, that turn or later, says whether "
                "it committed what it owed; the research figures count a call honoured only "
                "when it was answered and that audit found the obligation met. ")
        if self.r.scenario.rules.ruleset == 2:
            note += ("In ruleset 2 a member may stand ready to decline: it stays out of the "
                     "war, and the call is a breach on its record that costs "
                     f"{self.r.scenario.rules.decline_cost} legitimacy. ")
        tally: dict[str, list[int]] = {}
        for c in rows:
            cell = tally.setdefault(c.kind, [0, 0])
            cell[0] += int(c.answer == "declined")
            cell[1] += 1
        by_kind = table(["Kind", "Calls", "Declined"],
                        [[alliances.kind_words(k), n, d] for k, (d, n) in sorted(tally.items())],
                        numeric={1, 2}, empty="") if rows else Markup("")
        return self.section("calls", "", Markup(note + "</p>" + body + by_kind))

    def upkeep(self) -> str:
        rules = self.r.scenario.rules
        if rules.ruleset != 2:
            return self.section("upkeep", "", Markup(
                '<p class="empty">Upkeep is a ruleset-2 rule; this match plays ruleset 1, '
                "where keeping units is free.</p>"))
        rows = alliances.upkeep_rows(self.r)
        powers = self.r.powers

        def cell(paid_due: tuple[int, int] | None) -> Cell:
            if paid_due is None:
                return None
            paid, due = paid_due
            return str(paid) if paid == due else f"{paid} of {due}"

        body = table(["Turn", *[self.power(p) for p in powers], "All"],
                     [[turn, *[cell(paid.get(p)) for p in powers],
                       sum(v[0] for v in paid.values())] for turn, paid in rows],
                     numeric=set(range(0, len(powers) + 2)),
                     bad=[any(v[0] < v[1] for v in paid.values()) for _, paid in rows],
                     empty="No turn was played.")
        note = Markup(f'<p class="note">IP each power paid at the end of each turn to keep its '
                      f"units: round({rules.upkeep} × units). \"3 of 5\": it could not pay "
                      "it all, and the units it could not keep were disbanded.</p>")
        return self.section("upkeep", "", Markup(note + body))

    def research(self) -> str:
        f = alliances.figures(self.r)

        def rate(kind: str | None) -> str:
            cells = [v for k, v in f.honour.items() if kind is None or k == kind]
            yes, calls = sum(v[0] for v in cells), sum(v[1] for v in cells)
            return f"{percent(yes / calls)} of {calls}" if calls else f"— of {calls}"

        def num(x: float | None) -> str:
            return "—" if x is None else f"{x}"

        rows = [
            ["Honour rate, all calls", rate(None), BANDS["honour_all"]],
            ["Honour rate, offensive pacts", rate("offensive"), BANDS["honour_offensive"]],
            ["Honour rate, defensive pacts", rate("defensive"), BANDS["honour_defensive"]],
            ["Deterrence odds ratio", num(f.odds_ratio), BANDS["deterrence"]],
            ["Size–burden rank r",
             f"{num(f.size_burden_r)} over {f.burden_pairs} member-pacts called to war",
             BANDS["size_burden"]],
            ["Entrapment", str(f.entrapment), ""],
            ["Pacts signed and broken the same turn", str(f.signed_then_broken), "0"],
            ["Duplicate pacts", str(f.duplicates), "0"],
        ]
        note = Markup('<p class="note">The figures <code>casus simulate</code> sums over many '
                      "bot games, counted here for this one match beside what the research on "
                      "alliances finds. A call is honoured when the member went to war and "
                      "its first audit found its obligation met. One match is a small sample: "
                      "read these as a prompt for discussion, not a finding.</p>")
        return self.section("research", "", Markup(note + table(
            ["Figure", "This match", "The research"], rows)))

    def communication(self) -> str:
        r = self.r
        channels = comms.channel_rows(r)
        pairs = comms.pair_counts(r)
        answers = comms.answer_rows(r)
        orders = comms.orders_rows(r)
        parts = [Markup("<h3>Messages per channel</h3>"), table(
            ["Channel", "Messages", "Sent by"],
            [[c.channel if c.channel == "public" else
              self.powers(c.channel.split("+")), c.messages,
              ", ".join(f"{self.names.power(s) if s != 'umpire' else 'the umpire'} {n}"
                        for s, n in c.senders.items())] for c in channels],
            numeric={1}, empty="No chat message was sent.")]
        parts.append(Markup("<h3>Messages between each pair of powers</h3>"))
        if pairs:
            powers = r.powers
            grid = []
            for a in powers:
                row: list[Cell] = [self.power(a)]
                for b in powers:
                    key = (a, b) if powers.index(a) < powers.index(b) else (b, a)
                    row.append(None if a == b else pairs.get(key, 0))
                grid.append(row)
            parts.append(table(["", *[self.names.power(p) for p in powers]], grid,
                               numeric=set(range(1, len(powers) + 1))))
            parts.append(Markup('<p class="note">A message in a group channel counts for '
                                "each pair of its sender and another member; public messages "
                                "count for no pair.</p>"))
        else:
            parts.append(Markup('<p class="empty">No private message was sent.</p>'))
        parts.append(Markup("<h3>Time to answer proposals</h3>"))
        parts.append(table(
            ["Proposal", "Turn", "Proposed by", "Kind", "Member", "Answer", "After"],
            # By the name its proposer gave it: the id is the match's, not the room's.
            [[a.name or a.proposal, a.turn, self.power(a.proposer),
              KIND_WORDS.get(a.kind, a.kind),
              self.power(a.member), a.answer, duration(a.seconds)] for a in answers],
            numeric={1, 6}, bad=[a.answer == "unanswered" for a in answers],
            empty="No pact was proposed."))
        if answers:
            per = []
            for p in r.powers:
                mine = [a for a in answers if a.member == p]
                if not mine:
                    continue
                times = [a.seconds for a in mine if a.seconds is not None]
                per.append([self.power(p), len(mine), len(times),
                            duration(comms.median(times)),
                            sum(1 for a in mine if a.answer == "unanswered")])
            parts.append(table(["Power", "Proposals received", "Answered", "Median time",
                                "Left unanswered"], per, numeric={1, 2, 3, 4}))
        parts.append(Markup("<h3>Orders: late or missing</h3>"))
        turns = sorted({o.turn for o in orders})
        by = {(o.turn, o.power): o for o in orders}
        grid = []
        for t in turns:
            ended = next(o.ended_by for o in orders if o.turn == t)
            row = [t, {"all_ready": "all ready", "deadline": "deadline",
                       "umpire": "umpire"}.get(ended, ended)]
            for p in r.powers:
                o = by.get((t, p))
                row.append(None if o is None else
                           o.status + (f" ({o.orders})" if o.orders else ""))
            grid.append(row)
        parts.append(table(["Turn", "Ended by", *[r.names.power(p) for p in r.powers]], grid,
                           numeric={0}, empty="No turn has been adjudicated."))
        late = sum(1 for o in orders if o.status in ("late", "missing"))
        parts.append(Markup(f'<p class="note">{late} late or missing order set'
                            f"{'s' if late != 1 else ''}. Late: orders given but the power was "
                            "not ready when the turn ended; missing: no orders and not ready "
                            "(its units held). The number is the orders in its last set.</p>"))
        return self.section("communication", "", Markup("".join(parts)))

    def workshop(self) -> str:
        intents = workshop.intent_rows(self.r)
        insights = workshop.insight_rows(self.r)
        reviews = workshop.review_rows(self.r)
        if not intents and not insights and not reviews:
            return self.section("workshop", "", Markup(
                '<p class="empty">No intent, insight or review was captured in this match '
                "(they are recorded in workshop mode).</p>"))
        parts = [Markup("<h3>Intent against action</h3>"), table(
            ["Turn", "Power", "Intent", "What it did"],
            [[i.turn, self.by(i.power, i.member), i.intent,
              "rolled back: the turn was played again" if i.rolled_back else
              Markup("<br>".join(esc(a) for a in i.actions)) if i.actions else
              "nothing recorded"] for i in intents],
            numeric={0}, empty="No intent was stated.")]
        parts += [Markup("<h3>Insights noted during play</h3>"), table(
            ["Turn", "By", "Insight"],
            [[i.turn, self.by(i.seat, i.member), i.text] for i in insights],
            numeric={0}, empty="No insight was noted.")]
        parts += [Markup("<h3>Review before release</h3>"), table(
            ["Turn", "What", "Power", "Detail", "Rationale"],
            [[r.turn, r.what, self.power(r.power), r.text, r.rationale or None]
             for r in reviews],
            numeric={0}, empty="No result was amended or released with feedback."),
            Markup('<p class="note">Amendments are the umpire\'s changes to orders before a '
                   "result was released, with the rationale only umpires saw; feedback went "
                   "to each power alone with the result.</p>")]
        return self.section("workshop", "", Markup("".join(parts)))

    def by(self, power: str, member: str) -> Markup:
        """A power, with the team member's seat when a member other than the lead acted."""
        if not power:
            return Markup("—")
        who = self.power(power)
        if not member:
            return who
        role = self.r.members.get(member, {}).get("role")
        detail = f"{member}, {role}" if role else member
        return Markup(f"{who} ({esc(detail)})")

    def unknown(self) -> str:
        if not self.r.unfolded:
            return ""
        items = "".join(f"<li>Event {e.get('seq')}: {esc(generic_sentence(e, self.names))}"
                        f"</li>" for e in self.r.unfolded)
        return (f'<section id="unknown"><h2>Events this version does not know</h2>'
                f'<p class="note">They are in the log and the export, but were not replayed.'
                f"</p><ul>{items}</ul></section>")

    def section(self, key: str, subtitle: str, body: Markup | str) -> str:
        title = dict(SECTIONS)[key]
        sub = f'<p class="lede">{esc(subtitle)}</p>' if subtitle else ""
        return f'<section id="{key}"><h2>{esc(title)}</h2>{sub}{body}</section>'


def _winner_words(winner: dict[str, Any], names: Any) -> str:
    who = ", ".join(names.power(p) for p in winner.get("powers", []))
    kind = winner.get("kind")
    if kind == "solo":
        return f"{who} won."
    if kind == "coalition":
        return f"The coalition of {who} won."
    return f"The last turn was reached; {who} scored highest."


def report_html(record: MatchRecord, *, images: bool = True) -> str:
    """The whole report page. ``images`` False leaves out the map snapshots and plots (a
    text-only page, quicker to make)."""
    page = _Page(record, images)
    parts = [page.header(), page.summary(), page.timeline(), page.network(), page.trends(),
             page.pacts(), page.commitments(), page.burden(), page.entrapment(),
             page.calls(), page.upkeep(), page.research(), page.communication(), page.workshop(), page.unknown()]
    title = f"After-action report: {record.name}"
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{esc(title)}</title><style>{STYLE}</style></head>"
            f"<body><main>{''.join(parts)}</main></body></html>\n")
