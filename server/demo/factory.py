"""Realistic demo complaints, fast and deterministic for a seed.

Speed matters (the hub seeds up to a million complaints): Faker is used once to build pools of reporters, and
every per-complaint choice is a ``random.Random`` draw on precomputed tables; text slots are computed lazily
only when a template uses them.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from desktop.domain.statuses import Status

from . import texts
from .catalog import Region, category_tree
from .places import desa_label, desa_of, kecamatan_centre, roads

KINDS = ("pengaduan", "aspirasi", "permintaan_informasi")
CHANNELS = ("web", "android", "ios", "sms", "twitter", "whatsapp", "instansi")
# In the order of the weights of _STATUS_BY_AGE.
STATUSES = (
    Status.TERDISPOSISI, Status.DIPROSES, Status.DITINDAKLANJUTI, Status.DITANGGAPI_PELAPOR, Status.SELESAI,
    Status.DIKEMBALIKAN, Status.DITUNDA, Status.ARSIP,
)

_KIND_WEIGHTS = (80, 12, 8)
_CHANNEL_WEIGHTS = (30, 28, 5, 10, 5, 14, 8)
# Share of complaints with GPS coordinates, by channel: the apps send them, SMS and Twitter never do.
_COORD_SHARE = {"web": 0.35, "android": 0.85, "ios": 0.85, "sms": 0.0, "twitter": 0.0, "whatsapp": 0.2, "instansi": 0.3}
# Status mix by age of the complaint (days since arrival): older ones are more often finished.
_STATUS_BY_AGE: tuple[tuple[float, tuple[float, ...]], ...] = (
    (3, (55, 30, 3, 0, 0, 5, 5, 2)),
    (14, (15, 30, 25, 8, 8, 6, 5, 3)),
    (60, (5, 12, 15, 6, 45, 7, 4, 6)),
    (math.inf, (1.5, 3, 2, 1.5, 75, 7, 2, 8)),
)

_SPAN_DAYS = 730
_ID_SPACE = 9_000_000  # 7-digit tracking ids: 1,000,000 .. 9,999,999
_ID_HALF = 3000
_MOBILE_PREFIXES = (
    "0811", "0812", "0813", "0821", "0822", "0823", "0852", "0853", "0851", "0814", "0815", "0816", "0855", "0856",
    "0857", "0858", "0817", "0818", "0819", "0859", "0877", "0878", "0831", "0832", "0838", "0895", "0896", "0897",
    "0898", "0899", "0881", "0882", "0887", "0888",
)
_MAIL_DOMAINS = ("gmail.com", "gmail.com", "gmail.com", "yahoo.com", "yahoo.co.id", "ymail.com", "outlook.com")
_HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu")
_BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November",
    "Desember",
)
_LAMA = (
    "2 minggu", "3 minggu", "hampir sebulan", "lebih dari sebulan", "2 bulan", "3 bulan", "4 bulan", "setengah tahun",
    "hampir setahun", "lebih dari setahun", "berbulan-bulan", "sepekan",
)
_WAKTU_LALU = (
    "awal bulan lalu", "pertengahan bulan lalu", "akhir bulan lalu", "2 bulan yang lalu", "3 bulan lalu",
    "minggu lalu", "awal tahun ini", "akhir tahun lalu", "musim hujan kemarin", "sebelum Lebaran",
)
_KORBAN = (
    "sudah beberapa kali pengendara motor terjatuh", "minggu lalu ada warga yang jatuh dan patah tangan",
    "anak-anak sekolah sering terlambat karena harus menuntun sepeda", "ambulans pun kesulitan lewat",
    "hasil panen warga susah diangkut ke pasar", "harga barang di desa jadi mahal karena ongkos angkut naik",
)
_PATOKAN = (
    "masjid", "langgar", "SDN setempat", "kantor desa", "pasar desa", "pos ronda", "lapangan bola", "balai desa",
    "puskesmas pembantu", "jembatan kecil", "warung Acil", "gudang gabah", "dermaga", "simpang tiga", "makam umum",
)
_KELUARGA = ("anak saya", "ibu saya", "bapak saya", "istri saya", "suami saya", "nenek saya", "mertua saya",
             "adik saya", "keponakan saya")
_KEPERLUAN = (
    "mendaftar sekolah anak", "membuka rekening bank", "melamar pekerjaan", "mendaftar BPJS Kesehatan",
    "mencairkan bantuan", "mengurus paspor", "mendaftar kuliah", "mengurus sertifikat tanah", "menikah",
)
_SEKOLAH_JENJANG = (("SDN", 8), ("SMPN", 4), ("MIN", 2), ("SMAN", 2), ("SMKN", 1), ("TK Negeri", 1))
_PASAR = ("Pasar Induk", "Pasar Terapung", "Pasar Tradisional", "Pasar Subuh", "Pasar Minggu", "pasar kecamatan")


def _cumulative(weights: Sequence[float]) -> list[float]:
    total = float(sum(weights))
    return [w / total for w in itertools.accumulate(weights)]


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_text.lower() if ch.isalnum())


_SMALL_WORDS = frozenset(("dan", "di", "ke", "dari", "untuk", "yang", "atau"))


def _title_case(text: str) -> str:
    """Title case as LAPOR! titles use it: small words stay lower, acronyms (KTP-el, PDAM) stay as written."""
    words = text.split()
    return " ".join(
        w if (i and w in _SMALL_WORDS) or any(c.isupper() for c in w) else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )


@cache
def _seconds_table() -> list[timedelta]:
    return [timedelta(seconds=i) for i in range(86400)]


class _Slots(dict[str, str]):
    """Values for one complaint's text slots, each computed on first use so cost follows the template."""

    __slots__ = ("makers", "desa", "kec", "sc", "when")

    def __init__(self, makers: dict[str, Callable[[_Slots], str]], desa: str, kec: str, sc: texts.Scenario,
                 when: date) -> None:
        self.makers, self.desa, self.kec, self.sc, self.when = makers, desa, kec, sc, when

    def __missing__(self, key: str) -> str:
        value = self.makers[key](self)
        self[key] = value
        return value


class ComplaintFactory:
    """Makes complaint dicts for one region; the same seed (and ``now``) gives the same complaints.

    ``now`` anchors the two-year window; it defaults to today's UTC midnight so runs on one day agree.
    Successive ``make`` calls continue the sequence: tracking ids stay unique across them.
    """

    def __init__(self, region: Region, seed: int = 0, *, now: datetime | None = None, people: int = 4000) -> None:
        self.region = region
        self.seed = seed
        if now is None:
            now = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        self.now = now.astimezone(UTC)
        self._rng = random.Random(seed)
        self._reply_rng = random.Random(f"reply/{seed}")
        self._counter = 0
        # Tracking ids: a keyed permutation of the 7-digit space, so ids look random and are unique without
        # remembering them: a 4-round Feistel network in radix 3000 (9,000,000 = 3000 * 3000) with random tables.
        t1, t2, t3, t4 = ([self._rng.randrange(_ID_HALF) for _ in range(_ID_HALF)] for _ in range(4))
        self._id_tables = (t1, t2, t3, t4)

        tree = category_tree()
        for sc in texts.SCENARIOS:
            bad = [s for s in sc.subtopics if s not in tree.get(sc.topic, ())]
            if bad:
                raise RuntimeError(f"scenario {sc.key}: not in the category tree: {sc.topic} / {bad}")
        self._scenarios = texts.SCENARIOS
        self._scenario_cum = _cumulative([sc.weight for sc in texts.SCENARIOS])
        self._hal_by_subtopic: dict[tuple[str, str], str] = {}
        for sc in texts.SCENARIOS:
            for sub in sc.subtopics:
                self._hal_by_subtopic.setdefault((sc.topic, sub), sc.hal)
        # Every ordered choice of 1-3 tags of a scenario, drawn from with one random number.
        self._tag_choices = {
            sc.key: [list(p) for r in (1, 2, 3) for p in itertools.permutations(sc.tags, r)] for sc in texts.SCENARIOS
        }
        self._kind_cum = _cumulative(_KIND_WEIGHTS)
        self._channel_cum = _cumulative(_CHANNEL_WEIGHTS)
        self._status_tables = [(limit, _cumulative(w)) for limit, w in _STATUS_BY_AGE]

        self._kecamatan = list(region.kecamatan)
        self._desa = {k: desa_of(region, k) for k in self._kecamatan}
        self._centres = {k: kecamatan_centre(region, k) for k in self._kecamatan}
        self._label = desa_label(region)
        self._roads = roads()
        offset = datetime(2025, 1, 1, tzinfo=ZoneInfo(region.timezone)).utcoffset()
        self._utc_offset = offset.total_seconds() if offset else 0.0  # Indonesia keeps no daylight saving time
        self._people = self._make_people(people)
        self._schools = {k: self._make_schools(k) for k in self._kecamatan}
        self._slot_makers = self._make_slot_makers()

    # --- pools built once ---------------------------------------------------------------------------------------
    def _make_people(self, count: int) -> list[tuple[str, str, str]]:
        from faker import Faker

        fake = Faker("id_ID")
        fake.seed_instance(self.seed)
        rng = random.Random(f"people/{self.seed}")
        people = []
        for _ in range(count):
            first, last = fake.first_name(), fake.last_name()
            name = fake.name() if rng.random() < 0.15 else f"{first} {last}"
            phone = rng.choice(_MOBILE_PREFIXES) + "".join(str(rng.randrange(10)) for _ in range(rng.choice((7, 8))))
            sep = rng.choice(("", ".", "_", ""))
            user = f"{_slug(first)}{sep}{_slug(last)}" if rng.random() < 0.7 else _slug(first)
            if rng.random() < 0.6:
                user += str(rng.randrange(1, 2000) if rng.random() < 0.5 else rng.randrange(70, 100))
            people.append((name, phone, f"{user}@{rng.choice(_MAIL_DOMAINS)}"))
        return people

    def _make_schools(self, kecamatan: str) -> list[str]:
        rng = random.Random(f"schools/{self.region.regency}/{kecamatan}")
        out = []
        for jenjang, count in _SEKOLAH_JENJANG:
            for i in range(1, count + 1):
                if rng.random() < 0.7:
                    out.append(f"{jenjang} {i} {kecamatan}")
        return out or [f"SDN 1 {kecamatan}"]

    def _make_slot_makers(self) -> dict[str, Callable[[_Slots], str]]:
        rnd = self._rng.random
        rint = self._rng.randint

        def pick(seq: Sequence[str]) -> str:
            return seq[int(rnd() * len(seq))]

        label = self._label
        desa_by_kec = self._desa
        hal_title = {sc.key: _title_case(sc.hal) for sc in texts.SCENARIOS}
        keperluan_kap = [_title_case(k) for k in _KEPERLUAN]
        schools = self._schools

        def desa2(s: _Slots) -> str:
            others = [d for d in desa_by_kec[s.kec] if d != s.desa]
            return pick(others) if others else s.desa

        def tgl(s: _Slots) -> str:
            d = s.when - timedelta(days=int(rnd() * 10))
            return f"{d.day} {_BULAN[d.month - 1]} {d.year}"

        makers: dict[str, Callable[[_Slots], str]] = {
            "wilayah": lambda s: f"{label} {s.desa}",
            "desa": lambda s: s.desa,
            "desa2": desa2,
            "kec": lambda s: s.kec,
            "jalan": lambda s: pick(self._roads) if rnd() < 0.8 else f"Jl. Poros {s.desa}",
            "rt": lambda s: f"{rint(1, 24):02d}",
            "rw": lambda s: f"{rint(1, 8):02d}",
            "lama": lambda s: pick(_LAMA),
            "waktu_lalu": lambda s: pick(_WAKTU_LALU),
            "panjang": lambda s: str(rint(2, 40) * 50),
            "korban": lambda s: pick(_KORBAN),
            "korban_kap": lambda s: pick(_KORBAN).capitalize(),
            "patokan": lambda s: pick(_PATOKAN),
            "tahun_lalu": lambda s: str(s.when.year - rint(1, 5)),
            "km": lambda s: str(rint(2, 25)),
            "cm": lambda s: str(rint(2, 16) * 5),
            "n": lambda s: str(rint(2, 9)),
            "minggu": lambda s: str(rint(2, 6)),
            "meter": lambda s: str(rint(1, 12) * 50),
            "puskesmas": lambda s: f"Puskesmas {s.kec}" if rnd() < 0.8 else f"Pustu {s.desa}",
            "hari": lambda s: pick(_HARI),
            "tgl": tgl,
            "jam_pagi": lambda s: f"{rint(7, 9):02d}.{pick(('00', '15', '30', '45'))}",
            "keluarga": lambda s: pick(_KELUARGA),
            "keluarga_kap": lambda s: pick(_KELUARGA).split()[0].capitalize(),
            "sekolah": lambda s: pick(schools[s.kec]),
            "kelas": lambda s: str(rint(1, 9)),
            "rupiah": lambda s: f"{rint(5, 300) * 5_000:,}".replace(",", "."),
            "tarif": lambda s: f"{rint(2, 10) * 5_000:,}".replace(",", "."),
            "tarif2": lambda s: f"{rint(11, 20) * 5_000:,}".replace(",", "."),
            "keperluan": lambda s: pick(_KEPERLUAN),
            "pasar": lambda s: f"{pick(_PASAR)} {s.kec}",
            "hal": lambda s: s.sc.hal,
            "Hal": lambda s: hal_title[s.sc.key],
            "keperluan_kap": lambda s: pick(keperluan_kap),
        }
        return makers

    def _permute(self, k: int) -> int:
        t1, t2, t3, t4 = self._id_tables
        left, right = divmod(k, _ID_HALF)
        left, right = right, (left + t1[right]) % _ID_HALF
        left, right = right, (left + t2[right]) % _ID_HALF
        left, right = right, (left + t3[right]) % _ID_HALF
        left, right = right, (left + t4[right]) % _ID_HALF
        return left * _ID_HALF + right

    # --- generation ------------------------------------------------------------------------------------------
    def make(self, n: int) -> Iterator[dict[str, Any]]:
        """Yield ``n`` new complaints (dicts shaped like the protocol's ``complaint`` minus hub-side ids)."""
        rng = self._rng
        rnd = rng.random
        pick_i = bisect.bisect
        scenarios, scen_cum = self._scenarios, self._scenario_cum
        kind_cum, channel_cum, status_tables = self._kind_cum, self._channel_cum, self._status_tables
        kecs, desa_by_kec, centres = self._kecamatan, self._desa, self._centres
        people, n_people = self._people, len(self._people)
        province, regency = self.region.province, self.region.regency
        # Times are whole seconds since `origin` (a UTC midnight before the window); datetimes and dates come
        # from per-day and per-second tables, several times cheaper than building each from a timestamp.
        origin = self.now.replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=_SPAN_DAYS + 2)
        now_ts = (self.now - origin).total_seconds()
        utc_offset = int(self._utc_offset)
        n_days = _SPAN_DAYS + 4
        day_dt = [origin + timedelta(days=i) for i in range(n_days)]
        day_date = [d.date() for d in day_dt]
        sec_td = _seconds_table()
        opener, closer = texts.OPENERS, texts.CLOSERS
        tag_choices = self._tag_choices
        makers = self._slot_makers
        asp_titles, info_titles = texts.ASPIRASI_TITLES, texts.INFO_TITLES
        # Scenario-specific texts weigh twice against the generic ones.
        asp_bodies = {sc.key: texts.ASPIRASI_BY_SCENARIO.get(sc.key, ()) * 2 + texts.ASPIRASI_BODIES
                      for sc in scenarios}
        info_bodies = {sc.key: texts.INFO_BY_SCENARIO.get(sc.key, ()) * 2 + texts.INFO_BODIES for sc in scenarios}
        neutral, neutral_end = texts.OPENERS_NEUTRAL, texts.CLOSERS_NEUTRAL
        coord_share = _COORD_SHARE
        floor = math.floor
        day0 = (now_ts + utc_offset) / 86400
        for _ in range(n):
            k = self._counter
            self._counter += 1
            if k >= _ID_SPACE:
                raise OverflowError("the 7-digit tracking id space is exhausted")
            tracking_id = 1_000_000 + self._permute(k)

            sc = scenarios[pick_i(scen_cum, rnd())]
            kind = KINDS[pick_i(kind_cum, rnd())]
            channel = CHANNELS[pick_i(channel_cum, rnd())]
            kec = kecs[int(rnd() * len(kecs))]
            desas = desa_by_kec[kec]
            desa = desas[int(rnd() * len(desas))]

            # Submission: more complaints recently (adoption grows), mostly in waking hours local time.
            age_days = _SPAN_DAYS * rnd() ** 1.25
            local_day = floor(day0 - age_days)
            local_seconds = (6 + 17 * rnd() ** 0.9) * 3600
            submitted_ts = local_day * 86400 + local_seconds - utc_offset
            if submitted_ts > now_ts - 3 * 3600:
                submitted_ts = now_ts - 3 * 3600 - rnd() * 86400
            arrived_ts = submitted_ts + (2 + 46 * rnd() ** 2) * 3600
            if arrived_ts > now_ts:
                arrived_ts = now_ts - rnd() * 3600
            sub_s, arr_s = int(submitted_ts), int(arrived_ts)
            submitted_at = day_dt[sub_s // 86400] + sec_td[sub_s % 86400]
            arrived_at = day_dt[arr_s // 86400] + sec_td[arr_s % 86400]
            local_date = day_date[(sub_s + utc_offset) // 86400]

            age = (now_ts - arrived_ts) / 86400
            for limit, cum in status_tables:
                if age < limit:
                    status = STATUSES[pick_i(cum, rnd())]
                    break

            slots = _Slots(makers, desa, kec, sc, local_date)
            variant = sc.variants[int(rnd() * len(sc.variants))]
            if kind == "pengaduan":
                title_t = variant.titles[int(rnd() * len(variant.titles))]
                body_t = variant.bodies[int(rnd() * len(variant.bodies))]
                first = opener[int(rnd() * len(opener))]
            elif kind == "aspirasi":
                title_t = asp_titles[int(rnd() * len(asp_titles))]
                bodies = asp_bodies[sc.key]
                body_t = bodies[int(rnd() * len(bodies))]
                first = neutral[int(rnd() * len(neutral))]
            else:
                title_t = info_titles[int(rnd() * len(info_titles))]
                bodies = info_bodies[sc.key]
                body_t = bodies[int(rnd() * len(bodies))]
                first = neutral[int(rnd() * len(neutral))]
            last = closer[int(rnd() * len(closer))] if kind == "pengaduan" else neutral_end[int(rnd() * len(neutral_end))]
            title = title_t.format_map(slots)
            content = (first + body_t + last).format_map(slots)
            if rnd() < 0.06:  # some residents type in lower case, a few shout
                content = content.lower() if rnd() < 0.7 else content.upper()

            choices = tag_choices[sc.key]
            tags = list(choices[int(rnd() * len(choices))])

            incident_date = None
            if kind == "pengaduan" and rnd() < 0.7:
                incident_date = local_date - timedelta(days=int(30 * rnd() ** 2))

            lat = lon = None
            centre = centres[kec]
            if centre is not None and rnd() < coord_share[channel]:
                lat = round(centre[0] + (rnd() - 0.5) * centre[2], 6)
                lon = round(centre[1] + (rnd() - 0.5) * centre[2], 6)

            anonymous = rnd() < 0.15
            secret = rnd() < 0.05
            reporter = None
            if not anonymous:
                name, phone, email = people[int(rnd() * n_people)]
                use_mail = channel not in ("sms", "whatsapp") and rnd() < 0.25
                reporter = {"name": name, "contact": email if use_mail else phone}

            subtopic = variant.subtopics[int(rnd() * len(variant.subtopics))]
            yield {
                "tracking_id": tracking_id,
                "title": title,
                "content": content,
                "kind": kind,
                "channel": channel,
                "status": status,
                "topic": sc.topic,
                "subtopic": subtopic,
                "tags": tags,
                "incident_date": incident_date,
                "submitted_at": submitted_at,
                "arrived_at": arrived_at,
                "location": {
                    "province": province,
                    "regency": regency,
                    "kecamatan": kec,
                    "desa": desa,
                    "lat": lat,
                    "lon": lon,
                },
                "anonymous": anonymous,
                "secret": secret,
                "reporter": reporter,
            }

    def reply_text(self, complaint: dict[str, Any]) -> str:
        """A reporter's reply to a follow-up on ``complaint``: thanks, not fixed yet, or asking for news."""
        rnd = self._reply_rng.random
        location = complaint.get("location") or {}
        hal = self._hal_by_subtopic.get((complaint.get("topic", ""), complaint.get("subtopic", "")), "masalah ini")
        status = complaint.get("status")
        thanks = 0.6 if status == Status.SELESAI else 0.25
        roll = rnd()
        if roll < thanks:
            pool = texts.REPLIES_THANKS
        elif roll < thanks + (1 - thanks) / 2:
            pool = texts.REPLIES_NOT_FIXED
        else:
            pool = texts.REPLIES_UPDATE
        template = pool[int(rnd() * len(pool))]
        desa = location.get("desa") or location.get("kecamatan") or "lokasi"
        return template.format(hal=hal, desa=f"{self._label} {desa}", n=1 + int(rnd() * 4))
