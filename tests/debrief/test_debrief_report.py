"""``casus report``: the after-action report of the scripted match (debrief_scripted),
its narration and the numbers in its tables, each computed here independently of the
debrief's own code: from the script, from the states, or from the raw report events."""

from __future__ import annotations

import base64
import json
import re
from html.parser import HTMLParser

import pytest

from game.cli.main import main
from game.debrief import rebuild
from game.debrief.page import report_html
from debrief_scripted import scripted_match


class Tables(HTMLParser):
    """The text of every table cell, grouped by section id, table and row."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, list[list[list[str]]]] = {}
        self.section = ""
        self.cell: list[str] | None = None
        self.text: list[str] = []
        self.images: list[tuple[str, str]] = []   # (section, src)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.section = attrs.get("id", "")
        elif tag == "table":
            self.sections.setdefault(self.section, []).append([])
        elif tag == "tr":
            self.sections[self.section][-1].append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "img":
            self.images.append((self.section, attrs.get("src", "")))

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.sections[self.section][-1][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
        self.text.append(data)

    def table(self, section: str, index: int = 0) -> list[dict[str, str]]:
        """A table as dicts keyed by its header row."""
        head, *rows = self.sections[section][index]
        return [dict(zip(head, row)) for row in rows]


@pytest.fixture(scope="module")
def match():
    return scripted_match()


@pytest.fixture(scope="module")
def page(match):
    html = report_html(rebuild(match.log))
    parsed = Tables()
    parsed.feed(html)
    return html, parsed


def sentences(parsed: Tables) -> str:
    return " ".join(" ".join(parsed.text).split())


def test_the_timeline_narrates_the_pacts_the_war_the_trigger_and_the_capture(page, match):
    _, parsed = page
    text = sentences(parsed)
    x2 = [e["proposal"] for e in match.log if e["type"] == "proposed"][1]
    assert f"declined proposal {x2}" not in text    # told by its terms, not its id
    for sentence in [
        "Yellowvale declined the proposal “Non-aggression pact Redland–Yellowvale”.",
        "Bluria and Greenmark signed the Shield, a defensive pact.",
        "Redland and Yellowvale signed the Spear, an offensive pact against Bluria.",
        "Redland declared war on Bluria.",
        "Redland's attack on Bluria triggered the Shield.",
        "Greenmark honoured the Shield and entered the war against Redland in defence of "
        "Bluria.",
        "Redland captured B from Bluria.",
        "Greenmark fell short of its commitment to the Shield against Redland: 6 units "
        "committed, 8 required.",
        "Greenmark abandoned the Shield while its partners were at war.",
        "Yellowvale was drawn by the Spear into war against Bluria.",
    ]:
        assert sentence in text, sentence
    # Turn 2 had one private message and one battle, in which Bluria lost one unit.
    assert "Turn 2 (1 chat message; 1 battle, 1 unit lost)" in text
    # Bookkeeping is summed up, not told.
    assert "earned" not in text and "legitimacy rose" not in text


def test_the_timeline_keeps_the_engines_order_within_a_turn(page):
    html, _ = page
    order = ["Redland declared war on Bluria.", "triggered the Shield.",
             "Redland captured B from Bluria.", "Greenmark fell short"]
    positions = [html.index(s) for s in order]
    assert positions == sorted(positions)


def test_the_pact_table_lists_every_pact_with_its_terms_lifetime_and_end(page):
    _, parsed = page
    rows = parsed.table("pacts")
    assert [r["Pact"] for r in rows] == ["P1 Shield", "P2 Spear"]
    shield, spear = rows
    assert shield["Kind"] == "defensive pact"
    assert shield["Members"] == "Bluria, Greenmark"
    assert shield["Terms"] == "burden 20%; pledges GRN 8; notice 0"
    # Signed on turn 1, ended at step 1 of turn 3: in force during turns 1 and 2.
    assert (shield["Signed"], shield["Lifetime"]) == ("turn 1", "2 turns")
    assert shield["How it ended"] == ("ended on turn 3: too few members remained after "
                                      "Greenmark abandoned it while engaged (turn 3)")
    assert (spear["Target"], spear["Signed"], spear["How it ended"]) == \
        ("Bluria", "turn 2", "in force")


def test_commitments_by_kind_add_up_to_each_powers_record(page, match):
    _, parsed = page
    rows = {r["Power"]: r for r in parsed.table("commitments")}
    final = match.state.to_json()["powers"]
    for power, name in [("RED", "Redland"), ("BLU", "Bluria"), ("GRN", "Greenmark"),
                        ("YEL", "Yellowvale")]:
        # Everyone started with an empty record (owed 0, kept 0).
        assert rows[name]["All kinds"] == f"{final[power]['kept']} of {final[power]['owed']}"
        assert rows[name]["Credibility"] == str(final[power]["credibility"])
    # Greenmark: called to war (kept), its shortfall and its abandonment (not kept).
    assert rows["Greenmark"]["defensive pact"] == "1 of 3"
    assert rows["Yellowvale"]["offensive pact"] == "2 of 2"
    assert rows["Yellowvale"]["defensive pact"] == "—"


def test_pledges_are_set_against_the_forces_committed(page, match):
    _, parsed = page
    audits = [e for report in match.reports for e in report["events"]
              if e["type"] in ("honoured", "shortfall")]
    rows = parsed.table("burden", 0)
    assert len(rows) == len(audits) == 4
    grn = next(r for r in rows if r["Member"] == "Greenmark")
    assert (grn["Turn"], grn["Pledged"], grn["Required"], grn["Committed"], grn["Kept"]) == \
        ("2", "8", "8", "6", "no")
    blu = next(r for r in rows if r["Member"] == "Bluria")
    # No pledge: 20% of Bluria's 5 units at the start of turn 2.
    assert (blu["Pledged"], blu["Required"], blu["Kept"]) == ("—", "1", "yes")


def test_burden_shares_set_against_member_size(page, match):
    _, parsed = page
    rows = {(r["Pact"], r["Member"]): r for r in parsed.table("burden", 1)}
    start_of_turn_2 = match.states[1].to_json()["territories"]
    units = {p: sum(t["forces"].get(p, 0) for t in start_of_turn_2.values())
             for p in ("BLU", "GRN")}
    assert units == {"BLU": 5, "GRN": 6}
    blu, grn = rows[("the Shield", "Bluria")], rows[("the Shield", "Greenmark")]
    assert (blu["Size (units)"], blu["Share of the pact"]) == ("5", f"{round(100 * 5 / 11)}%")
    assert (grn["Size (units)"], grn["Share of the pact"]) == ("6", f"{round(100 * 6 / 11)}%")
    # Each committed all its own units: a burden of 1.
    assert (blu["Committed"], blu["Burden ÷ own units"]) == ("5", "1.00")
    assert (grn["Committed"], grn["Burden ÷ own units"]) == ("6", "1.00")
    red = rows[("the Spear", "Redland")]
    # Redland had 16 of the Spear's 20 units (80%) and committed 12 of its 16 (0.75).
    assert (red["Share of the pact"], red["Committed"], red["Burden ÷ own units"]) == \
        ("80%", "12", "0.75")
    # Redland attacked Bluria and invoked the Spear: both in their own wars. The Shield
    # called Greenmark, the Spear Yellowvale.
    assert {key: r["War"] for key, r in rows.items()} == {
        ("the Shield", "Bluria"): "its own", ("the Shield", "Greenmark"): "called by the pact",
        ("the Spear", "Redland"): "its own", ("the Spear", "Yellowvale"): "called by the pact"}


def test_entrapment_and_abandonment_are_listed(page):
    _, parsed = page
    rows = parsed.table("entrapment")
    assert [(r["Turn"], r["What"], r["Power"], r["Pact"]) for r in rows] == [
        ("3", "abandonment", "Greenmark", "the Shield"),
        ("3", "entrapment", "Yellowvale", "the Spear"),
    ]


def test_messages_are_counted_per_channel_and_per_pair(page, match):
    _, parsed = page
    by_channel: dict[str, int] = {}
    for e in match.log:
        if e["type"] == "chat":
            key = "+".join(e["channel"])
            by_channel[key] = by_channel.get(key, 0) + 1
    assert by_channel == {"public": 1, "BLU+GRN": 3, "RED+YEL": 1}
    channels = {r["Channel"]: r for r in parsed.table("communication", 0)}
    assert channels["Bluria, Greenmark"]["Messages"] == "3"
    assert channels["Bluria, Greenmark"]["Sent by"] == "Bluria 2, Greenmark 1"
    assert channels["public"]["Messages"] == "1"
    pairs = {r[""]: r for r in parsed.table("communication", 1)}
    assert pairs["Bluria"]["Greenmark"] == pairs["Greenmark"]["Bluria"] == "3"
    assert pairs["Redland"]["Yellowvale"] == "1"
    assert pairs["Redland"]["Bluria"] == "0"
    assert pairs["Redland"]["Redland"] == "—"


def test_time_to_answer_proposals(page, match):
    _, parsed = page
    rows = parsed.table("communication", 2)
    # A proposal is told by the name its terms give the pact, else by its id.
    x1, x2, x3 = [e["terms"].get("name") or e["proposal"]
                  for e in match.log if e["type"] == "proposed"]
    # Answers came 30 s, 120 s and 60 s after the proposals (the script's times).
    assert [(r["Proposal"], r["Member"], r["Answer"], r["After"]) for r in rows] == [
        (x1, "Greenmark", "accepted", "30 s"),
        (x2, "Yellowvale", "declined", "2 min"),
        (x3, "Yellowvale", "accepted", "1 min"),
    ]
    per_power = {r["Power"]: r for r in parsed.table("communication", 3)}
    assert per_power["Yellowvale"]["Median time"] == "1 min 30 s"   # (120 + 60) / 2


def test_late_and_missing_orders(page):
    _, parsed = page
    rows = {r["Turn"]: r for r in parsed.table("communication", 4)}
    # Turn 2: Yellowvale gave no orders and never readied; the deadline ended the turn.
    assert rows["2"]["Ended by"] == "deadline"
    assert rows["2"]["Yellowvale"] == "missing"
    assert rows["2"]["Redland"] == "on time (2)"
    assert rows["1"]["Ended by"] == "all ready"
    assert "1 late or missing order set." in sentences(parsed)


def test_the_summary_and_the_figures_match_the_final_state(page, match):
    _, parsed = page
    final = match.state.to_json()
    rows = {r["Power"]: r for r in parsed.table("summary")}
    red = rows["Redland"]
    owned = [t for t, d in final["territories"].items() if d["owner"] == "RED"]
    assert sorted(owned) == ["B", "R", "S"]
    assert (red["Territories"], red["Value"], red["Legitimacy"]) == \
        ("3", "7", str(final["powers"]["RED"]["legitimacy"]))
    figures = parsed.table("trends", 0)
    value_red = next(r for r in figures if r["Measure"].startswith("Territory value")
                     and r["Power"] == "Redland")
    assert [value_red[f"T{k}"] for k in range(4)] == ["4", "4", "7", "7"]
    wars = parsed.table("trends", 1)
    assert [(w["War"], w["Battles"], w["Lost by the first"], w["Lost by the second"])
            for w in wars] == [("Redland – Bluria", "1", "0", "1")]


def test_the_page_is_self_contained_with_network_snapshots_and_plots(page):
    html, parsed = page
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)=["'](?!data:|#)""", html), "an external resource"
    assert "@media print" in html
    by_section: dict[str, int] = {}
    for section, src in parsed.images:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
        by_section[section] = by_section.get(section, 0) + 1
    # The key, then the start and the end of each of the 3 turns.
    assert by_section["network"] == 1 + 4
    assert by_section["trends"] == 2     # the four measures, and the losses per war
    assert "This match is not over" in html   # the script stops during turn 4


def test_a_report_is_written_from_a_json_log_and_from_a_data_folder(tmp_path, match, capsys):
    from server.storage import SQLiteStorage

    log_file = tmp_path / "saved.json"
    log_file.write_text(json.dumps({"events": match.log}), encoding="utf-8")
    assert main(["report", str(log_file), "--out", str(tmp_path / "a"), "--no-images"]) == 0
    storage = SQLiteStorage(tmp_path / "data")
    for event in match.log:
        storage.append("script", event)
    storage.close()
    assert main(["report", "script", "--data", str(tmp_path / "data"),
                 "--out", str(tmp_path / "b"), "--no-images"]) == 0
    first = (tmp_path / "a" / "report-script.html").read_text(encoding="utf-8")
    second = (tmp_path / "b" / "report-script.html").read_text(encoding="utf-8")
    assert first == second
    assert "Greenmark abandoned the Shield" in first
    assert capsys.readouterr().out.splitlines()[-1] == \
        f"casus report: wrote {tmp_path / 'b' / 'report-script.html'}"


def test_a_report_is_read_from_a_postgresql_database_as_from_a_data_folder(tmp_path, match,
                                                                          pg_url, capsys):
    from server.store_pg import PostgresStorage

    log_file = tmp_path / "saved.json"
    log_file.write_text(json.dumps({"events": match.log}), encoding="utf-8")
    assert main(["report", str(log_file), "--out", str(tmp_path / "a"), "--no-images"]) == 0
    storage = PostgresStorage(pg_url)
    for event in match.log:
        storage.append("script", event)
    storage.commit()
    storage.close()
    assert main(["report", "script", "--db", pg_url,
                 "--out", str(tmp_path / "b"), "--no-images"]) == 0
    assert (tmp_path / "b" / "report-script.html").read_text(encoding="utf-8") == \
        (tmp_path / "a" / "report-script.html").read_text(encoding="utf-8")
    assert main(["export", "script", "--db", pg_url, "--format", "json",
                 "--out", str(tmp_path / "c")]) == 0
    capsys.readouterr()
    # A match the database does not hold, and a --db that is not a database: one sentence.
    assert main(["report", "nothing", "--db", pg_url, "--out", str(tmp_path / "d")]) == 2
    assert "there is no match 'nothing' in the database" in capsys.readouterr().err
    assert main(["report", "script", "--db", str(tmp_path), "--out", str(tmp_path / "d")]) == 2
    assert "--db must be a postgresql:// URL" in capsys.readouterr().err


def test_the_same_log_gives_the_same_page(match):
    record = rebuild(match.log)
    assert report_html(record, images=False) == report_html(rebuild(list(match.log)),
                                                            images=False)


def test_a_match_without_turns_still_has_a_report(tmp_path):
    from game.match import Match, MatchSettings
    from debrief_scripted import scripted_scenario

    fresh, _ = Match.create(scripted_scenario(), match_id="new", now=0.0,
                            settings=MatchSettings(name="Fresh"))
    html = report_html(rebuild(fresh.log), images=False)
    assert "No turn has been played yet." not in html   # turn 1 is being planned
    assert "still being planned" in html
    assert "No pact was in force at any time." in html
    assert "No chat message was sent." in html


def test_what_players_wrote_is_shown_as_text_never_as_markup():
    from game.match import Match, MatchSettings
    from debrief_scripted import scripted_scenario

    hostile = "<script>alert(1)</script>"
    m, _ = Match.create(scripted_scenario(), match_id="x", now=0.0,
                        settings=MatchSettings(name="<b>Match</b>"))
    m.join("RED", 1.0, name=hostile)
    pid = m.propose("RED", {"kind": "defensive", "members": ["RED", "BLU"],
                            "name": '"><img src=x onerror=alert(1)>'}, 2.0).reply["proposal"]
    m.accept("BLU", pid, 3.0)
    for p in m.powers:
        m.set_ready(p, True, 4.0)
    html = report_html(rebuild(m.log), images=False)
    assert "<script" not in html and "<img src=x" not in html and "<b>Match" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Match&lt;/b&gt;" in html


def test_a_long_match_shows_evenly_spread_snapshots_with_the_first_and_last(match):
    from game.debrief.network import chosen_states

    record = rebuild(match.log)
    assert [turn for turn, _, _ in chosen_states(record, limit=24)] == [0, 1, 2, 3]
    assert [turn for turn, _, _ in chosen_states(record, limit=3)] == [0, 2, 3]
    assert [turn for turn, _, _ in chosen_states(record, limit=1)] == [3]
