"""Complaint texts in Bahasa Indonesia: scenarios by category, filled from slots.

A scenario is one kind of everyday problem (a broken road, a late KTP-el, a closed puskesmas...) with the
LAPOR! topic and sub-topics it is filed under, short titles and bodies written the way residents write them.
Slots in braces are filled per complaint (see ``factory._Slots``) so that thousands of complaints do not
repeat: ``{wilayah}`` "Desa Sungai Rasau", ``{jalan}`` "Jl. Pangeran Antasari", ``{lama}`` "hampir 3 bulan", ...
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Variant:
    """Titles and bodies that describe the same problem, and the LAPOR! sub-topics it is filed under."""

    subtopics: tuple[str, ...]
    titles: tuple[str, ...]
    bodies: tuple[str, ...]


@dataclass(frozen=True)
class Scenario:
    key: str
    topic: str
    weight: float
    hal: str  # the subject as a noun phrase, for the generic aspirasi/info texts and replies
    tags: tuple[str, ...]
    variants: tuple[Variant, ...]

    @property
    def subtopics(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for v in self.variants for s in v.subtopics))


def V(subtopics: tuple[str, ...], titles: tuple[str, ...], *bodies: str) -> Variant:  # noqa: N802 - reads as data
    return Variant(subtopics, titles, bodies)


PUPR = "PEKERJAAN UMUM DAN PENATAAN RUANG"
SEHAT = "KESEHATAN"
DIDIK = "PENDIDIKAN DAN KEBUDAYAAN"
KEKERASAN = "KEKERASAN DI SATUAN PENDIDIKAN (SEKOLAH, KAMPUS, LEMBAGA KURSUS)"
DUDUK = "KEPENDUDUKAN"
SOSIAL = "SOSIAL DAN KESEJAHTERAAN"
HUB = "PERHUBUNGAN"
AIR = "PERAIRAN"
LH = "LINGKUNGAN HIDUP DAN KEHUTANAN"
TIBUM = "KETENTERAMAN, KETERTIBAN UMUM, DAN PELINDUNGAN MASYARAKAT"
TIK = "TEKNOLOGI INFORMASI DAN KOMUNIKASI"
LAPOR = "SP4N-LAPOR!"
ESDM = "ENERGI DAN SUMBER DAYA ALAM"

SCENARIOS: tuple[Scenario, ...] = (
    # --- Dinas PUPR -------------------------------------------------------------------------------------------
    Scenario("jalan_rusak", PUPR, 13, "perbaikan jalan", ("jalan rusak", "infrastruktur", "jalan berlubang"), (
        V(("JALAN BERLUBANG", "INFRASTRUKTUR JALAN"),
          ("Jalan Rusak Parah di {wilayah}", "Jalan Berlubang di {jalan}", "Mohon Perbaikan {jalan} {wilayah}",
           "Jalan Rusak Membahayakan Pengendara", "{jalan} Rusak Sudah {lama}", "Lubang Besar di {jalan}"),
          "Jalan di {jalan} RT {rt} {wilayah}, Kecamatan {kec} rusak parah sepanjang kurang lebih {panjang} meter. "
          "Lubangnya dalam dan kalau hujan tergenang air sehingga tidak kelihatan. Sudah {lama} kondisinya begini "
          "dan {korban}.",
          "Kami warga RT {rt} RW {rw} {wilayah} ingin melaporkan jalan berlubang di depan {patokan}, {jalan}. "
          "Lubangnya makin besar setiap hari karena dilewati truk bermuatan berat. Sudah pernah kami sampaikan ke "
          "desa dan kecamatan tetapi sampai sekarang belum ada perbaikan."),
        V(("INFRASTRUKTUR JALAN", "LAINNYA TERKAIT INFRASTRUKTUR JALAN"),
          ("Jalan Poros {desa} Rusak dan Berlumpur", "Jalan Penghubung {desa} - {desa2} Rusak",
           "Jalan Desa Tidak Bisa Dilalui Saat Hujan"),
          "Kondisi jalan poros yang menghubungkan {wilayah} dengan {desa2} sangat memprihatinkan. Aspalnya sudah "
          "terkelupas, banyak lubang, dan waktu musim hujan jalan berubah jadi lumpur. Anak sekolah dan warga yang "
          "membawa hasil panen ke pasar kesulitan lewat. {korban_kap}.",
          "Jalan tanah dari {wilayah} menuju {desa2} belum pernah diaspal atau dicor. Setiap musim hujan jalan "
          "licin dan berlumpur sampai betis, motor harus didorong. Warga sudah {lama} menunggu pengerasan jalan."),
        V(("INFRASTRUKTUR JALAN", "LAINNYA TERKAIT PEKERJAAN UMUM DAN PENATAAN RUANG"),
          ("Jalan Cor Baru di {jalan} Sudah Retak", "Kualitas Proyek Jalan {desa} Dipertanyakan"),
          "Jalan cor di {jalan} yang dibangun tahun {tahun_lalu} sudah retak dan amblas di beberapa titik, "
          "terutama dekat {patokan}. Kendaraan roda empat tidak bisa lewat, roda dua harus bergantian. "
          "Kami khawatir kalau dibiarkan jalan akan putus total."),
    )),
    Scenario("jembatan", PUPR, 6, "perbaikan jembatan", ("jembatan", "infrastruktur", "jembatan rusak"), (
        V(("JEMBATAN",),
          ("Jembatan di {wilayah} Nyaris Putus", "Jembatan Ulin {desa} Lapuk",
           "Mohon Perbaikan Jembatan Penghubung {desa} - {desa2}", "Jembatan Kayu Rusak Membahayakan Anak Sekolah"),
          "Jembatan kayu ulin penghubung {wilayah} dan {desa2} di Kecamatan {kec} sudah lapuk, beberapa papan "
          "lantainya patah dan tiang penyangganya miring. Setiap hari jembatan ini dilewati anak sekolah dan "
          "pengendara motor. Sudah {lama} hanya ditambal seadanya oleh warga."),
        V(("JEMBATAN", "INFRASTRUKTUR JALAN"),
          ("Jembatan Amblas, Warga Terpaksa Memutar", "Oprit Jembatan di {jalan} Amblas"),
          "Jembatan di {jalan} dekat {patokan} amblas pada bagian ujungnya sejak banjir {waktu_lalu}. "
          "Mobil tidak berani lewat dan warga harus memutar sekitar {km} km. {korban_kap}."),
        V(("JEMBATAN",),
          ("Pagar Jembatan {desa} Hilang", "Jembatan {desa} Gelap dan Tanpa Pagar"),
          "Pagar pengaman jembatan di {wilayah} sudah hilang separuh dan lantainya berlubang. Malam hari tidak ada "
          "lampu sehingga sangat berbahaya, apalagi jembatan berada tepat di atas sungai yang cukup dalam."),
    )),
    Scenario("drainase", PUPR, 8, "perbaikan drainase", ("drainase", "banjir", "gorong-gorong", "saluran air"), (
        V(("DRAINASE (GORONG-GORONG/PARIT)",),
          ("Saluran Drainase Tersumbat di {jalan}", "Banjir Setiap Hujan di RT {rt} {wilayah}",
           "Parit Meluap ke Rumah Warga"),
          "Saluran drainase di sepanjang {jalan} {wilayah} tersumbat sampah dan lumpur. Setiap hujan deras air "
          "meluap ke jalan dan masuk ke rumah warga setinggi {cm} cm. Sudah {lama} tidak pernah dibersihkan."),
        V(("DRAINASE (GORONG-GORONG/PARIT)", "PERMUKIMAN"),
          ("Gorong-gorong Ambruk di {wilayah}", "Mohon Penggantian Gorong-gorong di {jalan}"),
          "Gorong-gorong di depan {patokan}, RT {rt} {wilayah} ambruk sehingga aliran air tertahan. Akibatnya "
          "halaman dan jalan tergenang berhari-hari, bau dan banyak nyamuk. Mohon segera diganti."),
        V(("SUMBER DAYA AIR", "DRAINASE (GORONG-GORONG/PARIT)"),
          ("Mohon Normalisasi Handil di {wilayah}", "Saluran Tersier {desa} Dangkal"),
          "Handil dan saluran tersier di {wilayah}, Kecamatan {kec} sudah dangkal dan penuh eceng gondok. Saat "
          "air pasang sawah dan permukiman warga terendam. Warga sudah gotong royong tetapi tidak mampu tanpa "
          "alat berat."),
    )),
    Scenario("lampu_jalan", PUPR, 3, "penerangan jalan umum", ("PJU", "lampu jalan", "penerangan jalan"), (
        V(("PENERANGAN JALAN",),
          ("Lampu Jalan Mati di {jalan}", "PJU Padam Sudah {lama}", "Jalan Gelap Gulita di {wilayah}"),
          "Lampu penerangan jalan umum di {jalan} {wilayah} sudah {lama} mati, kurang lebih {n} titik dari {patokan} "
          "sampai ujung jalan. Malam hari jalan gelap gulita dan rawan kejahatan serta kecelakaan."),
        V(("PENERANGAN JALAN",),
          ("Kabel PJU Menjuntai di RT {rt}", "Tiang Lampu Jalan Membahayakan Warga"),
          "Mohon perhatian, tiang PJU di RT {rt} {wilayah} lampunya padam dan kabelnya menjuntai ke bawah. "
          "Warga khawatir tersengat listrik, terutama anak-anak yang bermain di sekitar situ."),
    )),
    # --- Dinas Kesehatan --------------------------------------------------------------------------------------
    Scenario("puskesmas", SEHAT, 7, "pelayanan puskesmas", ("puskesmas", "pelayanan kesehatan", "dokter"), (
        V(("PELAYANAN KESEHATAN", "MASALAH PELAYANAN KESEHATAN"),
          ("{puskesmas} Tutup Saat Jam Pelayanan", "Petugas {puskesmas} Datang Terlambat"),
          "Pada hari {hari} tanggal {tgl} sekitar pukul {jam_pagi} saya membawa {keluarga} yang sakit ke "
          "{puskesmas}, tetapi pintunya masih tertutup dan petugas baru datang hampir satu jam kemudian. "
          "Jam pelayanan yang tertera di papan adalah pukul 07.30."),
        V(("MASALAH PELAYANAN KESEHATAN", "FASILITAS KESEHATAN"),
          ("Dokter Tidak Ada di {puskesmas}", "Mohon Dokter Tetap untuk {puskesmas}"),
          "Sudah {lama} dokter di {puskesmas} jarang ada di tempat. Pasien hanya dilayani perawat dan kalau "
          "perlu rujukan harus menunggu lama. Mohon ditempatkan dokter yang tetap."),
        V(("FASILITAS KESEHATAN", "PELAYANAN KESEHATAN"),
          ("Pustu {desa} Jarang Buka", "Puskesmas Pembantu {desa} Selalu Tutup"),
          "Puskesmas pembantu di {wilayah} hampir tidak pernah buka. Warga yang sakit harus ke Puskesmas {kec} "
          "yang jaraknya sekitar {km} km dengan jalan yang rusak. Mohon bidan atau perawatnya hadir sesuai jadwal."),
        V(("KERAMAHAN PETUGAS KESEHATAN", "PELAYANAN KESEHATAN"),
          ("Pelayanan {puskesmas} Lambat", "Antrean Panjang di {puskesmas}", "Petugas {puskesmas} Kurang Ramah"),
          "Antrean di {puskesmas} sangat panjang, saya datang pukul {jam_pagi} baru dilayani menjelang zuhur. "
          "Loket pendaftaran hanya satu yang buka dan petugasnya sering meninggalkan meja."),
    )),
    Scenario("bpjs", SEHAT, 5, "kepesertaan BPJS Kesehatan", ("BPJS Kesehatan", "PBI", "JKN", "KIS"), (
        V(("NON-AKTIF KARENA TIDAK MASUK SK MENSOS", "STATUS KEPESERTAAN"),
          ("Kartu BPJS PBI Tiba-tiba Nonaktif", "BPJS Kesehatan {keluarga_kap} Tidak Aktif",
           "Ditolak Berobat karena KIS Nonaktif"),
          "Kartu KIS/BPJS PBI {keluarga} tiba-tiba tidak aktif saat akan berobat ke {puskesmas} pada {waktu_lalu}. "
          "Kami keluarga tidak mampu dan selama ini iurannya ditanggung pemerintah. Kami disuruh membayar sebagai "
          "pasien umum."),
        V(("STATUS KEPESERTAAN", "ADMINISTRASI BPJS KESEHATAN"),
          ("Mohon Pengaktifan Kembali BPJS PBI", "Reaktivasi BPJS PBI Belum Selesai"),
          "Saya sudah mengurus pengaktifan kembali BPJS PBI ke Dinas Sosial dan kantor BPJS sejak {lama} yang lalu, "
          "tetapi status di aplikasi Mobile JKN masih nonaktif. Padahal {keluarga} harus kontrol rutin setiap bulan."),
        V(("PERUBAHAN FASILITAS KESEHATAN TINGKAT I",),
          ("Tidak Bisa Pindah Faskes BPJS", "Faskes BPJS Masih di Alamat Lama"),
          "Fasilitas kesehatan tingkat pertama di kartu BPJS saya masih terdaftar di luar {kec} padahal saya sudah "
          "pindah domisili. Setiap berobat ke {puskesmas} saya ditolak dan disuruh mengurus perubahan faskes."),
    )),
    Scenario("obat_ambulans", SEHAT, 3, "layanan kesehatan", ("kesehatan", "layanan kesehatan", "puskesmas"), (
        V(("KEKOSONGAN OBAT", "PELAYANAN OBAT"),
          ("Obat Kosong di {puskesmas}", "Pasien Disuruh Beli Obat di Luar"),
          "Sudah {n} kali kontrol ke {puskesmas} saya hanya diberi resep untuk dibeli di apotek luar karena "
          "obatnya kosong. Untuk warga kecil seperti kami biayanya berat."),
        V(("FOGGING NYAMUK",),
          ("Mohon Fogging, Warga {wilayah} Terkena DBD", "Kasus Demam Berdarah di RT {rt} {wilayah}"),
          "Di RT {rt} {wilayah} sudah ada {n} warga yang dirawat karena demam berdarah dalam {minggu} minggu "
          "terakhir, salah satunya anak-anak. Mohon dilakukan fogging dan pemeriksaan jentik."),
        V(("LAYANAN AMBULAN",),
          ("Ambulans Desa Tidak Bisa Dipakai", "Ambulans {desa} Rusak"),
          "Ambulans desa di {wilayah} rusak sejak {waktu_lalu} dan tidak diperbaiki. Waktu ada warga melahirkan "
          "malam hari kami harus menyewa mobil dengan biaya sendiri ke {puskesmas}."),
        V(("PELAYANAN VAKSINASI / IMUNISASI",),
          ("Jadwal Imunisasi Posyandu {desa} Tidak Jelas", "Vaksin Imunisasi Dasar Kosong"),
          "Jadwal imunisasi di posyandu {wilayah} sering berubah tanpa pengumuman. Bulan ini kami datang membawa "
          "bayi tetapi vaksinnya tidak tersedia dan disuruh ke {puskesmas}."),
    )),
    # --- Dinas Pendidikan dan Kebudayaan ----------------------------------------------------------------------
    Scenario("pungutan_sekolah", DIDIK, 5, "biaya dan pungutan sekolah", ("pungutan sekolah", "pendidikan",
                                                                         "komite sekolah"), (
        V(("BIAYA SEKOLAH",),
          ("Pungutan Uang Komite di {sekolah}", "Uang Pembangunan di {sekolah} Tidak Jelas"),
          "Anak saya bersekolah di {sekolah}, Kecamatan {kec}. Orang tua diminta membayar uang komite sebesar "
          "Rp{rupiah} per bulan dan uang pembangunan yang tidak jelas rinciannya. Bukankah sekolah negeri sudah "
          "menerima dana BOS?"),
        V(("ADMINISTRASI SISWA", "BIAYA SEKOLAH"),
          ("Ijazah Ditahan karena Tunggakan", "Ijazah Alumni {sekolah} Belum Diberikan"),
          "Ijazah kakak saya lulusan {sekolah} tahun {tahun_lalu} masih ditahan pihak sekolah karena belum "
          "melunasi tunggakan Rp{rupiah}. Ijazah itu diperlukan untuk melamar pekerjaan."),
        V(("BIAYA SEKOLAH", "LAINNYA TERKAIT PENDIDIKAN DASAR DAN MENENGAH"),
          ("Biaya Seragam dan Buku di {sekolah} Memberatkan", "Wajib Beli LKS di Koperasi Sekolah"),
          "Siswa kelas {kelas} di {sekolah} diwajibkan membeli seragam batik, baju olahraga dan LKS di koperasi "
          "sekolah dengan total Rp{rupiah}. Banyak orang tua di {wilayah} yang bekerja sebagai petani merasa "
          "keberatan."),
    )),
    Scenario("ppdb", DIDIK, 4, "penerimaan siswa baru dan KIP", ("pendidikan", "sekolah", "siswa"), (
        V(("PENERIMAAN SISWA BARU",),
          ("Anak Tidak Diterima Padahal Rumah Dekat Sekolah", "Masalah Zonasi PPDB {sekolah}"),
          "Rumah kami di {wilayah} hanya berjarak sekitar {meter} meter dari {sekolah}, tetapi anak saya tidak "
          "diterima di jalur zonasi. Sementara ada siswa dari luar kecamatan yang diterima. Mohon penjelasan dan "
          "keterbukaan data seleksinya."),
        V(("KARTU INDONESIA PINTAR/KIP",),
          ("Dana PIP/KIP Anak Belum Cair", "Bantuan PIP Tidak Diterima"),
          "Anak saya terdaftar sebagai penerima KIP di {sekolah} tetapi dana PIP tahun ini belum diterima, padahal "
          "teman sekelasnya sudah. Pihak sekolah hanya menyuruh menunggu."),
        V(("PENERIMAAN SISWA BARU",),
          ("Situs Pendaftaran Siswa Baru Error", "Gagal Unggah Dokumen Pendaftaran Sekolah"),
          "Sejak hari pertama pendaftaran siswa baru, situs pendaftaran tidak bisa dibuka dari {wilayah}. "
          "Kami sudah mencoba di warnet dan di kantor desa, selalu gagal di tahap unggah dokumen."),
    )),
    Scenario("sekolah", DIDIK, 2, "sarana dan guru sekolah", ("sekolah", "pendidikan"), (
        V(("PENDIDIKAN DASAR DAN MENENGAH", "LAINNYA TERKAIT PENDIDIKAN DASAR DAN MENENGAH"),
          ("Atap Ruang Kelas {sekolah} Bocor", "Ruang Kelas {sekolah} Nyaris Roboh"),
          "Atap {n} ruang kelas di {sekolah}, {wilayah} bocor dan plafonnya sudah jebol. Kalau hujan murid "
          "terpaksa belajar di teras atau digabung dengan kelas lain."),
        V(("LAINNYA TERKAIT PENDIDIKAN DASAR DAN MENENGAH",),
          ("Guru Sering Tidak Masuk di {sekolah}", "Murid {sekolah} Sering Dipulangkan Cepat"),
          "Guru kelas {kelas} di {sekolah} sering tidak masuk, dalam sebulan bisa lebih dari {n} hari. Anak-anak "
          "hanya diberi tugas lalu dipulangkan lebih cepat."),
    )),
    Scenario("perundungan", KEKERASAN, 1, "perundungan di sekolah", ("perundungan", "bullying",
                                                                     "perlindungan anak"), (
        V(("PERUNDUNGAN (BULLYING)",),
          ("Anak Saya Jadi Korban Perundungan di Sekolah", "Dugaan Bullying di {sekolah}"),
          "Anak saya kelas {kelas} di {sekolah} sudah {lama} dirundung oleh beberapa temannya, dipalak dan "
          "dipukul. Sudah saya laporkan ke wali kelas tetapi tidak ada tindakan, sekarang anak saya tidak mau "
          "sekolah."),
        V(("LAINNYA", "GABUNGAN ATAU LAINNYA"),
          ("Dugaan Kekerasan terhadap Murid {sekolah}",),
          "Saya mendapat cerita dari beberapa murid {sekolah} tentang perlakuan kasar seorang oknum terhadap siswa. "
          "Mohon dinas menelusuri dan melindungi anak-anak yang menjadi korban."),
    )),
    # --- Disdukcapil ------------------------------------------------------------------------------------------
    Scenario("ktp", DUDUK, 7, "pembuatan KTP-el", ("KTP-el", "adminduk", "blangko KTP", "Disdukcapil"), (
        V(("KTP (KARTU TANDA PENDUDUK)",),
          ("KTP-el Belum Jadi Sudah {lama}", "Blangko KTP Habis Terus", "KTP-el Belum Dicetak"),
          "Saya melakukan perekaman KTP-el di kantor Kecamatan {kec} pada {waktu_lalu}, tetapi sampai sekarang "
          "KTP saya belum dicetak dengan alasan blangko habis. Sudah {n} kali saya bolak-balik dari {wilayah}."),
        V(("SINKRONISASI DATA KEPENDUDUKAN", "KTP (KARTU TANDA PENDUDUK)"),
          ("Data KTP Tidak Sinkron", "NIK Tidak Terdaftar Saat {keperluan_kap}"),
          "NIK saya tidak terbaca saat {keperluan}, katanya data di Dukcapil belum sinkron. Padahal KTP "
          "saya sudah jadi sejak {tahun_lalu}. Mohon dibantu perbaikan datanya."),
        V(("KTP (KARTU TANDA PENDUDUK)",),
          ("KTP-el Anak Belum Jadi", "Perekaman KTP-el di Kecamatan {kec} Antre Panjang"),
          "Anak saya sudah berumur 17 tahun dan perlu KTP-el untuk {keperluan}. Sudah {lama} sejak perekaman, "
          "setiap ditanya ke kantor Disdukcapil jawabannya masih antre cetak."),
    )),
    Scenario("kk_akta", DUDUK, 5, "pengurusan KK dan akta", ("kartu keluarga", "akta kelahiran", "adminduk"), (
        V(("KARTU KELUARGA",),
          ("Pengurusan KK Baru Lama Sekali", "Perubahan KK Tertahan di Kecamatan"),
          "Saya mengajukan perubahan Kartu Keluarga karena penambahan anggota keluarga melalui {wilayah} "
          "pada {waktu_lalu}. Sampai sekarang KK belum jadi dan berkas katanya tertahan di kecamatan."),
        V(("AKTA KELAHIRAN",),
          ("Akta Kelahiran Anak Belum Terbit", "Nama di Akta Salah Ketik"),
          "Akta kelahiran anak saya yang lahir {waktu_lalu} belum terbit padahal semua persyaratan sudah lengkap. "
          "Akta ini diperlukan untuk {keperluan}.",
          "Di akta kelahiran anak saya nama ayahnya salah ketik. Saya sudah mengajukan perbaikan {lama} yang lalu "
          "ke Disdukcapil, tetapi belum ada kabar."),
        V(("AKTA KEMATIAN",),
          ("Akta Kematian {keluarga_kap} Belum Keluar",),
          "{keluarga_kap} meninggal {waktu_lalu} dan kami sudah mengajukan akta kematian lewat {wilayah}. "
          "Akta belum terbit sehingga kami belum bisa mengurus pensiun dan warisan."),
        V(("PINDAH DOMISILI",),
          ("Surat Pindah Belum Selesai {lama}", "KK Alamat Baru Belum Terbit"),
          "Saya pindah dari kabupaten lain ke {wilayah} dan sudah mengurus surat pindah datang {lama} yang lalu. "
          "KK dan KTP dengan alamat baru belum juga terbit sehingga saya kesulitan {keperluan}."),
    )),
    # --- Dinas Sosial -----------------------------------------------------------------------------------------
    Scenario("bansos", SOSIAL, 8, "penyaluran bantuan sosial", ("bansos", "bantuan sosial", "Dinas Sosial"), (
        V(("PKH PROGRAM KELUARGA HARAPAN",),
          ("Bantuan PKH Tidak Cair Lagi", "PKH Berhenti Tanpa Penjelasan"),
          "Saya penerima PKH sejak {tahun_lalu}, tetapi sejak {waktu_lalu} bantuan tidak masuk lagi ke rekening "
          "KKS saya. Pendamping PKH di {wilayah} tidak bisa menjelaskan penyebabnya."),
        V(("BANSOS DAERAH", "LAINNYA TERKAIT BANTUAN SOSIAL", "DATA TERPADU KESEJAHTERAAN SOSIAL (DTKS)"),
          ("Warga Miskin di {wilayah} Tidak Dapat Bansos", "Penerima Bansos Tidak Tepat Sasaran"),
          "Di RT {rt} {wilayah} ada {n} keluarga lansia dan janda yang hidup sangat kekurangan tetapi tidak pernah "
          "menerima bansos apa pun. Sebaliknya ada warga yang rumahnya bagus dan punya mobil justru terdaftar."),
        V(("BANTUAN PANGAN NON TUNAN (BPNT)",),
          ("BPNT Tidak Diterima {lama}", "Saldo KKS Kosong"),
          "Saldo BPNT di kartu KKS saya kosong sudah {lama}. Waktu mengecek di e-warong katanya nama saya sudah "
          "dicoret dari data, padahal kondisi ekonomi kami tidak berubah."),
        V(("DATA TERPADU KESEJAHTERAAN SOSIAL (DTKS)",),
          ("Mohon Dimasukkan ke DTKS", "Usulan DTKS Belum Masuk"),
          "Saya sudah mengajukan usulan masuk DTKS melalui operator SIKS-NG di {wilayah} pada {waktu_lalu}. "
          "Sampai sekarang nama saya belum muncul di cekbansos."),
    )),
    # --- Dinas Perhubungan ------------------------------------------------------------------------------------
    Scenario("angkutan_sungai", HUB, 3, "angkutan sungai dan dermaga", ("angkutan sungai", "perhubungan", "transportasi sungai"), (
        V(("LAINNYA TERKAIT PERHUBUNGAN",),
          ("Dermaga {desa} Rusak", "Titian Dermaga {desa} Patah"),
          "Dermaga penyeberangan di {wilayah}, Kecamatan {kec} papannya banyak yang patah dan miring. Setiap hari "
          "dipakai anak sekolah dan pedagang naik turun klotok. Sudah ada yang terperosok ke sungai."),
        V(("LAINNYA TERKAIT PERHUBUNGAN", "TRANSPORTASI DARAT"),
          ("Tarif Klotok Naik Sepihak", "Mohon Tarif Resmi Angkutan Sungai"),
          "Tarif klotok dari {wilayah} ke pasar {kec} naik dari Rp{tarif} menjadi Rp{tarif2} tanpa pemberitahuan. "
          "Mohon Dinas Perhubungan menetapkan tarif resmi."),
        V(("LAINNYA TERKAIT PERHUBUNGAN",),
          ("Speedboat Tanpa Pelampung", "Kapal Penyeberangan {desa} Kelebihan Muatan"),
          "Speedboat yang melayani rute {desa} - {desa2} tidak menyediakan pelampung untuk penumpang dan sering "
          "kelebihan muatan. Kami khawatir terjadi kecelakaan seperti tahun lalu."),
    )),
    Scenario("parkir_lalin", HUB, 3, "parkir dan lalu lintas", ("perhubungan", "lalu lintas"), (
        V(("PARKIR LIAR",),
          ("Parkir Liar di Depan {pasar}", "Juru Parkir Tanpa Karcis"),
          "Kendaraan parkir sembarangan di depan {pasar} sampai memakan separuh badan jalan, sehingga setiap pagi "
          "macet. Juru parkirnya tidak memakai rompi resmi dan tidak memberi karcis."),
        V(("LAMPU PENERANGAN JALAN UMUM", "LAINNYA TERKAIT PERHUBUNGAN"),
          ("Lampu Lalu Lintas Simpang {jalan} Mati", "Traffic Light Rusak"),
          "Lampu lalu lintas di simpang {jalan} sudah {lama} mati. Pada jam berangkat sekolah sering terjadi "
          "nyaris tabrakan. Mohon segera diperbaiki atau ditempatkan petugas."),
    )),
    Scenario("pungli_perairan", AIR, 1, "pungutan di perairan", ("pungli", "perairan", "sungai"), (
        V(("DUGAAN PUNGUTAN LIAR DI PERAIRAN / ILLEGAL CHARGES (MARINE)",),
          ("Pungutan Liar Kapal di Sungai {desa}", "Pungli di Alur Sungai {kec}"),
          "Kapal dan kelotok pengangkut hasil kebun yang lewat di sungai dekat {wilayah} dimintai uang Rp{tarif} "
          "oleh oknum tanpa karcis. Pemilik kapal tidak berani menolak."),
    )),
    # --- Dinas Lingkungan Hidup -------------------------------------------------------------------------------
    Scenario("sampah", LH, 7, "pengangkutan sampah", ("sampah", "TPS", "kebersihan", "lingkungan"), (
        V(("PENGELOLAAN SAMPAH",),
          ("Sampah Menumpuk di TPS {jalan}", "Bau Sampah Mengganggu Warga RT {rt}"),
          "Sampah di TPS {jalan} {wilayah} sudah {lama} tidak diangkut. Tumpukannya meluber ke jalan, bau busuk "
          "tercium sampai ke rumah warga dan mulai banyak lalat."),
        V(("PENGELOLAAN SAMPAH",),
          ("Truk Sampah Tidak Datang {lama}", "Jadwal Angkut Sampah RT {rt} Berhenti"),
          "Truk pengangkut sampah biasanya datang setiap {hari}, tetapi sejak {waktu_lalu} tidak pernah datang lagi "
          "ke RT {rt} {wilayah}. Warga terpaksa membakar sampah sendiri."),
        V(("PENGELOLAAN SAMPAH", "SANITASI"),
          ("TPS Liar di Pinggir Sungai {desa}", "Mohon Bak Sampah untuk {wilayah}"),
          "Banyak warga membuang sampah ke pinggir sungai di {wilayah} karena tidak ada TPS. Saat air pasang sampah "
          "hanyut ke permukiman. Mohon disediakan bak sampah dan jadwal angkut."),
    )),
    Scenario("lingkungan", LH, 4, "pencemaran dan bencana", ("lingkungan hidup", "lingkungan", "DLH"), (
        V(("PENCEMARAN LINGKUNGAN",),
          ("Limbah Pabrik Mencemari Sungai {desa}", "Air Sungai {desa} Hitam dan Berbau"),
          "Air sungai di {wilayah} berubah warna kehitaman dan berbau sejak {waktu_lalu}. Diduga berasal dari limbah "
          "perusahaan di hulu. Ikan banyak yang mati dan warga tidak berani lagi memakai air sungai untuk mandi."),
        V(("KEBAKARAN HUTAN", "LAHAN GAMBUT"),
          ("Kebakaran Lahan Gambut di {wilayah}", "Asap Pembakaran Lahan Ganggu Pernapasan"),
          "Sejak {minggu} minggu terakhir ada kebakaran lahan gambut di dekat {wilayah}, Kecamatan {kec}. "
          "Asapnya masuk ke rumah dan sekolah, banyak anak batuk dan sesak napas."),
        V(("BANJIR",),
          ("Banjir Rob Rendam Permukiman {desa}", "Tanggul {desa} Jebol"),
          "Air pasang disertai hujan membuat permukiman di RT {rt} {wilayah} terendam setinggi {cm} cm selama "
          "{n} hari. Warga membutuhkan bantuan dan penanganan tanggul."),
    )),
    # --- Satpol PP --------------------------------------------------------------------------------------------
    Scenario("ketertiban", TIBUM, 3, "ketertiban umum", ("ketertiban", "Satpol PP", "ketertiban umum"), (
        V(("KERESAHAN MASYARAKAT", "KETERTIBAN UMUM"),
          ("Balap Liar Setiap Malam Minggu di {jalan}", "Warga Resah dengan Balap Liar"),
          "Setiap malam Minggu di {jalan} dekat {patokan} ada balap liar sampai pukul 02.00. Suara knalpot "
          "sangat bising dan sudah pernah terjadi kecelakaan. Warga {wilayah} mohon ditertibkan."),
        V(("KETERTIBAN UMUM",),
          ("PKL Berjualan di Trotoar {pasar}", "Mohon Penataan PKL di {pasar}"),
          "Pedagang kaki lima di sekitar {pasar} berjualan di trotoar dan badan jalan, sehingga pejalan kaki "
          "harus turun ke jalan raya. Mohon penataan yang manusiawi."),
        V(("SAMPAH LIAR",),
          ("Pembuangan Sampah Liar di {jalan}",),
          "Lahan kosong di {jalan} dekat {patokan} dijadikan tempat buang sampah liar oleh orang dari luar "
          "{wilayah}, biasanya malam hari memakai mobil bak. Mohon dipasang larangan dan dilakukan penindakan."),
    )),
    # --- Diskominfo -------------------------------------------------------------------------------------------
    Scenario("internet", TIK, 3, "jaringan internet dan aplikasi pemerintah", ("internet", "kominfo", "layanan digital"), (
        V(("JARINGAN INTERNET",),
          ("Tidak Ada Sinyal di {wilayah}", "{desa} Masih Blank Spot", "Wifi Desa Mati Sudah {lama}"),
          "{wilayah} di Kecamatan {kec} masih blank spot, sinyal telepon hanya ada di dekat dermaga. Anak sekolah "
          "harus naik ke loteng atau ke jalan raya untuk belajar daring dan mengirim tugas."),
        V(("TIANG JARINGAN INTERNET",),
          ("Tiang Kabel Internet Roboh di {jalan}", "Kabel Fiber Optik Melintang di Jalan"),
          "Tiang kabel internet di {jalan} dekat {patokan} roboh dan kabelnya melintang di jalan sejak {waktu_lalu}. "
          "Pengendara motor sudah ada yang tersangkut."),
        V(("LAYANAN ONLINE/APLIKASI PEMERINTAH", "INFORMASI TERKAIT APLIKASI PEMERINTAH"),
          ("Aplikasi Layanan Pemda Tidak Bisa Dibuka", "Gagal Login Aplikasi Layanan Online"),
          "Aplikasi layanan online pemerintah daerah tidak bisa dibuka sejak {waktu_lalu}, selalu muncul pesan "
          "galat saat login. Saya tidak bisa {keperluan} secara daring."),
    )),
    Scenario("lapor", LAPOR, 1, "layanan SP4N-LAPOR!", ("LAPOR", "pengaduan"), (
        V(("KRITIK DAN SARAN UNTUK SP4N-LAPOR!",),
          ("Laporan Sebelumnya Tidak Ditanggapi", "Laporan Saya Belum Ada Tindak Lanjut"),
          "Laporan saya {lama} yang lalu tentang masalah di {wilayah} statusnya masih terdisposisi dan belum ada "
          "tanggapan dari instansi. Mohon admin membantu menindaklanjuti."),
        V(("GANGGUAN APLIKASI SP4N-LAPOR!",),
          ("Tidak Bisa Unggah Lampiran di Aplikasi LAPOR!",),
          "Saat membuat laporan di aplikasi saya tidak bisa mengunggah foto bukti, selalu gagal di tengah jalan "
          "padahal ukuran filenya kecil. Sinyal di {wilayah} memang lemah."),
    )),
    # --- Topics no OPD of the template covers (these go back for re-routing: "bukan wewenang") ----------------
    Scenario("pdam", ESDM, 4, "layanan air bersih PDAM", ("PDAM", "air bersih", "air minum"), (
        V(("GANGGUAN LAYANAN PENYALURAN AIR",),
          ("Air PDAM Tidak Mengalir di {wilayah}", "Air PDAM Mati {lama}"),
          "Sudah {lama} air PDAM di RT {rt} {wilayah} tidak mengalir, kalaupun mengalir hanya tengah malam dan "
          "sangat kecil. Tagihan tetap datang setiap bulan."),
        V(("LAINNYA TERKAIT LAYANAN AIR MINUM", "GANGGUAN LAYANAN PENYALURAN AIR"),
          ("Air PDAM Keruh dan Berbau", "Pipa PDAM Bocor di {jalan}"),
          "Air PDAM yang mengalir ke rumah kami di {wilayah} keruh kecokelatan dan berbau, tidak layak untuk "
          "memasak. Terutama setelah hujan deras.",
          "Pipa PDAM di {jalan} dekat {patokan} bocor dan airnya menyembur ke jalan sejak {waktu_lalu}. "
          "Sayang air terbuang dan jalan jadi cepat rusak."),
        V(("BIAYA/TARIF PDAM",),
          ("Tagihan PDAM Melonjak", "Meteran PDAM Tidak Pernah Dicatat"),
          "Tagihan air bulan ini Rp{rupiah}, naik berkali lipat dari biasanya padahal pemakaian sama. Meteran "
          "sepertinya tidak pernah dicatat petugas."),
    )),
    Scenario("listrik_elpiji", ESDM, 2, "listrik dan elpiji", ("energi", "kebutuhan pokok"), (
        V(("PEMADAMAN LISTRIK",),
          ("Listrik Sering Padam di {wilayah}", "Pemadaman Listrik Tanpa Pemberitahuan"),
          "Dalam {minggu} minggu terakhir listrik di {wilayah} padam hampir setiap hari tanpa pemberitahuan, "
          "kadang sampai {n} jam. Peralatan elektronik warga banyak yang rusak."),
        V(("KELANGKAAN BBM/ELPIJI", "GAS BERSUBSIDI"),
          ("Elpiji 3 Kg Langka dan Mahal", "Harga Gas Melon di Atas HET"),
          "Elpiji 3 kg di {wilayah} sulit dicari, kalaupun ada di pengecer harganya Rp{tarif2} per tabung, jauh di "
          "atas HET. Pangkalan resmi selalu bilang habis."),
    )),
    Scenario("dana_desa", "PEMBANGUNAN DESA, DAERAH TERTINGGAL, DAN TRANSMIGRASI", 2, "penggunaan dana desa",
             ("dana desa", "BLT DD", "pemerintahan desa"), (
        V(("PENYALAHGUNAAN DANA DESA", "PEMERINTAHAN DESA"),
          ("Penggunaan Dana Desa {desa} Tidak Transparan", "APBDes {desa} Tidak Diumumkan"),
          "Papan informasi APBDes di {wilayah} tidak pernah dipasang dan pembangunan siring yang dianggarkan "
          "tahun {tahun_lalu} tidak jelas realisasinya. Warga ingin transparansi penggunaan dana desa."),
        V(("BLT (BANTUAN LANGSUNG TUNAI) DANA DESA",),
          ("BLT Dana Desa Dipotong Oknum",),
          "BLT Dana Desa yang saya terima hanya Rp{rupiah} padahal seharusnya lebih. Katanya dipotong untuk "
          "biaya administrasi oleh oknum perangkat {wilayah}."),
    )),
    Scenario("pertanian", "PERTANIAN DAN PETERNAKAN", 2, "pupuk dan bantuan pertanian", ("pupuk bersubsidi",
                                                                                        "petani"), (
        V(("PUPUK",),
          ("Pupuk Subsidi Langka Saat Musim Tanam",),
          "Menjelang musim tanam petani di {wilayah} kesulitan mendapat pupuk subsidi. Kios resmi bilang kuota "
          "habis, sementara pupuk non-subsidi harganya Rp{rupiah} per karung."),
        V(("BANTUAN PERTANIAN",),
          ("Bantuan Alsintan Tidak Merata", "Traktor Bantuan Dikuasai Pengurus Poktan"),
          "Bantuan alat mesin pertanian untuk kelompok tani di {wilayah} hanya dinikmati pengurus. Anggota "
          "kelompok tidak pernah bisa meminjam traktor tersebut."),
    )),
    Scenario("pelayanan_asn", "POLITIK DAN HUKUM", 2, "pelayanan aparatur", ("pungli", "pelayanan publik"), (
        V(("PUNGUTAN LIAR",),
          ("Diminta Uang Pelicin saat Mengurus Surat", "Oknum Pegawai Kecamatan Minta Biaya Tambahan"),
          "Saat mengurus surat di kantor Kecamatan {kec}, saya diminta membayar Rp{rupiah} oleh oknum pegawai "
          "agar cepat selesai, tanpa kuitansi. Padahal layanan tersebut gratis."),
        V(("PENYALAHGUNAAN WEWENANG",),
          ("Pegawai Loket Sering Tidak di Tempat",),
          "Pegawai di loket pelayanan kantor Kecamatan {kec} sering tidak ada di tempat pada jam kerja dan warga "
          "dari {wilayah} yang datang jauh-jauh disuruh kembali besok."),
    )),
    Scenario("mbg", "PROGRAM MAKAN BERGIZI GRATIS (MBG)", 1, "makan bergizi gratis", ("MBG", "sekolah"), (
        V(("KUALITAS MAKANAN MBG",),
          ("Menu MBG di {sekolah} Basi",),
          "Makanan MBG yang dibagikan di {sekolah} pada hari {hari} berbau basi dan beberapa murid sakit perut. "
          "Mohon pengawasan dapur penyedianya."),
        V(("PELAKSANAAN MBG DI SEKOLAH",),
          ("Makan Bergizi Gratis Belum Sampai ke {sekolah}",),
          "Sekolah lain di Kecamatan {kec} sudah menerima program makan bergizi gratis, tetapi {sekolah} di "
          "{wilayah} belum. Mohon informasi jadwalnya."),
    )),
)

# Greetings and closings residents put around the complaint itself.
OPENERS: tuple[str, ...] = (
    "", "", "", "", "",
    "Selamat pagi Bapak/Ibu. ",
    "Selamat siang. ",
    "Assalamualaikum wr. wb. ",
    "Yth. Bapak/Ibu pengelola LAPOR!, ",
    "Mohon izin melapor. ",
    "Saya warga {wilayah} ingin menyampaikan keluhan. ",
    "Dengan hormat, ",
    "Permisi admin. ",
)
# For aspirasi and information requests: no "keluhan".
OPENERS_NEUTRAL: tuple[str, ...] = tuple(o for o in OPENERS if "keluhan" not in o and "melapor" not in o)
CLOSERS: tuple[str, ...] = (
    " Mohon segera ditindaklanjuti.",
    " Mohon segera ditindaklanjuti. Terima kasih.",
    " Terima kasih.",
    " Atas perhatiannya kami ucapkan terima kasih.",
    " Kami sangat berharap ada tindakan nyata dari pemerintah daerah.",
    " Mohon perhatian dinas terkait.",
    " Foto kondisi terlampir.",
    " Sudah pernah disampaikan saat musrenbang tetapi belum ada realisasi.",
    " Tolong jangan hanya dijanjikan.",
    " Wassalam.",
    "",
)

CLOSERS_NEUTRAL: tuple[str, ...] = (
    " Terima kasih.", " Atas perhatiannya kami ucapkan terima kasih.", " Wassalam.", "", "", " Mohon tanggapannya.",
)

ASPIRASI_TITLES: tuple[str, ...] = (
    "Usulan {Hal} di {wilayah}",
    "Aspirasi Warga {desa} tentang {Hal}",
    "Saran untuk {Hal}",
)
ASPIRASI_BODIES: tuple[str, ...] = (
    "Saya ingin menyampaikan usulan terkait {hal} di {wilayah}, Kecamatan {kec}. Sebaiknya warga diberi jadwal dan "
    "nomor kontak petugas yang jelas, supaya tahu harus menghubungi siapa bila ada masalah.",
    "Sebagai warga {wilayah} kami berharap {hal} menjadi prioritas anggaran tahun depan. Banyak warga yang "
    "bergantung pada layanan ini setiap hari.",
    "Usul agar informasi tentang {hal} diumumkan di kantor desa dan media sosial pemda, karena banyak warga "
    "di {wilayah} yang tidak tahu prosedurnya.",
)
INFO_TITLES: tuple[str, ...] = (
    "Mohon Informasi {Hal}",
    "Pertanyaan Seputar {Hal}",
    "Informasi Jadwal {Hal}",
)
INFO_BODIES: tuple[str, ...] = (
    "Mohon informasi mengenai {hal} di wilayah Kecamatan {kec}: bagaimana prosedurnya, ke mana warga harus "
    "menghubungi, dan berapa lama prosesnya.",
    "Saya warga {wilayah}. Apakah ada jadwal atau rencana terkait {hal} tahun ini? Mohon informasinya.",
    "Bagaimana cara mengecek perkembangan {hal}? Saya sudah bertanya di desa tetapi belum mendapat jawaban yang jelas.",
)

REPLIES_THANKS: tuple[str, ...] = (
    "Terima kasih atas tindak lanjutnya, {hal} di {desa} sudah ditangani.",
    "Alhamdulillah sudah selesai, terima kasih Bapak/Ibu petugas.",
    "Terima kasih, sudah ada petugas yang datang ke lokasi dan masalahnya teratasi.",
    "Sudah beres, terima kasih atas respons cepatnya.",
)
REPLIES_NOT_FIXED: tuple[str, ...] = (
    "Mohon maaf, sampai hari ini belum ada perbaikan sama sekali di lokasi.",
    "Tanggapan ini tidak sesuai kenyataan, {hal} di {desa} masih sama seperti waktu saya melapor.",
    "Petugas memang sudah datang mengecek tetapi setelah itu tidak ada kelanjutannya.",
    "Masih belum selesai. Mohon jangan ditutup dulu laporannya.",
)
REPLIES_UPDATE: tuple[str, ...] = (
    "Kapan kira-kira akan dikerjakan? Mohon kabar perkembangannya.",
    "Sudah {n} minggu sejak tanggapan terakhir, bagaimana perkembangannya?",
    "Apakah ada jadwal pasti untuk penanganan {hal}? Warga menunggu kabar.",
    "Mohon informasi nomor yang bisa dihubungi untuk menanyakan perkembangan laporan ini.",
)

# Scenario-specific aspirasi and information requests, used beside the generic ones above.
ASPIRASI_BY_SCENARIO: dict[str, tuple[str, ...]] = {
    "jalan_rusak": (
        "Kami mengusulkan agar jalan poros {wilayah} - {desa2} dimasukkan dalam program pengerasan jalan tahun depan. "
        "Jalan ini satu-satunya akses warga ke pasar dan sekolah.",
    ),
    "jembatan": (
        "Usul agar jembatan kayu di {wilayah} diganti dengan jembatan beton, karena setiap tahun papan ulinnya "
        "harus diganti warga secara swadaya.",
    ),
    "drainase": (
        "Kami mengusulkan normalisasi saluran dan pembangunan pintu air di {wilayah} sebelum musim hujan, agar "
        "permukiman dan sawah tidak terendam lagi.",
    ),
    "puskesmas": (
        "Usul agar {puskesmas} membuka layanan sore hari, karena banyak warga {wilayah} yang bekerja di kebun dan "
        "sawah sampai siang.",
    ),
    "ktp": (
        "Mohon diadakan layanan jemput bola perekaman KTP-el di {wilayah}, karena banyak lansia dan warga "
        "berkebutuhan khusus yang sulit datang ke kantor kecamatan.",
    ),
    "kk_akta": (
        "Usul agar pengurusan akta kelahiran dan KK bisa dilakukan di kantor desa atau kecamatan, tidak harus ke "
        "kantor Disdukcapil di ibu kota kabupaten yang jauh dari {wilayah}.",
    ),
    "bansos": (
        "Kami berharap pendataan penerima bansos di {wilayah} dilakukan ulang secara terbuka dan hasilnya "
        "diumumkan di kantor desa agar tepat sasaran.",
    ),
    "sampah": (
        "Usul agar di {wilayah} disediakan bank sampah dan jadwal angkut yang tetap, warga siap membantu memilah "
        "sampah dari rumah.",
    ),
    "angkutan_sungai": (
        "Kami mengusulkan pembangunan dermaga beton dan penetapan tarif resmi angkutan sungai di {wilayah}.",
    ),
    "pungutan_sekolah": (
        "Usul agar setiap sekolah mengumumkan rincian penggunaan dana BOS dan sumbangan komite di papan "
        "pengumuman, supaya orang tua di {wilayah} tahu ke mana uangnya.",
    ),
}
INFO_BY_SCENARIO: dict[str, tuple[str, ...]] = {
    "jalan_rusak": (
        "Apakah perbaikan {jalan} di {wilayah} sudah masuk rencana anggaran tahun ini? Kalau sudah, kapan "
        "kira-kira dikerjakan?",
    ),
    "ktp": (
        "Apa saja syarat mengganti KTP-el yang rusak atau hilang, dan apakah bisa diurus di kantor Kecamatan {kec}?",
    ),
    "kk_akta": (
        "Apa saja persyaratan membuat akta kelahiran untuk anak yang sudah berumur lebih dari satu tahun? Apakah "
        "dikenakan biaya?",
    ),
    "bansos": (
        "Bagaimana cara mengecek apakah keluarga saya terdaftar di DTKS dan kapan jadwal penyaluran PKH tahap "
        "berikutnya?",
    ),
    "bpjs": (
        "Bagaimana prosedur mengaktifkan kembali BPJS PBI yang nonaktif, dan dokumen apa saja yang harus dibawa?",
    ),
    "ppdb": (
        "Kapan jadwal pendaftaran siswa baru tahun ini dan bagaimana cara menghitung jarak zonasi dari rumah di "
        "{wilayah} ke {sekolah}?",
    ),
    "puskesmas": ("Mohon informasi jadwal praktik dokter umum dan dokter gigi di {puskesmas}.",),
    "pdam": ("Apakah jaringan pipa PDAM akan diperluas sampai ke {wilayah}? Bagaimana cara mendaftar sambungan baru?",),
}
