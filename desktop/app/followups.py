"""Follow-up answers (tindak lanjut): a draft, its edits, submitting it for sign-off, the head's approval or
return. Each is one store transaction returning its :class:`~desktop.app.changes.Changes`; four eyes (no one
approves a text they wrote or changed) is checked by the store here and by the hub again."""

from __future__ import annotations

from dataclasses import replace

from desktop.app.changes import Changes, local_action
from desktop.store import actions as store_actions
from desktop.store.engine import Replica


def save_draft(replica: Replica, complaint_id: str, text: str, followup_id: str | None = None) -> Changes:
    """A new draft (``followup_id`` None) or an edit of one; ``record_id`` of the answer is the follow-up's id."""
    if followup_id is None:
        result = store_actions.create_followup(replica, complaint_id, text)
    else:
        result = store_actions.edit_followup(replica, followup_id, text)
    changes = local_action(complaint_id, result)
    return changes if changes.record_id else replace(changes, record_id=followup_id)


def submit(replica: Replica, complaint_id: str, followup_id: str) -> Changes:
    return local_action(complaint_id, store_actions.submit_followup(replica, followup_id))


def approve(replica: Replica, complaint_id: str, followup_id: str) -> Changes:
    return local_action(complaint_id, store_actions.approve_followup(replica, followup_id))


def send_back(replica: Replica, complaint_id: str, followup_id: str, reason: str) -> Changes:
    """Return the follow-up to its drafter with a reason."""
    return local_action(complaint_id, store_actions.return_followup(replica, followup_id, reason))
