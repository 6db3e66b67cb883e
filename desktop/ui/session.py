"""What the window needs from the core, as one small interface (`DeskSession`), so widgets never import the store.

The real implementation (`desktop.app.session.StoreSession`) binds it to an open replica and a sync engine;
tests may give the window any object with these methods.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol

from desktop.app.queries import QueueQuery
from desktop.app.session import SyncStatus
from desktop.ui.queue_model import QueueSource

__all__ = ["DeskSession", "SyncStatus"]


class DeskSession(Protocol):
    @property
    def user_label(self) -> str: ...

    @property
    def can_sync(self) -> bool: ...

    def queue_source(self) -> QueueSource: ...

    def initial_query(self) -> QueueQuery: ...

    def with_search(self, query: QueueQuery, text: str) -> QueueQuery: ...

    def with_filter(self, query: QueueQuery, **fields: Any) -> QueueQuery: ...

    def queue_counts(self) -> dict[str, int]: ...

    def lookups(self) -> Any: ...

    def outbox_items(self) -> list[Any]: ...

    @property
    def work_offline(self) -> bool: ...

    def set_work_offline(self, on: bool) -> None: ...

    def detail(self, complaint_id: str) -> Any: ...

    def status(self) -> SyncStatus: ...

    # One sync pass: the session is itself the sync runner's engine (desktop.sync.runner.Engine).
    def run_once(self, progress: Callable[[Any], None] | None = None,
                 cancel: threading.Event | None = None) -> Any: ...  # fmt: skip

    def close(self) -> None: ...
