from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.sla import Due, Limits, SlaClock, Step, WorkingCalendar

# National holidays and cuti bersama around Idul Fitri 2025 and the 2024/25 year end (SKB 2024 and 2025).
HOLIDAYS_2025 = {
    date(2024, 12, 25), date(2024, 12, 26),  # Natal, cuti bersama Natal
    date(2025, 1, 1),  # Tahun Baru
    date(2025, 3, 28),  # cuti bersama Nyepi
    date(2025, 3, 29),  # Nyepi (a Saturday)
    date(2025, 3, 31), date(2025, 4, 1),  # Idul Fitri
    date(2025, 4, 2), date(2025, 4, 3), date(2025, 4, 4), date(2025, 4, 7),  # cuti bersama Idul Fitri
}
CAL = WorkingCalendar(HOLIDAYS_2025)


def brute_between(cal: WorkingCalendar, a: date, b: date) -> int:
    lo, hi, sign = (a, b, 1) if a <= b else (b, a, -1)
    return sign * sum(cal.is_working_day(lo + timedelta(days=i)) for i in range(1, (hi - lo).days + 1))


def test_weekends_are_skipped():
    friday = date(2025, 3, 7)
    assert CAL.add_working_days(friday, 1) == date(2025, 3, 10)  # Monday
    assert CAL.add_working_days(friday, 5) == date(2025, 3, 14)
    assert CAL.add_working_days(date(2025, 3, 8), 1) == date(2025, 3, 10)  # from a Saturday
    assert CAL.working_days_between(friday, date(2025, 3, 10)) == 1
    assert CAL.working_days_between(date(2025, 3, 8), date(2025, 3, 9)) == 0
    assert CAL.add_working_days(friday, 0) == friday


def test_idul_fitri_and_cuti_bersama():
    thursday = date(2025, 3, 27)
    # 28 Mar cuti Nyepi, weekend, 31 Mar-1 Apr Idul Fitri, 2-4 and 7 Apr cuti bersama: 8 Apr is the first.
    assert CAL.add_working_days(thursday, 1) == date(2025, 4, 8)
    assert CAL.add_working_days(thursday, 3) == date(2025, 4, 10)
    assert CAL.working_days_between(thursday, date(2025, 4, 7)) == 0
    assert not CAL.is_working_day(date(2025, 4, 2))


def test_year_boundary():
    assert CAL.add_working_days(date(2024, 12, 24), 5) == date(2025, 1, 3)
    assert CAL.working_days_between(date(2024, 12, 24), date(2025, 1, 3)) == 5
    assert CAL.working_days_between(date(2025, 1, 3), date(2024, 12, 24)) == -5


def test_other_weekends():
    friday_off = WorkingCalendar(weekend={4, 5})  # a Friday-Saturday weekend
    assert friday_off.add_working_days(date(2025, 3, 6), 1) == date(2025, 3, 9)  # Thursday → Sunday
    with pytest.raises(ValueError):
        WorkingCalendar(weekend=range(7))
    with pytest.raises(ValueError):
        CAL.add_working_days(date(2025, 1, 1), -1)


def test_limits_defaults_and_record():
    assert Limits() == Limits(3, 5, 10, 60, 10, 7)
    record = {"limits": {"verify_days": 2, "finish_days": 30, "unknown": 1}, "reply_window_working_days": True}
    limits = Limits.from_record(record)
    assert (limits.verify_days, limits.finish_days, limits.first_followup_days) == (2, 30, 5)
    assert limits.reply_window_working_days


def test_deadlines_of_a_complaint_arriving_before_lebaran():
    clock = SlaClock(CAL, Limits(), "Asia/Makassar")
    arrived = datetime(2025, 3, 27, 2, 0, tzinfo=UTC)  # 10:00 WITA, Thursday
    assert clock.deadline(Step.VERIFY, arrived) == date(2025, 4, 10)
    assert clock.deadline(Step.FIRST_FOLLOWUP, arrived) == date(2025, 4, 14)
    assert clock.deadline(Step.INFO, arrived) == date(2025, 4, 21)
    assert clock.deadline(Step.INFO, arrived, extended=True) == date(2025, 4, 30)
    # The reply window counts calendar days by default, working days when configured.
    followup = datetime(2025, 3, 27, 2, 0, tzinfo=UTC)
    assert clock.deadline(Step.REPLY_WINDOW, followup) == date(2025, 4, 6)
    working = SlaClock(CAL, Limits(reply_window_working_days=True), "Asia/Makassar")
    assert working.deadline(Step.REPLY_WINDOW, followup) == clock.deadline(Step.INFO, arrived)


@pytest.mark.parametrize(("tz", "local_day", "verify_deadline"), [
    ("Asia/Jakarta", date(2025, 3, 6), date(2025, 3, 11)),  # WIB 23:30 Thursday
    ("Asia/Makassar", date(2025, 3, 7), date(2025, 3, 12)),  # WITA 00:30 Friday
    ("Asia/Jayapura", date(2025, 3, 7), date(2025, 3, 12)),  # WIT 01:30 Friday
])
def test_the_office_time_zone_decides_the_day(tz, local_day, verify_deadline):
    clock = SlaClock(CAL, Limits(), tz)
    arrived = datetime(2025, 3, 6, 16, 30, tzinfo=UTC)
    assert clock.local_date(arrived) == local_day
    assert clock.deadline("verify", arrived) == verify_deadline


def test_remaining_and_overdue():
    clock = SlaClock(CAL, Limits(), "Asia/Makassar")
    deadline = date(2025, 4, 10)
    assert clock.remaining_working_days(deadline, datetime(2025, 3, 27, 4, tzinfo=UTC)) == 3
    assert clock.remaining_working_days(deadline, datetime(2025, 4, 10, 1, tzinfo=UTC)) == 0
    # 16:30 UTC on 10 April is already 11 April in Makassar: one working day late.
    late = datetime(2025, 4, 10, 16, 30, tzinfo=UTC)
    assert clock.remaining_working_days(deadline, late) == -1
    assert clock.is_overdue(deadline, late)
    assert not clock.is_overdue(deadline, datetime(2025, 4, 10, 15, 0, tzinfo=UTC))
    with pytest.raises(ValueError):
        clock.remaining_working_days(deadline, datetime(2025, 4, 10))


def test_next_due_follows_the_status():
    clock = SlaClock(CAL, Limits(), "Asia/Jakarta")
    arrived = datetime(2025, 3, 3, 3, tzinfo=UTC)  # Monday
    assert clock.next_due("terdisposisi", "pengaduan", arrived) == Due(Step.VERIFY, date(2025, 3, 6))
    assert clock.next_due("diproses", "pengaduan", arrived) == Due(Step.FIRST_FOLLOWUP, date(2025, 3, 10))
    assert clock.next_due("diproses", "permintaan_informasi", arrived) == Due(Step.INFO, date(2025, 3, 17))
    followup = datetime(2025, 3, 10, 3, tzinfo=UTC)
    due = clock.next_due("ditindaklanjuti", "pengaduan", arrived, last_followup_at=followup)
    assert due == Due(Step.REPLY_WINDOW, date(2025, 3, 20))
    replied = clock.next_due("ditanggapi_pelapor", "aspirasi", arrived)
    assert replied is not None and replied.step == Step.FINISH
    for closed in ("selesai", "dikembalikan", "arsip", "ditunda"):
        assert clock.next_due(closed, "pengaduan", arrived) is None


# --- properties ---------------------------------------------------------------------------------------------
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
holiday_sets = st.sets(st.dates(min_value=date(2019, 12, 1), max_value=date(2032, 12, 31)), max_size=80)
weekends = st.sets(st.integers(0, 6), max_size=3)


@given(days, st.integers(0, 400), holiday_sets, weekends)
def test_add_then_count_round_trips(start, n, holidays, weekend):
    cal = WorkingCalendar(holidays, weekend)
    end = cal.add_working_days(start, n)
    assert cal.working_days_between(start, end) == n
    assert cal.working_days_between(end, start) == -n
    if n > 0:
        assert cal.is_working_day(end)
        # It is the first such day: one day earlier the count is one short.
        assert cal.working_days_between(start, end - timedelta(days=1)) == n - 1


@given(days, days, holiday_sets, weekends)
def test_count_matches_counting_day_by_day(a, b, holidays, weekend):
    if abs((b - a).days) > 800:
        b = a + timedelta(days=(b - a).days % 800)
    cal = WorkingCalendar(holidays, weekend)
    assert cal.working_days_between(a, b) == brute_between(cal, a, b)


@given(
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)),
    st.sampled_from([Step.VERIFY, Step.FIRST_FOLLOWUP, Step.FINISH, Step.INFO]),
    st.sampled_from(["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]),
    holiday_sets,
    st.booleans(),
)
def test_a_working_day_deadline_is_never_a_holiday_or_weekend(arrived, step, tz, holidays, extended):
    cal = WorkingCalendar(holidays)
    deadline = SlaClock(cal, Limits(), tz).deadline(step, arrived, extended=extended)
    assert deadline.weekday() < 5
    assert deadline not in holidays
    assert deadline > SlaClock(cal, Limits(), tz).local_date(arrived)
