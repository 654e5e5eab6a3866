"""Real servers for the shared-state tests: a throwaway PostgreSQL cluster and a memcached.

Each is started on loopback for the test session and stopped after it. Without the programs the
tests that need them are skipped, except under CI, where that is a failure: `scripts/setup test`
installs Debian's postgresql and memcached.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest


def _missing(what: str) -> None:
    message = f"{what} is not installed (scripts/setup test installs it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopped at start-up (exit {process.returncode})")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{what} did not start within 30 s")


def _as_postgres() -> dict:
    # PostgreSQL refuses to run as root; run its programs as the postgres user then (directly,
    # not through su or runuser, so that the server itself receives the signal to stop).
    if os.geteuid() != 0:
        return {}
    return {"user": "postgres", "group": "postgres", "extra_groups": [], "cwd": "/"}


@pytest.fixture(scope="session")
def postgres_server():
    """The address of a PostgreSQL server: SIGNPOST_TEST_DATABASE_URL, or a throwaway cluster."""
    given = os.environ.get("SIGNPOST_TEST_DATABASE_URL")
    if given:
        yield given
        return
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name))
    if not found:
        _missing("PostgreSQL")
    bin_dir = Path(found[-1]).parent
    folder = Path(tempfile.mkdtemp(prefix="signpost-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    port = _free_port()
    subprocess.run([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                    "-E", "UTF8", "--no-sync"], check=True, capture_output=True, **_as_postgres())
    server = subprocess.Popen([
        str(bin_dir / "postgres"), "-D", str(data), "-h", "127.0.0.1", "-p", str(port),
        "-k", str(folder), "-c", "fsync=off", "-c", "full_page_writes=off",
        "-c", "max_connections=200"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        **_as_postgres())
    try:
        _wait_for_port(port, server, "PostgreSQL")
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        server.send_signal(signal.SIGINT)  # fast shutdown: ends sessions instead of awaiting them
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture()
def postgres_url(postgres_server):
    """An empty schema of its own on that server for one test (a new database takes a second)."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    yield f"{postgres_server}?options=-csearch_path%3D{name}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {name} CASCADE")


@pytest.fixture(scope="session")
def memcached_uri():
    """A memcached on loopback for shared rate limits."""
    program = shutil.which("memcached")
    if not program:
        _missing("memcached")
    port = _free_port()
    user = ["-u", "nobody"] if os.geteuid() == 0 else []
    server = subprocess.Popen([program, "-l", "127.0.0.1", "-p", str(port), "-U", "0", "-m", "16",
                               *user], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_port(port, server, "memcached")
        yield f"memcached://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)
