"""The desk's remembered settings: one registry of what is kept (key, type by its default, label), in an INI file in
the data dir. Code reads and writes a `Setting`, never a key string, so a key, its default and its meaning live here
only, and a settings screen can list the labelled ones.

QSettings writes through a temporary file and renames it, so a power cut never leaves half a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QSettings

FILE_NAME = "desk.ini"
T = TypeVar("T", str, bool, QByteArray)


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    label: str = ""  # the English source text (context "Settings"); "" for the window's own state

    def title(self) -> str:
        return QCoreApplication.translate("Settings", self.label) if self.label else ""


# What the user chose.
LANGUAGE = Setting("ui/language", "", str(QT_TRANSLATE_NOOP("Settings", "Language")))  # "" = not chosen: the default
REMEMBER = Setting("account/remember", True, str(QT_TRANSLATE_NOOP("Settings", "Remember me on this computer")))
SERVER_URL = Setting("account/server_url", "", str(QT_TRANSLATE_NOOP("Settings", "Server address")))
USERNAME = Setting("account/username", "", str(QT_TRANSLATE_NOOP("Settings", "Username")))
WORK_OFFLINE = Setting("sync/work_offline", False, str(QT_TRANSLATE_NOOP("Settings", "Work offline")))
# How the window was left.
LAST_QUEUE = Setting("layout/queue", "")
GEOMETRY = Setting("layout/geometry", QByteArray())
WINDOW_STATE = Setting("layout/window_state", QByteArray())
MAIN_SPLITTER = Setting("layout/main_splitter", QByteArray())
QUEUE_TABLE = Setting("layout/queue_table", QByteArray())
OUTBOX_TABLE = Setting("layout/outbox_table", QByteArray())

REGISTRY: tuple[Setting[Any], ...] = (LANGUAGE, REMEMBER, SERVER_URL, USERNAME, WORK_OFFLINE, LAST_QUEUE, GEOMETRY,
                                      WINDOW_STATE, MAIN_SPLITTER, QUEUE_TABLE, OUTBOX_TABLE)


class UiSettings:
    def __init__(self, data_dir: Path) -> None:
        self._qs = QSettings(str(Path(data_dir) / FILE_NAME), QSettings.Format.IniFormat)
        self._qs.setAtomicSyncRequired(True)

    @property
    def path(self) -> str:
        return self._qs.fileName()

    def get(self, setting: Setting[T]) -> T:
        """The stored value, or the setting's default when nothing (or nothing of its type) is stored."""
        value: Any = self._qs.value(setting.key)
        default = setting.default
        if isinstance(default, bool):
            if isinstance(value, str):  # the INI file holds text
                return value.lower() in ("1", "true", "yes")
            return bool(value) if value is not None else default
        if isinstance(default, QByteArray):
            return value if isinstance(value, QByteArray) and not value.isEmpty() else default
        return str(value) if value is not None else default

    def set(self, setting: Setting[T], value: T) -> None:
        self._qs.setValue(setting.key, value)

    def remove(self, setting: Setting[Any]) -> None:
        self._qs.remove(setting.key)

    def sync(self) -> None:
        self._qs.sync()
