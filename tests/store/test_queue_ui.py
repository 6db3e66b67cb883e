"""The store's read functions for the window: working-day deadlines and the overdue queue."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from desktop.store import queues
from desktop.store.deadlines import deadlines, office_clock
from desktop.store.queues import QueueFilter
from tests.ui.factory import change, complaint_data, make_replica

UTC = dt.UTC


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def calendar_changes() -> list[dict]:
    holiday = {
        "id": "2026-01-06",
        "date": "2026-01-06",
        "name": "Libur uji",
        "kind": "national",
        "active": True,
    }
    inactive = {
        "id": "2026-01-07",
        "date": "2026-01-07",
        "name": "Dibatalkan",
        "kind": "cuti_bersama",
        "active": False,
    }
    sla = {
        "id": "default",
        "limits": {"verify_days": 3, "first_followup_days": 5, "reply_window_days": 10, "finish_days": 60,
                   "info_days": 10, "info_extension_days": 7},
        "reply_window_working_days": False,
    }  # fmt: skip
    return [
        change("holiday", "2026-01-06", holiday),
        change("holiday", "2026-01-07", inactive),
        change("sla", "default", sla),
    ]


def known(n: int, **kw: object) -> dict:
    # Friday 2 January 2026, 10:00 in Banjarmasin (WITA, the factory's OPD time zone).
    return change(
        "complaint", f"k-{n}", complaint_data(n, id=f"k-{n}", arrived_at="2026-01-02T02:00:00Z", **kw)
    )


def test_deadline_counts_working_days_with_holidays(tmp_path: Path) -> None:
    extra = calendar_changes() + [
        known(1, status="terdisposisi"),
        known(2, status="ditunda"),
        known(3, status="diproses", kind="permintaan_informasi"),
    ]
    rep = make_replica(tmp_path, 0, extra)
    try:
        clock = office_clock(rep)
        assert str(clock.tz) == "Asia/Makassar"
        got = deadlines(rep, ["k-1", "k-2", "k-3"], clock, at("2026-01-06T01:00:00"))
        # Verify: 3 working days after Fri 2 Jan, skipping the weekend and the holiday of Tue 6 Jan → Thu 8 Jan.
        assert got["k-1"].due == dt.date(2026, 1, 8)
        assert got["k-1"].remaining == 2 and not got["k-1"].overdue
        assert "k-2" not in got  # on hold: the clock does not run
        assert got["k-3"].step == "info"
        late = deadlines(rep, ["k-1"], clock, at("2026-01-12T01:00:00"))["k-1"]
        assert late.overdue and late.remaining == -2  # Fri 9 and Mon 12 January
    finally:
        rep.close()


def test_overdue_queue_matches_deadlines(tmp_path: Path) -> None:
    followups = [
        change(
            "followup",
            f"f-{n}",
            {
                "id": f"f-{n}",
                "complaint_id": f"c-{n:06d}",
                "text": "Sudah diperbaiki.",
                "state": "published",
                "author_id": "user-admin",
                "content_hash": "",
                "approved_by": None,
                "approved_at": None,
                "return_reason": None,
                "created_at": "2026-01-05T01:00:00Z",
                "updated_at": f"2026-01-{n % 28 + 1:02d}T01:00:00Z",
            },
        )  # fmt: skip
        for n in range(2, 300, 6)  # the factory's ditindaklanjuti complaints
    ]
    rep = make_replica(tmp_path, 300, calendar_changes() + followups)
    try:
        clock = office_clock(rep)
        for now in (at("2026-01-03T00:00:00"), at("2026-01-20T12:00:00"), at("2026-04-01T00:00:00")):
            all_ids = queues.ids(rep, QueueFilter(), limit=1000)
            expected = {cid for cid, d in deadlines(rep, all_ids, clock, now).items() if d.overdue}
            got = set(queues.ids(rep, QueueFilter(queue="overdue", now=now), limit=1000))
            assert got == expected, now
            assert queues.count(rep, QueueFilter(queue="overdue", now=now)) == len(expected)
        assert expected  # by April most of January's open complaints are late
        counts = queues.queue_counts(rep)
        assert counts["overdue"] == queues.count(rep, QueueFilter(queue="overdue"))
    finally:
        rep.close()


def test_sort_by_deadline_is_the_clock_order_in_sql(tmp_path: Path) -> None:
    followups = [
        change(
            "followup",
            f"f-{n}",
            {
                "id": f"f-{n}",
                "complaint_id": f"c-{n:06d}",
                "text": "Sudah diperbaiki.",
                "state": "published",
                "author_id": "user-admin",
                "content_hash": "",
                "approved_by": None,
                "approved_at": None,
                "return_reason": None,
                "created_at": "2026-01-05T01:00:00Z",
                "updated_at": f"2026-01-{n % 28 + 1:02d}T01:00:00Z",
            },
        )  # fmt: skip
        for n in range(2, 200, 12)
    ]
    rep = make_replica(tmp_path, 200, calendar_changes() + followups)
    try:
        clock = office_clock(rep)
        all_ids = queues.ids(rep, QueueFilter(), limit=1000)
        due = {cid: d.due for cid, d in deadlines(rep, all_ids, clock).items()}
        assert len(set(due.values())) > 5
        for descending in (False, True):
            order = queues.ids(rep, QueueFilter(), queues.SortKey("deadline", descending), 0, 1000)
            assert len(order) == 200
            with_due = [due[c] for c in order if c in due]
            assert with_due == sorted(with_due, reverse=descending)
            # Complaints whose clock does not run come last either way.
            assert all(c not in due for c in order[len(with_due) :])
            paged = [
                r.id
                for off in range(0, 200, 30)
                for r in queues.page(rep, QueueFilter(), queues.SortKey("deadline", descending), off, 30)
            ]
            assert paged == order
    finally:
        rep.close()


def test_page_is_rows_with_deadlines_in_sql_order(tmp_path: Path) -> None:
    from desktop.store.actions import add_note

    rep = make_replica(tmp_path, 120, calendar_changes())
    try:
        add_note(rep, "c-000007", "offline")
        clock = office_clock(rep)
        now = at("2026-01-20T12:00:00")
        for sort in (queues.SortKey(), queues.SortKey("title", False), queues.SortKey("tracking_id", True)):
            for f in (QueueFilter(), QueueFilter(queue="new"), QueueFilter(search="jalan")):
                for offset in (0, 7, 100):
                    ids = queues.ids(rep, f, sort, offset, 25)
                    got = queues.page(rep, f, sort, offset, 25, clock=clock, now=now)
                    assert [r.id for r in got] == ids
                    expected = queues.rows(rep, ids)
                    assert [replace(r, deadline=None) for r in got] == [
                        replace(r, kind=g.kind) for r, g in zip(expected, got, strict=True)
                    ]
                    dl = deadlines(rep, ids, clock, now)
                    assert {r.id: r.deadline for r in got if r.deadline} == dl
        (row,) = queues.page(rep, QueueFilter(search="1000007"), clock=clock)
        assert row.id == "c-000007" and row.pending
    finally:
        rep.close()


def test_deadline_order_is_kept_per_connection_and_follows_writes(tmp_path: Path) -> None:
    from tests.ui.factory import write

    rep = make_replica(tmp_path, 200, calendar_changes())
    try:
        clock = office_clock(rep)
        ascending = queues.SortKey("deadline", False)

        def in_order(f: QueueFilter) -> list[str]:
            every = queues.ids(rep, f, limit=1000)
            due = {cid: d.due for cid, d in deadlines(rep, every, clock).items()}
            order = queues.ids(rep, f, ascending, 0, 1000)
            with_due = [due[c] for c in order if c in due]
            assert with_due == sorted(with_due) and all(c not in due for c in order[len(with_due) :])
            assert sorted(order) == sorted(every)
            return order

        # Pages of the kept order, alternating filters (each refills the connection's table).
        for f in (QueueFilter(), QueueFilter(queue="new"), QueueFilter(), QueueFilter(search="jalan")):
            order = in_order(f)
            paged = [r.id for off in range(0, len(order), 40) for r in queues.page(rep, f, ascending, off, 40)]
            assert paged == order
        first = in_order(QueueFilter())[0]
        # A write (here the mirror closing the first complaint) is seen by the next page: it has no deadline now.
        n = int(first.removeprefix("c-"))
        write(rep, [change("complaint", first, complaint_data(n, status="selesai"), version=2)])
        after = in_order(QueueFilter())
        assert after[0] != first
        assert after.index(first) >= len(deadlines(rep, after, clock))
    finally:
        rep.close()
