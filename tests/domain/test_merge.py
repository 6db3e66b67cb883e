"""The three-way merge of follow-up texts (desktop.domain.merge), which the conflict view offers."""

from __future__ import annotations

from desktop.domain.merge import MergeResult, three_way_merge


def test_three_way_merge_rules() -> None:
    m = three_way_merge
    assert m("a\nb\n", "a\nb\n", "a\nb\n").text == "a\nb\n"
    assert m("a\nb\n", "a\nB\n", "a\nb\n").text == "a\nB\n"
    assert m("a\nb\n", "a\nb\n", "A\nb\n").text == "A\nb\n"
    assert m("a\nb\n", "a\nX\n", "a\nX\n") == MergeResult("a\nX\n", 0)
    clash = m("a\nb\nc\n", "a\nM\nc\n", "a\nT\nc\n", mine_label="saya", theirs_label="server")
    assert clash.clashes == 1
    assert clash.text == "a\n<<<<<<< saya\nM\n=======\nT\n>>>>>>> server\nc\n"
    assert m("", "new", "").text == "new"
    assert m("x", "x", "x y").text == "x y"
