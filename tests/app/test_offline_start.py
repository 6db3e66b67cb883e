"""Offline start on a computer without a keyring, headless: the replica opens with its passphrase alone, a pass
waits for the hub to answer and then asks for a sign-in, which attaches to the same open session; an address
typed without a scheme is completed (https first, then http). A real hub runs on loopback (plain http)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import account
from desktop.app.context import JobContext
from desktop.app.session import NotSignedIn
from desktop.app.signin import (
    PassphraseNeeded,
    ReplicaLock,
    SignInRequest,
    WrongAccount,
    complete_server_url,
    http_fallback_allowed,
    open_offline,
    replica_lock,
    resume_session,
    sign_in_and_open,
    sign_in_session,
)
from desktop.store.errors import ReplicaLocked
from desktop.store.keys import SERVICE
from desktop.sync.transport import NetworkError
from desktop.testing.hub import free_port, run_hub
from desktop.testing.memory_keyring import MemoryKeyring

ADMIN, STAFF, PASSWORD, PASSPHRASE = "admin.pupr", "staf.pupr", "demo", "kata sandi yang panjang"


@pytest.fixture(scope="module")
def hub_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("hub") / "hub.db"
    with run_hub(f"sqlite:///{db}", seed_complaints=60) as url:
        yield url


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(account, "keyring_usable", lambda: False)


def _refresh_token(keyring: MemoryKeyring, hub_url: str) -> str | None:
    return keyring.get_password(SERVICE, account.refresh_name(hub_url, ADMIN))


def _first_sign_in(hub_url: str, data: Path) -> None:
    """Sign in once with a passphrase and pull everything, as the first day on this computer."""
    req = SignInRequest(hub_url, ADMIN, PASSWORD, remember=True, passphrase=PASSPHRASE)
    session = sign_in_and_open(req, data, JobContext())
    try:
        assert session.run_once().pulled > 0
    finally:
        session.close()


def test_the_first_time_a_passphrase_is_chosen(hub_url: str, tmp_path: Path, no_keyring: None) -> None:
    data = tmp_path / "data"
    assert replica_lock(hub_url, ADMIN, data) is ReplicaLock.NEW_PASSPHRASE
    with pytest.raises(PassphraseNeeded) as raised:
        sign_in_and_open(SignInRequest(hub_url, ADMIN, PASSWORD), data, JobContext())
    assert raised.value.new
    assert resume_session(hub_url, ADMIN, data, JobContext()) is None  # nothing to open offline yet: sign in
    _first_sign_in(hub_url, data)
    assert replica_lock(hub_url, ADMIN, data) is ReplicaLock.PASSPHRASE
    with pytest.raises(PassphraseNeeded) as raised:
        sign_in_and_open(SignInRequest(hub_url, ADMIN, PASSWORD), data, JobContext())
    assert not raised.value.new  # "enter your passphrase" from now on


def test_offline_start_with_the_passphrase_alone_then_sign_in(
    hub_url: str, tmp_path: Path, no_keyring: None, memory_keyring: MemoryKeyring
) -> None:
    data = tmp_path / "data"
    _first_sign_in(hub_url, data)
    assert _refresh_token(memory_keyring, hub_url) is None

    with pytest.raises(PassphraseNeeded) as raised:  # the restart: the caller asks for the passphrase alone
        resume_session(hub_url, ADMIN, data, JobContext())
    assert not raised.value.new
    with pytest.raises(ReplicaLocked):
        open_offline(hub_url, ADMIN, data, "salah", JobContext())

    session = open_offline(hub_url, ADMIN, data, PASSPHRASE, JobContext())
    try:
        assert not session.signed_in and session.can_sync and not session.status().online
        assert session.queue_source().count(session.initial_query()) > 0  # the queue is there, offline
        with pytest.raises(NotSignedIn):  # the hub answers: a pass asks for a sign-in
            session.run_once()
        assert session.status().online

        replica = session.replica
        req = SignInRequest(hub_url, ADMIN, PASSWORD, remember=True)
        assert sign_in_session(session, req, data, JobContext()) is session
        assert session.signed_in and session.replica is replica  # the same open replica
        assert session.run_once().cancelled is False
        # no keyring: the refresh token lives in memory only
        assert _refresh_token(memory_keyring, hub_url) is None
    finally:
        session.close()


def test_a_session_not_signed_in_waits_for_the_hub(tmp_path: Path, no_keyring: None) -> None:
    data = tmp_path / "data"
    with run_hub(f"sqlite:///{tmp_path / 'hub.db'}", seed_complaints=5) as url:
        _first_sign_in(url, data)
    session = open_offline(url, ADMIN, data, PASSPHRASE, JobContext())
    try:  # the hub is gone: a pass fails as unreachable (the runner retries it), not as "sign in"
        with pytest.raises(NetworkError):
            session.run_once()
        assert not session.status().online
    finally:
        session.close()


def test_signing_in_as_another_account_is_refused(hub_url: str, tmp_path: Path, no_keyring: None) -> None:
    data = tmp_path / "data"
    _first_sign_in(hub_url, data)
    session = open_offline(hub_url, ADMIN, data, PASSPHRASE, JobContext())
    try:
        with pytest.raises(WrongAccount):
            sign_in_session(session, SignInRequest(hub_url, STAFF, PASSWORD), data, JobContext())
        assert not session.signed_in
    finally:
        session.close()


def test_a_keyring_session_also_opens_with_its_passphrase(
    hub_url: str, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """A replica made with a passphrase (the keyring was out then) on a computer whose keyring works now: the
    passphrase opens it and the refresh token kept in the keyring signs the first pass in."""
    data = tmp_path / "data"
    _first_sign_in(hub_url, data)
    assert _refresh_token(memory_keyring, hub_url)
    with pytest.raises(PassphraseNeeded):
        resume_session(hub_url, ADMIN, data, JobContext())
    session = open_offline(hub_url, ADMIN, data, PASSPHRASE, JobContext())
    try:
        assert session.signed_in
        assert session.run_once().cancelled is False
    finally:
        session.close()


def test_an_address_without_scheme_is_completed(hub_url: str, tmp_path: Path) -> None:
    typed = hub_url.removeprefix("http://")  # "127.0.0.1:PORT": https fails there (plain http), http answers
    assert complete_server_url(typed) == hub_url
    assert complete_server_url(f" {hub_url}/ ") == hub_url  # one with its scheme is kept as it is
    session = sign_in_and_open(SignInRequest(typed, ADMIN, PASSWORD), tmp_path / "data", JobContext())
    try:
        assert session.server_url == hub_url and session.signed_in
    finally:
        session.close()
    with pytest.raises(NetworkError):  # nothing answers at all: unreachable
        complete_server_url(f"127.0.0.1:{free_port()}")


def test_plain_http_is_tried_only_on_this_machine_or_the_office_network() -> None:
    """A password goes over plain http only where it stays inside the office: never to a public address."""
    for near in ("127.0.0.1:8750", "localhost:8750", "192.168.1.10", "10.0.0.5:8750", "[::1]:8750", "169.254.3.4"):
        assert http_fallback_allowed(near), near
    for far in ("lapor.baritokualakab.go.id", "36.94.10.5:8750", "8.8.8.8", "hub.example.org:443", ""):
        assert not http_fallback_allowed(far), far
