"""Three-way merge of a follow-up's text: the base both sides started from, mine (this desk's unsent edit) and
theirs (the hub's). Pure: the conflict view shows the result for the user to check and send."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class MergeResult:
    text: str
    clashes: int  # regions both sides changed differently (written between markers for the user to settle)


def _sync_regions(
    base: list[str], mine: list[str], theirs: list[str]
) -> list[tuple[int, int, int, int, int, int]]:
    """Regions where all three texts agree: (base start, end, mine start, end, theirs start, end)."""
    a_blocks = difflib.SequenceMatcher(None, base, mine, autojunk=False).get_matching_blocks()
    b_blocks = difflib.SequenceMatcher(None, base, theirs, autojunk=False).get_matching_blocks()
    out: list[tuple[int, int, int, int, int, int]] = []
    ia = ib = 0
    while ia < len(a_blocks) and ib < len(b_blocks):
        a_base, a_at, a_len = a_blocks[ia]
        b_base, b_at, b_len = b_blocks[ib]
        start, end = max(a_base, b_base), min(a_base + a_len, b_base + b_len)
        if start < end:
            a_sub, b_sub = a_at + (start - a_base), b_at + (start - b_base)
            out.append((start, end, a_sub, a_sub + end - start, b_sub, b_sub + end - start))
        if a_base + a_len < b_base + b_len:
            ia += 1
        else:
            ib += 1
    out.append((len(base), len(base), len(mine), len(mine), len(theirs), len(theirs)))
    return out


def _line_by_line(base: list[str], mine: list[str], theirs: list[str]) -> list[str] | None:
    """Chunks of equal length whose lines were each changed on one side only merge line by line; else None."""
    if not (len(base) == len(mine) == len(theirs)):
        return None
    out: list[str] = []
    for b, m, t in zip(base, mine, theirs, strict=True):
        if m == t or t == b:
            out.append(m)
        elif m == b:
            out.append(t)
        else:
            return None
    return out


def three_way_merge(base: str, mine: str, theirs: str, *, mine_label: str = "mine",
                    theirs_label: str = "theirs") -> MergeResult:  # fmt: skip
    """Line-based three-way merge: a change made on one side only is taken; the same change on both sides is
    taken once; different changes to the same lines are both kept, between markers, for the user to settle."""
    b, m, t = base.splitlines(keepends=True), mine.splitlines(keepends=True), theirs.splitlines(keepends=True)
    out: list[str] = []
    clashes = 0

    def emit(lines: list[str]) -> None:
        for line in lines:
            out.append(line)
        if out and not out[-1].endswith("\n"):
            out[-1] += "\n"

    iz = ia = ib = 0
    for z_start, z_end, a_start, a_end, b_start, b_end in _sync_regions(b, m, t):
        base_chunk, mine_chunk, theirs_chunk = b[iz:z_start], m[ia:a_start], t[ib:b_start]
        if mine_chunk or theirs_chunk:
            if mine_chunk == theirs_chunk or theirs_chunk == base_chunk:
                out.extend(mine_chunk)
            elif mine_chunk == base_chunk:
                out.extend(theirs_chunk)
            elif (lines := _line_by_line(base_chunk, mine_chunk, theirs_chunk)) is not None:
                out.extend(lines)  # edits of neighbouring lines, each on one side only
            else:
                clashes += 1
                emit([f"<<<<<<< {mine_label}\n"])
                emit(mine_chunk)
                emit(["=======\n"])
                emit(theirs_chunk)
                emit([f">>>>>>> {theirs_label}\n"])
        out.extend(b[z_start:z_end])
        iz, ia, ib = z_end, a_end, b_end
    text_out = "".join(out)
    # Keep the ending the sides agree on: no trailing newline was added by the markers when neither had one.
    if clashes == 0 and not mine.endswith("\n") and not theirs.endswith("\n") and text_out.endswith("\n"):
        text_out = text_out[:-1]
    return MergeResult(text_out, clashes)
