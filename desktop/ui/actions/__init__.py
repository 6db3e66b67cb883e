"""The desk's actions on a complaint: dispose, follow up, note, assign, claim, change status, attach files.

`install_actions(window)` is called by the main window once it is built: it adds the actions to the window's
Actions menu and toolbar, the attachments panel to the detail pane, the Konflik queue to the queue stack, and keeps
the actions enabled only where the signed-in user's role and the complaint's status allow them.

Every action is an `Op` (`desktop.ui.ops`): one store transaction with its outbox op, through the action modules of
`desktop.app`, run on the DB lane; it returns the `Changes` it made and the op emits them on the window's one change
signal (`window.changed`), so the row with its sync badge, the counts, Kotak keluar, Konflik and the detail (read
again once, in the background) show it at once, and the autosync sends it soon. A dialog's data (disposition
targets, the team, the office's calendar and today, a conflict's view) is read with a `Read` before it opens: no
SQL on the GUI thread.
"""

from __future__ import annotations

from typing import Any

from desktop.ui.actions.controller import DeskActions


def install_actions(window: Any) -> DeskActions:
    from desktop.ui.conflicts import install_conflicts

    controller = DeskActions(window)
    window.desk_actions = controller
    if hasattr(window, "stack") and hasattr(window, "queueChanged"):
        install_conflicts(window)  # the Konflik queue lists conflict records (departures too), not complaints
    return controller


__all__ = ["DeskActions", "install_actions"]
