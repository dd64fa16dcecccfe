"""Opening hours: parse the directory's weekly schedules, say whether a service is open now.

Times are Europe/Amsterdam wall-clock times. Hours we could not verify are never guessed:
``open_now`` is ``None`` for them and the text tells people to check the website.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_NAMES = {
    "nl": ("ma", "di", "wo", "do", "vr", "za", "zo"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_EVERY_DAY = {"nl": "elke dag", "en": "every day"}
_ALWAYS = {"nl": "dag en nacht (24/7)", "en": "day and night (24/7)"}
# Unknown or unverified hours: plain words for the person, never a data-quality warning.
_CHECK = {"nl": "kijk op de website voor de tijden",
          "en": "check the website for the times"}
_SPAN = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")


@dataclass(frozen=True)
class Span:
    """An opening span on one day, ``start`` inclusive, ``end`` exclusive, in minutes."""

    start: int
    end: int

    def label(self) -> str:
        return f"{_clock(self.start)}-{_clock(self.end)}"


@dataclass(frozen=True)
class Hours:
    """When a service can be reached. ``week`` maps day index (0 = Monday) to spans."""

    always: bool = False
    verified: bool = True
    week: dict[int, tuple[Span, ...]] = field(default_factory=dict)
    note: dict[str, str] = field(default_factory=dict)

    def open_at(self, moment: datetime) -> bool | None:
        """True or False when the hours are known, None when they are not verified."""
        if self.always:
            return True
        if not self.verified or not self.week:
            return None
        local = moment.astimezone(AMSTERDAM)
        minute = local.hour * 60 + local.minute
        return any(s.start <= minute < s.end for s in self.week.get(local.weekday(), ()))

    def describe(self, language: str) -> str:
        """The hours as a short sentence in Dutch or English."""
        if self.always:
            text = _ALWAYS[language]
        elif self.verified and self.week:
            text = _week_text(self.week, language)
        else:
            text = _CHECK[language]
        text = text[0].upper() + text[1:]
        note = self.note.get(language)
        return f"{text}. {note}" if note else f"{text}."


def parse_week(schedule: dict) -> dict[int, tuple[Span, ...]]:
    """Parse ``{"mon-fri": "09:00-17:00", "sat": "10:00-12:00, 13:00-15:00"}``.

    Keys are a day (``mon``), a range of days (``mon-fri``) or ``daily``. Raises ValueError
    with a message fit for the person editing the file.
    """
    week: dict[int, tuple[Span, ...]] = {}
    for key, value in schedule.items():
        spans = tuple(_parse_span(part) for part in str(value).split(","))
        for day in _parse_days(str(key)):
            if day in week:
                raise ValueError(f"{DAYS[day]} is given twice")
            week[day] = spans
    return week


def _parse_days(key: str) -> list[int]:
    key = key.strip().lower()
    if key == "daily":
        return list(range(7))
    first, _, last = key.partition("-")
    if first not in DAYS or (last and last not in DAYS):
        raise ValueError(f"{key!r} is not a day; use mon..sun, a range like mon-fri, or daily")
    start, end = DAYS.index(first), DAYS.index(last or first)
    if end < start:
        raise ValueError(f"{key!r}: the range must run forward in the week")
    return list(range(start, end + 1))


def _parse_span(text: str) -> Span:
    match = _SPAN.match(text.strip())
    if not match:
        raise ValueError(f"{text.strip()!r} is not a time span like 09:00-17:00")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2):
        raise ValueError(f"{text.strip()!r} has an impossible time")
    span = Span(h1 * 60 + m1, h2 * 60 + m2)
    if span.end <= span.start:
        raise ValueError(f"{text.strip()!r} must end after it starts (no spans past midnight)")
    return span


def _week_text(week: dict[int, tuple[Span, ...]], language: str) -> str:
    """Group days with the same spans: 'Mon-Fri 09:00-17:00, Sat 10:00-12:00'."""
    if len(week) == 7 and len(set(week.values())) == 1:
        return f"{_EVERY_DAY[language]} {_spans_text(week[0])}"
    names = _DAY_NAMES[language]
    parts, day = [], 0
    while day < 7:
        if day not in week:
            day += 1
            continue
        last = day
        while last + 1 < 7 and week.get(last + 1) == week[day]:
            last += 1
        days = names[day] if last == day else f"{names[day]}-{names[last]}"
        parts.append(f"{days} {_spans_text(week[day])}")
        day = last + 1
    return ", ".join(parts)


def _spans_text(spans: tuple[Span, ...]) -> str:
    return ", ".join(span.label() for span in spans)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def now() -> datetime:
    """The current moment; injected everywhere else so tests and the demo can set it."""
    return datetime.now(AMSTERDAM)


def moment_for(metadata: dict | None) -> datetime:
    """The moment to decide at: the trainer's clock in a demo, otherwise now.

    The demo clock ("2026-11-28T23:30", Amsterdam time) is honoured only for the demo
    audience, so it can never change the advice in a real conversation.
    """
    metadata = metadata or {}
    clock = metadata.get("clock")
    if metadata.get("audience") == "demo" and isinstance(clock, str):
        try:
            return datetime.fromisoformat(clock).replace(tzinfo=AMSTERDAM)
        except ValueError:
            pass
    return now()
