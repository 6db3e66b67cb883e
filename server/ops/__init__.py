"""Op kinds. Importing this package registers every handler; a new kind is one module listed here."""

from server.ops import assign, disposition, note  # noqa: F401  (registration side effects)
from server.ops.base import REGISTRY, OpIn
from server.ops.framework import process_op

__all__ = ["REGISTRY", "OpIn", "process_op"]
