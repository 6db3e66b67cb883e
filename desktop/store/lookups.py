"""Reference data of the replica for filters and dialogs: categories, units, users, kecamatan, the signed-in user.

Read only; the mirror (desktop/store/mirror.py) keeps these tables as the hub sends them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from desktop.store.engine import Replica
from desktop.store.sql import json_each, loads


@dataclass(frozen=True)
class Option:
    """An item of a lookup list (categories, units, users, kecamatan) for filters and dialogs."""

    id: str
    name: str
    parent_id: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


def categories(replica: Replica) -> list[Option]:
    with replica.read() as conn:
        rs = conn.execute(text("SELECT id, name, parent_id FROM categories ORDER BY name"))
        return [Option(r[0], r[1], r[2]) for r in rs]


def units(replica: Replica) -> list[Option]:
    with replica.read() as conn:
        rs = conn.execute(
            text("SELECT id, name, parent_id, kind, code, timezone FROM units ORDER BY name")
        ).mappings()
        return [
            Option(
                r["id"],
                r["name"],
                r["parent_id"],
                {"kind": r["kind"], "code": r["code"], "timezone": r["timezone"]},
            )
            for r in rs
        ]


def users(replica: Replica, unit_ids: Sequence[str] | None = None) -> list[Option]:
    params: dict[str, Any] = {}
    where = f"WHERE unit_id IN {json_each('u', list(unit_ids), params)}" if unit_ids else ""
    with replica.read() as conn:
        rs = conn.execute(
            text(f"SELECT id, full_name, unit_id, username, role FROM users {where} ORDER BY full_name"),
            params,
        ).mappings()
        return [
            Option(r["id"], r["full_name"], r["unit_id"], {"username": r["username"], "role": r["role"]})
            for r in rs
        ]


def kecamatans(replica: Replica) -> list[str]:
    with replica.read() as conn:
        rs = conn.execute(
            text("SELECT DISTINCT kecamatan FROM complaints WHERE kecamatan IS NOT NULL ORDER BY 1")
        )
        return [r[0] for r in rs]


def current_user(replica: Replica) -> dict[str, Any] | None:
    """The signed-in user's record (from sign-in, refreshed by the mirror when present)."""
    state = replica.sync_state()
    user = loads(state.get("user")) or None
    if state.get("user_id"):
        with replica.read() as conn:
            r = (
                conn.execute(text("SELECT * FROM users WHERE id = :i"), {"i": state["user_id"]})
                .mappings()
                .first()
            )
        if r is not None:
            user = {k: v for k, v in r.items() if k != "version"}
    return user


def user_names(conn: Connection, user_ids: Sequence[str | None]) -> dict[str, str]:
    """``{user id: full name}`` of the users among ``user_ids`` (None and unknown ids are skipped), on ``conn``."""
    wanted = sorted({u for u in user_ids if u})
    if not wanted:
        return {}
    params: dict[str, Any] = {}
    rows = conn.execute(
        text(f"SELECT id, full_name FROM users WHERE id IN {json_each('u', wanted, params)}"), params
    )
    return {r[0]: r[1] for r in rows}
