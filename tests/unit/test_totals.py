"""The daily totals: they survive a restart, several processes can add to them, and the file
holds nothing but days, counter names, vocabulary labels and numbers."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from datetime import date

import pytest

from bot.operations.metrics import Event
from bot.operations.totals import Totals, default_path, read
from bot.paths import ROOT

DAY = date(2026, 11, 30)
TAP = Event.of("wegwijzer_taps", service="helpwanted", kind="call")


def test_totals_survive_a_restart(tmp_path):
    path = tmp_path / "var" / "totals.sqlite3"
    first = Totals(path)
    first.add(DAY, [TAP, TAP, Event.of("wegwijzer_turns")])
    first.close()  # the server stops
    second = Totals(path)
    second.add(DAY, [TAP])
    second.add(date(2026, 12, 1), [TAP])
    counts = {(r.day, r.counter, r.n) for r in read(path, DAY, DAY)}
    assert counts == {(DAY, "wegwijzer_taps", 3), (DAY, "wegwijzer_turns", 1)}
    assert [r.n for r in read(path, date(2026, 12, 1), date(2026, 12, 31))] == [1]


def test_only_its_owner_can_read_the_file(tmp_path):
    path = tmp_path / "var" / "totals.sqlite3"
    Totals(path).add(DAY, [TAP])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_the_file_has_one_table_of_days_counters_labels_and_numbers(tmp_path):
    path = tmp_path / "totals.sqlite3"
    Totals(path).add(DAY, [TAP])
    connection = sqlite3.connect(path)
    tables = connection.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    columns = [row[1] for row in connection.execute("PRAGMA table_info(totals)")]
    assert tables == [("totals",)] and columns == ["day", "counter", "labels", "n"]
    assert connection.execute("SELECT * FROM totals").fetchall() == [
        ("2026-11-30", "wegwijzer_taps", '[["kind","call"],["service","helpwanted"]]', 1)]


ADD_MANY = """
import sys
from datetime import date
from bot.operations.metrics import Event
from bot.operations.totals import Totals
totals = Totals(sys.argv[1])
for _ in range(200):
    totals.add(date(2026, 11, 30), [Event.of("wegwijzer_turns")])
"""


def test_several_processes_add_to_one_file_without_losing_a_count(tmp_path):
    path = tmp_path / "totals.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writers = [subprocess.Popen([sys.executable, "-c", ADD_MANY, str(path)], env=env, cwd=ROOT)
               for _ in range(3)]
    assert [writer.wait(60) for writer in writers] == [0, 0, 0]
    assert [r.n for r in read(path, DAY, DAY)] == [600]


def test_the_place_is_configurable(monkeypatch, tmp_path):
    monkeypatch.setenv("WEGWIJZER_VAR_DIR", str(tmp_path))
    assert default_path() == tmp_path / "totals.sqlite3"
    monkeypatch.delenv("WEGWIJZER_VAR_DIR")
    assert default_path() == ROOT / "var" / "totals.sqlite3"


def test_reading_a_missing_file_says_where_it_looked(tmp_path):
    with pytest.raises(FileNotFoundError, match="no totals at"):
        read(tmp_path / "nothing.sqlite3", DAY, DAY)
