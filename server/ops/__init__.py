"""Op kinds. Importing this package registers every handler; a new kind is one module listed here."""

from server.ops import (  # noqa: F401  (registration side effects)
    assign,
    attachment,
    claim,
    disposition,
    followup_approve,
    followup_create,
    followup_edit,
    followup_return,
    followup_submit,
    note,
    status,
)
from server.ops.base import REGISTRY, OpIn
from server.ops.framework import process_batch, process_op

__all__ = ["REGISTRY", "OpIn", "process_batch", "process_op"]
