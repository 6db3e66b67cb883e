"""Follow-up (tindak lanjut) templates in Bahasa Indonesia, by category, with placeholders.

A template set is one JSON file in ``resources/templates/``::

    {"set": "pekerjaan-umum", "title": "...", "categories": ["PEKERJAAN UMUM DAN PENATAAN RUANG", ...],
     "templates": [{"id": "pu-survei", "title": "...", "text": "Yth. {pelapor}, ... {nomor_tracking} ..."}]}

A set with no ``categories`` applies to every complaint. Placeholders are ``{pelapor}``, ``{nomor_tracking}``,
``{tanggal}``, ``{judul}`` and ``{opd}``; anything else in braces is left as written. Filling is a plain
substitution, never ``str.format``: the values (a title written by a citizen) are data, not format strings.
An anonymous reporter is always "Bapak/Ibu Pelapor": the hidden identity is never looked up, let alone written.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

PLACEHOLDERS = ("pelapor", "nomor_tracking", "tanggal", "judul", "opd")
ANONYMOUS_REPORTER = "Bapak/Ibu Pelapor"
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")
_MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


@dataclass(frozen=True)
class FollowUpTemplate:
    id: str
    title: str
    text: str
    set_id: str
    set_title: str
    general: bool  # from a set that applies to every category


class TemplateError(ValueError):
    """A template file that cannot be used (bad JSON, missing fields)."""


def default_templates_dir() -> Path:
    """``resources/templates`` of a checkout or of a frozen bundle."""
    import sys

    frozen = getattr(sys, "_MEIPASS", None)
    root = Path(frozen) if frozen else Path(__file__).resolve().parents[2]
    return root / "resources" / "templates"


def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class _Set:
    id: str
    title: str
    categories: frozenset[str]
    templates: tuple[FollowUpTemplate, ...]


def parse_set(raw: Mapping[str, object], fallback_id: str = "") -> _Set:
    set_id = str(raw.get("set") or fallback_id)
    title = str(raw.get("title") or set_id)
    cats = raw.get("categories") or []
    items = raw.get("templates")
    if not set_id or not isinstance(cats, list) or not isinstance(items, list):
        raise TemplateError(
            f"template set {fallback_id!r}: needs 'set', 'categories' (list) and 'templates' (list)"
        )
    general = not cats
    templates: list[FollowUpTemplate] = []
    for item in items:
        if not isinstance(item, Mapping) or not item.get("id") or not isinstance(item.get("text"), str):
            raise TemplateError(f"template set {set_id!r}: every template needs an 'id' and a 'text'")
        templates.append(
            FollowUpTemplate(
                id=str(item["id"]),
                title=str(item.get("title") or item["id"]),
                text=str(item["text"]),
                set_id=set_id,
                set_title=title,
                general=general,
            )
        )
    return _Set(set_id, title, frozenset(_norm(str(c)) for c in cats), tuple(templates))


class TemplateLibrary:
    """All template sets; ``for_category`` picks the ones that fit a complaint, specific sets first."""

    def __init__(self, sets: Iterable[_Set] = ()) -> None:
        self._sets = tuple(sorted(sets, key=lambda s: s.id))

    @classmethod
    def load(cls, directory: Path | None = None) -> TemplateLibrary:
        """Every ``*.json`` of ``directory``; an unreadable file is logged and skipped, never fatal."""
        folder = directory if directory is not None else default_templates_dir()
        sets: list[_Set] = []
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            try:
                sets.append(parse_set(json.loads(path.read_text(encoding="utf-8")), path.stem))
            except (OSError, ValueError) as exc:
                log.warning("template set %s skipped: %s", path.name, exc)
        return cls(sets)

    def all(self) -> list[FollowUpTemplate]:
        return [t for s in self._sets for t in s.templates]

    def get(self, template_id: str) -> FollowUpTemplate | None:
        return next((t for t in self.all() if t.id == template_id), None)

    def for_category(self, category_path: Sequence[str] | str | None) -> list[FollowUpTemplate]:
        """Templates for a complaint of ``category_path`` (top-level topic first, or one name): the sets naming
        any level of that path, then the general sets."""
        if isinstance(category_path, str):
            category_path = (category_path,)
        wanted = {_norm(c) for c in category_path or () if c}
        specific = [t for s in self._sets if s.categories & wanted for t in s.templates]
        general = [t for s in self._sets if not s.categories for t in s.templates]
        return specific + general


def indonesian_date(day: dt.date) -> str:
    """``5 Januari 2026``: the way a letter is dated, whatever the UI language."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def reporter_salutation(name: str | None, anonymous: bool) -> str:
    """The reporter as a follow-up addresses them; anonymous (or nameless) → "Bapak/Ibu Pelapor"."""
    if anonymous:
        return ANONYMOUS_REPORTER
    clean = " ".join((name or "").split())
    return clean or ANONYMOUS_REPORTER


def placeholder_values(
    *,
    reporter_name: str | None,
    anonymous: bool,
    tracking_id: int | str,
    title: str,
    opd: str,
    day: dt.date,
) -> dict[str, str]:
    return {
        "pelapor": reporter_salutation(reporter_name, anonymous),
        "nomor_tracking": str(tracking_id),
        "tanggal": indonesian_date(day),
        "judul": " ".join((title or "").split()),
        "opd": opd or "",
    }


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace the known placeholders in one pass (a value that itself contains ``{judul}`` stays literal)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
