"""The detail pane shows untrusted text literally and honours anonymous and secret reports."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.ui.detail import DetailPane

HOSTILE = '<b>x</b><img src="http://evil.example/track.png">'


def detail(**overrides: Any) -> SimpleNamespace:
    base: dict[str, Any] = dict(
        id="c1",
        tracking_id=1234567,
        title=HOSTILE,
        content=f"Jalan rusak {HOSTILE}",
        kind="pengaduan",
        channel="web",
        status="terdisposisi",
        category_name="Infrastruktur",
        kecamatan="Alalak",
        desa="Berangas",
        regency="Kabupaten Barito Kuala",
        province="Kalimantan Selatan",
        submitted_at="2026-11-20T02:00:00Z",
        arrived_at="2026-11-20T03:00:00Z",
        incident_date="2026-11-19",
        anonymous=False,
        secret=False,
        reporter_name="Budi <i>Santoso</i>",
        reporter_contact="0812",
        assignee_name=None,
        timeline=[SimpleNamespace(kind="note", at="2026-11-21T01:00:00Z", author_name="Sari", text=HOSTILE)],
    )
    base.update(overrides)
    return SimpleNamespace(**base)


def test_untrusted_html_is_shown_as_text(qtbot) -> None:
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.show_detail(detail())
    assert pane.title.text() == HOSTILE
    assert pane.title.textFormat() == Qt.TextFormat.PlainText
    for label in pane.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    assert HOSTILE in pane.content.toPlainText()
    assert HOSTILE in pane.timeline.toPlainText()
    # No image resource was created from the markup: the document has no image format anywhere.
    assert "<img" in pane.content.document().toPlainText()
    assert "Budi <i>Santoso</i>" in pane.reporter.text()


def test_anonymous_reporter_is_hidden(qtbot) -> None:
    pane = DetailPane()
    qtbot.addWidget(pane)
    # Even if a reporter name slipped into the data, an anonymous report never shows it.
    pane.show_detail(detail(anonymous=True, reporter_name="Rahasia Orang", reporter_contact="0899"))
    assert "Rahasia Orang" not in pane.reporter.text()
    assert "0899" not in pane.reporter.text()
    assert pane.reporter.text() == "Anonymous"


def test_secret_marker(qtbot) -> None:
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.show()
    pane.show_detail(detail(secret=True))
    assert pane.secret_marker.isVisible()
    pane.show_detail(detail(secret=False))
    assert not pane.secret_marker.isVisible()
