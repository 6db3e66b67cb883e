"""Translations: every UI string is in the Indonesian .ts, translated; Indonesian is the default; English is a switch."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from desktop.ui.i18n import STATUS_CODES, install_translators, status_label

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "lapor_desk_id.ts"
BIN = Path(sys.executable).parent


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    out: dict[tuple[str, str], ET.Element] = {}
    for ctx in ET.parse(ts).getroot().findall("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.findall("message"):
            out[(name, msg.findtext("source") or "")] = msg
    return out


def test_ts_covers_every_string_and_all_are_translated(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "desktop" / "ui").rglob("*.py"))  # desktop/ui/actions too
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-ts", str(fresh)], check=True, capture_output=True
    )
    wanted = set(messages(fresh))
    have = messages(TS)
    assert wanted - set(have) == set(), "run pyside6-lupdate and translate the new strings"
    for key in wanted:
        tr = have[key].find("translation")
        assert tr is not None and tr.text and tr.get("type") not in ("unfinished", "obsolete", "vanished"), (
            key
        )


@pytest.fixture
def compiled() -> None:
    qm = TS.with_suffix(".qm")
    if not qm.exists() or qm.stat().st_mtime < TS.stat().st_mtime:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_translations.py")], check=True)


def test_indonesian_is_installed_and_english_is_one_switch(qapp, compiled: None) -> None:
    translators = install_translators(qapp, "id")
    try:
        assert status_label("terdisposisi") == "Terdisposisi"
        assert status_label("ditanggapi_pelapor") == "Ditanggapi Pelapor"
        assert QCoreApplication.translate("DetailPane", "Anonymous") == "Anonim"
        assert QCoreApplication.translate("DetailPane", "Secret") == "Rahasia"
        assert all(status_label(code) != code for code in STATUS_CODES)
    finally:
        for t in translators:
            qapp.removeTranslator(t)
    assert install_translators(qapp, "en") == []
    assert status_label("terdisposisi") == "Dispositioned"
