"""Which characters a piece of text may hold: one rule for the hub (which refuses the rest at its edge) and the
desk (which drops them as the user types or pastes, so an op can never be refused for them later).

Free text (notes, follow-ups, reasons) may hold tabs and line breaks; a line (a username, a device or record id)
holds no control character at all. Neither may hold C0/C1 control characters, DEL, or a lone UTF-16 surrogate:
PostgreSQL cannot store NUL, and a lone surrogate cannot be encoded as UTF-8 by any database or JSON encoder.
"""

from __future__ import annotations

import re

_SURROGATES = "\ud800-\udfff"
_TEXT_BAD = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_SURROGATES}]")
_LINE_BAD = re.compile(f"[\x00-\x1f\x7f-\x9f{_SURROGATES}]")


def bad_char(value: str, *, line: bool = False) -> str | None:
    """The first character ``value`` may not hold, or None when it is clean."""
    found = (_LINE_BAD if line else _TEXT_BAD).search(value)
    return found.group() if found else None


def describe(char: str) -> str:
    """How an error message names a refused character: its code point, never the character itself."""
    if "\ud800" <= char <= "\udfff":
        return f"a lone surrogate (U+{ord(char):04X})"
    return f"a control character (U+{ord(char):04X})"


def clean_text(value: str) -> str:
    """Free text as the hub will accept it: CR LF and lone CRs become LF, other refused characters are dropped."""
    return _TEXT_BAD.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def clean_line(value: str) -> str:
    """A single line as the hub will accept it: tabs and line breaks become spaces, the rest is dropped."""
    return _LINE_BAD.sub("", re.sub(r"[\t\r\n]+", " ", value))
