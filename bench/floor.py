"""The floor a first sync is measured against: the same change records as plain gzip'd JSON pages, served over
loopback by the standard library and written into bare sqlite3 (one flat table per record type, no indexes beyond
the primary key, no FTS, one transaction per page). Anything the desk does beyond that is its own overhead."""

from __future__ import annotations

import gzip
import json
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import orjson
import requests


@dataclass(frozen=True)
class FloorResult:
    seconds: float
    records: int
    wire_bytes: int


def _handler_for(pages: Sequence[bytes]) -> type[BaseHTTPRequestHandler]:
    class PageHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in separate writes; without this, Nagle + delayed ACK add ~40 ms a page.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            index = int(self.path.rsplit("/", 1)[-1])
            # Compressed per request, as a real server does for a response it has not seen before.
            body = gzip.compress(pages[index], compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    return PageHandler


@contextmanager
def _serve(pages: Sequence[bytes]) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(pages))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _flat(value: Any) -> Any:
    return orjson.dumps(value).decode() if isinstance(value, dict | list) else value


def measure_floor(changes: Sequence[dict[str, Any]], page_size: int, db_path: Path) -> FloorResult:
    """Serve `changes` (as received from the hub's feed) in pages and load them into a bare sqlite3 file."""
    pages = [
        json.dumps({"changes": list(changes[i : i + page_size])}, ensure_ascii=False).encode()
        for i in range(0, len(changes), page_size)
    ]
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    tables: dict[str, list[str]] = {}
    wire = 0
    with _serve(pages) as base, requests.Session() as http:
        started = time.perf_counter()
        for index in range(len(pages)):
            response = http.get(f"{base}/page/{index}", timeout=60)
            response.raise_for_status()
            wire += int(response.headers.get("Content-Length", 0))
            by_type: dict[str, list[dict[str, Any]]] = {}
            for change in orjson.loads(response.content)["changes"]:  # the desk decodes with orjson too
                if change.get("data"):
                    by_type.setdefault(change["type"], []).append(change["data"])
            conn.execute("BEGIN")
            for kind, records in by_type.items():
                columns = tables.get(kind)
                if columns is None:
                    columns = sorted(records[0])
                    tables[kind] = columns
                    cols = ", ".join(f'"{c}"' + (" PRIMARY KEY" if c == "id" else "") for c in columns)
                    conn.execute(f'CREATE TABLE "{kind}" ({cols})')
                marks = ", ".join("?" for _ in columns)
                conn.executemany(
                    f'INSERT OR REPLACE INTO "{kind}" VALUES ({marks})',
                    [tuple(_flat(r.get(c)) for c in columns) for r in records],
                )
            conn.execute("COMMIT")
        seconds = time.perf_counter() - started
    conn.close()
    return FloorResult(seconds=seconds, records=len(changes), wire_bytes=wire)
