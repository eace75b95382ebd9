"""``casus migrate``: every match copied from a SQLite data folder into PostgreSQL and back,
each replayed from both sides to the same hash."""

from __future__ import annotations

import asyncio

from game.cli.main import main
from server.migrate import migrate
from server.storage import MemoryStorage, SQLiteStorage, open_store
from server_helpers import Client, running_server


async def three_matches(where: str) -> list[str]:
    """Three matches on a host over ``where``: one played a turn, one fresh, one unloaded."""
    storage = open_store(where)
    async with running_server(storage) as (_, url):
        client = await Client.open(url)
        ids = [(await client.ok("create_match", scenario="triangle", seed=s))["match"]
               for s in (1, 2, 3)]
        for seat in ("RED", "BLU", "GRN"):
            player = await Client.open(url)
            await player.ok("join", match=ids[0], seat=seat)
            await player.ok("chat", channel="public", text=f"hello from {seat}")
            await player.close()
        await client.close()
    storage.set_unloaded(ids[2], {"match": ids[2], "title": "kept for the lobby"})
    storage.commit()
    storage.close()
    return ids


def lines_of(out: str) -> dict[str, str]:
    return {line.split(":")[0]: line for line in out.splitlines() if ": source " in line}


def test_a_data_folder_goes_to_postgresql_and_back_with_the_same_hashes(tmp_path, pg_url,
                                                                          capsys):
    folder, back = str(tmp_path / "data"), str(tmp_path / "back")
    ids = asyncio.run(three_matches(folder))
    assert main(["migrate", folder, pg_url]) == 0
    there = lines_of(capsys.readouterr().out)
    assert main(["migrate", pg_url, back]) == 0
    out = capsys.readouterr().out
    again = lines_of(out)
    assert set(there) == set(again) == set(ids)
    for match_id in ids:
        source_hash = there[match_id].split()[2]
        assert len(source_hash) >= 16 and "same" in there[match_id]
        assert there[match_id].split()[4] == source_hash == again[match_id].split()[4]
    assert "(unloaded)" in again[ids[2]]
    assert "3 matches copied" in out and "0 mismatched" in out
    original, copy = SQLiteStorage(folder), SQLiteStorage(back)
    assert copy.logs() == original.logs() and copy.unloaded() == original.unloaded()
    original.close()
    copy.close()


def test_a_destination_that_holds_one_of_the_matches_is_refused_before_any_copy(
        tmp_path, pg_url, capsys):
    folder = str(tmp_path / "data")
    asyncio.run(three_matches(folder))
    assert main(["migrate", folder, pg_url]) == 0
    capsys.readouterr()
    assert main(["migrate", folder, pg_url]) == 2
    assert "the destination already holds match" in capsys.readouterr().err


def test_a_copy_that_differs_is_reported_as_a_mismatch(tmp_path):
    """A destination that loses an event: the hashes differ and the line says so."""
    asyncio.run(three_matches(str(tmp_path / "data")))
    source = SQLiteStorage(tmp_path / "data")

    class Lossy(MemoryStorage):
        def log(self, match_id):
            return super().log(match_id)[:-1]

    results = list(migrate(source, Lossy()))
    source.close()
    assert results and not any(r.ok for r in results)
    assert all(r.source_hash != r.copy_hash or not r.same_log for r in results)


def test_a_missing_source_is_one_sentence(tmp_path, capsys):
    assert main(["migrate", str(tmp_path / "nothing"), str(tmp_path / "x")]) == 2
    assert "there is no match database in" in capsys.readouterr().err


def test_a_database_that_cannot_be_reached_or_named_is_one_sentence(tmp_path, capsys):
    from pg_cluster import _free_port

    nowhere = f"postgresql://casus@127.0.0.1:{_free_port()}/casus"
    assert main(["host", "--check", "--db", nowhere]) == 2
    err = capsys.readouterr().err
    assert err.startswith("casus host: cannot open the match database") and "\n" == err[-1]
    assert err.count("\n") == 1
    assert main(["host", "--check", "--db", str(tmp_path)]) == 2
    assert "--db must be a postgresql:// URL" in capsys.readouterr().err
    assert main(["host", "--public-url", "ws://127.0.0.1:1", "--data", str(tmp_path)]) == 2
    assert "--public-url needs --db" in capsys.readouterr().err
    assert main(["migrate", str(tmp_path), str(tmp_path)]) == 2
    assert "the same store" in capsys.readouterr().err


def test_a_password_in_a_database_url_is_never_printed(capsys):
    from pg_cluster import _free_port

    nowhere = f"postgresql://casus:s3cret@127.0.0.1:{_free_port()}/casus"
    assert main(["host", "--check", "--db", nowhere]) == 2
    assert "s3cret" not in capsys.readouterr().err
