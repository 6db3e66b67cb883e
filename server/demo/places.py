"""Plausible places inside a region: desa/kelurahan per kecamatan, roads, landmarks, coordinates.

The desa names are *plausible*, built from naming patterns common in the region (Banjar "Sungai ...", "Handil ...",
transmigration villages "Sumber Rejeki", Tolaki/Bugis-style names around Kendari), not an official list. Each
kecamatan always gets the same desa, whatever the seed, so a desa belongs to exactly one kecamatan.
"""

from __future__ import annotations

import random
import zlib

from .catalog import Region

# Rough centre (lat, lon) and spread in degrees of each region, for demo coordinates only.
CENTRES: dict[str, tuple[float, float, float]] = {
    "Kabupaten Barito Kuala": (-3.05, 114.65, 0.35),
    "Kota Banjarmasin": (-3.32, 114.59, 0.04),
    "Kabupaten Banyuasin": (-2.55, 104.75, 0.45),
    "Kota Kendari": (-3.99, 122.53, 0.05),
}

_FRONT = {
    "Kalimantan Selatan": (
        "Sungai", "Handil", "Anjir", "Lok", "Tanjung", "Pulau", "Simpang", "Muara", "Teluk", "Kuin", "Banua", "Tatah",
        "Jelapat", "Puntik", "Tinggiran", "Pantai",
    ),
    "Sumatera Selatan": (
        "Sungai", "Tanjung", "Talang", "Muara", "Air", "Lubuk", "Pulau", "Teluk", "Karang", "Sukajadi", "Tebing",
    ),
}
_ROOT = (
    "Lumbah", "Tabuk", "Gampa", "Punggu", "Rasau", "Buluh", "Bakung", "Ulin", "Rumbia", "Pinang", "Kelapa", "Nipah",
    "Serapat", "Jingah", "Andai", "Raya", "Pitung", "Seluang", "Gelam", "Kemuning", "Durian", "Bangkal", "Kupang",
)
_TAIL = ("", "", "", "Hulu", "Hilir", "Tengah", "Baru", "Lama", "Darat", "Dalam", "Luar", "Kecil", "Besar")
_TRANSMIGRASI = (
    "Sidomulyo", "Sumber Rejeki", "Karya Makmur", "Sri Rejeki", "Purwosari", "Tegal Sari", "Marga Jaya", "Mekar Jaya",
    "Bumi Asih", "Sinar Baru", "Harapan Jaya", "Tri Mulya", "Suka Maju", "Jaya Karya", "Karang Indah", "Makmur Jaya",
)
_SULTRA = (
    "Lepo-Lepo", "Anduonohu", "Rahandouna", "Mokoau", "Punggaloba", "Lalolara", "Wundudopi", "Tobuuha", "Bonggoeya",
    "Anggilowu", "Mataiwoi", "Wawombalata", "Tipulu", "Benu-Benua", "Sodohoa", "Kemaraya", "Lahundape", "Watu-Watu",
    "Kessilampe", "Sanua", "Kandai", "Korumba", "Labibia", "Lapulu", "Petoaha", "Talia", "Sambuli", "Bungkutoko",
    "Purirano", "Gunung Jati", "Lalodati", "Punggolaka", "Anaiwoi", "Watulondo", "Bende", "Pondambea", "Watubangga",
)

_ROADS = (
    "Jl. Jenderal Sudirman", "Jl. Ahmad Yani", "Jl. Pangeran Antasari", "Jl. Brigjen H. Hasan Basry",
    "Jl. Panglima Batur", "Jl. Hasanuddin", "Jl. Veteran", "Jl. Gatot Subroto", "Jl. Diponegoro", "Jl. Pahlawan",
    "Jl. Merdeka", "Jl. Pramuka", "Jl. Kartini", "Jl. Imam Bonjol", "Jl. Sultan Adam", "Jl. Trikora",
    "Jl. Kenanga", "Jl. Melati", "Jl. Cempaka", "Jl. Mawar", "Jl. Anggrek", "Jl. Flamboyan", "Jl. Bakti",
    "Jl. Perintis Kemerdekaan", "Jl. Lingkar Selatan", "Jl. Lingkar Utara", "Jl. Poros Desa", "Jl. Handil Bakti",
    "Jl. Sungai Ulin", "Jl. Garuda", "Jl. Rajawali", "Jl. Kebun Sayur", "Jl. Mesjid Jami", "Jl. Dermaga",
    "Jl. Transmigrasi", "Jl. Usaha Tani", "Jl. Pendidikan", "Jl. Kesehatan", "Jl. Tanjung Harapan",
)
_GANG = ("Gg. Keluarga", "Gg. Rahmat", "Gg. Amanah", "Gg. Sepakat", "Gg. Haji Ali", "Gg. Mufakat", "Gg. Sejahtera")


def desa_of(region: Region, kecamatan: str) -> list[str]:
    """The desa/kelurahan of one kecamatan, the same on every call."""
    rng = random.Random(zlib.crc32(f"{region.regency}/{kecamatan}".encode()))
    count = rng.randint(6, 12)
    names: list[str] = [kecamatan] if region.regency.startswith("Kabupaten") else []
    front = _FRONT.get(region.province, _FRONT["Kalimantan Selatan"])
    while len(names) < count:
        if region.province == "Sulawesi Tenggara":
            name = rng.choice(_SULTRA)
        elif rng.random() < 0.25:
            name = rng.choice(_TRANSMIGRASI)
        else:
            name = " ".join(p for p in (rng.choice(front), rng.choice(_ROOT), rng.choice(_TAIL)) if p)
        if name not in names:
            names.append(name)
    return names


def desa_label(region: Region) -> str:
    return "Kelurahan" if region.regency.startswith("Kota") else "Desa"


def roads() -> tuple[str, ...]:
    return _ROADS + _GANG


def kecamatan_centre(region: Region, kecamatan: str) -> tuple[float, float, float] | None:
    """A fixed point for the kecamatan inside the region's spread, and the spread of its desa around it."""
    centre = CENTRES.get(region.regency)
    if centre is None:
        return None
    lat, lon, spread = centre
    rng = random.Random(zlib.crc32(f"centre/{region.regency}/{kecamatan}".encode()))
    return lat + rng.uniform(-spread, spread) * 0.7, lon + rng.uniform(-spread, spread) * 0.7, spread * 0.25
