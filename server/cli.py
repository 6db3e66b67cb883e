"""`lapor-hub`: serve, migrate, prune, seed, simulate."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lapor-hub", description="LAPOR! Hub, the reference sync server")
    sub = p.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP API")
    serve.add_argument("--db", default=None, help="database URL (default: env LAPOR_HUB_DB or ./lapor-hub.db)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8750)
    serve.add_argument("--blobs", default=None, help="attachment directory (default: env LAPOR_HUB_BLOBS or "
                                                     "<db>-blobs next to a SQLite file)")
    prune = sub.add_parser("prune", help="drop op results and change history past their retention windows")
    prune.add_argument("--db", default=None)
    prune.add_argument("--blobs", default=None)
    migrate = sub.add_parser("migrate", help="bring the schema up to date")
    migrate.add_argument("--db", default=None)
    seed = sub.add_parser("seed", help="fill an empty hub with a demo pemda and complaints")
    seed.add_argument("--db", default=None)
    seed.add_argument("--complaints", type=int, default=2000)
    seed.add_argument("--region", default=None)
    seed.add_argument("--password", default="demo")
    seed.add_argument("--seed", type=int, default=1)
    sim = sub.add_parser("simulate", help="keep adding complaints and reporter replies")
    sim.add_argument("--db", default=None)
    sim.add_argument("--rate", type=float, default=6.0, help="events per minute")
    sim.add_argument("--seed", type=int, default=None)
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    from server.db import make_engine
    from server.migrate import upgrade

    engine = make_engine(args.db)
    upgrade(engine)
    if args.command == "migrate":
        return 0
    blobs = Path(args.blobs) if getattr(args, "blobs", None) else None
    if args.command in ("serve", "prune"):
        from server.prune import prune

        stats = prune(engine, blobs)
        if args.command == "prune":
            print(json.dumps(stats))
            return 0
        logging.getLogger("lapor_hub").debug("pruned %s", stats)
    if args.command == "serve":
        import uvicorn

        from server.app import create_app

        uvicorn.run(create_app(engine=engine, blobs_dir=blobs), host=args.host, port=args.port,
                    log_level="warning", access_log=False)  # access logs would carry query strings
        return 0
    if args.command == "seed":
        from server.seed import seed

        stats = seed(engine, complaints=args.complaints, region=args.region, password=args.password, seed=args.seed)
        print(stats)
        return 0
    if args.command == "simulate":
        from server.simulate import run_forever

        run_forever(engine, rate_per_minute=args.rate, seed=args.seed)
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
