"""SQL fragments shared by the replica's read modules (queues, detail, deadlines, lookups).

The codes of desktop.domain (statuses, op states) are written into statements as literals, so the text of a queue's WHERE
names the same status the domain does and SQLite can plan with the value; values from users are always bound.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any


def code(value: StrEnum) -> str:
    """``Status.DIPROSES`` → ``'diproses'``: a domain code as an SQL literal (never a value a user typed)."""
    text = str(value)
    if "'" in text:  # the domain's codes are plain identifiers; this keeps them so
        raise ValueError(f"not a code: {text!r}")
    return f"'{text}'"


def codes(values: Iterable[StrEnum]) -> str:
    """``(Status.DIPROSES, Status.DITUNDA)`` → ``('diproses', 'ditunda')``, in the order given."""
    return "(" + ", ".join(code(v) for v in values) + ")"


def json_each(name: str, values: Sequence[str], params: dict[str, Any]) -> str:
    """``(SELECT value FROM json_each(:name))`` over ``values``, bound as ONE JSON parameter: the statement text
    stays the same for any number of ids, so it is compiled once (200 bound names cost more to parse than the
    query takes to run)."""
    params[name] = json.dumps(list(values))
    return f"(SELECT value FROM json_each(:{name}))"


def loads(value: Any) -> Any:
    """A JSON column as stored (text) or as the driver returned it; a value that is not JSON comes back as is."""
    if value is None or isinstance(value, dict | list):
        return value
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return value
