"""`lapor-desk`: the desktop app; `lapor-desk sync ...` runs one headless sync instead (scripts, scheduled tasks)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "sync":
        from desktop.sync.cli import main as sync_main

        return sync_main(args[1:])
    from desktop.ui.app import main as ui_main

    return ui_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
