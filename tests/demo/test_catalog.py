from datetime import date

import pytest

from server.demo import category_tree, holiday_calendar, load_region, opd_template, region_names


def test_default_region_is_barito_kuala():
    region = load_region(None)
    assert region.regency == "Kabupaten Barito Kuala"
    assert region.province == "Kalimantan Selatan"
    assert region.timezone == "Asia/Makassar"
    assert "Marabahan" in region.kecamatan and len(region.kecamatan) == 17


@pytest.mark.parametrize("name", ["Kota Banjarmasin", "kota banjarmasin", "Banjarmasin", "  BANJARMASIN "])
def test_region_names_match_loosely(name):
    assert load_region(name).regency == "Kota Banjarmasin"


def test_banyuasin_keeps_wib():
    assert load_region("banyuasin").timezone == "Asia/Jakarta"


def test_unknown_region_lists_the_choices():
    with pytest.raises(ValueError) as err:
        load_region("Kabupaten Antah Berantah")
    for name in region_names():
        assert name in str(err.value)


def test_opd_template_topics_are_real_categories():
    tree = category_tree()
    opds = opd_template()
    assert {"PUPR", "DINKES", "DISDUKCAPIL", "DINSOS", "DISKOMINFO"} <= {o["code"] for o in opds}
    for opd in opds:
        assert opd["name"] and opd["units"]
        for topic in opd["topics"]:
            assert topic in tree
    opds[0]["units"].clear()  # a copy: the next caller gets the template intact
    assert opd_template()[0]["units"]


def test_category_tree_matches_the_published_counts():
    tree = category_tree()
    assert len(tree) == 38
    assert sum(len(subs) for subs in tree.values()) == 929


def test_holiday_calendar_has_national_days_and_cuti_bersama():
    days = holiday_calendar([2025])
    by_date = {d["date"]: d for d in days}
    assert len(by_date) == len(days)
    assert [d["date"] for d in days] == sorted(by_date)
    assert by_date[date(2025, 3, 31)]["kind"] == "national"  # Idul Fitri
    for day in (2, 3, 4, 7):
        assert by_date[date(2025, 4, day)]["kind"] == "cuti_bersama"
    assert by_date[date(2025, 12, 26)]["kind"] == "cuti_bersama"
    assert {d["kind"] for d in days} == {"national", "cuti_bersama"}
    assert all(d["date"].year == 2025 and d["name"] for d in days)
    assert holiday_calendar([]) == []


def test_holiday_calendar_spans_years():
    years = {d["date"].year for d in holiday_calendar(range(2024, 2028))}
    assert years == {2024, 2025, 2026, 2027}
