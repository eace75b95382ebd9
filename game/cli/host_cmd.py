"""``casus host``: run the online-play server (docs/ARCHITECTURE.md, "server/").

    casus host [--host 127.0.0.1] [--port 8765] [--data DIR | --db postgresql://…]
               [--public-url ws://THIS-PROCESS:PORT]   # one of several over --db
               [--max-new-per-hour N] [--unload-after SECONDS]
               [--max-connections N] [--max-connections-per-address N] [--trust-proxy]
               [--tls-cert FILE --tls-key FILE] [--no-announce]
    casus host --check [--data DIR | --db URL]   # replay every match; say which are broken

Matches are kept in DIR (SQLite), or in the PostgreSQL database ``--db`` names
(docs/HOSTING.md), and survive a restart, deadlines included. With ``--db`` and
``--public-url``, several host processes share the database: each serves the matches it
holds a lease on, sends players of the others to the address the owner gave as its
``--public-url``, and takes over the matches of a process that dies. SIGTERM and
SIGINT stop the host gracefully: connections are closed with "going away" and every
accepted command is already on disk. ``--max-new-per-hour`` caps the matches one network
address may create in an hour; ``--unload-after`` lets finished matches that nobody follows
leave memory that many seconds after they end (they stay in DIR, stay listed in the lobby,
and joining or spectating one loads it back). ``--max-connections`` and
``--max-connections-per-address`` cap open connections (docs/PROTOCOL.md, "Limits");
``--trust-proxy`` counts a connection from a reverse proxy on this machine against the
address the proxy names in X-Forwarded-For (docs/ONLINE.md). ``--tls-cert`` and
``--tls-key`` (PEM files) serve ``wss://`` instead of ``ws://``. A match whose log does not
replay is set aside as broken and every other match is served; ``--check`` lists them.
The data folder is made private to the user (0700, its database 0600).
A host open to the room (``--host 0.0.0.0``) prints the address players give and announces
itself on the local network (mDNS), so ``casus join`` without an address finds it;
``--no-announce`` keeps it quiet.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from game.cli.main import UserError
from server.limits import CREATIONS_PER_HOUR, MAX_CONNECTIONS, MAX_CONNECTIONS_PER_ADDRESS

if TYPE_CHECKING:
    import ssl

    from server.storage import FolderLock, Storage

DEFAULT_DATA = "casus-data"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "host", help="host online matches (websocket server)",
        description="Host online matches over WebSocket; see docs/PROTOCOL.md.")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1; 0.0.0.0 for all)")
    parser.add_argument("--port", type=int, default=8765,
                        help="port (default 8765; 0 picks a free one and prints it)")
    parser.add_argument("--data", default=DEFAULT_DATA,
                        help=f"folder for the match database (default ./{DEFAULT_DATA})")
    parser.add_argument("--db", metavar="URL",
                        help="keep matches in this PostgreSQL database "
                             "(postgresql://user:password@host/name) instead of --data")
    parser.add_argument("--public-url", metavar="URL",
                        help="with --db: this process is one of several over the database, "
                             "reached by players at this ws:// or wss:// address")
    parser.add_argument("--max-new-per-hour", type=int, default=CREATIONS_PER_HOUR,
                        metavar="N",
                        help="new matches one network address may create or fork in an hour "
                             f"(default {CREATIONS_PER_HOUR}; 0 lets no one create any)")
    parser.add_argument("--unload-after", type=float, default=None, metavar="SECONDS",
                        help="unload a finished match nobody follows from memory this long "
                             "after it ends; it stays on disk and is loaded back when "
                             "someone joins it (default: keep every match loaded)")
    parser.add_argument("--max-connections", type=int, default=MAX_CONNECTIONS, metavar="N",
                        help=f"open connections to the host (default {MAX_CONNECTIONS})")
    parser.add_argument("--max-connections-per-address", type=int,
                        default=MAX_CONNECTIONS_PER_ADDRESS, metavar="N",
                        help="open connections from one network address (default "
                             f"{MAX_CONNECTIONS_PER_ADDRESS})")
    parser.add_argument("--trust-proxy", action="store_true",
                        help="behind a reverse proxy on this machine: count each connection "
                             "against the address in its X-Forwarded-For header")
    parser.add_argument("--tls-cert", metavar="FILE",
                        help="serve wss:// with this certificate (PEM; with --tls-key)")
    parser.add_argument("--tls-key", metavar="FILE",
                        help="the private key of --tls-cert (PEM)")
    parser.add_argument("--check", action="store_true",
                        help="do not serve: replay every match in --data or --db and say which are "
                             "broken (exit status 1 if any is)")
    parser.add_argument("--no-announce", action="store_true",
                        help="do not announce the host on the local network (mDNS), which "
                             "lets 'casus join' without an address find it")
    parser.set_defaults(func=run)


def tls_context(cert: str | None, key: str | None) -> "ssl.SSLContext | None":
    """The server's TLS context from PEM files, or None for plain ws://."""
    if cert is None and key is None:
        return None
    if cert is None or key is None:
        raise UserError("--tls-cert and --tls-key go together: give both")
    for flag, path in (("--tls-cert", cert), ("--tls-key", key)):
        # ssl names no file when one is missing: say which flag's file it is first.
        if not Path(path).is_file():
            what = "a folder, not a file" if Path(path).is_dir() else "no such file"
            raise UserError(f"{flag} {path}: {what}")
    import ssl
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        context.load_cert_chain(cert, key)
    except ssl.SSLError as err:
        why = f" ({err.reason})" if err.reason else ""
        raise UserError(f"cannot use {cert} and {key} for TLS: they are not a PEM "
                        f"certificate and its private key{why}") from None
    except OSError as err:
        raise UserError(f"cannot use {cert} and {key} for TLS: {err.strerror or err}") \
            from None
    return context


def store_named(args: argparse.Namespace) -> str:
    """Where the matches are: ``--db`` when given (it must be a PostgreSQL URL), else
    ``--data``."""
    from server.store_pg import is_database_url

    if args.db is None:
        return args.data
    if not is_database_url(args.db):
        raise UserError(f"--db must be a postgresql:// URL, not {args.db!r} "
                        "(a data folder goes with --data)")
    return args.db


def open_store(where: str, must_exist: bool = False):
    """The store at ``where`` (a data folder or a database URL), or UserError saying why it
    cannot be opened."""
    from server.storage import SQLiteStorage, describe, open_store as open_any
    from server.store_pg import StorageError, is_database_url

    if must_exist and not is_database_url(where) \
            and not (Path(where) / SQLiteStorage.FILE_NAME).exists():
        raise UserError(f"there is no match database in {where}")
    if not is_database_url(where) and Path(where).exists() and not Path(where).is_dir():
        raise UserError(f"{where} is a file, not a data folder")
    try:
        return open_any(where)
    except StorageError as err:
        raise UserError(f"cannot open the match database {describe(where)}: {err}") from None
    except OSError as err:
        raise UserError(f"cannot open the match database in {where}: "
                        f"{err.strerror or err}") from None
    except sqlite3.Error as err:
        raise UserError(f"cannot open the match database in {where}: {err}") from None


def open_cluster_store(url: str, public_url: str):
    """The store of one host process among several (server/cluster.py)."""
    from game.client.net import NetError, check_url
    from server.cluster import ClusterStorage
    from server.storage import describe
    from server.store_pg import StorageError

    try:
        public_url = check_url(public_url)
    except NetError as err:
        raise UserError(f"--public-url: {err}") from None
    try:
        return ClusterStorage(url, public_url)
    except StorageError as err:
        raise UserError(f"cannot open the match database {describe(url)}: {err}") from None


def check(data: str) -> int:
    """``casus host --check``: replay every match in ``data`` (a data folder or a database
    URL), one line each."""
    from server.restore import replay_each

    storage = open_store(data, must_exist=True)
    try:
        unloaded = storage.unloaded()
        matches, broken = replay_each(storage.logs(unloaded=False))
    finally:
        storage.close()
    for match_id in sorted([*matches, *broken, *unloaded]):
        if match_id in broken:
            print(f"{match_id}: broken: {broken[match_id].reason}")
        elif match_id in unloaded:
            print(f"{match_id}: unloaded (finished; replayed when someone comes back)")
        else:
            print(f"{match_id}: ok, turn {matches[match_id].turn}, {matches[match_id].phase}")
    print(f"{len(matches)} ok, {len(broken)} broken, {len(unloaded)} unloaded")
    return 1 if broken else 0


def run(args: argparse.Namespace) -> int:
    where = store_named(args)
    if args.check:
        return check(where)
    if not 0 <= args.port <= 65535:
        raise UserError(f"--port must be from 0 to 65535, not {args.port}")
    if args.max_new_per_hour < 0:
        raise UserError(f"--max-new-per-hour must be 0 or more, not {args.max_new_per_hour}")
    if args.unload_after is not None and not 0 <= args.unload_after < float("inf"):
        raise UserError(f"--unload-after must be a number of seconds, 0 or more, not "
                        f"{args.unload_after:g}")
    for flag in ("max_connections", "max_connections_per_address"):
        if getattr(args, flag) < 1:
            raise UserError(f"--{flag.replace('_', '-')} must be 1 or more, not "
                            f"{getattr(args, flag)}")
    tls = tls_context(args.tls_cert, args.tls_key)
    from server.app import Server

    if args.public_url is not None:
        if args.db is None:
            raise UserError("--public-url needs --db: processes share matches only through "
                            "a PostgreSQL database")
        storage = open_cluster_store(args.db, args.public_url)
    else:
        storage = open_store(where)
    lock = hold_folder(storage)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("websockets").setLevel(logging.WARNING)  # not a line per connection
    try:
        server = Server(storage, creations_per_hour=args.max_new_per_hour,
                        unload_after=args.unload_after,
                        max_connections=args.max_connections,
                        max_connections_per_address=args.max_connections_per_address,
                        trust_proxy=args.trust_proxy)
        if args.public_url is not None:
            from server.cluster import Cluster
            Cluster(server, storage)
        for match_id, broken in server.broken.items():
            print(f"casus host: match {match_id} is broken and not served: {broken.reason}",
                  flush=True)
        logging.getLogger("casus.server").info(
            "at most %d new matches an hour per address; finished matches %s; bot seats %s",
            args.max_new_per_hour,
            "stay loaded" if args.unload_after is None
            else f"unloaded {args.unload_after:g} s after they end",
            "played by the host" if server.bots.driver else "not played")
        return asyncio.run(host(server, args.host, args.port, tls,
                                announce=not args.no_announce))
    except OSError as err:
        raise UserError(f"cannot listen on {args.host}:{args.port}: {err.strerror}") from None
    finally:
        storage.close()
        if lock is not None:
            lock.release()


def hold_folder(storage: "Storage") -> "FolderLock | None":
    """The serving host's lock on its SQLite data folder (None for PostgreSQL, whose
    processes share matches through leases); UserError if another host holds it."""
    from server.storage import FolderBusy, FolderLock, SQLiteStorage

    if not isinstance(storage, SQLiteStorage):
        return None
    lock = FolderLock(storage.path.parent)
    try:
        lock.take()
    except FolderBusy as err:
        storage.close()
        raise UserError(str(err)) from None
    except OSError as err:
        storage.close()
        raise UserError(f"cannot lock the data folder {storage.path.parent}: "
                        f"{err.strerror or err}") from None
    return lock


async def host(server, address: str, port: int, tls: "ssl.SSLContext | None" = None,
               announce: bool = False) -> int:
    from server.app import serve_until

    from game.discovery import LOOPBACK, Announcement, address_to_give

    loop = asyncio.get_running_loop()
    stop: asyncio.Future[None] = loop.create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))
    announcing: list[Announcement] = []
    tasks: list[asyncio.Task] = []

    async def start_announcing(bound: int) -> None:
        announcement = Announcement(bound)
        announcing.append(announcement)
        print(f"casus host: {await announcement.start()}", flush=True)

    def ready(bound: int) -> None:
        # One line on stdout, flushed: scripts and tests read the port from it.
        scheme = "wss" if tls is not None else "ws"
        print(f"casus host: listening on {scheme}://{address}:{bound}", flush=True)
        if address in LOOPBACK:
            print("casus host: only this machine can join; --host 0.0.0.0 opens it to the "
                  "room", flush=True)
            return
        print(f"casus host: players join with: casus join "
              f"{address_to_give(f'{scheme}://{address}:{bound}')}", flush=True)
        if announce:
            tasks.append(loop.create_task(start_announcing(bound)))

    cluster = getattr(server, "cluster", None)
    if cluster is not None:
        cluster.start()
    try:
        await serve_until(server, address, port, stop, ready, ssl=tls)
    finally:
        if cluster is not None:
            await cluster.stop()   # the other processes take the matches at once
        for task in tasks:
            task.cancel()
        for announcement in announcing:
            await announcement.stop()
    print("casus host: stopped", flush=True)
    return 0
