"""The window's service layer: binds the `DeskSession` interface to the replica, the account and the sync engine.

Nothing here imports Qt. Every function that talks to the network or opens a replica is meant to run on a
`JobRunner` lane, never on the GUI thread; the queue queries are fast local SQL and may run where the model asks.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from desktop.domain.attachments import HEAD_BYTES, classify
from desktop.store import queue as store_queue
from desktop.store.engine import Replica, open_replica
from desktop.ui.jobs import JobContext
from desktop.ui.queue_model import QueueQuery
from desktop.ui.session import SyncStatus

log = logging.getLogger(__name__)


class WorkingOffline(RuntimeError):
    """ "Kerja luring" is on: nothing goes over the network until it is turned off."""


@dataclass(frozen=True)
class Lookups:
    """The choices of the filter bar."""

    categories: tuple[tuple[str, str], ...]  # (id, name)
    kecamatans: tuple[str, ...]


@dataclass(frozen=True)
class OutboxItem:
    """One op of the outbox with the complaint it is about, for the Kotak keluar list."""

    seq: int
    op_id: str
    kind: str
    state: str
    reason: str | None
    created_at: str
    attempts: int
    complaint_id: str | None
    tracking_id: int | None
    title: str


class StoreQueueSource:
    """The model's queries, bound to one replica."""

    # page() may run on the model's read-ahead thread (each thread its own connection)
    concurrent_reads = True

    def __init__(self, replica: Replica, clock: Any = None, now: Any = None) -> None:
        self._replica = replica
        self._clock = clock  # callable returning the office's SlaClock (cached by the session)
        self._now = now  # callable returning "now" (tests); default: the current time
        # Counts by filter, until the data changes (a sync, a local action): switching back to a queue or a search
        # costs no count query, and the plain queues' counts come from the panel's background read.
        self._counts: dict[Any, int] = {}
        self.generation = 0

    def count(self, query: QueueQuery) -> int:
        found = self._counts.get(query.filter)
        if found is None:
            found = self._counts[query.filter] = store_queue.count(self._replica, query.filter)
        return found

    def invalidate(self) -> None:
        """The replica changed: forget the cached counts (and any count read before now)."""
        self._counts.clear()
        self.generation += 1

    def prime_counts(self, generation: int, counts: dict[str, int]) -> None:
        """Take the queue counts read in the background, unless the data changed since they were read."""
        if generation != self.generation:
            return
        for key, value in counts.items():
            if key in store_queue.QUEUES:
                self._counts[store_queue.QueueFilter(queue=key)] = int(value)

    def ids(self, query: QueueQuery, offset: int, limit: int) -> list[str]:
        sort = store_queue.SortKey(query.sort_column, query.descending)
        return store_queue.ids(self._replica, query.filter, sort, offset, limit)

    def rows(self, ids: Sequence[str]) -> list[Any]:
        return list(store_queue.rows(self._replica, list(ids)))

    def page(self, query: QueueQuery, offset: int, limit: int) -> list[Any]:
        """Ids, rows and deadlines of one window in one query (the model prefers this to ids + rows)."""
        sort = store_queue.SortKey(query.sort_column, query.descending)
        clock = self._clock() if self._clock is not None else store_queue.office_clock(self._replica)
        now = self._now() if self._now else None
        return store_queue.page(self._replica, query.filter, sort, offset, limit, clock=clock, now=now)

    def deadlines(self, ids: Sequence[str]) -> dict[str, Any]:
        clock = self._clock() if self._clock is not None else store_queue.office_clock(self._replica)
        return store_queue.deadlines(self._replica, list(ids), clock, self._now() if self._now else None)


def _parse_time(value: Any) -> dt.datetime | None:
    if not value:
        return None
    if isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


class StoreSession:
    """One signed-in account: its replica, and (when online) what is needed to sync it."""

    def __init__(
        self,
        replica: Replica,
        *,
        user: dict[str, Any] | None = None,
        server_url: str | None = None,
        sync: Any = None,
        cleanup: Path | None = None,
        transport: Any = None,
    ) -> None:
        self.replica = replica
        # The signed-in transport (refreshes its own token), for on-demand downloads; None when offline-only.
        self.transport = transport
        self.user = user or store_queue.current_user(replica) or {}
        self.server_url = server_url
        self._sync = sync  # callable(ctx) -> summary, or None when this session cannot sync
        self._online: bool = sync is not None
        self._cleanup = cleanup
        self._work_offline = False
        self._clock: Any = None
        self._wire_bytes_at_start = int(replica.sync_state().get("wire_bytes") or 0)

    @property
    def user_label(self) -> str:
        name = self.user.get("full_name") or self.user.get("username") or ""
        return str(name)

    @property
    def can_sync(self) -> bool:
        return self._sync is not None

    @property
    def work_offline(self) -> bool:
        return self._work_offline

    def set_work_offline(self, on: bool) -> None:
        self._work_offline = bool(on)

    def queue_source(self) -> StoreQueueSource:
        return StoreQueueSource(self.replica, self.clock)

    def clock(self) -> Any:
        """The office's working-day clock; read once, again after each sync (holidays and limits may change)."""
        if self._clock is None:
            self._clock = store_queue.office_clock(self.replica)
        return self._clock

    def initial_query(self) -> QueueQuery:
        return QueueQuery(store_queue.QueueFilter(queue="all"), "arrived_at", True)

    def with_search(self, query: QueueQuery, text: str) -> QueueQuery:
        return replace(query, filter=replace(query.filter, search=text))

    def with_filter(self, query: QueueQuery, **fields: Any) -> QueueQuery:
        """``query`` with some filter fields changed (queue, status, category_id, kecamatan, channel, date_from ...)."""
        return replace(query, filter=replace(query.filter, **fields))

    def queue_counts(self) -> dict[str, int]:
        counts = store_queue.queue_counts(self.replica)
        # The Konflik queue lists the open conflict records (a departure's complaint is gone from the mirror).
        counts["conflicts"] = count_conflicts(self.replica)
        return counts

    def lookups(self) -> Lookups:
        cats = tuple((c.id, c.name) for c in store_queue.categories(self.replica))
        return Lookups(categories=cats, kecamatans=tuple(store_queue.kecamatans(self.replica)))

    def outbox_items(self) -> list[OutboxItem]:
        ops = store_queue.outbox(self.replica)
        wanted = sorted({op.complaint_id for op in ops if op.complaint_id})
        by_id = {r.id: r for r in store_queue.rows(self.replica, wanted)}
        out = []
        for op in ops:
            row = by_id.get(op.complaint_id or "")
            out.append(
                OutboxItem(
                    seq=op.seq,
                    op_id=op.op_id,
                    kind=op.kind,
                    state=op.state,
                    reason=op.reason,
                    created_at=op.created_at,
                    attempts=op.attempts,
                    complaint_id=op.complaint_id,
                    tracking_id=row.tracking_id if row else None,
                    title=row.title if row else "",
                )
            )
        return out

    def detail(self, complaint_id: str) -> Any:
        try:
            return store_queue.detail(self.replica, complaint_id)
        except store_queue.NotFound:
            return None

    def status(self) -> SyncStatus:
        state = self.replica.sync_state()
        pending = len(store_queue.outbox(self.replica, store_queue.PENDING_STATES))
        return SyncStatus(
            online=self._online and not self._work_offline,
            last_sync_at=_parse_time(state.get("last_sync_at")),
            pending_ops=pending,
            wire_bytes=max(0, int(state.get("wire_bytes") or 0) - self._wire_bytes_at_start),
            work_offline=self._work_offline,
        )

    def sync_once(self, ctx: JobContext) -> Any:
        if self._sync is None:
            raise RuntimeError("this session cannot sync")
        if self._work_offline:
            raise WorkingOffline("work offline is on")
        try:
            result = self._sync(ctx)
        except Exception as exc:
            from desktop.ui.errors import ErrorKind, classify_error

            if classify_error(exc) is ErrorKind.UNREACHABLE:
                self._online = False
            raise
        self._online = True
        self._clock = None
        return result

    def close(self) -> None:
        self.replica.close()
        if self._cleanup is not None:
            shutil.rmtree(self._cleanup, ignore_errors=True)


def open_empty_session(data_dir: Path) -> StoreSession:
    """A throw-away empty replica (for `--smoke` without `--demo`): real schema, real queries, no account."""
    folder = Path(tempfile.mkdtemp(prefix="smoke-", dir=data_dir))
    replica = open_replica(folder / "replica.db", secrets.token_hex(32))
    return StoreSession(replica, user={"username": "smoke"}, cleanup=folder)


# ------------------------------------------------------------------ signing in (network lane)
def _sync_callable(replica: Replica, transport: Any, device: str) -> Any:
    from desktop.sync.engine import SyncEngine

    engine = SyncEngine(replica, transport, device)

    def run(ctx: JobContext) -> Any:
        return engine.run_once(progress=ctx.progress, cancel=ctx.cancel_event)

    return run


def authenticate_and_open(req: Any, data_dir: Path, ctx: JobContext) -> StoreSession:
    """Sign in, open (or create) the account's replica, and return a session ready to sync.

    Raises the transport's errors (AuthError, NetworkError ...), KeyringUnavailable (the dialog then asks for a
    passphrase and calls again with it), ReplicaLocked (wrong passphrase) and ReplicaTooNew."""
    from desktop import account
    from desktop.store.engine import open_account

    device = account.device_id(data_dir)
    with_passphrase = bool(req.passphrase)
    signed = account.sign_in(
        req.server_url,
        req.username,
        req.password,
        device,
        allow_no_keyring=with_passphrase,
    )
    try:
        ctx.check()
        if not req.remember and signed.stored:
            # "Remember me" off: the session lasts while the app runs; no refresh token stays in the keyring.
            signed.transport.on_refresh_token = None
            account.forget(req.server_url, req.username)
        replica = open_account(req.server_url, req.username, data_dir=data_dir, passphrase=req.passphrase)
    except BaseException:
        signed.transport.close()
        raise
    replica.set_account(req.server_url, signed.user)
    return StoreSession(
        replica,
        user=signed.user,
        server_url=req.server_url,
        sync=_sync_callable(replica, signed.transport, device),
        transport=signed.transport,
    )


DEMO_SERVER_ID = "http://demo.lapor-desk.invalid"


def open_demo_replica(data_dir: Path, username: str) -> Replica:
    """The demo's replica lives at a fixed place (the embedded hub's port changes every run). It is only a copy of
    the demo hub, so one that cannot be opened any more (its key was in a keyring that is gone) is started afresh."""
    from desktop.account import keyring_usable
    from desktop.store.errors import KeyringUnavailable, ReplicaLocked
    from desktop.store.keys import resolve_key

    path = data_dir / "demo" / username / "replica.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    passphrase = None if keyring_usable() else "lapor-desk-demo"
    try:
        return open_replica(path, resolve_key(DEMO_SERVER_ID, username, path, passphrase))
    except (ReplicaLocked, KeyringUnavailable):
        log.warning("demo replica could not be opened; starting a fresh one")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.with_name("replica.salt").unlink(missing_ok=True)
        return open_replica(path, resolve_key(DEMO_SERVER_ID, username, path, passphrase))


def start_demo(
    data_dir: Path, username: str, password: str, ctx: JobContext, seed_complaints: int = 2000
) -> tuple[Any, StoreSession]:
    """Start the embedded hub (seeded on first use, kept in the data dir), sign in, and pull everything."""
    from desktop import account
    from server.embedded import start_embedded_hub

    ctx.progress("hub")
    hub = start_embedded_hub(f"sqlite:///{data_dir / 'demo-hub.sqlite'}", seed_complaints=seed_complaints)
    try:
        ctx.progress("sign-in")
        device = account.device_id(data_dir)
        signed = account.sign_in(hub.url, username, password, device, allow_no_keyring=True)
        # The demo's session lasts while the app runs: its hub's address changes on every start.
        signed.transport.on_refresh_token = None
        if signed.stored:
            account.forget(hub.url, username)
        replica = open_demo_replica(data_dir, username)
        replica.set_account(hub.url, signed.user)
        session = StoreSession(
            replica,
            user=signed.user,
            server_url=hub.url,
            sync=_sync_callable(replica, signed.transport, device),
            transport=signed.transport,
        )
        ctx.progress("sync")
        session.sync_once(ctx)
    except BaseException:
        hub.stop()
        raise
    return hub, session


def resume_session(server_url: str, username: str, data_dir: Path, ctx: JobContext) -> StoreSession | None:
    """Start where the user left off, without a password and without the network: the replica opens from the
    keyring, and the stored refresh token is used lazily by the first sync. None when nothing is remembered (or
    the replica needs a passphrase), so the caller shows the sign-in dialog."""
    from desktop import account
    from desktop.store.engine import open_account
    from desktop.store.errors import KeyringUnavailable
    from desktop.store.keys import keyring_get, keyring_set
    from desktop.sync.transport import Transport

    name = account.refresh_name(server_url, username)
    try:
        token = keyring_get(name)
        if not token:
            return None
        replica = open_account(server_url, username, data_dir=data_dir)
    except KeyringUnavailable:
        return None
    ctx.check()
    device = account.device_id(data_dir)

    def keep(new_token: str) -> None:
        keyring_set(name, new_token)

    transport = Transport(server_url, device, on_refresh_token=keep)
    transport.use_refresh_token(token)
    return StoreSession(
        replica, server_url=server_url, sync=_sync_callable(replica, transport, device), transport=transport
    )


# ================================================================== desk actions (the dialogs of desktop/ui/actions)
# Each action is ONE store transaction (the local change + its outbox op), so it shows at once in the queue and the
# timeline with its sync badge and is pushed exactly once. These run on the DB lane; they take plain values and
# return plain values. Where the store has no function for an action yet, the bridge is named ``_interim_*``.


@dataclass(frozen=True)
class Actor:
    """Who is acting: the signed-in user as the replica knows them."""

    id: str | None
    role: str
    unit_id: str | None
    name: str


def actor_of(session: Any) -> Actor:
    user = dict(getattr(session, "user", None) or {})
    replica = getattr(session, "replica", None)
    if replica is not None and (not user.get("role") or not user.get("unit_id")):
        user = {**(store_queue.current_user(replica) or {}), **{k: v for k, v in user.items() if v}}
    return Actor(
        id=user.get("id"),
        role=str(user.get("role") or ""),
        unit_id=user.get("unit_id"),
        name=str(user.get("full_name") or user.get("username") or ""),
    )


@dataclass(frozen=True)
class DispositionTargets:
    subunits: list[store_queue.Option]  # sub-units of the OPD holding the complaint
    members: list[store_queue.Option]  # the OPD's team (users of the OPD and its sub-units)
    external: list[store_queue.Option]  # bodies outside the OPD: external bodies first, then the other OPDs


def disposition_targets(replica: Replica, opd_id: str | None) -> DispositionTargets:
    units = store_queue.units(replica)
    children: dict[str | None, list[store_queue.Option]] = {}
    for u in units:
        children.setdefault(u.parent_id, []).append(u)
    inside: list[store_queue.Option] = []
    stack = list(children.get(opd_id, [])) if opd_id else []
    while stack:
        unit = stack.pop(0)
        if unit.extra.get("kind") == "subunit":
            inside.append(unit)
            stack.extend(children.get(unit.id, []))
    team_units = [opd_id, *(u.id for u in inside)] if opd_id else []
    members = store_queue.users(replica, [u for u in team_units if u]) if team_units else []
    external = [u for u in units if u.extra.get("kind") == "external"]
    external += [u for u in units if u.extra.get("kind") == "opd" and u.id != opd_id]
    return DispositionTargets(inside, members, external)


def team_members(replica: Replica, opd_id: str | None) -> list[store_queue.Option]:
    return disposition_targets(replica, opd_id).members


def working_calendar(replica: Replica) -> Any:
    """The working calendar from the holidays the hub synced (national and cuti bersama, active ones)."""
    from sqlalchemy import text

    from desktop.domain.sla import WorkingCalendar

    with replica.read() as conn:
        days = [
            r[0] for r in conn.execute(text("SELECT date FROM holidays WHERE active = 1 OR active IS NULL"))
        ]
    holidays = []
    for day in days:
        try:
            holidays.append(dt.date.fromisoformat(str(day)[:10]))
        except ValueError:
            continue
    return WorkingCalendar(holidays)


def office_timezone(replica: Replica, unit_id: str | None) -> str:
    """The IANA zone of the office holding a complaint (WIB/WITA/WIT), walking up to the pemda if needed."""
    by_id = {u.id: u for u in store_queue.units(replica)}
    seen: set[str] = set()
    current = unit_id
    while current and current in by_id and current not in seen:
        seen.add(current)
        tz = by_id[current].extra.get("timezone")
        if tz:
            return str(tz)
        current = by_id[current].parent_id
    return "Asia/Jakarta"


def office_today(replica: Replica, unit_id: str | None, now: dt.datetime | None = None) -> dt.date:
    from zoneinfo import ZoneInfo

    moment = now or dt.datetime.now(dt.UTC)
    return moment.astimezone(ZoneInfo(office_timezone(replica, unit_id))).date()


def due_after_working_days(calendar: Any, today: dt.date, working_days: int) -> dt.date:
    """The due date ``working_days`` working days after ``today`` in the office's calendar."""
    day: dt.date = calendar.add_working_days(today, max(0, int(working_days)))
    return day


def dispose_internal(
    replica: Replica,
    complaint_id: str,
    *,
    to_unit_id: str | None,
    to_user_id: str | None,
    instruction: str,
    due_date: dt.date | None,
) -> Any:
    from desktop.store import actions as store_actions

    return store_actions.create_disposition(
        replica, complaint_id, kind="internal", instruction=instruction.strip(), to_unit_id=to_unit_id,
        to_user_id=to_user_id, due_date=due_date,
    )  # fmt: skip


def dispose_external(
    replica: Replica, complaint_id: str, *, reason: str, suggested_body: str | None, instruction: str = ""
) -> Any:
    """A "bukan wewenang" disposition: the complaint goes back for re-routing, with a reason and a suggested body."""
    from desktop.store import actions as store_actions

    return store_actions.create_disposition(
        replica, complaint_id, kind="external", instruction=instruction.strip(), reason=reason.strip(),
        suggested_body=(suggested_body or None),
    )  # fmt: skip


def add_internal_note(replica: Replica, complaint_id: str, text_: str) -> Any:
    from desktop.store import actions as store_actions

    return store_actions.add_note(replica, complaint_id, text_)


def assign_complaint(replica: Replica, complaint_id: str, assignee_id: str) -> Any:
    from desktop.store import actions as store_actions

    return store_actions.assign(replica, complaint_id, assignee_id)


def claim_complaint(replica: Replica, complaint_id: str) -> Any:
    """Claim ("Ambil"): take the complaint for oneself (staff may)."""
    from desktop.store import actions as store_actions

    return store_actions.claim(replica, complaint_id)


def change_status(replica: Replica, complaint_id: str, status: str, reason: str | None = None) -> Any:
    from desktop.store import actions as store_actions

    return store_actions.change_status(replica, complaint_id, status, reason=reason)


def check_attachment(path: Path) -> tuple[str | None, str]:
    """(problem, mime) for a file the user picked (desktop.domain.attachments.classify), read before anything is
    stored; ``missing`` when it cannot be read."""
    try:
        if not path.is_file():
            return "missing", ""
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError:
        return "missing", ""
    return classify(path.name, size, head)


class AttachmentRefused(ValueError):
    def __init__(self, problem: str, path: Path) -> None:
        super().__init__(f"{path.name}: {problem}")
        self.problem = problem
        self.path = path


def add_attachment(
    replica: Replica,
    complaint_id: str,
    path: Path,
    *,
    owner_type: str = "complaint",
    owner_id: str | None = None,
) -> Any:
    """Check, then store the file in the replica's blob store and queue ``attachment.add`` (one transaction)."""
    problem, mime = check_attachment(path)
    if problem is not None:
        raise AttachmentRefused(problem, path)
    from desktop.store import actions as store_actions

    fn = getattr(store_actions, "add_attachment", None)
    if fn is None:
        raise NotImplementedError("the replica's attachment store is not available yet")
    return fn(
        replica, complaint_id, path, owner_type=owner_type, owner_id=owner_id or complaint_id, mime=mime
    )


class AttachmentNotDownloaded(RuntimeError):
    """The file is only on the hub (never downloaded here) and the hub cannot be reached now."""


def local_attachment(replica: Replica, sha256: str) -> bytes | None:
    """The decrypted content when this replica holds the file, else None (it must be downloaded first)."""
    from desktop.store import blobs

    if not blobs.has_blob(replica, sha256.lower()):
        return None
    return blobs.read(replica, sha256)


def attachment_bytes(replica: Replica, sha256: str, transport: Any = None) -> bytes:
    """The decrypted content of an attachment (previews, the system viewer). A file never downloaded is fetched
    from the hub on demand (ranged, resumable, into the encrypted store) through ``transport``, so this belongs on
    the network lane whenever the file may be missing. Raises AttachmentNotDownloaded when it is missing and the
    hub cannot be reached (no transport, or the link is down)."""
    data = local_attachment(replica, sha256)
    if data is not None:
        return data
    if transport is None:
        raise AttachmentNotDownloaded(sha256)
    from desktop.sync.attachments import fetch
    from desktop.sync.transport import NetworkError

    try:
        return fetch(replica, transport, sha256)
    except NetworkError as exc:
        raise AttachmentNotDownloaded(sha256) from exc


def attachment_temp_copy(
    replica: Replica, sha256: str, filename: str, folder: Path | None = None, transport: Any = None
) -> Path:
    """A decrypted copy in a private temp folder, for the system viewer. The name keeps only a safe basename."""
    return write_temp_copy(attachment_bytes(replica, sha256, transport), filename, folder)


def write_temp_copy(data: bytes, filename: str, folder: Path | None = None) -> Path:
    """``data`` as a private file (0600) for the system viewer; the name keeps only a safe basename."""
    safe = "".join(ch for ch in Path(filename).name if ch.isalnum() or ch in "._- ").strip(" .") or "lampiran"
    target_dir = folder or Path(tempfile.mkdtemp(prefix="lapor-desk-"))
    target = target_dir / safe
    target.write_bytes(data)
    target.chmod(0o600)
    return target


# ------------------------------------------------------------------ follow-ups
def save_followup_draft(
    replica: Replica, complaint_id: str, text_: str, followup_id: str | None = None
) -> Any:
    """A new draft (``followup_id`` None) or an edit of one; returns the store's result (record_id = followup)."""
    from desktop.store import actions as store_actions

    if followup_id is None:
        fn = getattr(store_actions, "create_followup", None)
        if fn is None:
            raise NotImplementedError("follow-up drafts are not in the store yet")
        return fn(replica, complaint_id, text_)
    fn = getattr(store_actions, "edit_followup", None)
    if fn is None:
        raise NotImplementedError("follow-up edits are not in the store yet")
    return fn(replica, followup_id, text_)


def submit_followup(replica: Replica, followup_id: str) -> Any:
    from desktop.store import actions as store_actions

    fn = getattr(store_actions, "submit_followup", None)
    if fn is None:
        raise NotImplementedError("follow-up submission is not in the store yet")
    return fn(replica, followup_id)


def approve_followup(replica: Replica, followup_id: str) -> Any:
    from desktop.store import actions as store_actions

    fn = getattr(store_actions, "approve_followup", None)
    if fn is None:
        raise NotImplementedError("follow-up approval is not in the store yet")
    return fn(replica, followup_id)


def return_followup(replica: Replica, followup_id: str, reason: str) -> Any:
    from desktop.store import actions as store_actions

    fn = getattr(store_actions, "return_followup", None)
    if fn is None:
        raise NotImplementedError("returning a follow-up is not in the store yet")
    return fn(replica, followup_id, reason)


# ------------------------------------------------------------------ conflicts
@dataclass(frozen=True)
class ConflictView:
    """One conflict as the conflict dialog shows it: what this desk sent (mine) and what the hub has (theirs).
    For a follow-up text both are texts, with the text the edit started from (base) for a three-way merge. A
    ``departure`` is a change to a complaint that left the OPD meanwhile: it can only be copied, then dropped."""

    id: str
    complaint_id: str | None
    kind: str  # the op kind that came back in conflict (disposition.create, followup.edit ...)
    record_type: str  # complaint | followup | departure
    mine: Mapping[str, Any]
    theirs: Mapping[str, Any]
    base_text: str | None = None
    mine_text: str | None = None
    theirs_text: str | None = None
    reason: str | None = None
    created_at: str = ""
    tracking_id: int | None = None
    title: str = ""

    @property
    def is_text(self) -> bool:
        return self.mine_text is not None and self.theirs_text is not None

    @property
    def is_departure(self) -> bool:
        return self.record_type == "departure"

    @property
    def written_text(self) -> str:
        """What the user wrote in the change (a draft, a note, an instruction, a reason), to copy before dropping."""
        if self.mine_text:
            return self.mine_text
        parts = [str(self.mine.get(k)) for k in ("text", "instruction", "reason") if self.mine.get(k)]
        return "\n\n".join(parts)


def _conflict_from_op(op: Any) -> ConflictView:
    result = dict(op.result or {}) if isinstance(op.result, Mapping) else {}
    current = result.get("current") or {}
    payload = dict(op.payload or {})
    text_op = op.kind.startswith("followup.") and "text" in payload
    return ConflictView(
        id=op.op_id,
        complaint_id=op.complaint_id,
        kind=op.kind,
        record_type="followup" if op.kind.startswith("followup.") else "complaint",
        mine=payload,
        theirs=dict(current) if isinstance(current, Mapping) else {},
        base_text=str(payload.get("base_text") or "") if text_op else None,
        mine_text=str(payload.get("text") or "") if text_op else None,
        theirs_text=str(current.get("text") or "") if text_op and isinstance(current, Mapping) else None,
        reason=op.reason,
        created_at=str(op.created_at or ""),
    )


def _store_conflicts() -> Any:
    try:
        from desktop.store import conflicts as store_conflicts
    except ImportError:
        return None
    return store_conflicts


def _as_view(record: Any) -> ConflictView:
    if isinstance(record, ConflictView):
        return record
    get = record.get if isinstance(record, Mapping) else lambda k, d=None: getattr(record, k, d)
    return ConflictView(
        id=str(get("id")),
        complaint_id=get("complaint_id"),
        kind=str(get("kind") or ""),
        record_type=str(get("record_type") or get("type") or "complaint"),
        mine=dict(get("mine") or {}),
        theirs=dict(get("theirs") or {}),
        base_text=get("base_text"),
        mine_text=get("mine_text"),
        theirs_text=get("theirs_text"),
        reason=get("reason"),
        created_at=str(get("created_at") or ""),
    )


def _with_complaints(replica: Replica, views: list[ConflictView]) -> list[ConflictView]:
    """Each view with its complaint's tracking ID and title: from the mirror, else (a departure, whose complaint
    left the mirror) from what the hub said about where it went."""
    wanted = sorted({v.complaint_id for v in views if v.complaint_id})
    by_id = {r.id: r for r in store_queue.rows(replica, wanted)} if wanted else {}
    out = []
    for v in views:
        row = by_id.get(v.complaint_id or "")
        tracking = row.tracking_id if row is not None else v.theirs.get("tracking_id")
        title = row.title if row is not None else v.theirs.get("title")
        try:
            tracking_id = int(tracking) if tracking is not None else None
        except (TypeError, ValueError):
            tracking_id = None
        out.append(replace(v, tracking_id=tracking_id, title=str(title or "")))
    return out


def list_conflicts(replica: Replica, complaint_id: str | None = None) -> list[ConflictView]:
    """Unresolved conflicts, oldest first (of one complaint when ``complaint_id`` is given), departures included."""
    store_conflicts = _store_conflicts()
    if store_conflicts is not None and hasattr(store_conflicts, "list_conflicts"):
        views = [_as_view(r) for r in store_conflicts.list_conflicts(replica)]
    else:
        views = [_conflict_from_op(op) for op in store_queue.outbox(replica, ("conflict",))]
    views = [v for v in views if complaint_id is None or v.complaint_id == complaint_id]
    return _with_complaints(replica, views)


def count_conflicts(replica: Replica) -> int:
    from sqlalchemy import text

    with replica.read() as conn:
        return int(conn.execute(text("SELECT count(*) FROM conflicts WHERE state = 'open'")).scalar_one())


def conflict_view(replica: Replica, conflict_id: str) -> ConflictView | None:
    store_conflicts = _store_conflicts()
    if store_conflicts is not None and hasattr(store_conflicts, "get_conflict"):
        record = store_conflicts.get_conflict(replica, conflict_id)
        return None if record is None else _with_complaints(replica, [_as_view(record)])[0]
    return next((v for v in list_conflicts(replica) if v.id == conflict_id), None)


RESOLUTIONS = ("mine", "theirs", "merge")


def resolve_conflict(replica: Replica, conflict_id: str, choice: str, merged_text: str | None = None) -> Any:
    """Keep mine (re-send it against the hub's current state), take theirs (drop my change, which the user chose to
    do), or merge (send the merged follow-up text). One store transaction."""
    if choice not in RESOLUTIONS:
        raise ValueError(f"unknown resolution {choice!r}")
    if choice == "merge" and not (merged_text or "").strip():
        raise ValueError("a merge needs the merged text")
    store_conflicts = _store_conflicts()
    if store_conflicts is None or not hasattr(store_conflicts, "resolve"):
        raise NotImplementedError("resolving conflicts is not in the store yet")
    return store_conflicts.resolve(replica, conflict_id, choice, merged_text=merged_text)
