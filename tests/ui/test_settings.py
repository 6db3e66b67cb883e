"""The settings registry: every remembered value is declared once (key, type by its default, label), read back as
its type from the INI file, and no code spells a settings key anywhere else."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QByteArray

from desktop.ui import settings
from desktop.ui.settings import REGISTRY, UiSettings

ROOT = Path(__file__).resolve().parents[2]


def test_keys_are_unique_and_grouped() -> None:
    keys = [s.key for s in REGISTRY]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[a-z]+/[a-z_]+", k) for k in keys)


def test_values_come_back_as_their_type_after_a_restart(tmp_path: Path) -> None:
    fresh = UiSettings(tmp_path)
    assert [fresh.get(s) for s in (settings.REMEMBER, settings.WORK_OFFLINE, settings.LANGUAGE)] == [True, False, ""]
    assert fresh.get(settings.GEOMETRY).isEmpty()
    fresh.set(settings.REMEMBER, False)
    fresh.set(settings.WORK_OFFLINE, True)
    fresh.set(settings.LANGUAGE, "en")
    fresh.set(settings.GEOMETRY, QByteArray(b"\x01\x02"))
    fresh.sync()
    again = UiSettings(tmp_path)  # read from the INI text, as on the next start
    assert again.get(settings.REMEMBER) is False and again.get(settings.WORK_OFFLINE) is True
    assert again.get(settings.LANGUAGE) == "en" and bytes(again.get(settings.GEOMETRY).data()) == b"\x01\x02"
    again.remove(settings.LANGUAGE)
    assert again.get(settings.LANGUAGE) == ""


def test_no_settings_key_is_spelled_outside_the_registry() -> None:
    groups = sorted({s.key.split("/")[0] for s in REGISTRY})
    pattern = re.compile(r"""["'](?:""" + "|".join(groups) + r""")/[a-z_]+["']""")
    for path in (ROOT / "desktop").rglob("*.py"):
        if path.name == "settings.py" and path.parent.name == "ui":
            continue
        assert not pattern.search(path.read_text(encoding="utf-8")), path
