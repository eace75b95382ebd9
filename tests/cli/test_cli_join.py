"""``casus join``: its arguments, one-sentence errors, and the window opened on a real host
(the lobby, or straight to a seat, the umpire's console or the projector)."""

from __future__ import annotations

import argparse
import socket

import pytest

from game.cli.join_cmd import check
from game.cli.main import UserError, build_parser, main
from online_helpers import host_thread
from lobby_helpers import make_match


def parse(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["join", *argv])


def test_the_arguments_are_parsed():
    args = parse("ws://10.0.0.2:9000", "--match", "16f33baa", "--seat", "RED", "--token", "t",
                 "--name", "Ada", "--password", "pw", "--seats", "/tmp/s.json")
    assert (args.url, args.match, args.seat, args.token, args.name, args.password,
            args.seats, args.projector) == ("ws://10.0.0.2:9000", "16f33baa", "RED", "t",
                                             "Ada", "pw", "/tmp/s.json", False)
    args = parse("ws://lan-box", "--match", "m", "--projector")
    check(args)
    assert args.url == "ws://lan-box:8765" and args.projector


@pytest.mark.parametrize("argv, message", [
    (["http://host:8765"], "it must start with ws://"),
    (["ws://host:8765", "--seat", "RED"], "--seat needs --match: which match is the seat in?"),
    (["ws://host:8765", "--token", "t"], "--token needs --match"),
    (["ws://host:8765", "--projector"], "--projector needs --match: which match to show?"),
    (["ws://host:8765", "--match", "m", "--seat", "RED", "--projector"],
     "--projector shows the match as a spectator: leave out --seat"),
    (["ws://host:8765", "--match", "m" * 65], "--match is at most 64 characters"),
])
def test_bad_arguments_are_one_sentence(argv, message, capsys):
    with pytest.raises(UserError, match=message.replace("?", r"\?")):
        check(parse(*argv))
    assert main(["join", *argv, "--frames", "1"]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_a_host_that_is_not_there_is_one_sentence(capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert main(["join", f"ws://127.0.0.1:{port}", "--frames", "1"]) == 2
    err = capsys.readouterr().err
    assert err == (f"casus join: nothing answers at 127.0.0.1:{port} (connection refused): "
                   "is 'casus host' running there?\n")


def test_join_opens_the_window_on_a_real_host(tmp_path):
    """A smoke test of each way in (frames are not time, so what the window reached is
    checked by the flow's own tests in test_client_lobby.py)."""
    seats = str(tmp_path / "seats.json")
    with host_thread() as host:
        made = make_match(host.url, name="Friday")
        for extra in ([], ["--match", made["match"], "--seat", "RED", "--name", "Ada"],
                      ["--match", made["match"], "--seat", "umpire",
                       "--token", made["umpire_token"]],
                      ["--match", made["match"], "--projector"]):
            assert main(["join", host.url, "--seats", seats, "--frames", "20", *extra]) == 0
