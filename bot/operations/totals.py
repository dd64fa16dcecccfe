"""Daily totals that survive a restart: a day, a counter, its labels and a number. Nothing else.

Kept in SQLite (Python's own ``sqlite3``): each turn's counts are added in one transaction,
so the file is never half written, and several server processes can add to the same file.
The rows hold only what ``bot/operations/metrics.py`` let through: labels from the bot's vocabulary,
no text, no ids, no times finer than a day. ``python -m bot report`` reads them.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from bot import settings

if TYPE_CHECKING:
    from bot.operations.metrics import Event

FILE_NAME = "totals.sqlite3"
_SCHEMA = """CREATE TABLE IF NOT EXISTS totals (
    day TEXT NOT NULL,
    counter TEXT NOT NULL,
    labels TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (day, counter, labels)
)"""


def var_dir() -> Path:
    """Where the totals live: $WEGWIJZER_VAR_DIR, or var/ in the project."""
    return settings.from_environment().var_dir


def default_path() -> Path:
    return var_dir() / FILE_NAME


@dataclass(frozen=True)
class Row:
    day: date
    counter: str
    labels: dict[str, str]
    n: int


class Totals:
    """The daily totals file; opened lazily, created (readable by its owner only) on the
    first count."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._connection: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fresh = not self.path.exists()
            connection = sqlite3.connect(self.path, timeout=5, isolation_level=None)
            if fresh:
                os.chmod(self.path, 0o600)
            connection.execute("PRAGMA journal_mode=WAL")  # readers never block a count
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute(_SCHEMA)
            self._connection = connection
        return self._connection

    def add(self, day: date, events: Iterable["Event"]) -> None:
        """Add one to each event's count for ``day``, all in one transaction."""
        counts = Counter((event.counter, _labels_key(event.labels)) for event in events)
        if not counts:
            return
        connection = self._connect()
        with _transaction(connection):
            connection.executemany(
                "INSERT INTO totals (day, counter, labels, n) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (day, counter, labels) DO UPDATE SET n = n + excluded.n",
                [(day.isoformat(), counter, labels, n) for (counter, labels), n in counts.items()])

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def read(path: Path, start: date, end: date) -> list[Row]:
    """Every row from ``start`` to ``end`` (both included), read-only."""
    if not Path(path).is_file():
        raise FileNotFoundError(f"no totals at {path}; they appear once the bot has answered")
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found = connection.execute(
            "SELECT day, counter, labels, n FROM totals WHERE day BETWEEN ? AND ? "
            "ORDER BY day, counter, labels", (start.isoformat(), end.isoformat())).fetchall()
    finally:
        connection.close()
    return [Row(date.fromisoformat(day), counter, dict(json.loads(labels)), n)
            for day, counter, labels, n in found]


def _labels_key(labels: tuple[tuple[str, str], ...]) -> str:
    return json.dumps(sorted(labels), separators=(",", ":"))


class _transaction:
    """BEGIN IMMEDIATE ... COMMIT (or ROLLBACK): one writer at a time across processes."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> None:
        self.connection.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, *_: object) -> None:
        self.connection.execute("ROLLBACK" if kind else "COMMIT")
