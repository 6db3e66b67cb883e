import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from server.demo import CHANNELS, KINDS, STATUSES, ComplaintFactory, category_tree, load_region, opd_template

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
PROTOCOL_KINDS = {"pengaduan", "aspirasi", "permintaan_informasi"}
PROTOCOL_CHANNELS = {"web", "android", "ios", "sms", "twitter", "whatsapp", "instansi"}
PROTOCOL_STATUSES = {"terdisposisi", "diproses", "ditindaklanjuti", "ditanggapi_pelapor", "selesai", "dikembalikan",
                     "ditunda", "arsip"}
MOBILE = re.compile(r"^08[1-9]\d{7,9}$")
EMAIL = re.compile(r"^[a-z0-9._]+@[a-z.]+\.[a-z]+$")
KEYS = {"tracking_id", "title", "content", "kind", "channel", "status", "topic", "subtopic", "tags", "incident_date",
        "submitted_at", "arrived_at", "location", "anonymous", "secret", "reporter"}


@pytest.fixture(scope="module")
def region():
    return load_region(None)


@pytest.fixture(scope="module")
def many(region):
    return list(ComplaintFactory(region, seed=11, now=NOW).make(100_000))


def test_enums_are_the_protocol_enums():
    assert set(KINDS) == PROTOCOL_KINDS
    assert set(CHANNELS) == PROTOCOL_CHANNELS
    assert set(STATUSES) == PROTOCOL_STATUSES


def test_same_seed_same_complaints(region):
    a = list(ComplaintFactory(region, seed=5, now=NOW).make(300))
    b = list(ComplaintFactory(region, seed=5, now=NOW).make(300))
    assert a == b
    c = list(ComplaintFactory(region, seed=6, now=NOW).make(300))
    assert [x["tracking_id"] for x in a] != [x["tracking_id"] for x in c]
    assert [x["content"] for x in a] != [x["content"] for x in c]


def test_tracking_ids_unique_and_seven_digits(many):
    ids = [c["tracking_id"] for c in many]
    assert len(set(ids)) == len(ids) == 100_000
    assert all(isinstance(i, int) and 1_000_000 <= i <= 9_999_999 for i in ids)


def test_ids_stay_unique_across_make_calls(region):
    factory = ComplaintFactory(region, seed=2, now=NOW)
    ids = [c["tracking_id"] for c in factory.make(500)] + [c["tracking_id"] for c in factory.make(500)]
    assert len(set(ids)) == 1000


def test_values_are_valid(region, many):
    tree = category_tree()
    tz = ZoneInfo(region.timezone)
    window_start = NOW - timedelta(days=731)
    for c in many[:20_000]:
        assert set(c) == KEYS
        assert c["kind"] in PROTOCOL_KINDS
        assert c["channel"] in PROTOCOL_CHANNELS
        assert c["status"] in PROTOCOL_STATUSES
        assert c["subtopic"] in tree[c["topic"]]
        assert c["title"] and len(c["title"]) <= 100 and "{" not in c["title"]
        assert len(c["content"]) > 40 and "{" not in c["content"] and "}" not in c["content"]
        assert c["tags"] and all(isinstance(t, str) and t for t in c["tags"])
        sub, arr = c["submitted_at"], c["arrived_at"]
        assert sub.tzinfo is not None and sub.utcoffset() == timedelta(0)
        assert window_start <= sub < arr <= NOW
        assert timedelta(hours=2) <= arr - sub <= timedelta(hours=48)
        if c["incident_date"] is not None:
            assert isinstance(c["incident_date"], date)
            assert c["incident_date"] <= sub.astimezone(tz).date()
        loc = c["location"]
        assert loc["province"] == region.province and loc["regency"] == region.regency
        assert loc["kecamatan"] in region.kecamatan
        assert loc["desa"]
        assert (loc["lat"] is None) == (loc["lon"] is None)
        if loc["lat"] is not None:
            assert -3.6 < loc["lat"] < -2.5 and 114.1 < loc["lon"] < 115.2
        assert isinstance(c["anonymous"], bool) and isinstance(c["secret"], bool)


def test_anonymous_reporters_have_no_identity(many):
    for c in many:
        if c["anonymous"]:
            assert c["reporter"] is None
        else:
            rep = c["reporter"]
            assert set(rep) == {"name", "contact"} and rep["name"]
            assert MOBILE.match(rep["contact"]) or EMAIL.match(rep["contact"]), rep["contact"]


def test_realistic_mix(many):
    n = len(many)
    kinds = Counter(c["kind"] for c in many)
    assert 0.75 < kinds["pengaduan"] / n < 0.85
    assert kinds["aspirasi"] and kinds["permintaan_informasi"]
    channels = Counter(c["channel"] for c in many)
    assert set(channels) == PROTOCOL_CHANNELS
    assert channels["web"] > channels["twitter"]
    assert 0.12 < sum(c["anonymous"] for c in many) / n < 0.18
    assert 0.03 < sum(c["secret"] for c in many) / n < 0.07
    covered = {t for opd in opd_template() for t in opd["topics"]}
    share_covered = sum(c["topic"] in covered for c in many) / n
    assert 0.75 < share_covered < 0.97  # most go to an OPD of the template, a few need re-routing
    assert len({c["location"]["kecamatan"] for c in many}) == 17
    assert len({c["title"] for c in many}) > 2_000
    assert len({c["content"] for c in many}) > 0.9 * n


def test_older_complaints_are_more_often_finished(many):
    def finished_share(cs):
        return sum(c["status"] == "selesai" for c in cs) / len(cs)

    recent = [c for c in many if NOW - c["arrived_at"] < timedelta(days=7)]
    old = [c for c in many if NOW - c["arrived_at"] > timedelta(days=90)]
    assert recent and old
    assert finished_share(old) > 0.6 > 0.2 > finished_share(recent)
    assert Counter(c["status"] for c in recent).most_common(1)[0][0] in {"terdisposisi", "diproses"}


def test_a_desa_belongs_to_one_kecamatan(many):
    owner: dict[str, set[str]] = {}
    for c in many:
        owner.setdefault(c["location"]["desa"], set()).add(c["location"]["kecamatan"])
    # Names may repeat across kecamatan (as real ones do), but every kecamatan has several desa.
    per_kec = Counter(k for ks in owner.values() for k in ks)
    assert min(per_kec.values()) >= 5


def test_other_regions(region):
    kendari = load_region("kendari")
    for c in ComplaintFactory(kendari, seed=1, now=NOW).make(500):
        assert c["location"]["kecamatan"] in kendari.kecamatan
        assert c["location"]["regency"] == "Kota Kendari"
        assert f"Desa {c['location']['desa']}" not in c["content"]  # a city has kelurahan, not desa


def test_reply_text(region, many):
    factory = ComplaintFactory(region, seed=3, now=NOW)
    replies = [factory.reply_text(c) for c in many[:300]]
    assert all(isinstance(r, str) and len(r) > 10 and "{" not in r for r in replies)
    assert len(set(replies)) > 20
    again = ComplaintFactory(region, seed=3, now=NOW)
    assert [again.reply_text(c) for c in many[:300]] == replies


def test_now_must_be_aware(region):
    with pytest.raises(ValueError):
        ComplaintFactory(region, now=datetime(2026, 1, 1))
