"""Qt translation setup and the translated labels of domain codes (statuses, channels, kinds).

Source strings are English; Bahasa Indonesia is the default language and lives in lapor_desk_id.ts.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.domain.ops import OpKind, OpState
from desktop.domain.queues import QueueName
from desktop.domain.statuses import FollowupState, Status
from desktop.ui.resources import translations_dir

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "id"
LANGUAGES = ("id", "en")


def chosen_language(saved: str | None, override: str | None = None) -> str:
    """The language the desk shows: the command line's ``--lang``, else the one chosen in the menu (the saved
    setting), else Bahasa Indonesia. The start-up and the window's Language menu both ask this, so they agree."""
    for language in (override, saved):
        if language in LANGUAGES:
            return str(language)
    return DEFAULT_LANGUAGE


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
    # Qt has no qtbase_id: its strings the desk shows (dialog buttons, the file dialog, context menus) are ours.
    qt_extra = QTranslator(app)
    if qt_extra.load(f"qt_extra_{language}", str(translations_dir())):
        app.installTranslator(qt_extra)
        installed.append(qt_extra)
    return installed


def switch_translators(
    app: QCoreApplication, installed: list[QTranslator], language: str
) -> list[QTranslator]:
    """Remove the translators `installed` and install those of `language` (returned: keep them alive). Every
    widget gets a LanguageChange event; ``desktop.ui.app.DeskApp`` then builds the window again in it."""
    for translator in installed:
        app.removeTranslator(translator)
    return install_translators(app, language)


# The literal calls below are what lupdate reads; keep each source string written out in full.
def status_label(code: str) -> str:
    labels: dict[str, str] = {
        Status.TERDISPOSISI: QCoreApplication.translate("Status", "Dispositioned"),
        Status.DIPROSES: QCoreApplication.translate("Status", "In progress"),
        Status.DITINDAKLANJUTI: QCoreApplication.translate("Status", "Followed up"),
        Status.DITANGGAPI_PELAPOR: QCoreApplication.translate("Status", "Reporter replied"),
        Status.SELESAI: QCoreApplication.translate("Status", "Finished"),
        Status.DIKEMBALIKAN: QCoreApplication.translate("Status", "Returned"),
        Status.DITUNDA: QCoreApplication.translate("Status", "On hold"),
        Status.ARSIP: QCoreApplication.translate("Status", "Archived"),
    }
    return labels.get(code, code)


def channel_label(code: str) -> str:
    labels: dict[str, str] = {
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
    labels: dict[str, str] = {
        "pengaduan": QCoreApplication.translate("Kind", "Complaint"),
        "aspirasi": QCoreApplication.translate("Kind", "Suggestion"),
        "permintaan_informasi": QCoreApplication.translate("Kind", "Information request"),
    }
    return labels.get(code, code)


def followup_state_label(code: str) -> str:
    labels: dict[str, str] = {
        FollowupState.DRAFT: QCoreApplication.translate("FollowUpState", "Draft"),
        FollowupState.SUBMITTED: QCoreApplication.translate("FollowUpState", "Submitted"),
        FollowupState.APPROVED: QCoreApplication.translate("FollowUpState", "Approved"),
        FollowupState.RETURNED: QCoreApplication.translate("FollowUpState", "Returned"),
        FollowupState.PUBLISHED: QCoreApplication.translate("FollowUpState", "Published"),
    }
    return labels.get(code, code)


STATUS_CODES: tuple[str, ...] = tuple(Status)


def queue_label(code: str) -> str:
    labels: dict[str, str] = {
        QueueName.ALL: QCoreApplication.translate("Queue", "All complaints"),
        QueueName.NEW: QCoreApplication.translate("Queue", "New"),
        QueueName.MINE: QCoreApplication.translate("Queue", "Assigned to me"),
        QueueName.NEED_FOLLOWUP: QCoreApplication.translate("Queue", "Needs follow-up"),
        QueueName.AWAITING_APPROVAL: QCoreApplication.translate("Queue", "Awaiting approval"),
        QueueName.OVERDUE: QCoreApplication.translate("Queue", "Overdue"),
        QueueName.DRAFTS: QCoreApplication.translate("Queue", "My drafts"),
        QueueName.OUTBOX: QCoreApplication.translate("Queue", "Outbox"),
        QueueName.CONFLICTS: QCoreApplication.translate("Queue", "Conflicts"),
    }
    return labels.get(code, code)


def queue_description(code: str) -> str:
    labels: dict[str, str] = {
        QueueName.ALL: QCoreApplication.translate("Queue", "Every complaint held by your OPD"),
        QueueName.NEW: QCoreApplication.translate("Queue", "Arrived at the OPD and not yet dispositioned"),
        QueueName.MINE: QCoreApplication.translate("Queue", "Complaints assigned to you"),
        QueueName.NEED_FOLLOWUP: QCoreApplication.translate(
            "Queue", "In progress or replied to by the reporter"
        ),
        QueueName.AWAITING_APPROVAL: QCoreApplication.translate("Queue", "Follow-ups submitted for approval"),
        QueueName.OVERDUE: QCoreApplication.translate("Queue", "Past their working-day deadline"),
        QueueName.DRAFTS: QCoreApplication.translate("Queue", "Follow-ups you are still writing"),
        QueueName.OUTBOX: QCoreApplication.translate(
            "Queue", "Changes made here and not yet accepted by the hub"
        ),
        QueueName.CONFLICTS: QCoreApplication.translate(
            "Queue", "Changes the hub did not accept: open them to resolve"
        ),
    }
    return labels.get(code, code)


def op_kind_label(code: str) -> str:
    labels: dict[str, str] = {
        OpKind.NOTE_ADD: QCoreApplication.translate("OpKind", "Internal note"),
        OpKind.DISPOSITION_CREATE: QCoreApplication.translate("OpKind", "Disposition"),
        OpKind.COMPLAINT_ASSIGN: QCoreApplication.translate("OpKind", "Assignment"),
        OpKind.COMPLAINT_CLAIM: QCoreApplication.translate("OpKind", "Claim"),
        OpKind.COMPLAINT_STATUS: QCoreApplication.translate("OpKind", "Status change"),
        OpKind.FOLLOWUP_CREATE: QCoreApplication.translate("OpKind", "New follow-up"),
        OpKind.FOLLOWUP_EDIT: QCoreApplication.translate("OpKind", "Follow-up edit"),
        OpKind.FOLLOWUP_SUBMIT: QCoreApplication.translate("OpKind", "Follow-up submitted"),
        OpKind.FOLLOWUP_APPROVE: QCoreApplication.translate("OpKind", "Follow-up approved"),
        OpKind.FOLLOWUP_RETURN: QCoreApplication.translate("OpKind", "Follow-up returned"),
        OpKind.ATTACHMENT_ADD: QCoreApplication.translate("OpKind", "Attachment"),
    }
    return labels.get(code, code)


def op_state_label(code: str) -> str:
    labels: dict[str, str] = {
        OpState.QUEUED: QCoreApplication.translate("OpState", "Waiting to be sent"),
        OpState.SENT: QCoreApplication.translate("OpState", "Sent, awaiting the hub"),
        OpState.ACCEPTED: QCoreApplication.translate("OpState", "Accepted"),
        OpState.REJECTED: QCoreApplication.translate("OpState", "Rejected"),
        OpState.CONFLICT: QCoreApplication.translate("OpState", "Conflict"),
    }
    return labels.get(code, code)


def op_reason_label(code: str | None) -> str:
    if not code:
        return ""
    labels: dict[str, str] = {
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
        "too_large": QCoreApplication.translate(
            "OpReason", "Too large for the hub (attachments: at most 2 MB)"
        ),
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
    labels: dict[str, str] = {
        "complaint.arrived": QCoreApplication.translate("Event", "Arrived at the OPD"),
        "reply.received": QCoreApplication.translate("Event", "Reporter replied"),
    }
    return labels.get(code) or op_kind_label(code)


def step_label(code: str) -> str:
    labels: dict[str, str] = {
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
