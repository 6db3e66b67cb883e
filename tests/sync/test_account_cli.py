"""Signing in (keyring), and `lapor-desk sync` end to end as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
import requests
from keyring.backends import fail

from desktop import account
from desktop.paths import server_key
from desktop.store.errors import KeyringUnavailable
from desktop.sync.transport import AuthError, NetworkError, Transport
from desktop.testing.hub import REPO, free_port
from tests.sync.conftest import ADMIN, PASSWORD


def test_sign_in_keeps_refresh_token_and_optionally_password(hub_url: str) -> None:
    signed = account.sign_in(hub_url, ADMIN, PASSWORD, "dev-a")
    assert signed.stored and signed.user["username"] == ADMIN
    srv = server_key(hub_url)
    token = keyring.get_password("lapor-desk", f"refresh:{srv}:{ADMIN}")
    assert token
    assert keyring.get_password("lapor-desk", f"password:{srv}:{ADMIN}") is None
    # resuming rotates the token and needs no password
    resumed = account.resume(hub_url, ADMIN, "dev-a")
    assert resumed is not None and resumed.user["username"] == ADMIN
    rotated = keyring.get_password("lapor-desk", f"refresh:{srv}:{ADMIN}")
    assert rotated and rotated != token
    assert resumed.transport.changes(0, 1)["changes"]

    account.sign_in(hub_url, ADMIN, PASSWORD, "dev-a", remember_password=True)
    assert account.stored_password(hub_url, ADMIN) == PASSWORD
    account.forget(hub_url, ADMIN)
    assert account.stored_password(hub_url, ADMIN) is None
    assert account.resume(hub_url, ADMIN, "dev-a") is None


def test_dead_refresh_token_is_forgotten(hub_url: str) -> None:
    keyring.set_password("lapor-desk", f"refresh:{server_key(hub_url)}:{ADMIN}", "bogus")
    with pytest.raises(AuthError):
        account.resume(hub_url, ADMIN, "dev-a")
    assert keyring.get_password("lapor-desk", f"refresh:{server_key(hub_url)}:{ADMIN}") is None


def test_no_keyring_is_surfaced_before_sending_anything(hub_url: str) -> None:
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(KeyringUnavailable):
        account.sign_in(hub_url, ADMIN, PASSWORD, "dev-a")
    signed = account.sign_in(hub_url, ADMIN, PASSWORD, "dev-a", allow_no_keyring=True)
    assert not signed.stored


def test_network_error_is_typed() -> None:
    with pytest.raises(NetworkError):
        Transport(f"http://127.0.0.1:{free_port()}", "d", timeout=(2, 2)).sign_in("x", "y")


def test_device_id_is_persisted(tmp_path: Path) -> None:
    first = account.device_id(tmp_path)
    assert account.device_id(tmp_path) == first
    assert (tmp_path / "device_id").read_text().strip() == first


def _cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", **env}
    return subprocess.run([sys.executable, "-m", "desktop", "sync", *args], cwd=REPO, env=full, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def test_cli_sync_json_end_to_end(hub_url: str, tmp_path: Path) -> None:
    base = ["--server", hub_url, "--user", ADMIN, "--data-dir", str(tmp_path), "--passphrase-env", "LAPOR_TEST_PASS"]
    env = {"LAPOR_DESK_PASSWORD": PASSWORD, "LAPOR_TEST_PASS": "kopi susu"}
    first = _cli([*base, "--json"], env)
    assert first.returncode == 0, first.stderr
    out = json.loads(first.stdout)
    assert set(out) == {"pulled", "pushed", "conflicts", "rejected", "seconds"}
    assert out["pulled"] > 0
    again = _cli([*base, "--json"], env)
    assert again.returncode == 0 and json.loads(again.stdout)["pulled"] == 0
    human = _cli(base, env)
    assert human.returncode == 0 and human.stdout.startswith("Synced:")
    # the replica on disk is encrypted: no complaint text in the raw files
    replica_dir = tmp_path / "accounts"
    raw = b"".join(p.read_bytes() for p in replica_dir.rglob("replica.db*"))
    assert b"Kalimantan" not in raw and b"SQLite format" not in raw
    assert PASSWORD.encode() not in b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    ("case", "needle"),
    [("wrong_password", "wrong username or password"), ("wrong_passphrase", "replica locked"),
     ("no_network", "no connection"), ("no_password", "LAPOR_DESK_PASSWORD"), ("no_keyring", "--passphrase-env"),
     ("locked_out", "too many failed attempts, try again in 1 minute")],
)  # fmt: skip
def test_cli_errors_are_one_line_exit_2(hub_url: str, tmp_path: Path, case: str, needle: str) -> None:
    server = hub_url
    env = {"LAPOR_DESK_PASSWORD": PASSWORD, "LAPOR_TEST_PASS": "kopi susu"}
    args = ["--user", ADMIN, "--data-dir", str(tmp_path), "--passphrase-env", "LAPOR_TEST_PASS"]
    if case == "wrong_password":
        env["LAPOR_DESK_PASSWORD"] = "salah"
    elif case == "wrong_passphrase":
        assert _cli(["--server", server, *args], env).returncode == 0
        env["LAPOR_TEST_PASS"] = "teh manis"
    elif case == "no_network":
        server = f"http://127.0.0.1:{free_port()}"
    elif case == "no_password":
        env["LAPOR_DESK_PASSWORD"] = ""
    elif case == "no_keyring":
        args = args[:-2]
    elif case == "locked_out":  # someone guessed this account's password: the right one is refused for a while
        args[1] = "kepala.dinsos"
        for _ in range(6):
            requests.post(f"{server}/api/v1/auth/token", timeout=30,
                          json={"username": "kepala.dinsos", "password": "tebakan", "device_id": "dev-guesser"})
    proc = _cli(["--server", server, *args], env)
    assert proc.returncode == 2
    assert needle in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
