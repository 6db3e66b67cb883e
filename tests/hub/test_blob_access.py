"""Who may learn of, read and reference a blob (docs/protocol.md, "Blobs"): knowing a SHA-256 is not enough.

- `attachment.add` references only a blob the actor uploaded (proved possession of) or one already attached to
  something the actor may see; anything else is `rejected`/`blob_missing`, worded as for a hash nobody uploaded.
- `HEAD` tells a caller only about their own upload, or that a blob is complete when they may read it.
- Partial uploads belong to their uploader: a stranger's PUT (another total, or the same one) never touches them.
- A second user who uploads the same bytes proves possession and becomes an owner; the hub keeps one copy.
- A per-user quota on unattached bytes answers 413 `quota_exceeded` and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import MetaData, Table, insert, inspect, text

from desktop.testing.hub import seed_hub
from server.db import make_engine
from tests.hub.client import HubClient
from tests.hub.conftest import BACKENDS, OPEN, ComplaintPool, database, hub_for, migrate
from tests.hub.test_blobs import blob_url, head, put

User = Callable[[str], HubClient]
JPEG = "image/jpeg"
QUOTA = 200_000


def attach(c: HubClient, complaint: dict[str, Any], digest: str, size: int) -> dict[str, Any]:
    return c.op("attachment.add", str(complaint["id"]), {
        "attachment_id": str(uuid.uuid4()), "owner_type": "complaint", "owner_id": complaint["id"],
        "filename": "foto.jpg", "mime": JPEG, "size": size, "sha256": digest})


def uploaded(c: HubClient, size: int = 20_000) -> tuple[bytes, str]:
    data = os.urandom(size)
    digest = hashlib.sha256(data).hexdigest()
    assert put(c, digest, data, 0, size, mime=JPEG).status_code == 201
    return data, digest


def state(resp: Any) -> tuple[str, str, str | None]:
    return resp.headers["X-Blob-Offset"], resp.headers["X-Blob-Complete"], resp.headers.get("X-Blob-Size")


NOTHING = ("0", "0", None)  # what HEAD says of a hash nobody ever uploaded


# ---------------------------------------------------------------- item 3: referencing a blob by its hash
def test_another_opd_cannot_attach_a_foreign_blob_by_its_hash(user: User, pool: ComplaintPool) -> None:
    owner, colleague, stranger = user("admin.pupr"), user("staf.pupr"), user("admin.dinkes")
    kept, kept_sha = uploaded(owner)  # uploaded, not attached yet
    shown, shown_sha = uploaded(owner)  # attached to a PUPR complaint
    assert attach(owner, pool.take(owner)[0], shown_sha, len(shown))["status"] == "applied"
    never = hashlib.sha256(os.urandom(32)).hexdigest()
    theirs = pool.take(stranger)[0]
    refused = [attach(stranger, theirs, sha, len(data)) for sha, data in
               ((kept_sha, kept), (shown_sha, shown), (never, kept))]
    assert [r["status"] for r in refused] == ["rejected"] * 3
    assert [r["reason"] for r in refused] == ["blob_missing"] * 3
    assert refused[0] == {**refused[2], "op_id": refused[0]["op_id"]}  # a foreign blob reads as a missing one
    assert refused[1] == {**refused[2], "op_id": refused[1]["op_id"]}
    for sha in (kept_sha, shown_sha):
        assert stranger.http.get(blob_url(stranger, sha)).status_code == 404
    # A colleague who sees the PUPR attachment may attach the same file elsewhere; the unattached one stays private.
    mine = pool.take(colleague)[0]
    assert attach(colleague, mine, shown_sha, len(shown))["status"] == "applied"
    assert attach(colleague, mine, kept_sha, len(kept))["reason"] == "blob_missing"
    assert colleague.http.get(blob_url(colleague, kept_sha)).status_code == 404


# ---------------------------------------------------------------- item 4: HEAD and partial uploads
def test_head_tells_a_stranger_nothing_of_a_complete_or_partial_blob(user: User, pool: ComplaintPool) -> None:
    owner, stranger, colleague = user("staf.pupr"), user("staf.dinkes"), user("admin.pupr")
    data, done_sha = uploaded(owner)
    partial = os.urandom(30_000)
    partial_sha = hashlib.sha256(partial).hexdigest()
    assert put(owner, partial_sha, partial[:10_000], 0, len(partial)).status_code == 200
    assert state(head(owner, done_sha)) == (str(len(data)), "1", str(len(data)))
    assert state(head(owner, partial_sha)) == ("10000", "0", "30000")
    never = hashlib.sha256(os.urandom(32)).hexdigest()
    assert state(head(stranger, never)) == NOTHING
    for c in (stranger, colleague):  # a colleague of the same OPD sees no attachment of either yet
        assert state(head(c, done_sha)) == NOTHING
        assert state(head(c, partial_sha)) == NOTHING
    # Once attached, whoever sees the attachment is told it is complete (nothing to send); others still nothing.
    assert attach(owner, pool.take(owner)[0], done_sha, len(data))["status"] == "applied"
    assert state(head(colleague, done_sha)) == (str(len(data)), "1", str(len(data)))
    assert state(head(stranger, done_sha)) == NOTHING
    # A stranger's PUT of a chunk is no oracle either: they are answered about their own upload only.
    probe = put(stranger, done_sha, data[:1000], 0, len(data), mime=JPEG)
    assert (probe.status_code, state(probe)) == (200, ("1000", "0", str(len(data))))


def test_a_strangers_put_does_not_reset_an_upload_in_progress(user: User) -> None:
    owner, stranger = user("staf.pupr"), user("staf.dinkes")
    data = os.urandom(120_000)
    digest = hashlib.sha256(data).hexdigest()
    assert put(owner, digest, data[:50_000], 0, len(data)).status_code == 200
    other_total = put(stranger, digest, b"x" * 1000, 0, len(data) + 1)  # once discarded the owner's part
    assert other_total.status_code == 200
    append = put(stranger, digest, b"y" * 1000, 50_000, len(data))  # continuing "at the owner's offset"
    assert (append.status_code, append.json()["code"], append.json()["offset"]) == (409, "offset_mismatch", 0)
    assert state(head(owner, digest)) == ("50000", "0", str(len(data)))
    wrong_start = put(owner, digest, data[60_000:70_000], 60_000, len(data))
    assert (wrong_start.status_code, wrong_start.json()["offset"]) == (409, 50_000)
    done = put(owner, digest, data[50_000:], 50_000, len(data))
    assert (done.status_code, state(done)) == (201, (str(len(data)), "1", str(len(data))))
    assert owner.http.get(blob_url(owner, digest)).content == data
    assert stranger.http.get(blob_url(stranger, digest)).status_code == 404
    assert state(head(stranger, digest)) == ("1000", "0", str(len(data) + 1))  # their own part, untouched too


def test_uploading_the_bytes_proves_possession(user: User, pool: ComplaintPool) -> None:
    first, second = user("admin.pupr"), user("admin.dinkes")
    data, digest = uploaded(first, 80_000)
    forged = put(second, digest, os.urandom(len(data)), 0, len(data), mime=JPEG)  # the hash alone, wrong bytes
    assert (forged.status_code, forged.json()["code"]) == (422, "hash_mismatch")
    assert state(head(second, digest)) == NOTHING
    assert attach(second, pool.take(second)[0], digest, len(data))["reason"] == "blob_missing"
    assert put(second, digest, data[:30_000], 0, len(data), mime=JPEG).status_code == 200
    done = put(second, digest, data[30_000:], 30_000, len(data), mime=JPEG)
    assert (done.status_code, state(done)) == (201, (str(len(data)), "1", str(len(data))))
    assert state(head(second, digest)) == (str(len(data)), "1", str(len(data)))
    got = second.http.get(blob_url(second, digest))
    assert (got.status_code, got.content) == (200, data)
    assert attach(second, pool.take(second)[0], digest, len(data))["status"] == "applied"
    again = put(second, digest, data[:10], 0, len(data), mime=JPEG)  # an owner is told: nothing left to send
    assert (again.status_code, again.headers["X-Blob-Complete"]) == (200, "1")


# ---------------------------------------------------------------- a hub of our own: disk and quota
@dataclass(frozen=True)
class OwnHub:
    url: str
    blobs: Path


@pytest.fixture(scope="module", params=BACKENDS)
def own_hub(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[OwnHub]:
    tmp = tmp_path_factory.mktemp(f"blob-access-{request.param}")
    with hub_for(request.param, tmp, env={"LAPOR_HUB_UNATTACHED_QUOTA": str(QUOTA)}, complaints=150) as url:
        yield OwnHub(url, tmp / "blobs")  # where hub_for puts them


def files_of(hub: OwnHub, digest: str) -> list[str]:
    return sorted(p.name for p in hub.blobs.iterdir() if p.name.startswith(digest))


def test_two_uploaders_of_one_file_share_one_copy(own_hub: OwnHub) -> None:
    first, second = HubClient(own_hub.url, "staf.pupr"), HubClient(own_hub.url, "staf.dinkes")
    data = os.urandom(60_000)
    digest = hashlib.sha256(data).hexdigest()
    assert put(first, digest, data[:20_000], 0, len(data)).status_code == 200
    assert put(second, digest, data[:40_000], 0, len(data)).status_code == 200
    assert len(files_of(own_hub, digest)) == 2  # one part each: neither disturbs the other
    assert put(first, digest, data[20_000:], 20_000, len(data)).status_code == 201
    assert put(second, digest, data[40_000:], 40_000, len(data)).status_code == 201
    assert files_of(own_hub, digest) == [digest]  # the second verified copy was dropped
    assert second.http.get(blob_url(second, digest)).content == data


def test_the_quota_on_unattached_bytes_answers_413_and_writes_nothing(own_hub: OwnHub) -> None:
    c = HubClient(own_hub.url, "admin.pupr")
    c.pull()
    complaint = next(x for x in c.of_type("complaint") if x["status"] in OPEN and x["unit_id"] == c.user["unit_id"])
    held = os.urandom(120_000)
    held_sha = hashlib.sha256(held).hexdigest()
    assert put(c, held_sha, held, 0, len(held), mime=JPEG).status_code == 201
    started = os.urandom(50_000)
    started_sha = hashlib.sha256(started).hexdigest()
    assert put(c, started_sha, started[:10_000], 0, len(started)).status_code == 200  # reserves all 50 000
    over = os.urandom(40_000)
    over_sha = hashlib.sha256(over).hexdigest()
    refused = put(c, over_sha, over[:1000], 0, len(over))
    assert (refused.status_code, refused.json()["code"]) == (413, "quota_exceeded")
    assert refused.headers.get("Retry-After")
    assert state(head(c, over_sha)) == NOTHING and files_of(own_hub, over_sha) == []
    # The upload already under way is never cut by the quota: its total was counted when it started.
    assert put(c, started_sha, started[10_000:], 10_000, len(started)).status_code == 201
    # Attaching frees the bytes: the refused upload goes through now.
    assert attach(c, complaint, held_sha, len(held))["status"] == "applied"
    assert put(c, over_sha, over, 0, len(over)).status_code == 201
    # Quota is per user: a colleague's unattached bytes are theirs.
    colleague = HubClient(own_hub.url, "kepala.pupr")
    big = os.urandom(150_000)
    assert put(colleague, hashlib.sha256(big).hexdigest(), big, 0, len(big)).status_code == 201


# ---------------------------------------------------------------- the migration
@pytest.mark.parametrize("backend", BACKENDS)
def test_migration_0006_makes_each_uploader_an_owner_and_downgrades(backend: str, tmp_path: Path) -> None:
    with database(backend, tmp_path) as db:
        seed_hub(db, complaints=20)
        engine = make_engine(db)
        try:
            migrate(engine, command.downgrade, "0005")
            assert "blob_owners" not in inspect(engine).get_table_names()
            with engine.begin() as conn:
                uploader = conn.execute(text("SELECT id FROM users WHERE username = 'staf.pupr'")).scalar_one()
                blobs = Table("blobs", MetaData(), autoload_with=conn)
                at = dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC)
                conn.execute(insert(blobs), [
                    {"sha256": "a" * 64, "size": 10, "mime": JPEG, "complete": True, "uploaded_by": uploader,
                     "created_at": at, "completed_at": at + dt.timedelta(minutes=1)},
                    {"sha256": "b" * 64, "size": 20, "mime": JPEG, "complete": False, "uploaded_by": uploader,
                     "created_at": at, "completed_at": None},
                    {"sha256": "c" * 64, "size": 30, "mime": JPEG, "complete": True, "uploaded_by": None,
                     "created_at": at, "completed_at": at},
                ])
            migrate(engine, command.upgrade, "0006")
            with engine.connect() as conn:
                owners = conn.execute(text("SELECT sha256, user_id, size, mime, completed_at FROM blob_owners")).all()
                left = sorted(conn.execute(text("SELECT sha256 FROM blobs")).scalars())
            assert [(o[0], o[1], o[2], o[3]) for o in owners] == [("a" * 64, uploader, 10, JPEG)]
            assert owners[0][4] is not None
            assert left == ["a" * 64, "c" * 64]  # an upload under way starts again under the new layout
            migrate(engine, command.downgrade, "0005")
            assert "blob_owners" not in inspect(engine).get_table_names()
            migrate(engine, command.upgrade, "head")
            assert "blob_owners" in inspect(engine).get_table_names()
        finally:
            engine.dispose()
