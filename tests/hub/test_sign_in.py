"""Sign-in (issue 9, items 6-8) against real hubs on SQLite and PostgreSQL.

- failed sign-ins are throttled per account and per client address, in the database (429 + Retry-After, checked
  before any password hashing, so the right password is refused too during a lock-out);
- password hashing runs in a bounded pool: a flood cannot starve the API, a full queue answers 503 at once;
- unknown and deactivated users cost the same one argon2 verification as real ones (no username oracle);
- an op's audit event records the device of the token, not the body's `device_id`;
- reusing a rotated refresh token revokes its whole family, except a retry from the same device within the grace.

The hubs of the throttle tests have low thresholds of their own; each test signs in from its own client address
(`X-Forwarded-For`, trusted from 127.0.0.1 like a reverse proxy on the hub's machine) so tests never lock each other.
"""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from argon2 import PasswordHasher, extract_parameters
from sqlalchemy import update

from desktop.testing.hub import run_hub
from server import auth
from server.db import make_engine, make_sessionmaker
from server.errors import HubError
from server.migrate import upgrade
from server.models import User
from server.seed import seed
from server.sign_in_guard import GuardSettings, SignInGuard
from tests.hub.client import HEADERS, HubClient, note
from tests.hub.conftest import BACKENDS, ComplaintPool, database, hub_for

ACCOUNT_FAILURES, ADDRESS_FAILURES = 3, 8
LIMITS = {
    "LAPOR_HUB_SIGNIN_ACCOUNT_FAILURES": str(ACCOUNT_FAILURES),
    "LAPOR_HUB_SIGNIN_ADDRESS_FAILURES": str(ADDRESS_FAILURES),
    "LAPOR_HUB_SIGNIN_WINDOW": "600",
    "LAPOR_HUB_SIGNIN_LOCK": "2",  # long enough that a loaded machine still asks twice inside one lock
    "LAPOR_HUB_SIGNIN_LOCK_GROWTH": "2",
    "LAPOR_HUB_SIGNIN_LOCK_MAX": "8",
    "LAPOR_HUB_SIGNIN_WORKERS": "1",
    "LAPOR_HUB_SIGNIN_QUEUE": "2",
    "LAPOR_HUB_REFRESH_GRACE": "0",
}


@pytest.fixture(scope="module", params=BACKENDS)
def limits_hub(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with hub_for(request.param, tmp_path_factory.mktemp(f"limits-{request.param}"), env=LIMITS,
                 complaints=20) as url:
        yield url


def sign_in(url: str, username: str, password: str, address: str | None = None,
            device_id: str = "dev-sign-in") -> requests.Response:
    headers = {**HEADERS, **({"X-Forwarded-For": address} if address else {})}
    return requests.post(f"{url}/api/v1/auth/token", headers=headers, timeout=60,
                         json={"username": username, "password": password, "device_id": device_id})


def refresh(url: str, token: str, device_id: str) -> requests.Response:
    return requests.post(f"{url}/api/v1/auth/refresh", headers=HEADERS, timeout=30,
                         json={"refresh_token": token, "device_id": device_id})


def changes(url: str, access_token: str) -> int:
    return requests.get(f"{url}/api/v1/changes", params={"limit": 1}, timeout=30,
                        headers={**HEADERS, "Authorization": f"Bearer {access_token}"}).status_code


def access_of(client: HubClient) -> str:
    return str(client.http.headers["Authorization"]).removeprefix("Bearer ")


def until(condition: Callable[[], requests.Response], done: Callable[[requests.Response], bool],
          seconds: float = 20) -> requests.Response:
    """Repeat a request until its answer satisfies `done` (a lock runs out), within a deadline."""
    deadline = time.monotonic() + seconds
    while True:
        resp = condition()
        if done(resp) or time.monotonic() > deadline:
            return resp
        time.sleep(0.1)


def retry_after(resp: requests.Response) -> int:
    assert resp.status_code == 429, resp.text
    assert resp.json()["code"] == "sign_in_locked"
    value = resp.headers.get("Retry-After")
    assert value is not None and value.isdigit() and int(value) >= 1, value
    return int(value)


# ---------------------------------------------------------------- item 6: the throttle


def test_brute_force_locks_the_account_even_for_the_right_password(limits_hub: str) -> None:
    addr = "10.6.0.1"
    answers = [sign_in(limits_hub, "staf.pupr", f"tebakan-{i}", addr).status_code for i in range(ACCOUNT_FAILURES)]
    assert answers == [401] * ACCOUNT_FAILURES
    first_lock = retry_after(sign_in(limits_hub, "staf.pupr", "tebakan-lagi", addr))
    # During the lock the right password is refused as well, or brute force would go on behind it.
    assert retry_after(sign_in(limits_hub, "staf.pupr", "demo", addr)) >= 1
    assert retry_after(sign_in(limits_hub, "staf.pupr", "demo", "10.6.0.2")) >= 1  # the lock is the account's
    resp = until(lambda: sign_in(limits_hub, "staf.pupr", "demo", addr), lambda r: r.status_code != 429)
    assert resp.status_code == 200, resp.text
    # The success reset the account's counter: a full allowance of mistakes again before the next lock.
    answers = [sign_in(limits_hub, "staf.pupr", f"salah-{i}", addr).status_code for i in range(ACCOUNT_FAILURES)]
    assert answers == [401] * ACCOUNT_FAILURES
    assert retry_after(sign_in(limits_hub, "staf.pupr", "salah-lagi", addr)) == first_lock
    # Without a success in between, one more try after the lock, then a longer lock (exponential back-off).
    resp = until(lambda: sign_in(limits_hub, "staf.pupr", "salah-terus", addr), lambda r: r.status_code != 429)
    assert resp.status_code == 401
    assert retry_after(sign_in(limits_hub, "staf.pupr", "salah-terus", addr)) == 2 * first_lock
    resp = until(lambda: sign_in(limits_hub, "staf.pupr", "demo", addr), lambda r: r.status_code != 429)
    assert resp.status_code == 200


def test_unknown_usernames_are_locked_like_real_ones(limits_hub: str) -> None:
    addr = "10.6.1.1"
    answers = [sign_in(limits_hub, "tidak.ada", "x", addr).status_code for _ in range(ACCOUNT_FAILURES)]
    assert answers == [401] * ACCOUNT_FAILURES
    retry_after(sign_in(limits_hub, "tidak.ada", "x", addr))  # a lock of its own: nothing tells it from a real one


def test_one_address_trying_many_accounts_is_locked(limits_hub: str) -> None:
    addr = "10.6.2.1"
    accounts = ["admin.pupr", "kepala.pupr", "staf.dinkes", "bukan.akun"]
    per_account = ADDRESS_FAILURES // len(accounts)
    assert per_account < ACCOUNT_FAILURES  # no single account reaches its own lock
    for name in accounts:
        answers = [sign_in(limits_hub, name, f"tebak-{i}", addr).status_code for i in range(per_account)]
        assert answers == [401] * per_account
    # An account this address never tried, with its right password: the address is locked.
    retry_after(sign_in(limits_hub, "admin.dinkes", "demo", addr))
    # The same account from another address signs in: the lock is the address's, not the account's.
    assert sign_in(limits_hub, "admin.dinkes", "demo", "10.6.2.2").status_code == 200


def _right_password_until_in(url: str, gate: threading.Barrier, answers: list[int], i: int) -> None:
    gate.wait()
    deadline = time.monotonic() + 60
    while True:
        resp = sign_in(url, "admin.dlh", "demo", f"10.9.0.{i}", device_id=f"dev-office-{i}")
        answers.append(resp.status_code)
        if resp.status_code != 503 or time.monotonic() > deadline:
            return
        time.sleep(float(resp.headers["Retry-After"]))


def test_parallel_sign_ins_of_one_account_wait_but_are_never_locked(limits_hub: str) -> None:
    """Twice the account's threshold signing in at once with the right password (one account on several desks):
    those beyond it are asked to wait (503 busy: the others are still being checked), none is locked out, all get
    in."""
    n = ACCOUNT_FAILURES * 2
    gate, answers = threading.Barrier(n), list[int]()
    threads = [threading.Thread(target=_right_password_until_in, args=(limits_hub, gate, answers, i)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(90)
    assert answers.count(200) == n, answers
    assert 429 not in answers and set(answers) <= {200, 503}, answers


def test_the_lock_is_kept_in_the_database_for_every_hub_process(tmp_path: Path, backend: str) -> None:
    env = {"LAPOR_HUB_BLOBS": str(tmp_path / "blobs"), **LIMITS, "LAPOR_HUB_SIGNIN_LOCK": "3"}
    with database(backend, tmp_path) as db, run_hub(db, seed_complaints=0, env=env) as one, \
            run_hub(db, seed_complaints=None, env=env) as two:
        for i in range(ACCOUNT_FAILURES):
            assert sign_in(one, "admin.pupr", f"x{i}", "10.6.3.1").status_code == 401
        retry_after(sign_in(one, "admin.pupr", "x", "10.6.3.1"))
        retry_after(sign_in(two, "admin.pupr", "demo", "10.6.3.2"))  # the other process knows of the lock
        resp = until(lambda: sign_in(two, "admin.pupr", "demo", "10.6.3.2"), lambda r: r.status_code != 429)
        assert resp.status_code == 200
        # ... and of the reset: the first process allows a full round of mistakes again.
        answers = [sign_in(one, "admin.pupr", f"y{i}", "10.6.3.1").status_code for i in range(ACCOUNT_FAILURES)]
        assert answers == [401] * ACCOUNT_FAILURES


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _flood(url: str, stop: threading.Event, statuses: list[int], name: str) -> None:
    """Wrong sign-ins as fast as one thread can send them, all from one attacker's address."""
    while not stop.is_set():
        try:
            statuses.append(sign_in(url, name, "bukan-sandinya", "10.6.4.1").status_code)
        except requests.RequestException:
            statuses.append(0)


def test_the_api_answers_during_a_sign_in_flood(limits_hub: str) -> None:
    reader = HubClient(limits_hub, "admin.pupr", device_id="dev-flood-reader")
    access = access_of(reader)
    stop, statuses = threading.Event(), list[int]()  # list.append is atomic: the threads share it
    names = ["staf.dishub", "admin.dishub", "staf.dlh", "admin.dlh"]
    threads = [threading.Thread(target=_flood, args=(limits_hub, stop, statuses, names[i % 4])) for i in range(16)]
    for t in threads:
        t.start()
    try:
        deadline = time.monotonic() + 60
        while len(statuses) < 32 and time.monotonic() < deadline:  # the flood is under way
            time.sleep(0.05)
        answered = [changes(limits_hub, access) for _ in range(20)]
        # The address lock needs its count of checked (401) failures; on a busy machine most attempts may be
        # turned away as busy (503) first, so the flood goes on until the lock answers or a minute passes.
        deadline = time.monotonic() + 60
        while 429 not in statuses and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        for t in threads:
            t.join(60)
    assert answered == [200] * 20
    assert 429 in statuses, sorted(set(statuses))
    assert set(statuses) <= {401, 429, 503}, sorted(set(statuses))


def _one_of_a_burst(url: str, gate: threading.Barrier, burst: list[requests.Response], address: str) -> None:
    gate.wait()
    burst.append(sign_in(url, f"q{uuid.uuid4().hex[:8]}", "x", address))


def test_a_full_hashing_queue_answers_503_at_once(limits_hub: str) -> None:
    """1 worker + a queue of 2: of a burst of 12 sign-ins that no lock stops (new names, new addresses) some cannot
    wait for a hash; meanwhile the API answers."""
    access = access_of(HubClient(limits_hub, "kepala.pupr", device_id="dev-burst-reader"))
    deadline, seen, answered = time.monotonic() + 60, list[requests.Response](), list[int]()
    while time.monotonic() < deadline and not any(r.status_code == 503 for r in seen):
        burst: list[requests.Response] = []
        gate = threading.Barrier(12)
        threads = [threading.Thread(target=_one_of_a_burst, args=(limits_hub, gate, burst, f"10.8.{len(seen) % 250}.{i}"))
                   for i in range(12)]
        for t in threads:
            t.start()
        answered.append(changes(limits_hub, access))
        for t in threads:
            t.join(60)
        seen.extend(burst)
    busy = [r for r in seen if r.status_code == 503]
    assert busy, sorted({r.status_code for r in seen})
    assert busy[0].json()["code"] == "sign_in_busy"
    assert busy[0].headers.get("Retry-After", "").isdigit()
    assert {r.status_code for r in seen} <= {401, 503}
    assert set(answered) == {200}


# ---------------------------------------------------------------- item 7: no username oracle


def test_unknown_and_deactivated_users_cost_one_verification_like_real_users(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'hub.db'}")
    upgrade(engine)
    seed(engine, complaints=0)
    sessions = make_sessionmaker(engine)
    with sessions() as session, session.begin():
        session.execute(update(User).where(User.username == "staf.dinkes").values(active=False))
    verified: list[str] = []

    def counting(stored: str, password: str) -> bool:
        verified.append(stored)
        return auth.verify_password(stored, password)  # the real argon2 verification, counted

    guard = SignInGuard(engine, sessions, GuardSettings())
    passwords = auth.PasswordPool(workers=1, queue=4, verify=counting)
    dummy_params = extract_parameters(auth.dummy_hash())
    assert dummy_params == extract_parameters(PasswordHasher().hash("sama"))  # the hasher's own parameters

    async def attempt(username: str, password: str) -> tuple[int, str]:
        try:
            await auth.login(sessions, guard, passwords, username, password, "dev-oracle", "10.9.9.9")
        except HubError as exc:
            return exc.status, exc.code
        return 200, "ok"

    outcomes = {}
    for username, password in [("admin.pupr", "salah"), ("orang.asing", "salah"), ("staf.dinkes", "salah"),
                               ("staf.dinkes", "demo"), ("admin.pupr", "demo")]:
        verified.clear()
        outcomes[(username, password)] = asyncio.run(attempt(username, password))
        assert len(verified) == 1, (username, verified)
        assert extract_parameters(verified[0]) == dummy_params
    passwords.close()
    # Unknown, deactivated and wrong answer alike; only the right password of an active user signs in.
    assert outcomes == {("admin.pupr", "salah"): (401, "bad_credentials"),
                        ("orang.asing", "salah"): (401, "bad_credentials"),
                        ("staf.dinkes", "salah"): (401, "bad_credentials"),
                        ("staf.dinkes", "demo"): (401, "bad_credentials"),
                        ("admin.pupr", "demo"): (200, "ok")}


# ---------------------------------------------------------------- item 8: the token's device, refresh families


def test_an_ops_event_records_the_device_of_the_token(login: Callable[..., HubClient], pool: ComplaintPool) -> None:
    c = login("admin.pupr", device_id="dev-token-device")
    target = pool.take(c)[0]
    op = note(target["id"], "dari perangkat lain?")
    resp = c.http.post(f"{c.url}/api/v1/ops", json={"device_id": "dev-body-says-otherwise", "ops": [op]})
    assert resp.status_code == 200 and resp.json()["results"][0]["status"] == "applied", resp.text
    c.pull()
    events = [e for e in c.of_type("event") if e["op_id"] == op["op_id"]]
    assert [e["device_id"] for e in events] == ["dev-token-device"]


def _tokens(resp: requests.Response) -> tuple[str, str]:
    assert resp.status_code == 200, resp.text
    body: dict[str, Any] = resp.json()
    return body["access_token"], body["refresh_token"]


def test_reusing_a_used_refresh_token_revokes_its_family(hub: str) -> None:
    c = HubClient(hub, "staf.pupr", device_id="dev-family")
    first = c.refresh_token
    _, second = _tokens(refresh(hub, first, "dev-family"))
    newest_access, newest_refresh = _tokens(refresh(hub, second, "dev-family"))
    assert changes(hub, newest_access) == 200
    # `first` was used and its successor too: presenting it again is a replay, not a lost answer.
    resp = refresh(hub, first, "dev-family")
    assert (resp.status_code, resp.json()["code"]) == (401, "unauthenticated")
    assert changes(hub, newest_access) == 401
    assert refresh(hub, newest_refresh, "dev-family").status_code == 401
    # Another sign-in of the same user (another family) is untouched.
    assert changes(hub, access_of(HubClient(hub, "staf.pupr", device_id="dev-family"))) == 200


def test_a_refresh_token_from_another_device_revokes_its_family(hub: str) -> None:
    c = HubClient(hub, "staf.pupr", device_id="dev-owner")
    used = c.refresh_token
    access, current = _tokens(refresh(hub, used, "dev-owner"))
    assert refresh(hub, used, "dev-thief").status_code == 401
    assert changes(hub, access) == 401
    assert refresh(hub, current, "dev-owner").status_code == 401
    # An unused one presented by another device: bound to its device, so the family ends too.
    d = HubClient(hub, "staf.pupr", device_id="dev-owner-2")
    assert refresh(hub, d.refresh_token, "dev-thief").status_code == 401
    assert refresh(hub, d.refresh_token, "dev-owner-2").status_code == 401
    assert changes(hub, access_of(d)) == 401


def test_a_lost_refresh_answer_can_be_retried_within_the_grace(hub: str) -> None:
    c = HubClient(hub, "staf.pupr", device_id="dev-weak-link")
    sent = c.refresh_token
    lost_access, lost_refresh = _tokens(refresh(hub, sent, "dev-weak-link"))  # the answer never reached the desk
    access, current = _tokens(refresh(hub, sent, "dev-weak-link"))  # the desk retries with the token it holds
    assert changes(hub, access) == 200
    assert changes(hub, lost_access) == 401  # the pair nobody received is dead: one live pair per family
    newer_access, newer = _tokens(refresh(hub, current, "dev-weak-link"))
    assert changes(hub, newer_access) == 200
    # The lost refresh token turning up later is a replay: the whole family ends.
    assert refresh(hub, lost_refresh, "dev-weak-link").status_code == 401
    assert changes(hub, newer_access) == 401
    assert refresh(hub, newer, "dev-weak-link").status_code == 401


def test_a_retry_after_the_grace_revokes_the_family(limits_hub: str) -> None:
    """LAPOR_HUB_REFRESH_GRACE=0 on this hub: every second use of a refresh token is a replay."""
    resp = sign_in(limits_hub, "kepala.dishub", "demo", "10.6.5.1", device_id="dev-no-grace")
    _, used = _tokens(resp)
    access, current = _tokens(refresh(limits_hub, used, "dev-no-grace"))
    assert refresh(limits_hub, used, "dev-no-grace").status_code == 401
    assert changes(limits_hub, access) == 401
    assert refresh(limits_hub, current, "dev-no-grace").status_code == 401
