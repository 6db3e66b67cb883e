"""The queue model's reads, bound to one replica: counts (cached until the data changes), ids, rows and pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from desktop.store import deadlines, queues
from desktop.store.engine import Replica


@dataclass(frozen=True)
class QueueQuery:
    """What the table shows: a filter (the store's QueueFilter) and a sort (column name, descending)."""

    filter: Any
    sort_column: str = "arrived_at"
    descending: bool = True


class StoreQueueSource:
    """The model's queries, bound to one replica."""

    # page() may run on the model's read-ahead thread (each thread its own connection)
    concurrent_reads = True

    def __init__(self, replica: Replica, clock: Callable[[], Any] | None = None,
                 now: Callable[[], Any] | None = None) -> None:  # fmt: skip
        self._replica = replica
        self._clock = clock  # callable returning the office's SlaClock (cached by the session)
        self._now = now  # callable returning "now" (tests); default: the current time
        # Counts by filter, until the data changes (a sync, a local action): switching back to a queue or a search
        # costs no count query, and the plain queues' counts come from the panel's background read.
        self._counts: dict[Any, int] = {}
        self.generation = 0

    def count(self, query: QueueQuery) -> int:
        found = self._counts.get(query.filter)
        if found is None:
            found = self._counts[query.filter] = queues.count(self._replica, query.filter)
        return found

    def invalidate(self) -> None:
        """The replica changed: forget the cached counts (and any count read before now)."""
        self._counts.clear()
        self.generation += 1

    def prime_counts(self, generation: int, counts: dict[str, int]) -> None:
        """Take the queue counts read in the background, unless the data changed since they were read."""
        if generation != self.generation:
            return
        for key, value in counts.items():
            if key in queues.QUEUES:
                self._counts[queues.QueueFilter(queue=key)] = int(value)

    def ids(self, query: QueueQuery, offset: int, limit: int) -> list[str]:
        sort = queues.SortKey(query.sort_column, query.descending)
        return queues.ids(self._replica, query.filter, sort, offset, limit)

    def rows(self, ids: Sequence[str]) -> list[Any]:
        return list(queues.rows(self._replica, list(ids)))

    def page(self, query: QueueQuery, offset: int, limit: int) -> list[Any]:
        """Ids, rows and deadlines of one window in one query (the model prefers this to ids + rows)."""
        sort = queues.SortKey(query.sort_column, query.descending)
        return queues.page(self._replica, query.filter, sort, offset, limit, clock=self._office_clock(),
                                now=self._now() if self._now else None)  # fmt: skip

    def deadlines(self, ids: Sequence[str]) -> dict[str, Any]:
        return deadlines.deadlines(self._replica, list(ids), self._office_clock(),
                                     self._now() if self._now else None)  # fmt: skip

    def _office_clock(self) -> Any:
        return self._clock() if self._clock is not None else deadlines.office_clock(self._replica)
