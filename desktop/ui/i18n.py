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
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian if language == "id" else QLocale.Language.English,
                               QLocale.Country.Indonesia if language == "id" else QLocale.Country.UnitedStates))
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


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


# The literal calls below are what lupdate reads; keep each source string written out in full.
def status_label(code: str) -> str:
    labels = {
        "terdisposisi": _t("Status", "Dispositioned"),
        "diproses": _t("Status", "In progress"),
        "ditindaklanjuti": _t("Status", "Followed up"),
        "ditanggapi_pelapor": _t("Status", "Reporter replied"),
        "selesai": _t("Status", "Finished"),
        "dikembalikan": _t("Status", "Returned"),
        "ditunda": _t("Status", "On hold"),
        "arsip": _t("Status", "Archived"),
    }
    return labels.get(code, code)


def channel_label(code: str) -> str:
    labels = {
        "web": _t("Channel", "Website"),
        "android": _t("Channel", "Android app"),
        "ios": _t("Channel", "iOS app"),
        "sms": _t("Channel", "SMS 1708"),
        "twitter": _t("Channel", "Twitter/X"),
        "whatsapp": _t("Channel", "WhatsApp"),
        "instansi": _t("Channel", "Agency app"),
    }
    return labels.get(code, code)


def kind_label(code: str) -> str:
    labels = {
        "pengaduan": _t("Kind", "Complaint"),
        "aspirasi": _t("Kind", "Suggestion"),
        "permintaan_informasi": _t("Kind", "Information request"),
    }
    return labels.get(code, code)


def followup_state_label(code: str) -> str:
    labels = {
        "draft": _t("FollowUpState", "Draft"),
        "submitted": _t("FollowUpState", "Submitted"),
        "approved": _t("FollowUpState", "Approved"),
        "returned": _t("FollowUpState", "Returned"),
        "published": _t("FollowUpState", "Published"),
    }
    return labels.get(code, code)


STATUS_CODES = (
    "terdisposisi", "diproses", "ditindaklanjuti", "ditanggapi_pelapor", "selesai", "dikembalikan", "ditunda", "arsip",
)
