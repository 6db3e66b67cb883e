"""Every reason the hub or the upload lane can give an op, every refusal of the replica and every problem of the
attachment policy reaches the user as words in their language, never as a raw code or the core's English."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from desktop.domain.attachments import MAX_ATTACHMENT_BYTES, classify
from desktop.store import actions as store_actions
from desktop.store.errors import Refusal
from desktop.sync.attachments import QUOTA_EXCEEDED, REFUSED
from desktop.ui.errors import attachment_problem_message, refusal_message
from desktop.ui.i18n import op_reason_label
from desktop.ui.main_window import MainWindow
from tests.ui import actions_fixtures, test_i18n
from tests.ui.actions_fixtures import ADMIN, STAFF, SUPERVISOR, opened, outbox, select
from tests.ui.factory import change, write
from tests.ui.test_i18n import TS, in_indonesian, messages

ROOT = Path(__file__).resolve().parents[2]


def _hub_reasons() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "server").rglob("*.py"):
        found.update(re.findall(r'OpRejected\("([a-z_]+)"', path.read_text(encoding="utf-8")))
    found.update(re.findall(r'reason="([a-z_]+)"', (ROOT / "server" / "ops" / "framework.py").read_text()))
    return found | {"stale", "not_in_unit", "no_followup"}  # OpConflict, OpNotInUnit, statuses.MoveRefusal


@pytest.mark.parametrize(
    "code", sorted(_hub_reasons() | REFUSED | {QUOTA_EXCEEDED, "invalid_request", "malformed_json"})
)
def test_every_reason_has_words(qapp: object, code: str) -> None:
    label = op_reason_label(code)
    assert label != code and " " in label  # a sentence, not the code


def test_an_unknown_reason_still_reads_as_a_sentence(qapp: object) -> None:
    label = op_reason_label("kode_baru_dari_hub")
    assert label != "kode_baru_dari_hub" and "kode_baru_dari_hub" in label


compiled = test_i18n.compiled
indonesian = test_i18n.indonesian


# --- the replica's refusals and the attachment policy's problems: one sentence each, in Indonesian too ---------
REFUSAL_DETAILS: dict[str, dict[str, str]] = {
    Refusal.NOT_BY_HAND: {"status": "ditindaklanjuti"},
    Refusal.FOLLOWUP_STATE: {"state": "published", "action": "edit"},
}
FOLLOWUP_ACTIONS = ("edit", "submit", "approve", "return")


def _refusal_sentences() -> dict[str, str]:
    out = {str(code): refusal_message(code, REFUSAL_DETAILS.get(code)) for code in Refusal}
    for action in FOLLOWUP_ACTIONS:
        out[f"followup_state/{action}"] = refusal_message(
            Refusal.FOLLOWUP_STATE, {"state": "draft", "action": action}
        )
    return out


def _attachment_problems() -> set[str]:
    png = b"\x89PNG\r\n\x1a\n"
    codes = {
        classify("setup.exe", 10, b"MZ")[0],
        classify("foto.png", 0, b"")[0],
        classify("foto.png", MAX_ATTACHMENT_BYTES + 1, png)[0],
        classify("foto.png", 10, b"GIF89a")[0],
    }
    return {code for code in codes if code} | {
        "missing"
    }  # missing: app/attachments.check, a file not readable


def test_every_refusal_has_its_own_sentence(qapp: object) -> None:
    sentences = _refusal_sentences()
    assert len(set(sentences.values())) == len(sentences)  # no two refusals read alike
    fallback = refusal_message("no_such_refusal")
    for key, sentence in sentences.items():
        assert sentence != fallback and " " in sentence and key.split("/")[0] not in sentence, key
    assert "Followed up" in sentences[Refusal.NOT_BY_HAND]  # the status by its label, not its code
    assert "published" in sentences[Refusal.FOLLOWUP_STATE]


def test_every_refusal_is_translated_in_the_indonesian_ts(qapp: QCoreApplication, compiled: None) -> None:
    english = _refusal_sentences()
    with in_indonesian(qapp):
        indonesian_ = _refusal_sentences()
        fallback = refusal_message("no_such_refusal")
    for key, sentence in indonesian_.items():
        assert sentence != english[key] and sentence != fallback, key
    assert "Ditindaklanjuti" in indonesian_[Refusal.NOT_BY_HAND]
    assert "dipublikasikan" in indonesian_[Refusal.FOLLOWUP_STATE]
    have = messages(TS)
    for key, msg in have.items():
        if key[0] in ("Refusal", "AttachmentProblem"):
            tr = msg.find("translation")
            assert tr is not None and tr.text and tr.get("type") is None, key


def test_every_attachment_problem_has_its_own_sentence_in_both_languages(
    qapp: QCoreApplication, compiled: None
) -> None:
    problems = sorted(_attachment_problems())
    assert {"type", "empty", "too_large", "mismatch", "missing"} <= set(problems)
    english = {p: attachment_problem_message(p, "foto.png") for p in problems}
    english_fallback = attachment_problem_message("no_such_problem", "foto.png")
    with in_indonesian(qapp):
        indonesian_ = {p: attachment_problem_message(p, "foto.png") for p in problems}
        indonesian_fallback = attachment_problem_message("no_such_problem", "foto.png")
    assert len(set(english.values())) == len(problems) and english_fallback not in english.values()
    assert indonesian_fallback != english_fallback and "foto.png" in indonesian_fallback
    for p in problems:
        assert "foto.png" in english[p] and english[p].endswith(".")
        assert indonesian_[p] != english[p] and indonesian_[p] != indonesian_fallback, p


@pytest.mark.parametrize("code", sorted(REFUSED | {QUOTA_EXCEEDED, "blob_missing"}))
def test_the_upload_lanes_reasons_are_said_in_indonesian(
    qapp: QCoreApplication, compiled: None, code: str
) -> None:
    english = op_reason_label(code)
    with in_indonesian(qapp):
        assert op_reason_label(code) not in (english, code)


# --- the forbidden paths, driven through the window: the user reads Indonesian, never the store's English --------
replica = actions_fixtures.replica
make_window = actions_fixtures.make_window


def _followup(fid: str, author: str, state: str, writers: list[str]) -> dict[str, Any]:
    body = "Teks tindak lanjut"
    at = "2026-01-05T01:00:00Z"
    data = {"id": fid, "complaint_id": "c-named", "text": body, "state": state, "author_id": author}
    data |= {
        "writer_ids": writers,
        "content_hash": store_actions.text_hash(body),
        "created_at": at,
        "updated_at": at,
    }
    return change("followup", fid, data | {"approved_by": None, "approved_at": None, "return_reason": None})


def _refused(qtbot: Any, window: MainWindow, act: Callable[[], object]) -> str:
    """Do `act`, wait for the action to fail, and return what the user was shown (the message bar says the same)."""
    with qtbot.waitSignal(window.desk_actions.actionFailed, timeout=5000) as failed:
        act()
    text = str(failed.args[1])
    assert window.message_bar.isVisible() and window.message_bar.text == text
    return text


def _editor_on(qtbot: Any, window: MainWindow, fid: str) -> Any:
    select(qtbot, window, "c-named")
    editor = opened(qtbot, window, window.desk_actions.open_followup)
    editor.followup_combo.setCurrentIndex(editor.followup_combo.findData(fid))
    assert editor.current_followup_id() == fid
    return editor


def test_approving_ones_own_followup_is_refused_in_indonesian(
    qtbot, indonesian, make_window, replica
) -> None:
    write(replica, [_followup("fu-own", SUPERVISOR, "submitted", [SUPERVISOR])])
    window = make_window(SUPERVISOR)
    editor = _editor_on(qtbot, window, "fu-own")
    # The button is closed (four eyes); a stale view could still ask, and then the store refuses.
    text = _refused(qtbot, window, editor.approve)
    assert text == refusal_message(Refusal.FOUR_EYES)
    assert text.startswith("Anda menulis") and "supervisor" not in text and "four_eyes" not in text
    assert outbox(replica) == []


def test_approving_a_draft_is_refused_in_indonesian(qtbot, indonesian, make_window, replica) -> None:
    write(replica, [_followup("fu-draft", STAFF, "draft", [STAFF])])
    window = make_window(SUPERVISOR)
    editor = _editor_on(qtbot, window, "fu-draft")
    text = _refused(qtbot, window, editor.approve)
    assert text == refusal_message(Refusal.FOLLOWUP_STATE, {"state": "draft", "action": "approve"})
    assert "berstatus draf" in text and "draft" not in text
    assert outbox(replica) == []


def test_returning_without_a_reason_is_refused_in_indonesian(qtbot, indonesian, make_window, replica) -> None:
    write(replica, [_followup("fu-staff", STAFF, "submitted", [STAFF])])
    window = make_window(SUPERVISOR)
    editor = _editor_on(qtbot, window, "fu-staff")
    text = _refused(qtbot, window, lambda: editor.return_with("   "))
    assert text == refusal_message(Refusal.RETURN_NEEDS_REASON) and text.startswith("Isi alasan")
    assert outbox(replica) == []


def test_an_empty_note_is_refused_in_indonesian(qtbot, indonesian, make_window, replica) -> None:
    window = make_window(STAFF)
    select(qtbot, window, "c-named")
    dialog = opened(qtbot, window, window.desk_actions.open_note)
    assert not dialog.ok_button.isEnabled()
    text = _refused(qtbot, window, dialog.accept)  # the closed OK button, forced
    assert text == refusal_message(Refusal.NOTE_NEEDS_TEXT) and text.startswith("Tulis catatannya")
    assert outbox(replica) == []


def test_bukan_wewenang_without_a_reason_is_refused_in_indonesian(
    qtbot, indonesian, make_window, replica
) -> None:
    window = make_window(ADMIN)
    select(qtbot, window, "c-named")
    dialog = opened(qtbot, window, window.desk_actions.open_disposition)
    dialog.external_radio.setChecked(True)
    assert not dialog.ok_button.isEnabled()
    text = _refused(qtbot, window, dialog.accept)
    assert text == refusal_message(Refusal.EXTERNAL_NEEDS_REASON) and "wewenang OPD" in text
    assert outbox(replica) == []


def test_a_refused_attachment_is_told_in_indonesian(
    qtbot, indonesian, make_window, replica, tmp_path
) -> None:
    window = make_window(ADMIN)
    select(qtbot, window, "c-named")
    big = tmp_path / "foto.jpg"
    big.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * MAX_ATTACHMENT_BYTES)
    exe = tmp_path / "setup.exe"
    exe.write_bytes(b"MZ")
    with qtbot.waitSignals([window.desk_actions.actionFailed] * 2, timeout=3000):
        problems = window.desk_actions.add_attachments([big, exe])
    assert problems == [
        attachment_problem_message("too_large", "foto.jpg"),
        attachment_problem_message("type", "setup.exe"),
    ]
    assert "lebih besar dari 2 MB" in problems[0] and "bukan jenis berkas" in problems[1]
    assert "too_large" not in window.message_bar.text and "Nothing was added" not in window.message_bar.text
    assert outbox(replica) == []


def test_the_store_refuses_users_with_codes_not_sentences() -> None:
    """A ``ValueError`` with English text in the store's actions is a caller's bug (no user can cause it), and
    each is listed here; what a user can get wrong is an ``ActionRefused`` code."""
    caller_bugs = (
        "unknown disposition kind",
        "unknown status",
        "unknown owner type",
        "an attachment needs a type",
        "a note or follow-up attachment needs its owner's id",
    )
    source = (ROOT / "desktop" / "store" / "actions.py").read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Raise)
            and isinstance(node.exc, ast.Call)
            and isinstance(node.exc.func, ast.Name)
        ):
            if node.exc.func.id in ("ValueError", "TypeError"):
                message = ast.unparse(node.exc.args[0]) if node.exc.args else ""
                assert any(bug in message for bug in caller_bugs), (node.lineno, message)
            else:
                assert node.exc.func.id in ("ActionRefused", "NotFound"), node.lineno
