"""The desk's actions on a complaint: dispose, follow up, note, assign, claim, change status, attach files.

`install_actions(window)` is called by the main window once it is built: it adds the actions to the window's
Actions menu and toolbar, the attachments panel to the detail pane, and keeps the actions enabled only where the
signed-in user's role and the complaint's status allow them. Every action is one store transaction with its outbox
op (through `desktop.ui.services`), run on the DB lane, then shown at once via `window.refresh_after_local_change`.
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
