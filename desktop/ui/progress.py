"""Sync progress as a short sentence in the user's language."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale


def sync_progress_text(value: Any) -> str | None:
    """Text for a `SyncProgress` (phase, done, total), or None for values this does not know."""
    phase = getattr(value, "phase", None)
    if phase is None:
        return None
    done = QLocale().toString(int(getattr(value, "done", 0) or 0))
    total = getattr(value, "total", None)
    if phase == "push":
        text = QCoreApplication.translate("SyncProgress", "Sending your changes… %1 of %2")
        return text.replace("%1", done).replace("%2", QLocale().toString(int(total or 0)))
    if phase == "pull":
        return QCoreApplication.translate("SyncProgress", "Fetching changes… %1 received").replace("%1", done)
    if phase == "index":
        return QCoreApplication.translate("SyncProgress", "Building the search index…")
    if phase == "rebuild":
        return QCoreApplication.translate("SyncProgress", "Rebuilding the local copy from the server…")
    if phase == "done":
        return QCoreApplication.translate("SyncProgress", "Sync finished.")
    return None
