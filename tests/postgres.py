"""A throw-away PostgreSQL server for tests: Debian's binaries, a temporary data folder, trust
authentication, listening on 127.0.0.1 on a free port (its socket in the same folder).

PostgreSQL refuses to run as root, so when the tests run as root (containers, CI) the server
runs as ``nobody`` (``setpriv``), owning its folder. ``make test`` installs Debian's
``postgresql`` package when it is missing; without it the test fails and says so.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

POSTGRES_ROOT = Path("/usr/lib/postgresql")
MISSING = (
    "PostgreSQL is not installed: install Debian's postgresql (make test does it as root: "
    "apt-get install postgresql)"
)
SERVER_USER = "nobody"


def binaries() -> Path:
    """The newest ``/usr/lib/postgresql/<version>/bin`` holding initdb and pg_ctl."""
    found = [
        folder / "bin"
        for folder in POSTGRES_ROOT.glob("*")
        if (folder / "bin" / "initdb").is_file() and (folder / "bin" / "pg_ctl").is_file()
    ]
    if not found:
        raise RuntimeError(MISSING)
    return max(found, key=lambda path: float(path.parent.name))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["setpriv", f"--reuid={SERVER_USER}", "--regid=nogroup", "--clear-groups", *command]


class Server:
    """A running server; :meth:`create_database` gives a SQLAlchemy URL of a new database."""

    def __init__(self, port: int, folder: Path):
        self.port, self.folder = port, folder

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database ``name`` (a copy of ``template`` when given, which nobody may be
        connected to); returns its plain ``postgresql://`` URL."""
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as db:
            extra = f" TEMPLATE {template}" if template else ""
            db.execute(f"CREATE DATABASE {name}{extra}")  # names come from the tests only
        return self.url(name)


@contextlib.contextmanager
def postgres_server() -> Iterator[Server]:
    """Start a server, yield it, and stop and delete it however the block ends."""
    bin_dir = binaries()
    folder = Path(tempfile.mkdtemp(prefix="dlcourse-pg-"))  # short: the socket path is capped
    data = folder / "data"
    log = folder / "server.log"
    if os.geteuid() == 0:
        user = pwd.getpwnam(SERVER_USER)
        os.chown(folder, user.pw_uid, user.pw_gid)
    port = free_port()
    environment = dict(os.environ, LC_ALL="C", LANG="C")
    run = dict(env=environment, cwd=folder, capture_output=True, text=True, timeout=120)
    started = False
    try:
        initdb = [str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]
        done = subprocess.run(_as_server_user([*initdb, "-E", "UTF8", "--no-sync"]), **run)
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{done.stdout}{done.stderr}")
        options = f"-h 127.0.0.1 -p {port} -k {folder} -F"
        pg_ctl = [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log)]
        start = [*pg_ctl, "-w", "-t", "60", "-o", options, "start"]
        done = subprocess.run(_as_server_user(start), **run)
        started = True
        if done.returncode != 0:
            text = log.read_text() if log.exists() else ""
            raise RuntimeError(f"pg_ctl start failed:\n{done.stdout}{done.stderr}{text}")
        yield Server(port, folder)
    finally:
        if started:
            stop = [str(bin_dir / "pg_ctl"), "-D", str(data), "stop", "-m", "immediate", "-w"]
            subprocess.run(_as_server_user(stop), **run)
        shutil.rmtree(folder, ignore_errors=True)
