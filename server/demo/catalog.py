"""Reference data for the demo: regions, OPD template, category tree, working calendar.

Everything is read from package data under ``server/demo/data`` so the hub works without ``../shared``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

DEFAULT_REGION = "Kabupaten Barito Kuala"


@dataclass(frozen=True)
class Region:
    province: str
    regency: str
    timezone: str  # IANA zone of the offices: Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT)
    kecamatan: list[str] = field(default_factory=list)


def _read_json(name: str) -> Any:
    return json.loads(resources.files(__package__).joinpath("data").joinpath(name).read_text(encoding="utf-8"))


@cache
def _wilayah() -> dict[str, Any]:
    data: dict[str, Any] = _read_json("wilayah-seed.json")
    return data


def _bare(name: str) -> str:
    key = " ".join(name.casefold().split())
    for prefix in ("kabupaten ", "kab. ", "kab ", "kota "):
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


def region_names() -> list[str]:
    return [r["regency"] for r in _wilayah()["regions"]]


def load_region(name: str | None = None) -> Region:
    """The region called ``name`` (case-insensitive, "Kabupaten"/"Kota" optional); default Barito Kuala."""
    wanted = " ".join((name or DEFAULT_REGION).casefold().split())
    regions = _wilayah()["regions"]
    exact = [r for r in regions if r["regency"].casefold() == wanted]
    matches = exact or [r for r in regions if _bare(r["regency"]) == _bare(wanted)]
    if len(matches) != 1:
        raise ValueError(f"unknown region {name!r}; choose one of: {', '.join(region_names())}")
    r = matches[0]
    return Region(r["province"], r["regency"], r["timezone"], list(r["kecamatan"]))


def opd_template() -> list[dict[str, Any]]:
    """The typical OPDs of a pemda: ``{code, name, units, topics}`` (Diskominfo also has ``coordinator``)."""
    return json.loads(json.dumps(_wilayah()["opd_template"]))  # a deep copy: callers may mutate


@cache
def _categories() -> dict[str, list[str]]:
    data: dict[str, list[str]] = _read_json("lapor-categories-2025.json")
    return data


def category_tree() -> dict[str, list[str]]:
    """LAPOR!'s top-level topics → their sub-topics, as published in 2025."""
    return {topic: list(subs) for topic, subs in _categories().items()}


def holiday_calendar(years: Iterable[int]) -> list[dict[str, Any]]:
    """National holidays and cuti bersama of Indonesia: ``{date, name, kind}`` sorted by date.

    The ``holidays`` library carries the cuti bersama of the SKB decrees as its ``government`` category
    ("Joint Holiday"), so no table of our own is needed. A date that is both keeps ``national``. This is only
    the seed: the hub serves the calendar as data so that a mid-year SKB change is an update, not a release.
    """
    import holidays  # imported lazily: building the calendar classes costs ~0.1 s

    years = sorted(set(years))
    if not years:
        return []
    national = holidays.country_holidays("ID", years=years, language="id")
    joint = holidays.country_holidays("ID", years=years, categories=("government",), language="id")
    out: dict[date, dict[str, Any]] = {}
    for day, name in joint.items():
        out[day] = {"date": day, "name": name, "kind": "cuti_bersama"}
    for day, name in national.items():
        out[day] = {"date": day, "name": name, "kind": "national"}
    return [out[d] for d in sorted(out)]
