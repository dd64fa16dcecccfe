"""The reach report: conversations, signposts and taps per week or month, safe to publish.

Read from the daily totals (``bot/operations/totals.py``). Every number that leaves this
module has gone through ``publish``: a count under 10 (0 included) is shown as "<10", and every
other count, totals too, is rounded to the nearest multiple of 5. Each published number is
rounded on its own, from the true count, so subtracting published numbers from a published
total never gives a hidden count exactly: at least three values stay possible (PRIVACY.md has
the reasoning; tests/unit/test_report.py checks it).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Iterable, Sequence

from bot.directory import load_directory
from bot.operations.totals import Row, default_path, read
from bot.signposting import SITUATIONS
from bot.vocabulary import TAP_KINDS

THRESHOLD = 10  # counts below this are never shown
BASE = 5  # every shown count is a multiple of this
SUPPRESSED = f"<{THRESHOLD}"


def publish(n: int) -> int | None:
    """The number that may be shown for a true count ``n``: None (shown as "<10") under the
    threshold, else ``n`` rounded to the nearest multiple of 5."""
    if n < THRESHOLD:
        return None
    return (n + BASE // 2) // BASE * BASE


def shown(n: int) -> str:
    published = publish(n)
    return SUPPRESSED if published is None else f"{published:,}"


@dataclass(frozen=True)
class Period:
    label: str
    start: date
    end: date  # included

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


def periods(start: date, end: date, by: str) -> list[Period]:
    """ISO weeks (Monday to Sunday) or calendar months from ``start`` to ``end``, the first
    and last cut to those dates."""
    if by not in ("week", "month"):
        raise ValueError("by must be 'week' or 'month'")
    if end < start:
        raise ValueError("the end comes before the start")
    found = []
    day = start
    while day <= end:
        if by == "week":
            year, week, _ = day.isocalendar()
            label = f"{year}-W{week:02d}"
            last = day + timedelta(days=6 - day.weekday())
        else:
            label = f"{day.year}-{day.month:02d}"
            following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
            last = following - timedelta(days=1)
        found.append(Period(label, day, min(last, end)))
        day = min(last, end) + timedelta(days=1)
    return found


@dataclass(frozen=True)
class Table:
    """Rows of true counts per period; only ``publish``ed numbers are ever rendered."""

    title: str
    rows: tuple[tuple[str, tuple[int, ...]], ...]  # (row name, counts per period)


@dataclass(frozen=True)
class Reach:
    start: date
    end: date
    by: str
    periods: tuple[Period, ...]
    tables: tuple[Table, ...]

    def table(self, title: str) -> Table:
        return next(table for table in self.tables if table.title == title)


FUNNEL = "Funnel"
SITUATION = "Signpost replies per situation"
SERVICES = "Services pointed to"
TAPS = "Taps per service"
KINDS = "Taps per kind"
OTHER = "Other answers"


def reach(rows: Iterable[Row], start: date, end: date, by: str,
          service_ids: Sequence[str]) -> Reach:
    """Count the totals' rows into the report's tables, per period."""
    spans = periods(start, end, by)
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * len(spans))
    known_services = list(service_ids)

    def add(key: tuple[str, str], row: Row) -> None:
        for index, period in enumerate(spans):
            if period.holds(row.day):
                counts[key][index] += row.n

    for row in rows:
        labels = row.labels
        if row.counter == "wegwijzer_signpost_replies":
            add(("situation", labels.get("situation", "")), row)
        elif row.counter in ("wegwijzer_signposts", "wegwijzer_taps"):
            service = labels.get("service", "")
            if service not in known_services:
                known_services.append(service)  # a service since removed from the directory
            add(("pointed" if row.counter == "wegwijzer_signposts" else "tapped", service), row)
            if row.counter == "wegwijzer_taps":
                add(("kind", labels.get("kind", "")), row)
        elif row.counter == "wegwijzer_crisis_replies":
            add(("other", f"crisis replies {labels.get('number')}"), row)
        add(("counter", row.counter), row)

    def line(key: tuple[str, str]) -> tuple[int, ...]:
        return tuple(counts.get(key, [0] * len(spans)))

    def table(title: str, kind: str, names: Iterable[str]) -> Table:
        return Table(title, tuple((name, line((kind, name))) for name in names))

    funnel = Table(FUNNEL, tuple((name, line(("counter", counter))) for name, counter in (
        ("conversations started", "wegwijzer_conversations_started"),
        ("signpost replies", "wegwijzer_signpost_replies"),
        ("services pointed to", "wegwijzer_signposts"),
        ("taps on a service", "wegwijzer_taps"))))
    other = Table(OTHER, (
        ("crisis replies 113", line(("other", "crisis replies 113"))),
        ("crisis replies 112", line(("other", "crisis replies 112"))),
        ("clarifying questions", line(("counter", "wegwijzer_clarifying_questions"))),
        ("out-of-scope answers", line(("counter", "wegwijzer_out_of_scope_answers"))),
        ("fallback answers", line(("counter", "wegwijzer_fallback_answers"))),
        ("quick exits", line(("counter", "wegwijzer_quick_exits")))))
    situations = list(SITUATIONS) + sorted(
        {name for kind, name in counts if kind == "situation"} - set(SITUATIONS))
    return Reach(start, end, by, tuple(spans), (
        funnel, table(SITUATION, "situation", situations),
        table(SERVICES, "pointed", known_services), table(TAPS, "tapped", known_services),
        table(KINDS, "kind", TAP_KINDS), other))


def render_text(report: Reach) -> str:
    """The report as plain text tables: published numbers only."""
    labels = [period.label for period in report.periods] + ["total"]
    lines = [f"Wegwijzer reach from {report.start} to {report.end}, per {report.by}",
             f"Counts under {THRESHOLD} are shown as {SUPPRESSED}; every other count, totals "
             f"included, is rounded to the nearest multiple of {BASE}.",
             f"{'ISO weeks, Monday to Sunday' if report.by == 'week' else 'Calendar months'}"
             ", the first and last cut to the dates asked for. Daily counts only: no message "
             "text, no ids (see PRIVACY.md).", ""]
    for table in report.tables:
        width = max([len(table.title)] + [len(name) for name, _ in table.rows])
        columns = [max(len(label), 6) for label in labels]
        lines.append(table.title.ljust(width) + "".join(
            "  " + label.rjust(size) for label, size in zip(labels, columns, strict=True)))
        for name, counts in table.rows:
            cells = [shown(n) for n in counts] + [shown(sum(counts))]
            lines.append(name.ljust(width) + "".join(
                "  " + cell.rjust(size) for cell, size in zip(cells, columns, strict=True)))
        lines.append("")
    return "\n".join(lines)


def print_report(start: date, end: date, by: str, totals: Path | None,
                 chart: Path | None) -> int:
    """``python -m bot report``: the funnel as text, and the chart beside the totals (or at
    ``chart``). ``totals`` None: the bot's own totals file."""
    if end < start:
        print("--to comes before --from", file=sys.stderr)
        return 2
    totals = totals or default_path()
    try:
        rows = read(totals, start, end)
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    found = reach(rows, start, end, by, list(load_directory().services))
    print(render_text(found))
    chart = chart or totals.parent / f"reach-{start}-{end}-{by}.png"
    print(f"chart: {render_chart(found, chart)}")
    return 0


def render_chart(report: Reach, path: Path) -> Path:
    """Draw the funnel per period and, for the whole range, each service pointed to and
    tapped: published numbers only, "<10" written where a count is hidden. PNG or SVG, by
    the file's suffix."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    # Text stays text in an SVG (searchable, and checkably free of hidden counts).
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "wegwijzer"}):
        return _draw(report, path, pyplot)


def _draw(report: Reach, path: Path, pyplot) -> Path:

    funnel, pointed, tapped = (report.table(FUNNEL), report.table(SERVICES),
                               report.table(TAPS))
    figure, (left, right) = pyplot.subplots(
        1, 2, figsize=(13, 5.5), gridspec_kw={"width_ratios": [3, 2]})
    steps = [row for row in funnel.rows if row[0] != "services pointed to"]
    colours = ("#1f4e79", "#2e8b57", "#c0504d")
    width = 0.8 / len(steps)
    for index, ((name, counts), colour) in enumerate(zip(steps, colours, strict=True)):
        xs = [p + index * width for p in range(len(report.periods))]
        _bars(left, xs, counts, width, colour, name, vertical=True)
    left.set_xticks([p + width * (len(steps) - 1) / 2 for p in range(len(report.periods))])
    many = len(report.periods) > 6
    left.set_xticklabels([period.label for period in report.periods],
                         rotation=45 if many else 0, ha="right" if many else "center")
    left.set_title(f"Conversations → signposts → taps, per {report.by}")
    left.set_ylabel(f"count (rounded to {BASE})")
    left.set_ylim(0, max(left.get_ylim()[1], THRESHOLD) * 1.25)  # room for the legend
    left.legend(loc="upper right", frameon=False)
    services = [name for (name, shown_counts), (_, taps) in zip(pointed.rows, tapped.rows,
                                                               strict=True)
                if sum(shown_counts) or sum(taps)] or [name for name, _ in pointed.rows[:1]]
    totals = {name: sum(counts) for name, counts in pointed.rows}
    taps = {name: sum(counts) for name, counts in tapped.rows}
    ys = list(range(len(services)))
    _bars(right, [y - 0.2 for y in ys], [totals[s] for s in services], 0.4, colours[1],
          "pointed to", vertical=False)
    _bars(right, [y + 0.2 for y in ys], [taps[s] for s in services], 0.4, colours[2],
          "tapped", vertical=False)
    right.set_yticks(ys)
    right.set_yticklabels(services)
    right.set_xlim(0, max(right.get_xlim()[1], THRESHOLD) * 1.2)  # room for the numbers
    right.invert_yaxis()  # the first service at the top
    right.set_title("Per service, whole range")
    right.legend(loc="best", frameon=False)
    figure.suptitle(f"Wegwijzer reach {report.start} to {report.end}. Counts under "
                    f"{THRESHOLD} are hidden (<{THRESHOLD}); the rest are rounded to {BASE}.",
                    fontsize=10)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110, metadata=_no_dates(path))
    pyplot.close(figure)
    return path


def _bars(axes, positions: list[float], counts: Sequence[int], size: float, colour: str,
          label: str, vertical: bool) -> None:
    """Bars of the published numbers, with each number (or "<10") written at the bar."""
    published = [publish(n) for n in counts]
    heights = [p or 0 for p in published]
    draw = axes.bar if vertical else axes.barh
    draw(positions, heights, size, color=colour, label=label)
    for position, value in zip(positions, published, strict=True):
        text = SUPPRESSED if value is None else f"{value:,}"
        if vertical:
            axes.annotate(text, (position, value or 0), ha="center", va="bottom", fontsize=7)
        else:
            axes.annotate(text, (value or 0, position), ha="left", va="center", fontsize=7,
                          xytext=(2, 0), textcoords="offset points")


def _no_dates(path: Path) -> dict:
    """No creation date in the file, so the same totals always draw the same chart."""
    return {"Date": None} if path.suffix.lower() == ".svg" else {"Software": None}
