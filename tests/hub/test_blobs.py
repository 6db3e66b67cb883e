"""The blob lane: resumable chunked upload (the hub's offset is the truth), hash check, limits, Range, permission."""

from __future__ import annotations

import hashlib
import os
import socket
import time
import uuid
from collections.abc import Callable
from urllib.parse import urlsplit

import requests

from tests.hub.client import HEADERS, HubClient
from tests.hub.conftest import ComplaintPool

User = Callable[[str], HubClient]
PDF = "application/pdf"


def blob_url(c: HubClient, digest: str) -> str:
    return f"{c.url}/api/v1/blobs/{digest}"


def put(c: HubClient, digest: str, data: bytes, start: int, total: int, mime: str = PDF,
        **headers: str) -> requests.Response:
    return c.http.put(blob_url(c, digest), data=data, headers={
        "Content-Range": f"bytes {start}-{start + len(data) - 1}/{total}", "X-Blob-Type": mime, **headers})


def head(c: HubClient, digest: str) -> requests.Response:
    resp = c.http.head(blob_url(c, digest))
    assert resp.status_code == 200
    return resp


def test_chunked_upload_resumes_at_the_hubs_offset(user: User) -> None:
    c = user("staf.pupr")
    data = os.urandom(300_000)
    digest = hashlib.sha256(data).hexdigest()
    assert head(c, digest).headers["X-Blob-Offset"] == "0"
    r = put(c, digest, data[:100_000], 0, len(data))
    assert (r.status_code, r.headers["X-Blob-Offset"], r.headers["X-Blob-Complete"]) == (200, "100000", "0")
    h = head(c, digest)
    assert (h.headers["X-Blob-Offset"], h.headers["X-Blob-Complete"], h.headers["X-Blob-Size"]) == (
        "100000", "0", "300000")
    # A desk that believes it sent more (its answer was lost) is told where to continue.
    wrong = put(c, digest, data[150_000:200_000], 150_000, len(data))
    assert (wrong.status_code, wrong.json()["code"], wrong.headers["X-Blob-Offset"]) == (409, "offset_mismatch",
                                                                                       "100000")
    assert wrong.json()["offset"] == 100_000
    r = put(c, digest, data[100_000:], 100_000, len(data))
    assert (r.status_code, r.headers["X-Blob-Complete"], r.headers["X-Blob-Offset"]) == (201, "1", "300000")
    assert head(c, digest).headers["X-Blob-Complete"] == "1"
    again = put(c, digest, data[:10], 0, len(data))  # deduplicated: already complete, nothing to send
    assert (again.status_code, again.headers["X-Blob-Complete"]) == (200, "1")
    got = c.http.get(blob_url(c, digest))  # the uploader may read it back before any attachment exists
    assert got.status_code == 200 and got.content == data and got.headers.get("Content-Encoding") is None


def test_a_connection_cut_mid_chunk_keeps_what_arrived(user: User) -> None:
    c = user("staf.pupr")
    data = os.urandom(200_000)
    digest = hashlib.sha256(data).hexdigest()
    url = urlsplit(c.url)
    chunk = data[:150_000]
    head_lines = [f"PUT /api/v1/blobs/{digest} HTTP/1.1", f"Host: {url.netloc}", "X-Lapor-Protocol: 1",
                  f"Authorization: {c.http.headers['Authorization']}", f"X-Blob-Type: {PDF}",
                  f"Content-Range: bytes 0-{len(chunk) - 1}/{len(data)}", f"Content-Length: {len(chunk)}", "", ""]
    with socket.create_connection((url.hostname, url.port)) as s:
        s.sendall("\r\n".join(head_lines).encode() + chunk[:60_000])
        time.sleep(0.2)
    deadline = time.monotonic() + 5
    while head(c, digest).headers["X-Blob-Offset"] != "60000":
        assert time.monotonic() < deadline, head(c, digest).headers
        time.sleep(0.05)
    r = put(c, digest, data[60_000:], 60_000, len(data))
    assert (r.status_code, r.headers["X-Blob-Complete"]) == (201, "1")
    assert c.http.get(blob_url(c, digest)).content == data


def test_hash_mismatch_discards_the_upload(user: User) -> None:
    c = user("staf.pupr")
    data = os.urandom(5000)
    digest = hashlib.sha256(b"something else").hexdigest()
    r = put(c, digest, data, 0, len(data))
    assert (r.status_code, r.json()["code"]) == (422, "hash_mismatch")
    assert head(c, digest).headers["X-Blob-Offset"] == "0"
    assert c.http.get(blob_url(c, digest)).status_code == 404


def test_limits_type_and_malformed_requests(user: User) -> None:
    c = user("staf.pupr")
    data = os.urandom(1000)
    digest = hashlib.sha256(data).hexdigest()
    big = put(c, digest, data, 0, 2 * 1024 * 1024 + 1)
    assert (big.status_code, big.json()["code"]) == (413, "too_large")
    exe = put(c, digest, data, 0, len(data), mime="application/x-msdownload")
    assert (exe.status_code, exe.json()["code"]) == (415, "bad_type")
    named = put(c, digest, data, 0, len(data), **{"X-Blob-Name": "virus.exe"})
    assert (named.status_code, named.json()["code"]) == (415, "bad_type")
    no_range = c.http.put(blob_url(c, digest), data=data, headers={"X-Blob-Type": PDF})
    assert (no_range.status_code, no_range.json()["code"]) == (400, "bad_range")
    assert c.http.head(blob_url(c, "nothex")).status_code == 422
    anonymous = requests.put(blob_url(c, digest), data=data, headers={
        **HEADERS, "Content-Range": f"bytes 0-999/{len(data)}", "X-Blob-Type": PDF})
    assert anonymous.status_code == 401
    assert head(c, digest).headers["X-Blob-Offset"] == "0"  # nothing refused was written


def test_range_download_and_who_may_read(user: User, pool: ComplaintPool) -> None:
    staff, other_opd, coord = user("staf.pupr"), user("staf.dinkes"), user("koordinator")
    admin = user("admin.pupr")
    data = os.urandom(50_000)
    digest = hashlib.sha256(data).hexdigest()
    assert put(admin, digest, data, 0, len(data), mime="image/jpeg").status_code == 201
    for c in (staff, other_opd, coord):
        assert c.http.get(blob_url(c, digest)).status_code == 404  # no attachment refers to it yet
    target = pool.take(admin)[0]
    r = admin.op("attachment.add", target["id"], {
        "attachment_id": str(uuid.uuid4()), "owner_type": "complaint", "owner_id": target["id"],
        "filename": "lokasi.jpg", "mime": "image/jpeg", "size": len(data), "sha256": digest})
    assert r["status"] == "applied"
    full = staff.http.get(blob_url(staff, digest))
    assert (full.status_code, full.content, full.headers["Content-Type"]) == (200, data, "image/jpeg")
    assert full.headers["Accept-Ranges"] == "bytes"
    part = staff.http.get(blob_url(staff, digest), headers={"Range": "bytes=1000-1999"})
    assert (part.status_code, part.content, part.headers["Content-Range"]) == (
        206, data[1000:2000], f"bytes 1000-1999/{len(data)}")
    tail = staff.http.get(blob_url(staff, digest), headers={"Range": "bytes=49000-"})
    assert (tail.status_code, tail.content) == (206, data[49000:])
    suffix = staff.http.get(blob_url(staff, digest), headers={"Range": "bytes=-10"})
    assert suffix.content == data[-10:]
    beyond = staff.http.get(blob_url(staff, digest), headers={"Range": "bytes=60000-"})
    assert (beyond.status_code, beyond.headers["Content-Range"]) == (416, f"bytes */{len(data)}")
    assert coord.http.get(blob_url(coord, digest)).status_code == 200
    assert other_opd.http.get(blob_url(other_opd, digest)).status_code == 404
