"""The reach report: small counts hidden, the rest rounded, weeks and months, and a chart."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from bot.__main__ import main
from bot.operations.metrics import Event
from bot.operations.report import FUNNEL, SERVICES, SITUATION, TAPS, periods, publish, reach, \
    render_chart, render_text, shown
from bot.operations.totals import Row, Totals

MONDAY = date(2026, 11, 2)
SERVICE_IDS = ["helpwanted", "kindertelefoon", "113"]


def rows(day: date, counter: str, n: int, **labels: str) -> Row:
    return Row(day, counter, labels, n)


def test_counts_under_ten_are_hidden_and_the_rest_rounded_to_five():
    assert [shown(n) for n in (0, 1, 9)] == ["<10", "<10", "<10"]
    assert [publish(n) for n in (10, 11, 12, 13, 14, 15, 17, 18, 1234)] == \
        [10, 10, 10, 15, 15, 15, 15, 20, 1235]
    assert shown(1234) == "1,235"


@pytest.mark.parametrize("total", range(10, 60))
def test_a_hidden_count_cannot_be_worked_out_from_a_total(total):
    """Whatever the split of a total into one hidden and one shown count, the published
    numbers leave at least three possible values for the hidden one: never exact."""
    for hidden in range(0, 10):
        shown_part = total - hidden
        if shown_part < 10:
            continue
        possible = [h for h in range(0, 10)
                    for t in range(total - 4, total + 5)
                    if publish(t) == publish(total) and publish(t - h) == publish(shown_part)
                    and t - h >= 10]
        assert len(set(possible)) >= 3, (total, hidden, sorted(set(possible)))


def test_weeks_are_iso_weeks_cut_to_the_range():
    found = periods(date(2026, 11, 1), date(2026, 11, 17), "week")
    assert [(p.label, p.start, p.end) for p in found] == [
        ("2026-W44", date(2026, 11, 1), date(2026, 11, 1)),
        ("2026-W45", date(2026, 11, 2), date(2026, 11, 8)),
        ("2026-W46", date(2026, 11, 9), date(2026, 11, 15)),
        ("2026-W47", date(2026, 11, 16), date(2026, 11, 17)),
    ]
    months = periods(date(2026, 11, 15), date(2027, 1, 3), "month")
    assert [(p.label, p.start, p.end) for p in months] == [
        ("2026-11", date(2026, 11, 15), date(2026, 11, 30)),
        ("2026-12", date(2026, 12, 1), date(2026, 12, 31)),
        ("2027-01", date(2027, 1, 1), date(2027, 1, 3)),
    ]
    with pytest.raises(ValueError):
        periods(date(2026, 11, 2), date(2026, 11, 1), "week")


def example() -> list[Row]:
    week2 = MONDAY + timedelta(days=7)
    return [
        rows(MONDAY, "wegwijzer_conversations_started", 120),
        rows(MONDAY + timedelta(days=3), "wegwijzer_conversations_started", 3),
        rows(week2, "wegwijzer_conversations_started", 7),
        rows(MONDAY, "wegwijzer_signpost_replies", 97, situation="young_person",
             rule="young_sextortion", language="nl"),
        rows(MONDAY, "wegwijzer_signpost_replies", 4, situation="parent", rule="parent",
             language="en"),
        rows(MONDAY, "wegwijzer_signposts", 97, situation="young_person", rule="young_sextortion",
             service="helpwanted", language="nl"),
        rows(MONDAY, "wegwijzer_taps", 23, service="helpwanted", kind="call"),
        rows(week2, "wegwijzer_taps", 2, service="helpwanted", kind="chat"),
        rows(MONDAY, "wegwijzer_crisis_replies", 1, number="113"),
    ]


def test_the_report_counts_per_period_and_shows_only_published_numbers():
    report = reach(example(), MONDAY, MONDAY + timedelta(days=13), "week", SERVICE_IDS)
    funnel = dict(report.table(FUNNEL).rows)
    assert funnel["conversations started"] == (123, 7)
    assert funnel["taps on a service"] == (23, 2)
    assert dict(report.table(SITUATION).rows)["parent"] == (4, 0)
    assert dict(report.table(TAPS).rows)["helpwanted"] == (23, 2)
    text = render_text(report)
    conversations = next(line for line in text.splitlines()
                         if line.startswith("conversations started"))
    assert conversations.split()[-3:] == ["125", "<10", "130"]  # 123, 7 and 130, published
    parent = next(line for line in text.splitlines() if line.startswith("parent"))
    assert parent.split()[1:] == ["<10", "<10", "<10"]
    helpwanted_taps = [line for line in text.splitlines() if line.startswith("helpwanted")][1]
    assert helpwanted_taps.split()[1:] == ["25", "<10", "25"]
    cells = [cell for line in text.split("\n\n", 1)[1].splitlines()
             if line and line.split()[-1] != "total" for cell in line.split()[-3:]]
    assert len(cells) == 3 * sum(len(table.rows) for table in report.tables)
    assert all(cell == "<10" or (int(cell) % 5 == 0 and int(cell) >= 10) for cell in cells)
    for true_count in ("123", "97", "23"):
        assert true_count not in cells


def test_the_chart_is_drawn_as_png_or_svg(tmp_path):
    report = reach(example(), MONDAY, MONDAY + timedelta(days=13), "week", SERVICE_IDS)
    png = render_chart(report, tmp_path / "reach.png")
    assert png.read_bytes().startswith(b"\x89PNG")
    svg = render_chart(report, tmp_path / "reach.svg").read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    texts = [t.strip() for t in re.findall(r">([^<]*)</text>", svg)]
    assert "&lt;10" in texts  # hidden counts are marked, not drawn
    assert "125" in texts and "95" in texts  # 123 and 97, published
    assert not {"123", "97", "23", "7", "4", "3", "2", "1"} & set(texts)


def test_the_report_command_reads_the_totals_file(tmp_path, capsys):
    totals = Totals(tmp_path / "totals.sqlite3")
    totals.add(MONDAY, [Event.of("wegwijzer_conversations_started")] * 12
               + [Event.of("wegwijzer_taps", service="helpwanted", kind="call")] * 3)
    totals.close()
    chart = tmp_path / "chart.svg"
    assert main(["report", "--from", "2026-11-01", "--to", "2026-11-30", "--by", "month",
                 "--totals", str(totals.path), "--chart", str(chart)]) == 0
    out = capsys.readouterr().out
    assert "2026-11" in out and chart.exists()
    assert next(line for line in out.splitlines()
                if line.startswith("conversations started")).split()[-2:] == ["10", "10"]
    assert next(line for line in out.splitlines()
                if line.startswith("taps on a service")).split()[-2:] == ["<10", "<10"]


def test_the_report_command_refuses_a_backwards_range_and_a_missing_file(tmp_path, capsys):
    assert main(["report", "--from", "2026-11-30", "--to", "2026-11-01",
                 "--totals", str(tmp_path / "t.sqlite3")]) == 2
    assert main(["report", "--from", "2026-11-01", "--to", "2026-11-30",
                 "--totals", str(tmp_path / "t.sqlite3")]) == 1
    assert "no totals at" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["report", "--from", "yesterday", "--to", "2026-11-30"])


def test_every_table_of_the_report_is_there():
    report = reach([], MONDAY, MONDAY, "week", SERVICE_IDS)
    assert [table.title for table in report.tables][:4] == [FUNNEL, SITUATION, SERVICES, TAPS]
    assert all(n == 0 for table in report.tables for _, counts in table.rows for n in counts)
