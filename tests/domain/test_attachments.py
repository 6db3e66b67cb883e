"""Which files the desk lets a user attach (desktop.domain.attachments), decided from name, size and first bytes."""

from __future__ import annotations

from desktop.domain.attachments import MAX_ATTACHMENT_BYTES, classify


def test_a_picture_of_the_right_kind_and_size_may_be_attached() -> None:
    assert classify("jalan.PNG", 1000, b"\x89PNG\r\n\x1a\n" + b"\0" * 8) == (None, "image/png")
    assert classify("laporan.pdf", MAX_ATTACHMENT_BYTES, b"%PDF-1.7") == (None, "application/pdf")


def test_what_may_not_be_attached_says_why() -> None:
    assert classify("setup.exe", 10, b"MZ") == ("type", "")
    assert classify("kosong.pdf", 0, b"") == ("empty", "application/pdf")
    assert classify("besar.pdf", MAX_ATTACHMENT_BYTES + 1, b"%PDF-") == ("too_large", "application/pdf")
    assert classify("foto.jpg", 100, b"MZ\x90\x00") == ("mismatch", "image/jpeg")  # a renamed program
    assert classify("rekaman.amr", 100, b"anything") == (None, "audio/amr")  # no signature to check
