"""A PostgreSQL cluster of a test's own, on 127.0.0.1, that asks for passwords (SCRAM):
the development and CI clusters trust every local connection, so a wrong password
cannot be tried on them. initdb refuses to run as root: as root, the cluster runs as
the ``postgres`` user (``runuser``)."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def _binary(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def scram_cluster(role: str, password: str) -> Iterator[str]:
    """A running cluster where ``role`` (owner of a database of the same name) logs in
    over TCP with ``password``; yields its URL without a password. Stopped afterwards."""
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("needs PostgreSQL's initdb and pg_ctl to start a cluster of its own")
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        as_postgres = ["runuser", "-u", "postgres", "--"]
    folder = Path(tempfile.mkdtemp(prefix="winwin-pg-"))
    data = folder / "data"
    port = _free_port()
    if as_postgres:
        shutil.chown(folder, "postgres")
    run = lambda *args: subprocess.run(  # noqa: E731
        [*as_postgres, *args], check=True, capture_output=True, text=True, timeout=120
    )
    try:
        run(initdb, "-D", str(data), "-U", "postgres", "--auth-local=trust",
            "--auth-host=scram-sha-256", "--no-sync")  # fmt: skip
        options = f"-p {port} -c listen_addresses=127.0.0.1 -c fsync=off -k {folder}"
        run(pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start")
        try:
            psql = _binary("psql") or "psql"
            for statement in (
                f"CREATE ROLE {role} LOGIN PASSWORD '{password}'",
                f"CREATE DATABASE {role} OWNER {role}",
            ):
                run(psql, "-h", str(folder), "-p", str(port), "-U", "postgres", "-qc", statement)
            yield f"postgresql://{role}@127.0.0.1:{port}/{role}"
        finally:
            run(pg_ctl, "-D", str(data), "-m", "immediate", "stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
