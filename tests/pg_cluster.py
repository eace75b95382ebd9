"""A PostgreSQL server for the tests: the one ``CASUS_TEST_PG`` names (.ci/run starts one),
else a throwaway cluster made here with ``initdb`` in a temporary folder and stopped when
the test session ends. Each test gets a schema of its own in that database, so tests never
see each other's matches and nothing has to be dropped.

Also runnable: ``python tests/pg_cluster.py start DIR`` prints the URL of a new cluster in
DIR, ``python tests/pg_cluster.py stop DIR`` stops it (.ci/run and bench/ use these)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ENV = "CASUS_TEST_PG"
USER = "postgres"   # PostgreSQL refuses to run as root: root runs it as this system user


def binaries() -> Path | None:
    """The folder of initdb and pg_ctl (Debian keeps them out of PATH), or None."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: int(Path(p).parent.parent.name) if
                      Path(p).parent.parent.name.isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def _as_owner(argv: list[str]) -> list[str]:
    """``argv`` run as the cluster's owner: root hands it to the postgres system user."""
    if os.geteuid() != 0:
        return argv
    return ["runuser", "-u", USER, "--", *argv]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(folder: Path) -> str:
    """Make and start a cluster in ``folder``; its URL (trust authentication, loopback)."""
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (no initdb)")
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        if subprocess.run(["id", "-u", USER], capture_output=True).returncode != 0:
            subprocess.run(["useradd", "--system", "--no-create-home", USER], check=True)
        shutil.chown(folder, USER)
    data = folder / "cluster"
    port = _free_port()
    subprocess.run(_as_owner([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust",
                              "-U", USER, "--no-sync", "-E", "UTF8"]),
                   check=True, capture_output=True)
    options = (f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off "
               "-c max_connections=400")
    subprocess.run(_as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options,
                              "-l", str(folder / "log"), "-w", "start"]),
                   check=True, capture_output=True)
    return f"postgresql://{USER}@127.0.0.1:{port}/postgres"


def stop(folder: Path) -> None:
    bin_dir = binaries()
    if bin_dir is not None and (folder / "cluster").exists():
        subprocess.run(_as_owner([str(bin_dir / "pg_ctl"), "-D", str(folder / "cluster"),
                                  "-m", "immediate", "stop"]), capture_output=True)


class Cluster:
    """The session's server: its URL, and fresh schemas in it."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.url = os.environ.get(ENV)
        self.reason = ""
        if not self.url:
            if binaries() is None:
                self.reason = f"PostgreSQL is not installed (no initdb) and {ENV} is not set"
                return
            self.folder = Path(tempfile.mkdtemp(prefix="casus-pg-"))
            try:
                self.url = start(self.folder)
            except (RuntimeError, subprocess.CalledProcessError, OSError) as err:
                detail = getattr(err, "stderr", b"") or b""
                self.reason = f"could not start PostgreSQL: {err} {detail.decode()[-300:]}"
                self.url = None

    def fresh(self) -> str:
        """The URL of a new, empty schema (every table a store makes lands in it)."""
        import psycopg

        assert self.url
        schema = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url, autocommit=True) as db:
            db.execute(f"CREATE SCHEMA {schema}")
        join = "&" if "?" in self.url else "?"
        return f"{self.url}{join}options=-csearch_path%3D{schema}"

    def close(self) -> None:
        if self.folder is not None:
            stop(self.folder)
            shutil.rmtree(self.folder, ignore_errors=True)


if __name__ == "__main__":
    command, where = sys.argv[1], Path(sys.argv[2])
    if command == "start":
        print(start(where))
    else:
        stop(where)
