"""The lobby, reconnecting with a seat token, deadlines kept by the host, the health check."""

from __future__ import annotations

import asyncio
import urllib.request

from server_helpers import Client, running_server


def run(coro):
    return asyncio.run(coro)


def test_the_lobby_lists_scenarios_and_matches_without_secrets():
    async def scenario():
        async with running_server() as (_, url):
            client = await Client.open(url)
            assert (await client.ok("ping"))["type"] == "pong"
            assert {"triangle", "triangle-luck"} <= set(
                (await client.ok("list_scenarios"))["scenarios"])
            created = await client.ok("create_match", scenario="triangle", name="Friday",
                                      password="pw", bots=["GRN"], deadline=300)
            (summary,) = (await client.ok("list_matches"))["matches"]
            assert summary["match"] == created["match"] and summary["name"] == "Friday"
            assert summary["password"] is True and summary["fog"] is True
            assert [(s["power"], s["kind"]) for s in summary["seats"]] == [
                ("RED", "human"), ("BLU", "human"), ("GRN", "bot")]
            assert "pw" not in str(summary) and created["umpire_token"] not in str(summary)
            missing = await client.request("create_match", scenario="atlantis")
            assert missing["code"] == "bad_scenario"
            await client.close()
    run(scenario())


def test_joining_needs_the_password_and_a_free_seat():
    async def scenario():
        async with running_server() as (_, url):
            host = await Client.open(url)
            match = (await host.ok("create_match", scenario="triangle", password="pw"))["match"]
            a, b = await Client.open(url), await Client.open(url)
            assert (await a.request("join", match=match, seat="RED"))["code"] == "bad_password"
            assert (await a.ok("join", match=match, seat="RED", password="pw"))["token"]
            assert (await b.request("join", match=match, seat="RED", password="pw"))["code"] \
                == "seat_taken"
            assert (await b.request("join", match="nope", seat="RED"))["code"] == "no_match"
            assert (await a.request("join", match=match, seat="BLU", password="pw"))["code"] \
                == "already_joined"
            c = await Client.open(url)
            assert (await c.request("spectate", match=match))["code"] == "bad_password"
            assert (await c.ok("spectate", match=match, password="pw"))["seat"] == "spectator"
            for c in (host, a, b, c):
                await c.close()
    run(scenario())


def test_reconnecting_with_the_token_restores_orders_channels_and_proposals():
    async def scenario():
        async with running_server() as (server, url):
            host = await Client.open(url)
            match = (await host.ok("create_match", scenario="triangle"))["match"]
            red, blu = await Client.open(url), await Client.open(url)
            token = (await red.ok("join", match=match, seat="RED"))["token"]
            await blu.ok("join", match=match, seat="BLU")
            orders = [{"op": "build", "territory": "R", "n": 1},
                      {"op": "move", "from": "R", "to": "B", "n": 2}]
            await red.ok("orders", orders=orders)
            await blu.ok("chat", channel=["RED", "BLU"], text="between us")
            pid = (await red.ok("propose", terms={"kind": "non_aggression",
                                                  "members": ["RED", "BLU"]}))["proposal"]
            await red.close()
            again = await Client.open(url)
            joined = await again.ok("rejoin", match=match, token=token)
            snapshot = joined["snapshot"]
            assert joined["seat"] == "RED"
            assert snapshot["orders"] == {"RED": orders}
            assert [(m["from"], m["text"]) for m in snapshot["chat"]] == [("BLU", "between us")]
            assert [p["id"] for p in snapshot["proposals"]] == [pid]
            await blu.ok("chat", channel="public", text="still there?")
            assert (await again.push("chat"))["text"] == "still there?"
            stranger = await Client.open(url)
            assert (await stranger.request("rejoin", match=match, token="x" * 22))["code"] == \
                "bad_token"
            for c in (host, blu, again, stranger):
                await c.close()
    run(scenario())


def test_the_umpire_token_opens_the_umpires_seat():
    async def scenario():
        async with running_server() as (_, url):
            host = await Client.open(url)
            created = await host.ok("create_match", scenario="triangle", fog=True)
            umpire = await Client.open(url)
            joined = await umpire.ok("rejoin", match=created["match"],
                                     token=created["umpire_token"])
            assert joined["seat"] == "umpire"
            assert joined["snapshot"]["view"]["territories"]["X"]["forces"] == {"GRN": 2}
            await umpire.ok("adjudicate")
            assert (await umpire.push("turn_result"))["turn"] == 2
            await umpire.close()
            await host.close()
    run(scenario())


def test_the_host_adjudicates_when_the_deadline_passes():
    async def scenario():
        now = [1000.0]
        async with running_server(clock=lambda: now[0]) as (_, url):
            host = await Client.open(url)
            match = (await host.ok("create_match", scenario="triangle", deadline=30))["match"]
            red = await Client.open(url)
            joined = await red.ok("join", match=match, seat="RED")
            assert joined["snapshot"]["deadline_at"] == 1030.0
            now[0] = 1031.0
            result = await red.push("turn_result")
            assert (result["turn"], result["reason"], result["deadline_at"]) == \
                (2, "deadline", 1061.0)
            await red.close()
            await host.close()
    run(scenario())


def test_the_health_check_answers_on_the_same_port():
    async def scenario():
        async with running_server() as (_, url):
            http = url.replace("ws://", "http://") + "/health"
            body = await asyncio.to_thread(lambda: urllib.request.urlopen(http, timeout=5).read())
            assert body.startswith(b"ok 0 matches")
    run(scenario())


def test_one_address_may_create_only_so_many_matches_an_hour():
    async def scenario():
        now = [0.0]
        async with running_server(clock=lambda: now[0], creations_per_hour=2) as (_, url):
            clients = [await Client.open(url) for _ in range(3)]
            await clients[0].ok("create_match", scenario="triangle")
            await clients[1].ok("create_match", scenario="triangle")
            refused = await clients[2].request("create_match", scenario="triangle")
            assert refused["code"] == "rate_limited"
            now[0] = 3601.0
            await clients[2].ok("create_match", scenario="triangle")
            for client in clients:
                await client.close()
    run(scenario())


def test_a_released_seat_closes_its_connections_and_can_be_joined_again():
    async def scenario():
        async with running_server() as (_, url):
            host = await Client.open(url)
            created = await host.ok("create_match", scenario="triangle")
            red, umpire, newcomer = [await Client.open(url) for _ in range(3)]
            token = (await red.ok("join", match=created["match"], seat="RED"))["token"]
            await umpire.ok("rejoin", match=created["match"], token=created["umpire_token"])
            assert (await umpire.ok("release_seat", seat="RED"))["seat"] == "RED"
            await asyncio.wait_for(red.reader, 5)
            assert red.ws.close_reason == "the umpire released this seat"
            assert (await newcomer.request("rejoin", match=created["match"], token=token))[
                "code"] == "bad_token"
            assert (await newcomer.ok("join", match=created["match"], seat="RED"))["token"]
            for client in (host, umpire, newcomer):
                await client.close()
    run(scenario())


def test_the_map_reply_carries_the_matchs_own_rules():
    from game.engine.params import Rules, rules_from_dict

    async def scenario():
        async with running_server() as (server, url):
            client = await Client.open(url)
            match = (await client.ok("create_match", scenario="triangle", fog=True))["match"]
            await client.ok("join", match=match, seat="RED")
            reply = await client.ok("map")
            assert reply["map"] == server.matches[match].scenario.map_doc
            rules = rules_from_dict(reply["rules"])
            assert rules == server.matches[match].scenario.rules
            assert rules.fog is True and rules != Rules()
            await client.close()
    run(scenario())


def test_rules_sent_by_a_host_are_read_leniently():
    from game.engine.params import Rules, rules_from_dict

    assert rules_from_dict({"sigma": 0, "a_rule_of_a_newer_host": 3}) == Rules(sigma=0.0)
    assert rules_from_dict({"sigma": -1}) is None        # out of range: not rules at all
    assert rules_from_dict({"sigma": "much"}) is None
    assert rules_from_dict(None) is None and rules_from_dict([1]) is None
