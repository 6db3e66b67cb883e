"""Follow-up templates: the shipped sets load, match categories, and fill placeholders safely."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from desktop.domain.templates import (
    ANONYMOUS_REPORTER,
    PLACEHOLDERS,
    TemplateError,
    TemplateLibrary,
    default_templates_dir,
    fill,
    indonesian_date,
    parse_set,
    placeholder_values,
)


def test_shipped_sets_load_and_use_only_known_placeholders() -> None:
    lib = TemplateLibrary.load()
    templates = lib.all()
    assert len(templates) >= 10
    assert len({t.id for t in templates}) == len(templates)
    for t in templates:
        assert t.text.strip() and t.title.strip()
        for name in json.dumps(t.text).split("{")[1:]:
            assert name.split("}")[0] in PLACEHOLDERS, (t.id, name)
        assert "{pelapor}" in t.text and "{nomor_tracking}" in t.text


def test_category_matching_specific_first_then_general() -> None:
    lib = TemplateLibrary.load()
    pu = lib.for_category(("PEKERJAAN UMUM DAN PENATAAN RUANG", "Jalan Rusak"))
    assert pu[0].set_id == "pekerjaan-umum"
    assert any(t.general for t in pu)
    assert [t for t in pu if not t.general] == [t for t in pu[: len([t for t in pu if not t.general])]]
    # case and spacing do not matter; an unknown category still gets the general set
    assert lib.for_category("pekerjaan  umum dan penataan ruang")[0].set_id == "pekerjaan-umum"
    unknown = lib.for_category(("TOPIK LAINNYA",))
    assert unknown and all(t.general for t in unknown)
    assert lib.for_category(None) == unknown


def test_anonymous_reporter_is_never_named() -> None:
    values = placeholder_values(
        reporter_name="Siti Rahasia", anonymous=True, tracking_id=1234567, title="Jalan  rusak\ndi Alalak",
        opd="Dinas PUPR", day=dt.date(2026, 1, 5),
    )  # fmt: skip
    assert values["pelapor"] == ANONYMOUS_REPORTER
    text = fill('Yth. {pelapor}, laporan {nomor_tracking} "{judul}" {tanggal} {opd} {lain}', values)
    assert "Siti" not in text
    assert (
        text
        == f'Yth. {ANONYMOUS_REPORTER}, laporan 1234567 "Jalan rusak di Alalak" 5 Januari 2026 Dinas PUPR {{lain}}'
    )


def test_named_reporter_and_missing_name() -> None:
    named = placeholder_values(reporter_name="Budi", anonymous=False, tracking_id=7, title="t", opd="o",
                               day=dt.date(2026, 12, 31))  # fmt: skip
    assert named["pelapor"] == "Budi" and named["tanggal"] == "31 Desember 2026"
    nameless = placeholder_values(reporter_name="  ", anonymous=False, tracking_id=7, title="t", opd="o",
                                  day=dt.date(2026, 1, 1))  # fmt: skip
    assert nameless["pelapor"] == ANONYMOUS_REPORTER


def test_values_are_data_not_format_strings() -> None:
    values = placeholder_values(reporter_name="{opd}", anonymous=False, tracking_id=1, title="{0} {pelapor} %s",
                                opd="X", day=dt.date(2026, 3, 1))  # fmt: skip
    assert fill("{pelapor}|{judul}", values) == "{opd}|{0} {pelapor} %s"


def test_indonesian_months() -> None:
    assert indonesian_date(dt.date(2026, 8, 17)) == "17 Agustus 2026"


def test_bad_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "ok.json").write_text(json.dumps({"set": "ok", "categories": [], "templates": [
        {"id": "a", "title": "A", "text": "Yth. {pelapor}"}]}), encoding="utf-8")  # fmt: skip
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "shape.json").write_text(
        json.dumps({"set": "x", "templates": [{"title": "no id"}]}), encoding="utf-8"
    )
    lib = TemplateLibrary.load(tmp_path)
    assert [t.id for t in lib.all()] == ["a"]
    assert lib.get("a") is not None and lib.get("zzz") is None
    with pytest.raises(TemplateError):
        parse_set({"set": "x", "categories": "KESEHATAN", "templates": []})
    assert TemplateLibrary.load(tmp_path / "missing").all() == []


def test_default_dir_is_the_repository_resources() -> None:
    assert (default_templates_dir() / "umum.json").is_file()
