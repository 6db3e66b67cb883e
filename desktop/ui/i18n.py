"""Qt translation setup and the translated labels of domain codes (statuses, channels, kinds).

Source strings are English; Bahasa Indonesia is the default language and lives in lapor_desk_id.ts.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.ui.resources import translations_dir

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "id"
LANGUAGES = ("id", "en")


def install_translators(app: QCoreApplication, language: str = DEFAULT_LANGUAGE) -> list[QTranslator]:
    """Install the app's and Qt's own translators for `language`; English needs none. Returns them (keep alive)."""
    QLocale.setDefault(
        QLocale(
            QLocale.Language.Indonesian if language == "id" else QLocale.Language.English,
            QLocale.Country.Indonesia if language == "id" else QLocale.Country.UnitedStates,
        )
    )
    if language == "en":
        return []
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(f"lapor_desk_{language}", str(translations_dir())):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("no compiled translation for %r in %s", language, translations_dir())
    qt_base = QTranslator(app)
    if qt_base.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_base)
        installed.append(qt_base)
    return installed


# The literal calls below are what lupdate reads; keep each source string written out in full.
def status_label(code: str) -> str:
    labels = {
        "terdisposisi": QCoreApplication.translate("Status", "Dispositioned"),
        "diproses": QCoreApplication.translate("Status", "In progress"),
        "ditindaklanjuti": QCoreApplication.translate("Status", "Followed up"),
        "ditanggapi_pelapor": QCoreApplication.translate("Status", "Reporter replied"),
        "selesai": QCoreApplication.translate("Status", "Finished"),
        "dikembalikan": QCoreApplication.translate("Status", "Returned"),
        "ditunda": QCoreApplication.translate("Status", "On hold"),
        "arsip": QCoreApplication.translate("Status", "Archived"),
    }
    return labels.get(code, code)


def channel_label(code: str) -> str:
    labels = {
        "web": QCoreApplication.translate("Channel", "Website"),
        "android": QCoreApplication.translate("Channel", "Android app"),
        "ios": QCoreApplication.translate("Channel", "iOS app"),
        "sms": QCoreApplication.translate("Channel", "SMS 1708"),
        "twitter": QCoreApplication.translate("Channel", "Twitter/X"),
        "whatsapp": QCoreApplication.translate("Channel", "WhatsApp"),
        "instansi": QCoreApplication.translate("Channel", "Agency app"),
    }
    return labels.get(code, code)


def kind_label(code: str) -> str:
    labels = {
        "pengaduan": QCoreApplication.translate("Kind", "Complaint"),
        "aspirasi": QCoreApplication.translate("Kind", "Suggestion"),
        "permintaan_informasi": QCoreApplication.translate("Kind", "Information request"),
    }
    return labels.get(code, code)


def followup_state_label(code: str) -> str:
    labels = {
        "draft": QCoreApplication.translate("FollowUpState", "Draft"),
        "submitted": QCoreApplication.translate("FollowUpState", "Submitted"),
        "approved": QCoreApplication.translate("FollowUpState", "Approved"),
        "returned": QCoreApplication.translate("FollowUpState", "Returned"),
        "published": QCoreApplication.translate("FollowUpState", "Published"),
    }
    return labels.get(code, code)


STATUS_CODES = (
    "terdisposisi",
    "diproses",
    "ditindaklanjuti",
    "ditanggapi_pelapor",
    "selesai",
    "dikembalikan",
    "ditunda",
    "arsip",
)


def queue_label(code: str) -> str:
    labels = {
        "all": QCoreApplication.translate("Queue", "All complaints"),
        "baru": QCoreApplication.translate("Queue", "New"),
        "mine": QCoreApplication.translate("Queue", "Assigned to me"),
        "need_followup": QCoreApplication.translate("Queue", "Needs follow-up"),
        "awaiting_approval": QCoreApplication.translate("Queue", "Awaiting approval"),
        "overdue": QCoreApplication.translate("Queue", "Overdue"),
        "drafts": QCoreApplication.translate("Queue", "My drafts"),
        "outbox": QCoreApplication.translate("Queue", "Outbox"),
        "conflicts": QCoreApplication.translate("Queue", "Conflicts"),
    }
    return labels.get(code, code)


def queue_description(code: str) -> str:
    labels = {
        "all": QCoreApplication.translate("Queue", "Every complaint held by your OPD"),
        "baru": QCoreApplication.translate("Queue", "Arrived at the OPD and not yet dispositioned"),
        "mine": QCoreApplication.translate("Queue", "Complaints assigned to you"),
        "need_followup": QCoreApplication.translate("Queue", "In progress or replied to by the reporter"),
        "awaiting_approval": QCoreApplication.translate("Queue", "Follow-ups submitted for approval"),
        "overdue": QCoreApplication.translate("Queue", "Past their working-day deadline"),
        "drafts": QCoreApplication.translate("Queue", "Follow-ups you are still writing"),
        "outbox": QCoreApplication.translate("Queue", "Changes made here and not yet accepted by the hub"),
        "conflicts": QCoreApplication.translate(
            "Queue", "Changes the hub did not accept: open them to resolve"
        ),
    }
    return labels.get(code, code)


def op_kind_label(code: str) -> str:
    labels = {
        "note.add": QCoreApplication.translate("OpKind", "Internal note"),
        "disposition.create": QCoreApplication.translate("OpKind", "Disposition"),
        "complaint.assign": QCoreApplication.translate("OpKind", "Assignment"),
        "complaint.claim": QCoreApplication.translate("OpKind", "Claim"),
        "complaint.status": QCoreApplication.translate("OpKind", "Status change"),
        "followup.create": QCoreApplication.translate("OpKind", "New follow-up"),
        "followup.edit": QCoreApplication.translate("OpKind", "Follow-up edit"),
        "followup.submit": QCoreApplication.translate("OpKind", "Follow-up submitted"),
        "followup.approve": QCoreApplication.translate("OpKind", "Follow-up approved"),
        "followup.return": QCoreApplication.translate("OpKind", "Follow-up returned"),
        "attachment.add": QCoreApplication.translate("OpKind", "Attachment"),
    }
    return labels.get(code, code)


def op_state_label(code: str) -> str:
    labels = {
        "queued": QCoreApplication.translate("OpState", "Waiting to be sent"),
        "sent": QCoreApplication.translate("OpState", "Sent, awaiting the hub"),
        "accepted": QCoreApplication.translate("OpState", "Accepted"),
        "rejected": QCoreApplication.translate("OpState", "Rejected"),
        "conflict": QCoreApplication.translate("OpState", "Conflict"),
    }
    return labels.get(code, code)


def op_reason_label(code: str | None) -> str:
    if not code:
        return ""
    labels = {
        "forbidden": QCoreApplication.translate("OpReason", "Your role does not allow this"),
        "not_found": QCoreApplication.translate("OpReason", "The complaint is no longer at your OPD"),
        "invalid": QCoreApplication.translate("OpReason", "The hub found the data incomplete or invalid"),
        "stale": QCoreApplication.translate("OpReason", "Someone else changed the complaint first"),
        "wrong_state": QCoreApplication.translate(
            "OpReason", "The complaint's status does not allow this now"
        ),
        "op_id_reused": QCoreApplication.translate("OpReason", "Sent twice with different content"),
        "own_followup": QCoreApplication.translate(
            "OpReason", "You wrote or changed this follow-up: another supervisor must review it"
        ),
        "no_followup": QCoreApplication.translate(
            "OpReason", "It can be closed as finished only after a follow-up has been published"
        ),
        "not_in_unit": QCoreApplication.translate("OpReason", "The complaint left your OPD"),
        "quota_exceeded": QCoreApplication.translate(
            "OpReason", "Waiting for room on the hub: the file goes once your other files are attached"
        ),
        "blob_missing": QCoreApplication.translate(
            "OpReason", "The hub does not have this file for you: it is uploaded again"
        ),
        "too_large": QCoreApplication.translate("OpReason", "Too large for the hub (attachments: at most 2 MB)"),
        "bad_type": QCoreApplication.translate(
            "OpReason", "This kind of file cannot be attached (images, PDF, office files, audio, video, zip)"
        ),
        "invalid_hash": QCoreApplication.translate("OpReason", "The file's fingerprint is not valid"),
        "unsupported_encoding": QCoreApplication.translate("OpReason", "The hub cannot read how it was sent"),
        "invalid_request": QCoreApplication.translate(
            "OpReason", "The hub refused the data as sent (a character or a length it does not accept)"
        ),
        "malformed_json": QCoreApplication.translate("OpReason", "The data reached the hub damaged"),
    }
    if code in labels:
        return labels[code]
    # A code this desk does not know yet (a newer hub): say so in words, keep the code for the operator.
    return QCoreApplication.translate("OpReason", "The hub refused it (%1)").replace("%1", code)


def event_label(code: str) -> str:
    labels = {
        "complaint.arrived": QCoreApplication.translate("Event", "Arrived at the OPD"),
        "reply.received": QCoreApplication.translate("Event", "Reporter replied"),
    }
    return labels.get(code) or op_kind_label(code)


def step_label(code: str) -> str:
    labels = {
        "verify": QCoreApplication.translate("Deadline", "verification and routing"),
        "first_followup": QCoreApplication.translate("Deadline", "first follow-up"),
        "reply_window": QCoreApplication.translate("Deadline", "reporter's reply window"),
        "finish": QCoreApplication.translate("Deadline", "finishing the complaint"),
        "info": QCoreApplication.translate("Deadline", "answering the information request"),
    }
    return labels.get(code, code)


def deadline_text(remaining: int, overdue: bool) -> str:
    """'3 working days left', 'due today', '2 days overdue' (working days, as the office counts them)."""
    if overdue:
        late = max(1, -remaining)
        if late == 1:
            return QCoreApplication.translate("Deadline", "1 day overdue")
        return QCoreApplication.translate("Deadline", "%1 days overdue").replace("%1", str(late))
    if remaining <= 0:
        return QCoreApplication.translate("Deadline", "due today")
    if remaining == 1:
        return QCoreApplication.translate("Deadline", "1 working day left")
    return QCoreApplication.translate("Deadline", "%1 working days left").replace("%1", str(remaining))


CHANNEL_CODES = ("web", "android", "ios", "sms", "twitter", "whatsapp", "instansi")
