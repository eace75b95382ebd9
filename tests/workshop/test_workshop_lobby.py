"""The lobby names powers as people know them, and the match password stays out of the
process list (a prompt, or CASUS_PASSWORD; --password still works, with a warning)."""

from __future__ import annotations

import argparse

import pytest

from game.cli.tokens import PASSWORD_VARIABLE, password_of
from game.cli.main import UserError
from game.client.screens.lobby import power_label, with_power_names
from game.client.screens.lobby_team import team_item
from online_helpers import host_thread
from client_helpers import SHOTS, run
from lobby_helpers import flow_for, make_match, open_lobby, step
from online_helpers import until

pytestmark = pytest.mark.usefixtures("pygame_ready")


def test_seats_are_labelled_with_their_powers_names():
    matches = [{"scenario": "europe-1939", "seats": [{"power": "GER"}, {"power": "XYZ"}]},
               {"scenario": "not-shipped", "seats": [{"power": "RED"}]},
               {"scenario": "Cold War 1961", "seats": [{"power": "GDR"}]}]
    with_power_names(matches, {})
    assert [power_label(s) for s in matches[0]["seats"]] == ["Germany (GER)", "XYZ"]
    assert power_label(matches[1]["seats"][0]) == "RED"
    assert power_label(matches[2]["seats"][0]) == "East Germany (GDR)"   # by title
    assert team_item({"power": "GER", "power_name": "Germany", "name": "Ada",
                      "members": [{}]}) == "Germany — Ada and 1 more"


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_lobby_lists_the_hosts_powers_by_name(tmp_path, size):
    with host_thread() as host:
        make_match(host.url, scenario="tutorial", name="Seminar")
        app, flow = flow_for(host.url, tmp_path, size=size)
        try:
            lobby = open_lobby(app, flow)
            until(lambda: lobby.power_names.get("Tutorial"), step=step(app))
            run(app, 2)
            assert lobby.widgets["seat"].options_list[:2] == [("Redland (RED)", "RED"),
                                                              ("Greenmark (GRN)", "GRN")]
            assert "Blueland (BLU): " in lobby._details()
            assert lobby.seat_choice == "RED"
            app.screenshot(f"{SHOTS}/lobby_power_names_{size[0]}.png")
        finally:
            flow.close()


def args(**given) -> argparse.Namespace:
    return argparse.Namespace(**{"password": "", "ask_password": False, **given})


def test_the_password_comes_from_a_prompt_or_the_environment(capsys):
    assert password_of(args(ask_password=True), {}, ask=lambda prompt: "typed") == "typed"
    assert password_of(args(), {PASSWORD_VARIABLE: "from-env"}) == "from-env"
    assert password_of(args(), {}) == ""
    assert capsys.readouterr().err == ""


def test_the_password_flag_still_works_and_warns_it_shows_in_ps(capsys):
    assert password_of(args(password="pw"), {PASSWORD_VARIABLE: "other"}) == "pw"
    assert "--password shows in the process list (ps)" in capsys.readouterr().err


def test_an_abandoned_prompt_is_one_sentence():
    def gone(prompt: str) -> str:
        raise EOFError
    with pytest.raises(UserError, match="no password was given"):
        password_of(args(ask_password=True), {}, ask=gone)
