"""`lapor-hub simulate`: the outside world keeps moving. New complaints arrive and reporters answer
follow-ups (ditindaklanjuti → ditanggapi_pelapor), each write through the change feed so desks see it."""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from desktop.domain.statuses import Status
from server.demo import ComplaintFactory, load_region
from server.feed import FeedWriter
from server.models import Complaint, Event, Reply, new_id
from server.seed import insert_complaints, load_pemda

log = logging.getLogger("lapor_hub.simulate")
REPLY_SHARE = 0.3


class Simulator:
    def __init__(self, engine: Engine, seed: int | None = None, region: str | None = None) -> None:
        self.engine = engine
        self.rng = random.Random(seed)
        self.factory = ComplaintFactory(load_region(region), self.rng.randrange(1 << 30))
        with engine.connect() as conn:
            self.pemda = load_pemda(conn)

    def step(self) -> str:
        """One arrival or one reporter reply; returns what happened (no personal data)."""
        if self.rng.random() < REPLY_SHARE and self.reply():
            return "reply"
        self.arrival()
        return "complaint"

    def arrival(self) -> None:
        now = dt.datetime.now(dt.UTC)
        for item in self.factory.make(50):
            with self.engine.begin() as conn:
                taken = conn.execute(select(Complaint.id).where(Complaint.tracking_id == item["tracking_id"])).first()
                if taken:  # the factory's id permutation differs from the seed run's: skip a clash
                    continue
                item.update(status=str(Status.TERDISPOSISI), submitted_at=now - dt.timedelta(minutes=5),
                            arrived_at=now)
                insert_complaints(conn, self.pemda, [item], self.rng)
                return

    def reply(self) -> bool:
        with Session(self.engine) as session, session.begin():
            pick = session.scalars(select(Complaint.id).where(Complaint.status == Status.DITINDAKLANJUTI)
                                   .order_by(func.random()).limit(1)).first()
            if pick is None:
                return False
            row = session.scalars(select(Complaint).where(Complaint.id == pick).with_for_update()).one()
            if row.status != Status.DITINDAKLANJUTI:
                return False
            feed, now = FeedWriter(session), dt.datetime.now(dt.UTC)
            row.status, row.version, row.updated_at = str(Status.DITANGGAPI_PELAPOR), row.version + 1, now
            feed.stamp(row)
            text = self.factory.reply_text(self._as_item(row))
            reply = Reply(id=new_id(), complaint_id=row.id, text=text, created_at=now,
                          scope_unit_id=row.scope_unit_id, version=1)
            session.add(feed.stamp(reply))
            event = Event(id=new_id(), complaint_id=row.id, kind="reply.received", actor_id=None, device_id=None,
                          op_id=None, at=now, data={"reply_id": reply.id}, scope_unit_id=row.scope_unit_id,
                          version=1)
            session.add(feed.stamp(event))
            return True

    @staticmethod
    def _as_item(row: Complaint) -> dict[str, Any]:
        return {"location": row.location, "status": row.status}


def run_forever(engine: Engine, *, rate_per_minute: float = 6.0, seed: int | None = None,
                stop: threading.Event | None = None) -> None:
    sim = Simulator(engine, seed)
    stop = stop or threading.Event()
    while not stop.is_set():
        log.info("simulated %s", sim.step())
        # Poisson arrivals: exponential gaps average out at the requested rate.
        stop.wait(sim.rng.expovariate(max(rate_per_minute, 0.001) / 60.0))
