<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id" sourcelanguage="en">
<context>
    <name>Channel</name>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="61"/>
        <source>Website</source>
        <translation>Situs web</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="62"/>
        <source>Android app</source>
        <translation>Aplikasi Android</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="63"/>
        <source>iOS app</source>
        <translation>Aplikasi iOS</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="64"/>
        <source>SMS 1708</source>
        <translation>SMS 1708</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="65"/>
        <source>Twitter/X</source>
        <translation>Twitter/X</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="66"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="67"/>
        <source>Agency app</source>
        <translation>Aplikasi instansi</translation>
    </message>
</context>
<context>
    <name>DeskApp</name>
    <message>
        <location filename="../../desktop/ui/app.py" line="194"/>
        <source>Preparing the demo hub…</source>
        <translation>Menyiapkan hub demo…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="195"/>
        <source>LAPOR! Desk demo</source>
        <translation>Demo LAPOR! Desk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="212"/>
        <source>Starting the demo hub (the first start creates its data)…</source>
        <translation>Menjalankan hub demo (saat pertama kali, datanya dibuat dulu)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="213"/>
        <source>Signing in…</source>
        <translation>Sedang masuk…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="214"/>
        <source>Fetching complaints…</source>
        <translation>Mengambil laporan…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="235"/>
        <source>LAPOR! Desk</source>
        <translation>LAPOR! Desk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="251"/>
        <source>LAPOR! Desk closed unexpectedly last time. A report was saved to %1</source>
        <translation>LAPOR! Desk tertutup secara tidak terduga terakhir kali. Laporannya disimpan di %1</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../desktop/ui/detail.py" line="67"/>
        <source>Select a complaint to see it here.</source>
        <translation>Pilih laporan untuk melihatnya di sini.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="81"/>
        <source>Secret</source>
        <translation>Rahasia</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="84"/>
        <source>A secret report is hidden from the public and never exported in public recaps.</source>
        <translation>Laporan rahasia disembunyikan dari publik dan tidak pernah diekspor ke rekap publik.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="107"/>
        <source>Tracking ID</source>
        <translation>Nomor tracking</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="108"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="109"/>
        <source>Type</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="110"/>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="111"/>
        <source>Location</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="112"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="113"/>
        <source>Submitted</source>
        <translation>Dikirim</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="114"/>
        <source>Arrived at the OPD</source>
        <translation>Masuk ke OPD</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="115"/>
        <source>Incident date</source>
        <translation>Tanggal kejadian</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="116"/>
        <source>Assignee</source>
        <translation>Penanggung jawab</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="117"/>
        <source>Reporter</source>
        <translation>Pelapor</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="122"/>
        <source>Content</source>
        <translation>Isi laporan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="128"/>
        <source>Timeline</source>
        <translation>Riwayat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="166"/>
        <source>Unassigned</source>
        <translation>Belum ditugaskan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="190"/>
        <source>Anonymous</source>
        <translation>Anonim</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="195"/>
        <source>Not given</source>
        <translation>Tidak dicantumkan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="205"/>
        <source>not yet sent</source>
        <translation>belum terkirim</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="208"/>
        <source>Nothing yet.</source>
        <translation>Belum ada.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="213"/>
        <source>Internal note</source>
        <translation>Catatan internal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="214"/>
        <source>Disposition</source>
        <translation>Disposisi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="215"/>
        <source>Follow-up</source>
        <translation>Tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="216"/>
        <source>Reporter&apos;s reply</source>
        <translation>Tanggapan pelapor</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="217"/>
        <source>Attachment</source>
        <translation>Lampiran</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="218"/>
        <source>Event</source>
        <translation>Peristiwa</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../desktop/ui/errors.py" line="72"/>
        <source>Wrong username or password.</source>
        <translation>Nama pengguna atau kata sandi salah.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="73"/>
        <source>The server cannot be reached. Check the address and your internet connection, then try again.</source>
        <translation>Server tidak dapat dihubungi. Periksa alamatnya dan koneksi internet Anda, lalu coba lagi.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="77"/>
        <source>This computer has no keyring to keep the key of your local data. Enter a passphrase to protect it instead.</source>
        <translation>Komputer ini tidak memiliki keyring untuk menyimpan kunci data lokal Anda. Masukkan frasa sandi untuk melindunginya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="81"/>
        <source>The local data cannot be opened with this passphrase.</source>
        <translation>Data lokal tidak dapat dibuka dengan frasa sandi ini.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="84"/>
        <source>The local data was written by a newer LAPOR! Desk. Install the newer version to open it.</source>
        <translation>Data lokal ditulis oleh LAPOR! Desk versi yang lebih baru. Pasang versi yang lebih baru untuk membukanya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="88"/>
        <source>Your session has expired. Sign in again.</source>
        <translation>Sesi Anda telah berakhir. Silakan masuk lagi.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="91"/>
        <source>The server is busy. LAPOR! Desk will try again later; your work is kept here.</source>
        <translation>Server sedang sibuk. LAPOR! Desk akan mencoba lagi nanti; pekerjaan Anda tetap tersimpan di sini.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="94"/>
        <source>This server speaks a different protocol version. Update LAPOR! Desk.</source>
        <translation>Server ini memakai versi protokol yang berbeda. Perbarui LAPOR! Desk.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="97"/>
        <source>Something went wrong. Try again; if it keeps happening, contact your coordinator.</source>
        <translation>Terjadi kesalahan. Coba lagi; jika terus terjadi, hubungi koordinator Anda.</translation>
    </message>
</context>
<context>
    <name>FollowUpState</name>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="83"/>
        <source>Draft</source>
        <translation>Draf</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="84"/>
        <source>Submitted</source>
        <translation>Diajukan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="85"/>
        <source>Approved</source>
        <translation>Disetujui</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="86"/>
        <source>Returned</source>
        <translation>Dikembalikan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="87"/>
        <source>Published</source>
        <translation>Dipublikasikan</translation>
    </message>
</context>
<context>
    <name>Kind</name>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="74"/>
        <source>Complaint</source>
        <translation>Pengaduan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="75"/>
        <source>Suggestion</source>
        <translation>Aspirasi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="76"/>
        <source>Information request</source>
        <translation>Permintaan informasi</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="82"/>
        <source>LAPOR! Desk — %1</source>
        <translation>LAPOR! Desk — %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="174"/>
        <source>Sync now</source>
        <translation>Sinkronkan sekarang</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="177"/>
        <source>Send your changes and fetch new complaints (F5)</source>
        <translation>Kirim perubahan Anda dan ambil laporan baru (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="181"/>
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="185"/>
        <source>Search</source>
        <translation>Cari</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="190"/>
        <location filename="../../desktop/ui/main_window.py" line="405"/>
        <source>About LAPOR! Desk</source>
        <translation>Tentang LAPOR! Desk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="193"/>
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="197"/>
        <source>&amp;Actions</source>
        <translation>&amp;Tindakan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="199"/>
        <source>&amp;Help</source>
        <translation>&amp;Bantuan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="202"/>
        <source>Main toolbar</source>
        <translation>Bilah alat utama</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="209"/>
        <source>Search tracking ID, title, content, location…</source>
        <translation>Cari nomor tracking, judul, isi, lokasi…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="343"/>
        <source>Syncing…</source>
        <translation>Menyinkronkan…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="361"/>
        <source>Sync finished.</source>
        <translation>Sinkronisasi selesai.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="369"/>
        <source>Sync failed: %1</source>
        <translation>Sinkronisasi gagal: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="391"/>
        <source>● Online</source>
        <translation>● Daring</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="391"/>
        <source>○ Offline</source>
        <translation>○ Luring</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="393"/>
        <source>never</source>
        <translation>belum pernah</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="394"/>
        <source>Last sync: %1</source>
        <translation>Sinkron terakhir: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="395"/>
        <source>Pending changes: %1</source>
        <translation>Perubahan tertunda: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="399"/>
        <source>%1 complaints</source>
        <translation>%1 laporan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="406"/>
        <source>LAPOR! Desk: an offline-first desk for SP4N-LAPOR! complaint handlers at an OPD.</source>
        <translation>LAPOR! Desk: meja kerja yang tetap berjalan tanpa internet bagi pengelola pengaduan SP4N-LAPOR! di OPD.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../desktop/ui/message_bar.py" line="36"/>
        <source>Messages</source>
        <translation>Pesan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/message_bar.py" line="47"/>
        <location filename="../../desktop/ui/message_bar.py" line="48"/>
        <source>Close this message</source>
        <translation>Tutup pesan ini</translation>
    </message>
</context>
<context>
    <name>QueueTableModel</name>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="71"/>
        <source>Tracking ID</source>
        <translation>No. tracking</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="72"/>
        <source>Title</source>
        <translation>Judul</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="73"/>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="74"/>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="75"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="76"/>
        <source>Arrived</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="77"/>
        <source>Assignee</source>
        <translation>Penanggung jawab</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="78"/>
        <source>Sync</source>
        <translation>Sinkron</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="265"/>
        <source>Conflict</source>
        <translation>Konflik</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="267"/>
        <source>Pending</source>
        <translation>Tertunda</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="273"/>
        <source>The hub did not accept a change made here: open it to resolve</source>
        <translation>Hub tidak menerima perubahan yang dibuat di sini: buka untuk menyelesaikannya</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="277"/>
        <source>Local changes not yet sent to the hub</source>
        <translation>Perubahan lokal belum terkirim ke hub</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../desktop/ui/signin.py" line="61"/>
        <source>Sign in to LAPOR! Desk</source>
        <translation>Masuk ke LAPOR! Desk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="69"/>
        <source>Sign in with your LAPOR! Hub account. After the first sync you can work offline.</source>
        <translation>Masuk dengan akun LAPOR! Hub Anda. Setelah sinkronisasi pertama Anda dapat bekerja tanpa internet.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="79"/>
        <source>Remember me on this computer</source>
        <translation>Ingat saya di komputer ini</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="84"/>
        <source>This computer has no password store (keyring) that LAPOR! Desk can use to protect the local copy of your complaints. Choose a passphrase instead: you will need it every time you start the app.</source>
        <translation>Komputer ini tidak memiliki tempat penyimpanan sandi (keyring) yang dapat dipakai LAPOR! Desk untuk melindungi salinan lokal laporan Anda. Sebagai gantinya, pilih frasa sandi: Anda akan memerlukannya setiap kali membuka aplikasi.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="92"/>
        <source>Replica passphrase</source>
        <translation>Frasa sandi data lokal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="95"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="96"/>
        <source>Username</source>
        <translation>Nama pengguna</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="97"/>
        <source>Password</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="118"/>
        <source>Sign in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="119"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="174"/>
        <source>Enter the server address, your username and your password.</source>
        <translation>Masukkan alamat server, nama pengguna, dan kata sandi Anda.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="177"/>
        <source>Enter a passphrase for the local copy of your data.</source>
        <translation>Masukkan frasa sandi untuk salinan lokal data Anda.</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="47"/>
        <source>Dispositioned</source>
        <translation>Terdisposisi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="48"/>
        <source>In progress</source>
        <translation>Diproses</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="49"/>
        <source>Followed up</source>
        <translation>Ditindaklanjuti</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="50"/>
        <source>Reporter replied</source>
        <translation>Ditanggapi Pelapor</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="51"/>
        <source>Finished</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="52"/>
        <source>Returned</source>
        <translation>Dikembalikan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="53"/>
        <source>On hold</source>
        <translation>Ditunda</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="54"/>
        <source>Archived</source>
        <translation>Arsip</translation>
    </message>
</context>
<context>
    <name>SyncProgress</name>
    <message>
        <location filename="../../desktop/ui/progress.py" line="18"/>
        <source>Sending your changes… %1 of %2</source>
        <translation>Mengirim perubahan Anda… %1 dari %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress.py" line="21"/>
        <source>Fetching changes… %1 received</source>
        <translation>Mengambil perubahan… %1 diterima</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress.py" line="23"/>
        <source>Building the search index…</source>
        <translation>Menyusun indeks pencarian…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress.py" line="25"/>
        <source>Rebuilding the local copy from the server…</source>
        <translation>Menyusun ulang salinan lokal dari server…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/progress.py" line="27"/>
        <source>Sync finished.</source>
        <translation>Sinkronisasi selesai.</translation>
    </message>
</context>
</TS>
