"""Synthetic change-feed pages for store tests and the queue timing script (no hub needed)."""

from __future__ import annotations

import random
import uuid
from typing import Any

from desktop.store.engine import Replica
from desktop.store.mirror import apply_changes

OPD = "unit-opd"
SUB = "unit-sub"
ME = "user-me"
OTHER = "user-other"
KECAMATAN = ("Marabahan", "Alalak", "Anjir Pasar", "Tamban", "Mekarsari", "Bakumpai", "Kuripan", "Tabukan")
WORDS = ("jalan", "rusak", "lampu", "mati", "sampah", "banjir", "air", "bersih", "sekolah", "puskesmas", "izin",
         "pelayanan", "lambat", "pungutan", "liar", "jembatan", "drainase", "tersumbat", "kartu", "keluarga")  # fmt: skip
STATUSES = ("terdisposisi", "diproses", "ditindaklanjuti", "ditanggapi_pelapor", "selesai", "ditunda")


def change(typ: str, rid: str, data: dict[str, Any] | None, version: int = 1) -> dict[str, Any]:
    return {"type": typ, "id": rid, "version": version, "deleted": data is None, "data": data}


def reference() -> list[dict[str, Any]]:
    out = [
        change("unit", "unit-pemda", {"id": "unit-pemda", "parent_id": None, "kind": "pemda", "code": "BAKUL",
                                      "name": "Pemkab Barito Kuala", "timezone": "Asia/Makassar"}),
        change("unit", OPD, {"id": OPD, "parent_id": "unit-pemda", "kind": "opd", "code": "PUPR", "name": "Dinas PUPR",
                             "timezone": "Asia/Makassar"}),
        change("unit", SUB, {"id": SUB, "parent_id": OPD, "kind": "subunit", "code": "BM", "name": "Bidang Bina Marga",
                             "timezone": "Asia/Makassar"}),
        change("user", ME, {"id": ME, "username": "admin1", "full_name": "Siti Admin", "role": "admin", "unit_id": OPD}),
        change("user", OTHER, {"id": OTHER, "username": "staf1", "full_name": "Budi Staf", "role": "staff",
                               "unit_id": SUB}),
        change("category", "cat-infra", {"id": "cat-infra", "parent_id": None, "name": "Infrastruktur"}),
        change("category", "cat-jalan", {"id": "cat-jalan", "parent_id": "cat-infra", "name": "Jalan dan Jembatan"}),
        change("category", "cat-air", {"id": "cat-air", "parent_id": "cat-infra", "name": "Air Bersih"}),
        change("holiday", "2026-12-25", {"id": "2026-12-25", "date": "2026-12-25", "name": "Natal", "kind": "national",
                                         "active": True}),
        change("sla", "default", {"id": "default", "limits": {"verify_days": 3, "first_followup_days": 5},
                                  "reply_window_working_days": False}),
    ]  # fmt: skip
    return out


def complaint(i: int, rng: random.Random | None = None, **over: Any) -> dict[str, Any]:
    rng = rng or random.Random(i)
    anonymous = i % 7 == 0
    title_words = rng.sample(WORDS, 4)
    data: dict[str, Any] = {
        "id": over.pop("id", f"c-{i:07d}"),
        "tracking_id": 1_000_000 + i,
        "title": " ".join(title_words).capitalize(),
        "content": " ".join(rng.choice(WORDS) for _ in range(40)),
        "kind": "pengaduan",
        "channel": rng.choice(("web", "android", "sms", "whatsapp")),
        "status": STATUSES[i % len(STATUSES)],
        "unit_id": OPD,
        "subunit_id": None,
        "assignee_id": ME if i % 5 == 0 else (OTHER if i % 5 == 1 else None),
        "category_id": "cat-jalan" if i % 2 else "cat-air",
        "tags": ["infrastruktur"],
        "incident_date": "2026-10-01",
        "submitted_at": f"2026-{1 + i % 11:02d}-{1 + i % 28:02d}T0{i % 10}:00:00Z",
        "arrived_at": f"2026-{1 + i % 11:02d}-{1 + i % 28:02d}T1{i % 10}:{i % 60:02d}:00Z",
        "location": {"province": "Kalimantan Selatan", "regency": "Barito Kuala",
                     "kecamatan": KECAMATAN[i % len(KECAMATAN)], "desa": f"Desa {i % 30}", "lat": None, "lon": None},
        "anonymous": anonymous,
        "secret": i % 11 == 0,
        "reporter": None if anonymous else {"name": f"Pelapor Nomor{i}", "contact": f"08{i:09d}"},
        "updated_at": "2026-11-01T00:00:00Z",
    }  # fmt: skip
    data.update(over)
    return data


def complaint_changes(n: int, start: int = 0) -> list[dict[str, Any]]:
    return [change("complaint", f"c-{i:07d}", complaint(i)) for i in range(start, start + n)]


def load(replica: Replica, changes: list[dict[str, Any]], page: int = 1000) -> None:
    for start in range(0, len(changes), page):
        with replica.write() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            apply_changes(raw.cursor(), changes[start : start + page])


def seeded(replica: Replica, n: int = 60) -> None:
    """Reference data + ``n`` complaints + a note, a disposition and a submitted follow-up on complaint 1."""
    replica.set_account("https://hub.test", {"id": ME, "username": "admin1", "full_name": "Siti Admin",
                                              "role": "admin", "unit_id": OPD})  # fmt: skip
    extra = [
        change("note", "n-1", {"id": "n-1", "complaint_id": "c-0000001", "text": "Sudah dicek ke lapangan",
                               "author_id": OTHER, "created_at": "2026-11-02T01:00:00Z"}),
        change("disposition", "d-1", {"id": "d-1", "complaint_id": "c-0000001", "kind": "internal",
                                      "from_unit_id": OPD, "to_unit_id": SUB, "to_user_id": OTHER,
                                      "instruction": "Mohon ditindaklanjuti", "due_date": "2026-11-10",
                                      "reason": None, "suggested_body": None, "created_by": ME,
                                      "created_at": "2026-11-01T01:00:00Z"}),
        change("followup", "f-1", {"id": "f-1", "complaint_id": "c-0000001", "text": "Jalan akan diperbaiki",
                                   "state": "submitted", "author_id": OTHER, "content_hash": "x",
                                   "approved_by": None, "approved_at": None, "return_reason": None,
                                   "created_at": "2026-11-03T01:00:00Z", "updated_at": "2026-11-03T01:00:00Z"}),
        change("event", "e-1", {"id": "e-1", "complaint_id": "c-0000001", "kind": "note.add", "actor_id": OTHER,
                                "device_id": "dev", "op_id": None, "at": "2026-11-02T01:00:00Z", "data": {}}),
    ]  # fmt: skip
    load(replica, reference() + complaint_changes(n) + extra)
    _ = uuid  # keep import for callers that want ids
