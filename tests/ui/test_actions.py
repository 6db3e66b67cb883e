"""The desk's action dialogs against a real replica: each action lands in the outbox with the protocol's payload
and shows at once in the table and the timeline with its sync badge; actions are gated by role and status."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from desktop.app import attachments as app_attachments
from desktop.app import office
from desktop.domain.attachments import MAX_ATTACHMENT_BYTES
from desktop.domain.sla import WorkingCalendar
from desktop.domain.templates import ANONYMOUS_REPORTER
from desktop.store import detail as store_detail
from desktop.ui.actions.gating import complaint_gates, followup_gates, status_moves
from desktop.ui.main_window import MainWindow
from desktop.ui.queue_model import Column
from tests.ui import actions_fixtures
from tests.ui.actions_fixtures import (
    ADMIN,
    EXTERNAL,
    HOSTILE,
    OTHER_OPD,
    STAFF,
    SUB_JALAN,
    SUPERVISOR,
    opened,
    outbox,
    select,
)
from tests.ui.waits import search

replica = actions_fixtures.replica
make_window = actions_fixtures.make_window


def row_of(qtbot: Any, window: MainWindow, complaint_id: str) -> int:
    tracking_id = {"c-new": 4_000_001, "c-named": 4_000_002, "c-done": 4_000_003}[complaint_id]
    assert search(qtbot, window, str(tracking_id)) == 1
    return 0


def sync_badge(window: MainWindow) -> Any:
    return window.model.data(window.model.index(0, Column.SYNC))


def test_disposition_internal_lands_in_outbox_and_shows_at_once(qtbot, make_window, replica) -> None:
    window = make_window(ADMIN)
    row_of(qtbot, window, "c-new")
    assert not sync_badge(window)
    select(qtbot, window, "c-new")
    actions = window.desk_actions
    assert actions.actions["dispose"].isEnabled()
    dialog = opened(qtbot, window, actions.open_disposition)
    # targets come from the replica: the OPD's sub-units and team; external bodies and other OPDs for "bukan wewenang"
    assert dialog.subunit_combo.findData(SUB_JALAN) > 0
    assert dialog.member_combo.findData(STAFF) > 0 and dialog.member_combo.findData("user-dinkes") < 0
    assert dialog.body_combo.findData(EXTERNAL) > 0 and dialog.body_combo.findData(OTHER_OPD) > 0
    assert not dialog.ok_button.isEnabled()  # no target yet
    dialog.member_combo.setCurrentIndex(dialog.member_combo.findData(STAFF))
    dialog.subunit_combo.setCurrentIndex(dialog.subunit_combo.findData(SUB_JALAN))
    dialog.instruction_edit.setPlainText(f"Cek lokasi {HOSTILE}")
    dialog.due_spin.setValue(5)
    expected = dialog.due_date()
    assert expected == WorkingCalendar(
        [dt.date(2026, 1, 1), dt.date(2026, 1, 16), dt.date(2026, 2, 17)]
    ).add_working_days(office.office_today(replica, "unit-pupr"), 5)
    assert dialog.due_label.text()  # the resulting date is shown
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(actions.actionFinished, timeout=5000) as done:
        dialog.accept()
    assert done.args == ["dispose", "c-new"]
    (op,) = outbox(replica)
    assert op["kind"] == "disposition.create" and op["target"] == "c-new" and op["state"] == "queued"
    assert op["payload"]["kind"] == "internal"
    assert op["payload"]["to_user_id"] == STAFF and op["payload"]["to_unit_id"] == SUB_JALAN
    assert op["payload"]["instruction"] == f"Cek lokasi {HOSTILE}"
    assert op["payload"]["due_date"] == expected.isoformat()
    # at once: the table's row has the sync badge and the overlaid status; the timeline has the disposition
    qtbot.waitUntil(lambda: bool(sync_badge(window)), timeout=3000)
    assert window.model.data(window.model.index(0, Column.STATUS)) != "Dispositioned"
    qtbot.waitUntil(lambda: "not yet sent" in window.detail.timeline.toPlainText(), timeout=3000)
    assert HOSTILE in window.detail.timeline.toPlainText()


def test_disposition_external_bukan_wewenang(qtbot, make_window, replica) -> None:
    window = make_window(ADMIN)
    select(qtbot, window, "c-named")
    dialog = opened(qtbot, window, window.desk_actions.open_disposition)
    assert dialog.external_radio.isEnabled()
    dialog.external_radio.setChecked(True)
    assert not dialog.ok_button.isEnabled()  # a reason is required
    dialog.reason_edit.setPlainText("Jaringan listrik bukan kewenangan Dinas PUPR")
    dialog.body_combo.setCurrentIndex(dialog.body_combo.findData(EXTERNAL))
    with qtbot.waitSignal(window.desk_actions.actionFinished, timeout=5000):
        dialog.accept()
    (op,) = outbox(replica)
    assert op["payload"]["kind"] == "external"
    assert op["payload"]["reason"] == "Jaringan listrik bukan kewenangan Dinas PUPR"
    assert op["payload"]["suggested_body"] == "PT PLN (Persero) UP3 Banjarmasin"
    assert store_detail.detail(replica, "c-named").status == "dikembalikan"


def test_note_dialog(qtbot, make_window, replica) -> None:
    window = make_window(STAFF)
    select(qtbot, window, "c-named")
    dialog = window.desk_actions.open_note()
    assert dialog is not None and not dialog.ok_button.isEnabled()
    dialog.text_edit.setPlainText(f"  Sudah ditelepon {HOSTILE}  ")
    with qtbot.waitSignal(window.desk_actions.actionFinished, timeout=5000):
        dialog.accept()
    (op,) = outbox(replica)
    assert op["kind"] == "note.add" and op["payload"]["text"] == f"Sudah ditelepon {HOSTILE}"
    qtbot.waitUntil(
        lambda: f"Sudah ditelepon {HOSTILE}" in window.detail.timeline.toPlainText(), timeout=3000
    )


def test_assign_dialog_lists_the_team(qtbot, make_window, replica) -> None:
    window = make_window(ADMIN)
    row_of(qtbot, window, "c-named")
    select(qtbot, window, "c-named")
    dialog = opened(qtbot, window, window.desk_actions.open_assign)
    names = {dialog.member_combo.itemData(i) for i in range(dialog.member_combo.count())}
    assert names == {ADMIN, STAFF, SUPERVISOR}
    dialog.member_combo.setCurrentIndex(dialog.member_combo.findData(STAFF))
    with qtbot.waitSignal(window.desk_actions.actionFinished, timeout=5000):
        dialog.accept()
    (op,) = outbox(replica)
    assert op["kind"] == "complaint.assign" and op["payload"] == {"assignee_id": STAFF}
    qtbot.waitUntil(
        lambda: window.model.data(window.model.index(0, Column.ASSIGNEE)) == "Sari Wulandari", timeout=3000
    )
    assert sync_badge(window)


def test_claim(qtbot, make_window, replica) -> None:
    window = make_window(STAFF)
    select(qtbot, window, "c-named")
    assert window.desk_actions.actions["claim"].isEnabled()
    with qtbot.waitSignal(window.desk_actions.actionFinished, timeout=5000):
        window.desk_actions.actions["claim"].trigger()
    (op,) = outbox(replica)
    assert op["kind"] == "complaint.claim" and op["target"] == "c-named"


def test_status_change_offers_only_allowed_moves(qtbot, make_window, replica) -> None:
    window = make_window(ADMIN)
    select(qtbot, window, "c-new")
    dialog = window.desk_actions.open_status()
    assert dialog is not None
    offered = [dialog.status_combo.itemData(i) for i in range(dialog.status_combo.count())]
    assert set(offered) == {"diproses", "ditunda", "arsip"}  # never dikembalikan / ditanggapi_pelapor by hand
    dialog.status_combo.setCurrentIndex(offered.index("ditunda"))
    dialog.reason_edit.setPlainText("Menunggu foto lokasi dari pelapor")
    with qtbot.waitSignal(window.desk_actions.actionFinished, timeout=5000):
        dialog.accept()
    (op,) = outbox(replica)
    assert op["kind"] == "complaint.status"
    assert (
        op["payload"]["status"] == "ditunda"
        and op["payload"]["reason"] == "Menunggu foto lokasi dari pelapor"
    )


def test_role_gating_staff_cannot_dispose(qtbot, make_window) -> None:
    window = make_window(STAFF)
    select(qtbot, window, "c-new")
    actions = window.desk_actions
    assert not actions.actions["dispose"].isEnabled()
    assert not actions.actions["assign"].isEnabled()
    assert not actions.actions["status"].isEnabled()
    assert actions.actions["note"].isEnabled() and actions.actions["followup"].isEnabled()
    with qtbot.assertNotEmitted(actions.dialogOpened):
        actions.open_disposition()
    assert "role" in actions.actions["dispose"].toolTip().lower()


def test_status_gating_closed_complaint(qtbot, make_window) -> None:
    window = make_window(ADMIN)
    select(qtbot, window, "c-done")
    enabled = {k for k, a in window.desk_actions.actions.items() if a.isEnabled()}
    assert enabled == set()


def test_gates_pure() -> None:
    from types import SimpleNamespace

    d = SimpleNamespace(status="diproses", assignee_id="me")
    assert complaint_gates("staff", "me", d)["claim"].reason == "already_mine"
    assert complaint_gates("staff", "you", d)["claim"].reason == "assigned"
    assert complaint_gates("coordinator", "x", d)["dispose"].allowed
    assert complaint_gates("", None, d)["note"].reason == "role"
    # diproses → ditindaklanjuti is made by publishing a follow-up, never by hand (issue 9)
    assert status_moves("diproses", published_followup=False) == ["arsip"]
    own = followup_gates("supervisor", "u1", {"state": "submitted", "author_id": "u1"})
    assert not own.approve.allowed and own.approve.reason == "own_followup"
    other = followup_gates("supervisor", "u1", {"state": "submitted", "author_id": "u2"})
    assert other.approve.allowed and not other.edit.allowed
    assert followup_gates("staff", "u1", None).submit.reason == "role"
    assert followup_gates("admin", "u1", {"state": "returned", "author_id": "u1"}).submit.allowed


def test_followup_template_with_anonymous_reporter(qtbot, make_window) -> None:
    window = make_window(ADMIN)
    select(qtbot, window, "c-new")
    editor = opened(qtbot, window, window.desk_actions.open_followup)
    ids = [editor.template_combo.itemData(i) for i in range(editor.template_combo.count())]
    assert ids[0].startswith("pu-")  # the category's own templates come first
    editor.template_combo.setCurrentIndex(0)
    editor.apply_template()
    text = editor.text_edit.toPlainText()
    assert text.startswith(f"Yth. {ANONYMOUS_REPORTER},")
    assert "4000001" in text and "Dinas PUPR" in text and HOSTILE in text  # title as data, literally
    assert "{" not in text
    editor.reject()


def test_followup_template_names_a_named_reporter(qtbot, make_window) -> None:
    window = make_window(ADMIN)
    select(qtbot, window, "c-named")
    editor = opened(qtbot, window, window.desk_actions.open_followup)
    editor.apply_template()
    assert editor.text_edit.toPlainText().startswith("Yth. Budi Santoso,")
    editor.reject()


def test_attachment_too_large_is_refused_before_anything_is_stored(
    qtbot, make_window, replica, tmp_path
) -> None:
    window = make_window(ADMIN)
    select(qtbot, window, "c-named")
    big = tmp_path / "foto.jpg"
    big.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * (2 * 1024 * 1024))
    fake = tmp_path / "virus.pdf"
    fake.write_bytes(b"MZ\x90\x00 not a pdf")
    exe = tmp_path / "setup.exe"
    exe.write_bytes(b"MZ")
    with qtbot.waitSignals([window.desk_actions.actionFailed] * 3, timeout=3000):
        problems = window.desk_actions.add_attachments([big, fake, exe])
    assert len(problems) == 3
    assert "2 MB" in problems[0] and "foto.jpg" in problems[0]
    assert window.message_bar.isVisible() and "foto.jpg" in window.message_bar.label.text()
    assert outbox(replica) == []
    with replica.read() as conn:
        from sqlalchemy import text

        assert conn.execute(text("SELECT count(*) FROM attachments")).scalar() == 0
    assert not list(Path(replica.path).parent.glob("blobs/**/*.*"))


def test_attachment_check_rules(tmp_path) -> None:
    ok = tmp_path / "a.png"
    ok.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 10)
    assert app_attachments.check(ok) == (None, "image/png")
    edge = tmp_path / "b.pdf"
    edge.write_bytes(b"%PDF-" + b"\0" * (MAX_ATTACHMENT_BYTES - 5))
    assert app_attachments.check(edge)[0] is None
    over = tmp_path / "c.pdf"
    over.write_bytes(b"%PDF-" + b"\0" * (MAX_ATTACHMENT_BYTES - 4))
    assert app_attachments.check(over)[0] == "too_large"
    assert app_attachments.check(tmp_path / "missing.pdf")[0] == "missing"
    audio = tmp_path / "rekaman.mp3"
    audio.write_bytes(b"ID3" + b"\0" * 10)
    assert app_attachments.check(audio)[0] is None


def _followup(fid: str, author: str, state: str, text_: str) -> dict[str, Any]:
    from tests.ui.factory import change

    return change("followup", fid, {
        "id": fid, "complaint_id": "c-named", "text": text_, "state": state, "author_id": author,
        "content_hash": "h", "approved_by": None, "approved_at": None, "return_reason": None,
        "created_at": "2026-01-05T01:00:00Z", "updated_at": "2026-01-05T01:00:00Z",
    })  # fmt: skip


def test_supervisor_never_approves_own_followup(qtbot, make_window, replica) -> None:
    from tests.ui.factory import write

    write(replica, [_followup("fu-own", SUPERVISOR, "submitted", "Teks kepala")])
    window = make_window(SUPERVISOR)
    select(qtbot, window, "c-named")
    editor = opened(qtbot, window, window.desk_actions.open_followup)
    editor.followup_combo.setCurrentIndex(editor.followup_combo.findData("fu-own"))
    assert editor.text_edit.toPlainText() == "Teks kepala"
    assert not editor.approve_button.isEnabled() and not editor.return_button.isEnabled()
    assert "four eyes" in editor.approve_button.toolTip()
    assert "four eyes" in editor.explanation.text()
    editor.reject()


def test_supervisor_reviews_someone_elses_followup(qtbot, make_window, replica) -> None:
    from tests.ui.factory import write

    write(replica, [_followup("fu-staff", STAFF, "submitted", "Teks staf")])
    window = make_window(SUPERVISOR)
    select(qtbot, window, "c-named")
    editor = opened(qtbot, window, window.desk_actions.open_followup)
    assert editor.current_followup_id() == "fu-staff"
    assert editor.text_edit.isReadOnly()  # an approval binds to the exact text read
    assert editor.approve_button.isEnabled()
    assert not editor.return_button.isEnabled()  # a return needs a reason
    editor.return_reason.setPlainText("Mohon lengkapi jadwal perbaikan")
    assert editor.return_button.isEnabled()
    editor.reject()


def test_staff_drafts_but_does_not_submit(qtbot, make_window) -> None:
    window = make_window(STAFF)
    select(qtbot, window, "c-named")
    editor = opened(qtbot, window, window.desk_actions.open_followup)
    assert editor.current_followup_id() is None
    assert not editor.approve_button.isVisible()
    editor.apply_template()
    assert editor.save_button.isEnabled() and not editor.submit_button.isEnabled()
    assert editor.explanation.text()  # says an admin submits
    editor.reject()


def test_followup_draft_is_stored_or_clearly_not_available(qtbot, make_window, replica) -> None:
    from desktop.store import actions as store_actions

    window = make_window(ADMIN)
    select(qtbot, window, "c-named")
    editor = opened(qtbot, window, window.desk_actions.open_followup)
    editor.apply_template()
    if hasattr(store_actions, "create_followup"):
        with qtbot.waitSignal(window.desk_actions.actionFinished, timeout=5000):
            editor.save_draft()
        (op,) = outbox(replica)
        assert op["kind"] == "followup.create" and op["payload"]["text"].startswith("Yth. Budi Santoso,")
    else:  # the store's follow-up actions have not landed: the user is told, nothing half-written remains
        with qtbot.waitSignal(window.desk_actions.actionFailed, timeout=5000):
            editor.save_draft()
        assert outbox(replica) == []
        assert window.message_bar.isVisible()
