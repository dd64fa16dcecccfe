from datetime import datetime, timezone

import pytest

from bot.hours import AMSTERDAM, Hours, parse_week
from tests.conftest import MONDAY_NOON, SATURDAY_NIGHT


def test_daily_hours_open_and_closed():
    hours = Hours(week=parse_week({"daily": "11:00-21:00"}))
    assert hours.open_at(MONDAY_NOON) is True
    assert hours.open_at(SATURDAY_NIGHT) is False


def test_end_is_exclusive_and_start_inclusive():
    hours = Hours(week=parse_week({"mon-fri": "09:00-17:00"}))
    assert hours.open_at(datetime(2026, 11, 23, 9, 0, tzinfo=AMSTERDAM)) is True
    assert hours.open_at(datetime(2026, 11, 23, 16, 59, tzinfo=AMSTERDAM)) is True
    assert hours.open_at(datetime(2026, 11, 23, 17, 0, tzinfo=AMSTERDAM)) is False


def test_weekend_closed_for_weekday_hours():
    hours = Hours(week=parse_week({"mon-fri": "09:00-17:00"}))
    assert hours.open_at(datetime(2026, 11, 28, 12, 0, tzinfo=AMSTERDAM)) is False


def test_time_is_amsterdam_time_whatever_the_clock_zone():
    hours = Hours(week=parse_week({"daily": "11:00-21:00"}))
    # 10:30 UTC in November is 11:30 in Amsterdam (CET, UTC+1): open.
    assert hours.open_at(datetime(2026, 11, 23, 10, 30, tzinfo=timezone.utc)) is True
    # 20:30 UTC is 21:30 in Amsterdam: closed.
    assert hours.open_at(datetime(2026, 11, 23, 20, 30, tzinfo=timezone.utc)) is False


def test_summer_time_is_respected():
    hours = Hours(week=parse_week({"daily": "11:00-21:00"}))
    # In July Amsterdam is UTC+2: 09:30 UTC is 11:30 local.
    assert hours.open_at(datetime(2026, 7, 1, 9, 30, tzinfo=timezone.utc)) is True


def test_always_open_and_unverified_unknown():
    assert Hours(always=True).open_at(SATURDAY_NIGHT) is True
    unverified = Hours(verified=False, week=parse_week({"daily": "14:00-22:00"}))
    assert unverified.open_at(MONDAY_NOON) is None


def test_descriptions_group_days():
    hours = Hours(week=parse_week({"mon-sat": "07:00-23:00", "sun": "11:00-19:00"}))
    assert hours.describe("en") == "Mon-Sat 07:00-23:00, Sun 11:00-19:00."
    assert hours.describe("nl") == "Ma-za 07:00-23:00, zo 11:00-19:00."
    assert Hours(always=True).describe("nl") == "Dag en nacht (24/7)."


def test_unverified_hours_send_people_to_the_website_in_plain_words():
    hours = Hours(verified=False, week=parse_week({"daily": "14:00-22:00"}))
    assert hours.describe("nl") == "Kijk op de website voor de tijden."
    assert hours.describe("en") == "Check the website for the times."
    assert hours.open_at(datetime(2026, 11, 23, 15, 0, tzinfo=AMSTERDAM)) is None
    assert Hours(verified=False).describe("nl") == "Kijk op de website voor de tijden."


@pytest.mark.parametrize("schedule, problem", [
    ({"monday": "09:00-17:00"}, "not a day"),
    ({"fri-mon": "09:00-17:00"}, "run forward"),
    ({"mon": "9-17"}, "not a time span"),
    ({"mon": "17:00-09:00"}, "end after it starts"),
    ({"mon": "25:00-26:00"}, "impossible"),
    ({"daily": "09:00-17:00", "mon": "10:00-12:00"}, "twice"),
])
def test_bad_schedules_are_refused(schedule, problem):
    with pytest.raises(ValueError, match=problem):
        parse_week(schedule)
