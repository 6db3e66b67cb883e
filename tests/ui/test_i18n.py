"""Translations: every UI string is in the Indonesian .ts, translated; Indonesian is the default; English is a switch;
no exception's own (English) text is put in front of the user."""

from __future__ import annotations

import ast
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from desktop.ui.i18n import DEFAULT_LANGUAGE, STATUS_CODES, chosen_language, install_translators, status_label

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
    """Every .ts (the app's and Qt's extra strings) compiled, and not older than its source."""
    for ts in sorted(TS.parent.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([sys.executable, str(ROOT / "scripts" / "build_translations.py")], check=True)
            return


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


@contextmanager
def in_indonesian(app: QCoreApplication) -> Iterator[None]:
    """Indonesian within the block; afterwards the source language (English) and the locale as before."""
    before = QLocale()
    translators = install_translators(app, "id")
    try:
        yield
    finally:
        for t in translators:
            app.removeTranslator(t)
        QLocale.setDefault(before)


@pytest.fixture
def indonesian(qapp: QApplication, compiled: None) -> Iterator[None]:
    """The Indonesian translators for one test (its windows are built in Indonesian, as the desk starts)."""
    with in_indonesian(qapp):
        yield


def test_the_start_and_the_menu_choose_the_language_alike() -> None:
    assert chosen_language("") == chosen_language("xx") == DEFAULT_LANGUAGE == "id"  # never the OS locale
    assert chosen_language("en") == "en"
    assert chosen_language("id", override="en") == "en"  # --lang wins for this run
    assert chosen_language("en", override="xx") == "en"


def _exception_texts(tree: ast.AST) -> list[int]:
    """Lines that turn a caught exception into text (``str(exc)``, ``f"{exc}"``, ``exc.args``): the core's
    exceptions speak English for the log; a user reads ``desktop.ui.errors.describe``'s sentence instead."""
    names = {n.name for n in ast.walk(tree) if isinstance(n, ast.ExceptHandler) and n.name}
    names |= {
        n.arg
        for n in ast.walk(tree)
        if isinstance(n, ast.arg) and n.annotation is not None and "Exception" in ast.unparse(n.annotation)
    }

    def caught(node: ast.AST | None) -> bool:
        return isinstance(node, ast.Name) and node.id in names

    found = []
    for node in ast.walk(tree):
        as_text = (
            (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("str", "format")
                and bool(node.args)
                and caught(node.args[0])
            )
            or (isinstance(node, ast.FormattedValue) and caught(node.value))
            or (isinstance(node, ast.Attribute) and node.attr == "args" and caught(node.value))
        )
        if as_text:
            found.append(node.lineno)
    return found


def test_no_exception_text_reaches_a_widget() -> None:
    offenders = {}
    for path in sorted((ROOT / "desktop" / "ui").rglob("*.py")):  # desktop/ui/actions too
        lines = _exception_texts(ast.parse(path.read_text(encoding="utf-8")))
        if lines:
            offenders[str(path.relative_to(ROOT))] = lines
    assert offenders == {}, "say it with desktop.ui.errors.describe (or a mapping of the code), not str(exc)"
