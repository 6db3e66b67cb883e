"""The queues of the desk's panel, by name (what each holds is desktop/store/queues.py's table of definitions).

The values are stable identifiers, not text for users: they key the panel, the saved last queue and the counts,
and must not change. The labels users read (Baru, Konflik, Kotak keluar ...) are translated in the UI
(desktop/ui/i18n.py).
"""

from __future__ import annotations

from enum import StrEnum


class QueueName(StrEnum):
    NEW = "new"  # "Baru": arrived at the OPD, not yet taken up (terdisposisi)
    MINE = "mine"  # assigned to the signed-in user
    NEED_FOLLOWUP = "need_followup"  # in progress or answered by the reporter: a follow-up is due
    AWAITING_APPROVAL = "awaiting_approval"  # a follow-up waits for an admin's approval
    OVERDUE = "overdue"  # past the working-day deadline of its current step
    DRAFTS = "drafts"  # the user's follow-up drafts (and the ones sent back to them)
    OUTBOX = "outbox"  # "Kotak keluar": with ops of this desk the hub has not accepted
    CONFLICTS = "conflicts"  # "Konflik": the open conflict records, to be decided by the user
    ALL = "all"
