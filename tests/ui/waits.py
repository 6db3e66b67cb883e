"""Waiting for the window's background reads in tests: the queue model reads its count and rows off the GUI thread,
so a search or a queue switch shows once they are in."""

from __future__ import annotations

from typing import Any


def settled(qtbot: Any, window: Any, timeout: int = 5000) -> None:
    """Until the queue shows what was asked for last (its count and first rows are in)."""
    qtbot.waitUntil(lambda: not window.model.loading, timeout=timeout)


def search(qtbot: Any, window: Any, text: str) -> int:
    """Search at once (no debounce) and wait for the rows; returns how many there are."""
    window.search_now(text)
    settled(qtbot, window)
    return int(window.model.rowCount())
