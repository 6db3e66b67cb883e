"""Real replicas for UI tests: complaints are written through the store's own mirror step, as a sync would."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from pathlib import Path
from typing import Any

from desktop.store.engine import Replica, open_replica
from desktop.store.mirror import apply_changes

KECAMATAN = ("Alalak", "Marabahan", "Banjarmasin Utara", "Kendari Barat", "Talang Kelapa", "Rantau Badauh")
STATUSES = ("terdisposisi", "diproses", "ditindaklanjuti", "ditanggapi_pelapor", "selesai", "ditunda")
OPD = "unit-pupr"
USER = "user-admin"


def change(typ: str, rid: str, data: dict[str, Any], version: int = 1) -> dict[str, Any]:
    return {"type": typ, "id": rid, "version": version, "deleted": False, "data": data}


def complaint_data(n: int, **overrides: Any) -> dict[str, Any]:
    arrived = dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=37 * n)
    data: dict[str, Any] = {
        "id": f"c-{n:06d}",
        "tracking_id": 1_000_000 + n,
        "title": f"Jalan rusak nomor {n}",
        "content": f"Laporan warga nomor {n} tentang jalan berlubang.",
        "kind": "pengaduan",
        "channel": ("web", "android", "sms", "whatsapp")[n % 4],
        "status": STATUSES[n % len(STATUSES)],
        "unit_id": OPD,
        "subunit_id": None,
        "assignee_id": USER if n % 3 == 0 else None,
        "category_id": f"cat-{n % 5}",
        "tags": [],
        "incident_date": None,
        "submitted_at": (arrived - dt.timedelta(hours=2)).isoformat().replace("+00:00", "Z"),
        "arrived_at": arrived.isoformat().replace("+00:00", "Z"),
        "location": {
            "province": "Kalimantan Selatan",
            "regency": "Kabupaten Barito Kuala",
            "kecamatan": KECAMATAN[n % len(KECAMATAN)],
            "desa": None,
            "lat": None,
            "lon": None,
        },
        "anonymous": n % 7 == 0,
        "secret": n % 11 == 0,
        "reporter": None if n % 7 == 0 else {"name": f"Warga {n}", "contact": f"0812{n:06d}"},
        "updated_at": arrived.isoformat().replace("+00:00", "Z"),
    }
    data.update(overrides)
    return data


def reference_changes() -> list[dict[str, Any]]:
    out = [
        change(
            "unit",
            OPD,
            {
                "id": OPD,
                "parent_id": None,
                "kind": "opd",
                "code": "PUPR",
                "name": "Dinas PUPR",
                "timezone": "Asia/Makassar",
            },
        ),
        change(
            "user",
            USER,
            {
                "id": USER,
                "username": "admin.pupr",
                "full_name": "Rahmat Hidayat",
                "role": "admin",
                "unit_id": OPD,
            },
        ),
    ]
    for i in range(5):
        out.append(
            change("category", f"cat-{i}", {"id": f"cat-{i}", "parent_id": None, "name": f"Kategori {i}"})
        )
    return out


def write(replica: Replica, changes: list[dict[str, Any]]) -> None:
    with replica.write() as conn:
        cur = conn.connection.cursor()
        try:
            apply_changes(cur, changes)
        finally:
            cur.close()


def make_replica(folder: Path, complaints: int, extra: list[dict[str, Any]] | None = None) -> Replica:
    replica = open_replica(folder / "replica.db", secrets.token_hex(32))
    replica.set_account(
        "http://127.0.0.1:1", {"id": USER, "username": "admin.pupr", "full_name": "Rahmat Hidayat"}
    )
    write(replica, reference_changes())
    batch: list[dict[str, Any]] = []
    for n in range(complaints):
        batch.append(change("complaint", f"c-{n:06d}", complaint_data(n)))
        if len(batch) >= 2000:
            write(replica, batch)
            batch = []
    if batch or extra:
        write(replica, batch + (extra or []))
    return replica


def new_id() -> str:
    return str(uuid.uuid4())
