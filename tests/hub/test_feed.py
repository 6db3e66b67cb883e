"""The change-feed invariant: a reader polling while many writers overlap never skips a change."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hub.client import HubClient, make_op, note
from tests.hub.conftest import hub_for

WRITERS, OPS_EACH = 8, 12


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def slow_commit_hub(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # Each writer sleeps inside its transaction after taking its position: transactions overlap as much as
    # the database lets them, which is where a sequence- or clock-based feed would let a reader skip.
    env = {"LAPOR_HUB_TEST_COMMIT_DELAY": "0.02"}
    with hub_for(request.param, tmp_path_factory.mktemp("slow"), env=env, complaints=300) as url:
        yield url


def test_reader_never_skips_under_concurrent_writers(slow_commit_hub: str) -> None:
    reader = HubClient(slow_commit_hub, "koordinator", device_id="reader")
    reader.pull()
    targets = [c["id"] for c in reader.of_type("complaint") if c["status"] not in ("selesai", "arsip")][:WRITERS]
    written: list[str] = []
    lock = threading.Lock()
    done = threading.Event()

    def writer(i: int) -> None:
        c = HubClient(slow_commit_hub, "koordinator", device_id=f"w{i}")
        for _ in range(OPS_EACH):
            op = note(targets[i % len(targets)], f"w{i}")
            assert c.ops(op).json()["results"][0]["status"] == "applied"
            with lock:
                written.append(op["payload"]["note_id"])

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    for t in threads:
        t.start()
    polls = 0
    while any(t.is_alive() for t in threads) or not done.is_set():
        if not any(t.is_alive() for t in threads):
            done.set()  # one last pull after every writer finished
        reader.pull(limit=7)
        polls += 1
    for t in threads:
        t.join()
    seen = {i for (t, i) in reader.state if t == "note"}
    assert set(written) <= seen, f"skipped {len(set(written) - seen)} notes after {polls} polls"
    fresh = HubClient(slow_commit_hub, "koordinator", device_id="fresh")
    fresh.pull()
    assert fresh.state == reader.state  # the incremental mirror equals a mirror built from scratch


def test_small_pages_build_the_same_mirror_as_one_big_page(login: Callable[..., HubClient]) -> None:
    small, big = login("staf.dinkes"), login("staf.dinkes")
    small.pull(limit=13)
    big.pull(limit=1000)
    assert small.state == big.state and small.cursor == big.cursor


ACTIONS = st.lists(st.tuples(st.sampled_from(["note", "assign", "dispose", "retry"]), st.integers(0, 2),
                             st.booleans()), min_size=1, max_size=12)


@pytest.fixture(scope="module")
def hyp_clients(sqlite_hub: str) -> tuple[HubClient, HubClient]:
    # Signed in once: argon2 per example would dominate the run.
    return HubClient(sqlite_hub, "admin.disdukcapil", device_id="hyp"), \
        HubClient(sqlite_hub, "admin.disdukcapil", device_id="hyp-fresh")


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS)
def test_random_op_sequences_match_a_model(actions: list[tuple[str, int, bool]],
                                           hyp_clients: tuple[HubClient, HubClient]) -> None:
    """Whatever the sequence: CAS ops conflict exactly when stale, retries are duplicates, the mirror agrees."""
    admin, fresh = hyp_clients
    admin.pull()
    staff_id = next(u["id"] for u in admin.of_type("user") if u["role"] == "staff")
    complaints = sorted((c for c in admin.of_type("complaint")
                         if c["status"] in ("terdisposisi", "diproses", "ditindaklanjuti", "ditunda")),
                        key=lambda c: c["tracking_id"])[:3]
    assert len(complaints) == 3
    version = {c["id"]: c["version"] for c in complaints}
    last: tuple[dict[str, object], dict[str, object]] | None = None
    for kind, idx, stale in actions:
        cid = complaints[idx]["id"]
        base = version[cid] - 1 if stale else version[cid]
        if kind == "retry":
            if last is None:
                continue
            op, first = last
            r = admin.ops(op).json()["results"][0]
            if first["status"] == "applied":
                assert r["status"] == "duplicate" and r["version"] == first["version"]
            continue
        if kind == "note":
            op = note(cid)
        elif kind == "assign":
            op = make_op("complaint.assign", cid, {"assignee_id": staff_id}, base)
        else:
            op = make_op("disposition.create", cid, {"disposition_id": str(uuid.uuid4()), "kind": "internal",
                                                     "to_user_id": staff_id}, base)
        r = admin.ops(op).json()["results"][0]
        if kind != "note" and stale:
            assert r["status"] == "conflict" and r["current"]["id"] == cid
        else:
            assert r["status"] == "applied", r
            version[cid] = r["version"]
        last = (op, r)
    admin.pull()
    for cid, v in version.items():
        assert admin.state[("complaint", cid)]["version"] == v
    fresh.cursor, fresh.state = 0, {}
    fresh.pull(limit=1000)
    assert fresh.state == admin.state
