"""A real replica with an OPD, its sub-units, a team (staff, admin, supervisor), an external body and holidays, and
a main window over it signed in as one of them."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from desktop.app.session import StoreSession
from desktop.store.engine import Replica
from desktop.ui.jobs import JobRunner
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import UiSettings
from tests.ui.factory import OPD, USER, change, complaint_data, make_replica

SUB_JALAN = "unit-pupr-jalan"
SUB_AIR = "unit-pupr-air"
EXTERNAL = "unit-pln"
OTHER_OPD = "unit-dinkes"
STAFF = "user-staff"
SUPERVISOR = "user-kepala"
ADMIN = USER
HOSTILE = '<b>x</b><img src="http://evil.example/t.png">'

USERS = {
    ADMIN: {"id": ADMIN, "username": "admin.pupr", "full_name": "Rahmat Hidayat", "role": "admin", "unit_id": OPD},
    STAFF: {"id": STAFF, "username": "staf.pupr", "full_name": "Sari Wulandari", "role": "staff", "unit_id": OPD},
    SUPERVISOR: {"id": SUPERVISOR, "username": "kepala.pupr", "full_name": "Ir. Bambang", "role": "supervisor",
                 "unit_id": OPD},
}  # fmt: skip


def extra_changes() -> list[dict[str, Any]]:
    def unit(uid: str, kind: str, name: str, parent: str | None) -> dict[str, Any]:
        return change("unit", uid, {"id": uid, "parent_id": parent, "kind": kind, "code": uid, "name": name,
                                    "timezone": "Asia/Makassar"})  # fmt: skip

    out = [
        unit(SUB_JALAN, "subunit", "Bidang Bina Marga", OPD),
        unit(SUB_AIR, "subunit", "Bidang Sumber Daya Air", OPD),
        unit(EXTERNAL, "external", "PT PLN (Persero) UP3 Banjarmasin", None),
        unit(OTHER_OPD, "opd", "Dinas Kesehatan", None),
        change("user", STAFF, USERS[STAFF]),
        change("user", SUPERVISOR, USERS[SUPERVISOR]),
        change(
            "user",
            "user-dinkes",
            {
                "id": "user-dinkes",
                "username": "admin.dinkes",
                "full_name": "Orang Lain",
                "role": "admin",
                "unit_id": OTHER_OPD,
            },
        ),  # fmt: skip
    ]
    for day in ("2026-01-01", "2026-01-16", "2026-02-17"):
        out.append(
            change(
                "holiday", day, {"id": day, "date": day, "name": "Libur", "kind": "national", "active": True}
            )
        )
    # a complaint in terdisposisi, anonymous, with hostile text; one closed; one named reporter in diproses
    out.append(change("complaint", "c-new", complaint_data(
        1, id="c-new", tracking_id=4_000_001, status="terdisposisi", title=f"Jalan rusak {HOSTILE}", anonymous=True,
        reporter=None, assignee_id=None, category_id="cat-pu")))  # fmt: skip
    out.append(change("complaint", "c-named", complaint_data(
        2, id="c-named", tracking_id=4_000_002, status="diproses", anonymous=False,
        reporter={"name": "Budi Santoso", "contact": "0812"}, assignee_id=None, category_id="cat-pu")))  # fmt: skip
    out.append(change("complaint", "c-done", complaint_data(
        3, id="c-done", tracking_id=4_000_003, status="selesai", assignee_id=None)))  # fmt: skip
    out.append(change("category", "cat-pu", {"id": "cat-pu", "parent_id": None,
                                              "name": "PEKERJAAN UMUM DAN PENATAAN RUANG"}))  # fmt: skip
    return out


def outbox(replica: Replica) -> list[dict[str, Any]]:
    with replica.read() as conn:
        rows = conn.execute(text("SELECT * FROM outbox ORDER BY seq")).mappings().all()
    return [{**dict(r), "payload": json.loads(r["payload"]) if isinstance(r["payload"], str) else r["payload"]}
            for r in rows]  # fmt: skip


@pytest.fixture
def replica(tmp_path: Path) -> Iterator[Replica]:
    r = make_replica(tmp_path / "replica", 30, extra_changes())
    yield r
    r.close()


WindowFactory = Callable[[str], MainWindow]


@pytest.fixture
def make_window(qtbot: Any, replica: Replica, tmp_path: Path) -> Iterator[WindowFactory]:
    runners: list[JobRunner] = []

    def make(user_id: str = ADMIN) -> MainWindow:
        replica.set_account("http://127.0.0.1:1", USERS[user_id])
        runner = JobRunner()
        runners.append(runner)
        win = MainWindow(
            StoreSession(replica, user=dict(USERS[user_id])), runner, UiSettings(tmp_path / user_id)
        )
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        return win

    yield make
    for runner in runners:
        runner.shutdown()


def select(qtbot: Any, window: MainWindow, complaint_id: str) -> None:
    with qtbot.waitSignal(window.detailShown, timeout=5000):
        window.show_complaint(complaint_id)
    assert window.desk_actions.detail is not None and window.desk_actions.detail.id == complaint_id


def opened(qtbot: Any, window: MainWindow, open_dialog: Callable[[], object]) -> Any:
    """Ask for an action dialog and return it once it is open (its data is read in the background first)."""
    with qtbot.waitSignal(window.desk_actions.dialogOpened, timeout=5000) as shown:
        open_dialog()
    return shown.args[0]
