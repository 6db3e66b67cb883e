"""One vocabulary (issue 10): statuses, op kinds, op states and outcomes, and queue names are named by the StrEnums
of desktop/domain, never typed as strings elsewhere in the desk or the hub.

Checked on the source: every module under desktop/ and server/ (but desktop/domain, which defines them, the Alembic
scripts, frozen history, and desktop/testing, test tooling) may hold no string constant equal to one of their values,
and no longer string (SQL) quoting one as ``'value'``. Docstrings are prose and exempt. SQL is built from the enums
(desktop/store/sql.py: ``code``, ``codes``) or binds them as parameters.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

from desktop.domain.ops import OpKind, OpOutcome, OpState
from desktop.domain.queues import QueueName
from desktop.domain.statuses import FollowupState, Status

ROOT = Path(__file__).resolve().parents[1]
ENUMS: tuple[type[StrEnum], ...] = (Status, FollowupState, OpKind, OpState, OpOutcome, QueueName)
SKIPPED = ("desktop/domain/", "desktop/testing/")

# A string that equals a vocabulary value but means something else, by file and value, with why.
ALLOWED = {
    ("desktop/store/models.py", "outbox"): "the name of the outbox table",
    ("desktop/store/models.py", "conflicts"): "the name of the conflicts table",
    ("desktop/store/conflicts.py", "mine"): "the conflicts table's `mine` column (this desk's side)",
    ("desktop/ui/queue_model.py", "conflict"): "the queue row's `conflict` flag (a column of the page query)",
}

QUOTED = re.compile(r"'([a-z_.]+)'")


def _vocabulary() -> dict[str, str]:
    names: dict[str, str] = {}
    for enum in ENUMS:
        for member in enum:
            names.setdefault(member.value, f"{enum.__name__}.{member.name}")
    return names


VOCABULARY = _vocabulary()


def findings(source: str, path: str) -> Iterator[str]:
    """Each vocabulary value typed as a string in ``source`` (the module at ``path``, relative to the root)."""
    tree = ast.parse(source)
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    # Text handed to Qt's translation (self.tr("mine"), QCoreApplication.translate(ctx, "Conflict")) is an English
    # source sentence for users, not a code.
    translated = {
        id(arg)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute | ast.Name)
        and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id) in ("tr", "translate")
        for arg in node.args
    }
    for node in ast.walk(tree):
        if (
            not isinstance(node, ast.Constant)
            or not isinstance(node.value, str)
            or id(node) in docstrings
            or id(node) in translated
        ):
            continue
        values = [node.value] if node.value in VOCABULARY else QUOTED.findall(node.value)
        for value in values:
            if value in VOCABULARY and (path, value) not in ALLOWED:
                yield f"{path}:{node.lineno}: {value!r} is {VOCABULARY[value]}"


def _modules() -> Iterator[str]:
    for package in ("desktop", "server"):
        for file in sorted((ROOT / package).rglob("*.py")):
            path = file.relative_to(ROOT).as_posix()
            if "migrations" in file.parts or path.startswith(SKIPPED):
                continue
            yield path


def test_no_vocabulary_value_is_typed_as_a_string() -> None:
    found = [hit for path in _modules() for hit in findings((ROOT / path).read_text(encoding="utf-8"), path)]
    assert not found, "use the enums of desktop/domain:\n" + "\n".join(found)


def test_the_check_sees_constants_and_sql_but_not_docstrings() -> None:
    source = '''
def f(row):
    """A docstring may say 'selesai' or selesai."""
    if row.status == "selesai":
        return "SELECT 1 FROM outbox WHERE state IN ('queued', 'sent')"
    return f"... kind = 'note.add' AND x = {row}", self.tr("mine")
'''
    assert [hit.split(": ", 1)[1] for hit in findings(source, "desktop/x.py")] == [
        "'selesai' is Status.SELESAI",
        "'queued' is OpState.QUEUED",
        "'sent' is OpState.SENT",
        "'note.add' is OpKind.NOTE_ADD",
    ]


def test_every_allowed_exception_is_still_there() -> None:
    """An allowed string that is gone leaves a stale entry that would hide a real one: remove it."""
    for path, value in ALLOWED:
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        assert any(isinstance(n, ast.Constant) and n.value == value for n in ast.walk(tree)), (path, value)
