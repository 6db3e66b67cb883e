"""The application layer, headless: a session built from public code only (sign in, resume, the demo), actions
that return what they changed, and the session as the sync runner's engine. A real hub runs on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.app import complaints, followups
from desktop.app.changes import EVERYTHING, Changes, sync_pass
from desktop.app.context import JobCancelled, JobContext
from desktop.app.session import StoreSession, WorkingOffline, open_empty_session
from desktop.app.signin import SignInRequest, resume_session, sign_in_and_open, start_demo
from desktop.store.errors import KeyringUnavailable
from desktop.sync.runner import Outcome, SyncRunner
from desktop.sync.transport import AuthError
from desktop.testing.hub import run_hub

ADMIN, STAFF, PASSWORD = "admin.pupr", "staf.pupr", "demo"


@pytest.fixture(scope="module")
def hub_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("hub") / "hub.db"
    with run_hub(f"sqlite:///{db}", seed_complaints=200) as url:
        yield url


def _open_complaint(session: StoreSession, *statuses: str) -> str:
    """An open complaint of the signed-in user's queue in one of ``statuses``."""
    for status in statuses:
        found = session.queue_source().ids(session.with_filter(session.initial_query(), status=status), 0, 1)
        if found:
            return found[0]
    raise AssertionError(f"the seeded hub has no complaint in {statuses} for {session.user_label}")


def _open(hub_url: str, data: Path, username: str = ADMIN, *, remember: bool = True) -> StoreSession:
    return sign_in_and_open(SignInRequest(hub_url, username, PASSWORD, remember=remember), data, JobContext())


def test_sign_in_sync_act_and_push(hub_url: str, tmp_path: Path) -> None:
    session = _open(hub_url, tmp_path / "data")
    try:
        first = session.run_once()
        assert first.pulled > 0 and session.status().online
        cid = _open_complaint(session, "terdisposisi", "diproses", "ditindaklanjuti")

        changes = complaints.add_note(session.replica, cid, "Dicek di lapangan besok pagi.")
        assert changes.touches(cid) and not changes.touches("other") and changes.outbox and changes.queues
        assert changes.result is not None and changes.record_id
        assert session.status().pending_ops == 1

        pushed = session.run_once()
        assert pushed.pushed == 1 and session.status().pending_ops == 0
        assert sync_pass(pushed).all_complaints  # a push changes the sync badges of its complaints
        assert any(e.type == "note" and not e.pending for e in session.detail(cid).timeline)
    finally:
        session.close()


def test_a_follow_up_draft_names_its_record(hub_url: str, tmp_path: Path) -> None:
    session = _open(hub_url, tmp_path / "data", STAFF)
    try:
        session.run_once()
        cid = _open_complaint(session, "diproses", "terdisposisi")
        made = followups.save_draft(session.replica, cid, "Jalan akan diperbaiki minggu depan.")
        assert made.record_id
        edited = followups.save_draft(session.replica, cid, "Jalan diperbaiki Senin.", made.record_id)
        assert edited.record_id == made.record_id and edited.touches(cid)
    finally:
        session.close()


def test_wrong_password_opens_nothing(hub_url: str, tmp_path: Path) -> None:
    with pytest.raises(AuthError):
        sign_in_and_open(
            SignInRequest(hub_url, ADMIN, "salah", remember=True), tmp_path / "data", JobContext()
        )
    assert not list((tmp_path / "data").rglob("replica.db"))


def test_resume_is_offline_and_lazy(hub_url: str, tmp_path: Path) -> None:
    _open(hub_url, tmp_path / "data").close()
    session = resume_session(hub_url, ADMIN, tmp_path / "data", JobContext())
    assert session is not None
    try:
        assert session.can_sync
        assert session.run_once().cancelled is False  # the stored refresh token signs in on the first pass
    finally:
        session.close()


def test_remember_off_keeps_no_session(hub_url: str, tmp_path: Path) -> None:
    _open(hub_url, tmp_path / "data", remember=False).close()
    assert resume_session(hub_url, ADMIN, tmp_path / "data", JobContext()) is None


def test_no_keyring_needs_a_passphrase(hub_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop import account

    monkeypatch.setattr(account, "keyring_usable", lambda: False)
    with pytest.raises(KeyringUnavailable):
        _open(hub_url, tmp_path / "data")
    req = SignInRequest(hub_url, ADMIN, PASSWORD, remember=True, passphrase="kata sandi yang panjang")
    session = sign_in_and_open(req, tmp_path / "data", JobContext())
    session.close()


def test_cancelled_sign_in_opens_no_replica(hub_url: str, tmp_path: Path) -> None:
    ctx = JobContext()
    ctx.cancel_event.set()
    with pytest.raises(JobCancelled):
        sign_in_and_open(SignInRequest(hub_url, ADMIN, PASSWORD), tmp_path / "data", ctx)
    assert not list((tmp_path / "data").rglob("replica.db"))


def test_work_offline_sends_nothing(hub_url: str, tmp_path: Path) -> None:
    session = _open(hub_url, tmp_path / "data")
    try:
        session.set_work_offline(True)
        with pytest.raises(WorkingOffline):
            session.run_once()
        assert not session.status().online and session.status().last_sync_at is None
        # the runner drives the session itself (no wrapper): offline ends the run without a pass
        result = SyncRunner(session, is_offline=lambda: session.work_offline).run()
        assert result.outcome is Outcome.OFFLINE
        session.set_work_offline(False)
        assert SyncRunner(session).run().outcome is Outcome.SYNCED
    finally:
        session.close()


def test_an_unreachable_hub_marks_the_session_offline(tmp_path: Path) -> None:
    db = tmp_path / "hub.db"
    with run_hub(f"sqlite:///{db}", seed_complaints=5) as url:
        session = _open(url, tmp_path / "data")
    try:  # the hub is gone now
        with pytest.raises(Exception):  # noqa: B017 - the transport's NetworkError
            session.run_once()
        assert not session.status().online
    finally:
        session.close()


def test_the_empty_session_cannot_sync(tmp_path: Path) -> None:
    session = open_empty_session(tmp_path)
    try:
        assert not session.can_sync and session.queue_counts()["all"] == 0
        with pytest.raises(RuntimeError):
            session.run_once()
    finally:
        session.close()


def test_the_demo_starts_its_hub_through_the_caller(tmp_path: Path) -> None:
    from server.embedded import start_embedded_hub

    hub, session = start_demo(tmp_path, ADMIN, PASSWORD, JobContext(),
                              start_hub=lambda url: start_embedded_hub(url, seed_complaints=20))  # fmt: skip
    try:
        assert session.queue_counts()["all"] > 0 and session.status().last_sync_at is not None
    finally:
        session.close()
        hub.stop()


def test_changes_combine() -> None:
    a = Changes(complaints=frozenset({"a"}), outbox=True)
    b = Changes(complaints=frozenset({"b"}), conflicts=True, record_id="r")
    both = a | b
    assert (
        both.touches("a") and both.touches("b") and both.outbox and both.conflicts and both.record_id == "r"
    )
    assert Changes().empty and not both.empty and EVERYTHING.touches("anything")
    assert not Changes().touches(None)
