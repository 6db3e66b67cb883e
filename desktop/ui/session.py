"""What the window needs from the core, as one small interface (`DeskSession`), so widgets never import the store.

The real implementation (`desktop.ui.services.StoreSession`) binds it to an open replica and a sync engine;
tests may give the window any object with these methods.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from desktop.ui.jobs import JobContext
from desktop.ui.queue_model import QueueQuery, QueueSource


@dataclass(frozen=True)
class SyncStatus:
    online: bool
    last_sync_at: dt.datetime | None
    pending_ops: int
    wire_bytes: int = 0  # bytes on the wire since the window opened
    work_offline: bool = False


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

    def sync_once(self, ctx: JobContext) -> Any: ...

    def close(self) -> None: ...
