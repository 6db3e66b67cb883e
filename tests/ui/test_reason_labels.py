"""Every reason the hub or the upload lane can give an op reaches the user as words, never as a raw code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.sync.attachments import QUOTA_EXCEEDED, REFUSED
from desktop.ui.i18n import op_reason_label

ROOT = Path(__file__).resolve().parents[2]


def _hub_reasons() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "server").rglob("*.py"):
        found.update(re.findall(r'OpRejected\("([a-z_]+)"', path.read_text(encoding="utf-8")))
    found.update(re.findall(r'reason="([a-z_]+)"', (ROOT / "server" / "ops" / "framework.py").read_text()))
    return found | {"stale", "not_in_unit", "no_followup"}  # OpConflict, OpNotInUnit, statuses.MoveRefusal


@pytest.mark.parametrize("code", sorted(_hub_reasons() | REFUSED | {QUOTA_EXCEEDED, "invalid_request",
                                                                      "malformed_json"}))
def test_every_reason_has_words(qapp: object, code: str) -> None:
    label = op_reason_label(code)
    assert label != code and " " in label  # a sentence, not the code


def test_an_unknown_reason_still_reads_as_a_sentence(qapp: object) -> None:
    label = op_reason_label("kode_baru_dari_hub")
    assert label != "kode_baru_dari_hub" and "kode_baru_dari_hub" in label
