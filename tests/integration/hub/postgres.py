"""A throwaway PostgreSQL 15 cluster on loopback for hub tests and benchmarks.

``PostgresCluster.start`` runs ``initdb`` and ``pg_ctl`` from the Debian
``postgresql`` package into a temporary folder (as the ``postgres`` system
user when run as root, since initdb refuses root), listens on 127.0.0.1 with
a free port and trusts local connections; ``stop`` shuts it down and removes
the folder. It must never touch a cluster it did not create.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from sync.hub.seed import seed_demo

BIN_DIRS = (Path("/usr/lib/postgresql/15/bin"), Path("/usr/lib/postgresql/16/bin"))


def binaries() -> Path | None:
    for folder in BIN_DIRS:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresCluster:
    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="acuerdo-pg-"))
        self.port = free_port()
        self._as_postgres = os.geteuid() == 0

    def _run(self, *args: str) -> None:
        command = list(args)
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self, durable: bool = False) -> PostgresCluster:
        """Start the cluster; tests skip fsync for speed, benchmarks keep it (``durable``)."""
        if self._as_postgres:
            shutil.chown(self.root, "postgres")
        data = self.root / "data"
        self._run(
            str(self.bin_dir / "initdb"), "-D", str(data), "-U", "postgres",
            "--auth=trust", "-E", "UTF8", "--no-sync",
        )  # fmt: skip
        options = (
            f"-k {self.root} -p {self.port} -c listen_addresses=127.0.0.1 -c max_connections=300"
        )
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            str(self.bin_dir / "pg_ctl"), "-D", str(data), "-o", options,
            "-l", str(self.root / "log"), "-w", "start",
        )  # fmt: skip
        return self

    def stop(self) -> None:
        try:
            self._run(
                str(self.bin_dir / "pg_ctl"),
                "-D",
                str(self.root / "data"),
                "-m",
                "immediate",
                "stop",
            )
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, template: str | None = None) -> str:
        engine = create_engine(self.url(), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                suffix = f" TEMPLATE {template}" if template else ""
                conn.execute(text(f'CREATE DATABASE "{name}"{suffix}'))
        finally:
            engine.dispose()
        return self.url(name)

    def seeded_template(self, debtors: int, seed: int) -> str:
        """A database seeded with the demo, to copy from; returns its name."""
        name = f"tpl_{uuid.uuid4().hex[:10]}"
        seed_demo(self.create_database(name), debtors=debtors, seed=seed)
        return name

    def copy_of(self, template: str) -> str:
        return self.create_database(f"t_{uuid.uuid4().hex[:12]}", template)
