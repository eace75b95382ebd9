"""Pacts, proposals, records and orders in plain words (pure text)."""

from __future__ import annotations

from game.words.narrate import Names
from game.words.pacts import (credibility_record, order_words, pact_state, pact_title,
                                      proposal_status, term_lines, terms_brief)

NAMES = Names(powers={"FRA": "France", "GBR": "Britain", "POL": "Poland", "GER": "Germany"},
              territories={"ALS": "Alsace", "BER": "Berlin", "WAR": "Warsaw"})


def test_every_term_of_a_defensive_pact_in_sentences():
    terms = {"kind": "defensive", "members": ["FRA", "GBR", "POL"], "against": ["GER"],
             "burden_share": 0.25, "pledges": {"GBR": 6}, "notice": 2, "duration": 8,
             "integrated_command": True, "secret": True}
    assert term_lines(terms, NAMES) == [
        "Defensive pact: France, Britain and Poland, only against Germany.",
        "Each member commits 25% of its forces when engaged; pledged units: Britain 6.",
        "Leaving takes 2 turns' notice.",
        "Lasts 8 turns.",
        "Integrated command: the members' units fight as one force.",
        "Secret: hidden from others until it is triggered or invoked."]
    assert terms_brief(terms, NAMES) == ("25% of forces when engaged · Britain pledges 6 · "
                                         "2 turns' notice · for 8 turns · integrated command")


def test_defaults_and_a_peace_treaty():
    assert term_lines({"kind": "offensive", "members": ["GER", "FRA"], "target": "POL"},
                      NAMES) == [
        "Offensive pact: Germany and France against Poland.",
        "Each member commits 20% of its forces when engaged.",
        "Leaving takes 1 turn's notice.", "Lasts until ended."]
    peace = {"kind": "peace", "sides": [["FRA"], ["GER"]],
             "transfers": [{"territory": "ALS", "to": "GER"}], "truce": 3, "notice": 0}
    assert term_lines(peace, NAMES) == [
        "Peace treaty: France with Germany.", "Alsace passes to Germany.", "Truce of 3 turns.",
        "Members may leave at once.", "Lasts until ended."]
    assert terms_brief(peace, NAMES) == "Alsace to Germany · truce of 3 turns · leave at once " \
                                        "· until ended"


def test_titles_state_and_the_credibility_record():
    assert pact_title({"id": "P3", "kind": "non_aggression"}, NAMES) == "Non-aggression pact"
    assert pact_title({"id": "P_3fa9e0c1d2", "kind": "defensive", "members": ["FRA", "GBR"]},
                      NAMES) == "Defensive pact France–Britain"
    assert pact_title({"kind": "offensive", "members": ["GER", "FRA"], "target": "POL"},
                      NAMES) == "Offensive pact Germany–France against Poland"
    assert pact_title({"id": "P1", "kind": "defensive", "name": "Entente"}, NAMES) == "Entente"
    pact = {"status": "active", "engaged_against": ["GER"], "withdrawing": {"GBR": 5},
            "since": 2}
    assert pact_state(pact, NAMES) == ("Engaged against Germany. Britain leaves on turn 5. "
                                       "Signed on turn 2.")
    assert pact_state({"status": "ended"}, NAMES) == "Ended."
    assert credibility_record({"owed": 9, "kept": 7}) == "kept 7 of 9"
    assert credibility_record({"owed": 0, "kept": 0}) == "no promises yet"
    assert credibility_record({}) == "record unknown"


def test_a_proposals_status_names_who_it_waits_for():
    proposal = {"terms": {"kind": "defensive", "members": ["GBR", "FRA", "POL"]},
                "accepted": ["GBR"], "status": "open"}
    assert proposal_status(proposal, NAMES, "FRA") == (
        "Accepted by Britain; awaiting your answer and Poland's.")
    assert proposal_status(proposal, NAMES, "GBR") == (
        "Accepted by Britain; waiting for France and Poland.")
    assert proposal_status({**proposal, "status": "declined", "by": "POL"}, NAMES, "FRA") == \
        "Declined by Poland."


def test_orders_in_words_even_when_malformed():
    assert order_words({"op": "move", "from": "BER", "to": "WAR", "n": 10}, NAMES) == \
        "Move 10 from Berlin to Warsaw"
    assert order_words({"op": "transfer", "to": "POL", "amount": 5}, NAMES) == \
        "Give 5 IP to Poland"
    assert order_words({"op": "break", "pact": "P2"}, NAMES) == "Break the pact"
    assert order_words({"op": "move", "from": "BER"}, NAMES) == "op: move, from: BER"
    assert order_words("war POL", NAMES) == "war POL"
    assert order_words({}, NAMES) == "an empty order"


def test_a_decline_order_reads_in_words_in_the_report_as_in_the_order_list():
    # One table of pact-order verbs serves the report's words and the order list.
    from game.client.orders_ui import order_label
    words = order_words({"op": "decline", "pact": "P2"}, NAMES)
    assert words.startswith("Decline a call under ")
    assert order_label({"op": "decline", "pact": "P2"}, None, str,
                       lambda p: words.removeprefix("Decline a call under ")) == words
