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
