"""The layers of DESIGN.md, checked on the source: ui -> app -> store/sync -> domain, the hub on the domain only, no
import cycles anywhere (an import moved into a function to dodge one counts: it is still a dependency)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = ("desktop.domain", "desktop.store", "desktop.sync", "desktop.app")


def _modules() -> dict[str, Path]:
    found = {}
    for package in ("desktop", "server"):
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:  # Alembic scripts are loaded by Alembic, never imported
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            found[name] = path
    return found


def _imports(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


MODULES = _modules()
IMPORTS = {name: set(_imports(path)) for name, path in MODULES.items()}


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_no_import_cycles() -> None:
    graph = {name: {d for d in deps if d in MODULES and d != name} for name, deps in IMPORTS.items()}
    done: set[str] = set()

    def walk(node: str, path: list[str]) -> None:
        if node in path:
            raise AssertionError("import cycle: " + " -> ".join([*path[path.index(node):], node]))
        if node in done:
            return
        for dep in sorted(graph[node]):
            walk(dep, [*path, node])
        done.add(node)

    for name in sorted(graph):
        walk(name, [])


def test_the_core_imports_no_qt_and_no_hub() -> None:
    for name, deps in IMPORTS.items():
        if _within(name, CORE):
            bad = sorted(d for d in deps if _within(d, ("PySide6", "shiboken6", "server", "desktop.ui")))
            assert not bad, f"{name} imports {bad}"


def test_the_hub_uses_the_desks_domain_only() -> None:
    for name, deps in IMPORTS.items():
        if _within(name, ("server",)):
            desk = sorted(d for d in deps if _within(d, ("desktop",)) and not _within(d, ("desktop.domain",)))
            assert not desk, f"{name} imports {desk}"


def test_only_the_outbox_module_writes_the_outbox() -> None:
    writes = re.compile(r"(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+outbox\b", re.IGNORECASE)
    for name, path in MODULES.items():
        if name.startswith("desktop.") and name != "desktop.store.outbox":
            assert not writes.search(path.read_text(encoding="utf-8")), f"{name} writes the outbox"
