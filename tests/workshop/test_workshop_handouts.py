"""Handouts: one printable page per power and one for the umpire; a power's page holds its
own brief, the public one and what it sees, and nothing of another power's."""

from __future__ import annotations

import pytest

import game.handouts.write as handouts_write
from game.cli.main import main
from game.engine.orders import parse_order_text
from game.engine import Rules
from game.handouts import write_handouts
from game.handouts.cards import ORDER_CARD, order_card
from game.handouts.pdf import find_chromium
from game.handouts.write import markdown_html
from game.maps import load_scenario
from game.maps.briefs import PUBLIC, brief_blocks, inline_html

TINY_PNG = bytes.fromhex("89504e470d0a1a0a")   # the pages are tested, not the map here


class FakePainter:
    def __init__(self, scenario):
        pass

    def png(self, seat_view):
        return TINY_PNG


def paragraphs(text: str) -> list[str]:
    """A brief's paragraphs as the page prints them (each distinctive enough to find)."""
    return [inline_html(body) for kind, body in brief_blocks(text)
            if kind == "paragraph" and len(body) > 60]


@pytest.mark.parametrize("name", ["tutorial", "europe-1939", "cold-war"])
def test_each_powers_page_holds_its_brief_and_none_of_the_others(name, tmp_path, monkeypatch):
    if name != "tutorial":     # the maps of the big scenarios are drawn in the bench
        monkeypatch.setattr(handouts_write, "MapPainter", FakePainter)
    scenario = load_scenario(name)
    briefs = scenario.scenario_doc["briefs"]
    written = write_handouts(scenario, tmp_path, pdf=False)
    assert set(written.pages) == {*scenario.power_ids, "umpire"}
    for power in scenario.power_ids:
        page = written.pages[power].read_text(encoding="utf-8")
        assert page.startswith("<!doctype html>") and "@media print" in page
        for other, text in briefs.items():
            for paragraph in paragraphs(text):
                assert (paragraph in page) == (other in (power, PUBLIC)), (power, other)
        assert "data:image/png;base64," in page       # self-contained: the map is inside
        assert "src=\"http" not in page and "href=\"http" not in page
    umpire = written.pages["umpire"].read_text(encoding="utf-8")
    for text in briefs.values():
        for paragraph in paragraphs(text):
            assert paragraph in umpire


def test_a_secret_pact_is_only_on_its_members_pages_and_the_umpires(tmp_path, monkeypatch):
    monkeypatch.setattr(handouts_write, "MapPainter", FakePainter)
    written = write_handouts(load_scenario("europe-1939"), tmp_path, pdf=False)
    for seat, path in written.pages.items():
        table = path.read_text(encoding="utf-8").split("Pacts you know of at the start")[-1]
        has = "<td>Molotov–Ribbentrop Pact</td>" in (table if seat != "umpire" else
                                                      path.read_text(encoding="utf-8"))
        assert has == (seat in ("GER", "SOV", "umpire")), seat


def test_the_tutorial_pages_draw_the_map(tmp_path):
    written = write_handouts(load_scenario("tutorial"), tmp_path, pdf=False)
    page = written.pages["RED"].read_text(encoding="utf-8")
    image = page.split("data:image/png;base64,")[1].split('"')[0]
    assert len(image) > 10_000                     # a real drawing, not a placeholder
    assert "Your territories: Albion, Borea, Fenmark." in page


def test_every_example_on_the_notation_card_is_an_order_the_engine_reads():
    for example, _ in order_card(Rules(ruleset=2)):
        parse_order_text(example)


def test_the_notation_card_shows_decline_in_ruleset_2_only(tmp_path):
    # Ruleset 2's answer to a call to arms (RULES.md §11.2); ruleset 1 rejects the order.
    assert order_card(Rules()) == ORDER_CARD
    assert "decline P1" in dict(order_card(Rules(ruleset=2)))
    assert "decline P1" not in dict(ORDER_CARD)
    written = write_handouts(load_scenario("tutorial"), tmp_path, pdf=False)   # ruleset 2
    assert "<code>decline P1</code>" in written.pages["RED"].read_text(encoding="utf-8")


def test_the_rules_summary_is_a_list_under_a_heading():
    html = markdown_html("## Rules\n\n- **One.** a\n  b\n- two\n\nAfter.")
    assert html == ("<h3>Rules</h3>\n<ul><li><b>One.</b> a b</li><li>two</li></ul>\n"
                    "<p>After.</p>")


@pytest.mark.skipif(find_chromium() is None, reason="headless Chromium is not installed")
def test_the_pages_print_to_pdf(tmp_path):
    written = write_handouts(load_scenario("tutorial"), tmp_path)
    assert sorted(p.name for p in written.pdfs) == sorted(
        f"{seat}.pdf" for seat in written.pages)
    for pdf in written.pdfs:
        assert pdf.read_bytes().startswith(b"%PDF")


def test_without_chromium_the_html_is_written_and_the_command_says_why(tmp_path, monkeypatch,
                                                                        capsys):
    monkeypatch.setattr(handouts_write, "find_chromium", lambda: None)
    assert main(["handouts", "tutorial", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "PDFs need Chromium" in out and (tmp_path / "umpire.html").is_file()


def test_a_bad_scenario_or_folder_is_one_sentence(tmp_path, capsys):
    assert main(["handouts", "atlantis", "--out", str(tmp_path)]) == 2
    assert "there is no scenario called 'atlantis'" in capsys.readouterr().err
    file = tmp_path / "file"
    file.write_text("x")
    assert main(["handouts", "tutorial", "--out", str(file)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
