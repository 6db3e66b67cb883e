<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id" sourcelanguage="en">
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../desktop/ui/actions/dialogs.py" line="60"/>
        <source>Assign %1</source>
        <translation>Tugaskan %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/dialogs.py" line="60"/>
        <source>Assign</source>
        <translation>Tugaskan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/dialogs.py" line="64"/>
        <location filename="../../desktop/ui/actions/dialogs.py" line="67"/>
        <source>Team member</source>
        <translation>Anggota tim</translation>
    </message>
</context>
<context>
    <name>AttachmentProblem</name>
    <message>
        <location filename="../../desktop/ui/errors.py" line="225"/>
        <source>“%1” is larger than 2 MB, the most LAPOR! accepts for one attachment. Nothing was added.</source>
        <translation>“%1” lebih besar dari 2 MB, batas LAPOR! untuk satu lampiran. Tidak ada yang ditambahkan.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="229"/>
        <source>“%1” is not a file type LAPOR! accepts (images, PDF, office documents, audio, video, zip). Nothing was added.</source>
        <translation>“%1” bukan jenis berkas yang diterima LAPOR! (gambar, PDF, dokumen perkantoran, audio, video, zip). Tidak ada yang ditambahkan.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="234"/>
        <source>“%1” does not contain what its name says. Nothing was added.</source>
        <translation>Isi “%1” tidak sesuai dengan jenis pada namanya. Tidak ada yang ditambahkan.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="237"/>
        <source>“%1” is empty. Nothing was added.</source>
        <translation>“%1” kosong. Tidak ada yang ditambahkan.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="238"/>
        <source>“%1” cannot be read. Nothing was added.</source>
        <translation>“%1” tidak dapat dibaca. Tidak ada yang ditambahkan.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="240"/>
        <source>“%1” cannot be attached.</source>
        <translation>“%1” tidak dapat dilampirkan.</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <location filename="../../desktop/ui/actions/attachments.py" line="39"/>
        <location filename="../../desktop/ui/actions/attachments.py" line="45"/>
        <source>Attachments</source>
        <translation>Lampiran</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/attachments.py" line="49"/>
        <source>Image preview</source>
        <translation>Pratinjau gambar</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/attachments.py" line="53"/>
        <source>Add attachment…</source>
        <translation>Tambah lampiran…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/attachments.py" line="55"/>
        <source>Open</source>
        <translation>Buka</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/attachments.py" line="57"/>
        <source>Open with the system viewer</source>
        <translation>Buka dengan penampil bawaan sistem</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/attachments.py" line="85"/>
        <source>not yet sent</source>
        <translation>belum terkirim</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/attachments.py" line="102"/>
        <source>No preview for this file.</source>
        <translation>Tidak ada pratinjau untuk berkas ini.</translation>
    </message>
</context>
<context>
    <name>Channel</name>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="88"/>
        <source>Website</source>
        <translation>Situs web</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="89"/>
        <source>Android app</source>
        <translation>Aplikasi Android</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="90"/>
        <source>iOS app</source>
        <translation>Aplikasi iOS</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="91"/>
        <source>SMS 1708</source>
        <translation>SMS 1708</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="92"/>
        <source>Twitter/X</source>
        <translation>Twitter/X</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="93"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="94"/>
        <source>Agency app</source>
        <translation>Aplikasi instansi</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="81"/>
        <source>Conflict: %1</source>
        <translation>Konflik: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="91"/>
        <source>My version</source>
        <translation>Versi saya</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="93"/>
        <source>The hub&apos;s version</source>
        <translation>Versi di hub</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="99"/>
        <source>The text both started from</source>
        <translation>Teks awal yang sama-sama diubah</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="101"/>
        <source>Started from</source>
        <translation>Teks awal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="112"/>
        <source>Mine (not sent)</source>
        <translation>Punya saya (belum terkirim)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="114"/>
        <source>Theirs (on the hub now)</source>
        <translation>Punya mereka (di hub sekarang)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="121"/>
        <source>Keep mine</source>
        <translation>Pakai punya saya</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="123"/>
        <source>Send my change again, over the hub&apos;s current state.</source>
        <translation>Kirim ulang perubahan saya di atas keadaan hub sekarang.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="124"/>
        <source>Take theirs</source>
        <translation>Pakai punya mereka</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="126"/>
        <source>Drop my change and keep what the hub has.</source>
        <translation>Buang perubahan saya dan pakai yang ada di hub.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="127"/>
        <source>Merge</source>
        <translation>Gabungkan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="129"/>
        <location filename="../../desktop/ui/conflicts.py" line="236"/>
        <source>Send the merged text below.</source>
        <translation>Kirim teks gabungan di bawah ini.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="130"/>
        <source>Copy my text</source>
        <translation>Salin teks saya</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="132"/>
        <source>Copy what you wrote, to use it elsewhere before dropping it.</source>
        <translation>Salin yang Anda tulis, untuk dipakai di tempat lain sebelum dibuang.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="137"/>
        <source>Drop my change</source>
        <translation>Buang perubahan saya</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="139"/>
        <source>Drop the change (copy it first). It stays in the conflict history.</source>
        <translation>Buang perubahan ini (salin dulu). Perubahan tetap tersimpan di riwayat konflik.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="141"/>
        <source>Decide later</source>
        <translation>Putuskan nanti</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="152"/>
        <source>mine</source>
        <translation>punya saya</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="153"/>
        <source>theirs</source>
        <translation>punya mereka</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="156"/>
        <source>Merged text</source>
        <translation>Teks gabungan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="160"/>
        <source>Merged text: both changes where they do not overlap.</source>
        <translation>Teks gabungan: kedua perubahan, di bagian yang tidak bertumpuk.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="163"/>
        <source>Merged text: %1 place(s) changed on both sides are between markers; edit them.</source>
        <translation>Teks gabungan: %1 bagian diubah kedua pihak dan diapit penanda; sunting bagian itu.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="186"/>
        <source>disposition</source>
        <translation>disposisi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="187"/>
        <source>assignment</source>
        <translation>penugasan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="188"/>
        <source>claim</source>
        <translation>pengambilan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="189"/>
        <source>status change</source>
        <translation>perubahan status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="190"/>
        <source>follow-up text</source>
        <translation>teks tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="191"/>
        <source>follow-up submission</source>
        <translation>pengajuan tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="192"/>
        <source>follow-up approval</source>
        <translation>persetujuan tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="193"/>
        <source>follow-up return</source>
        <translation>pengembalian tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="200"/>
        <source>This complaint left your OPD (it was sent back for re-routing or moved) before your change arrived, so the change cannot be sent. Copy your text if you need it, then drop the change.</source>
        <translation>Laporan ini sudah keluar dari OPD Anda (dikembalikan untuk dialihkan atau dipindahkan) sebelum perubahan Anda sampai, sehingga perubahan itu tidak dapat dikirim. Salin teks Anda bila masih diperlukan, lalu buang perubahannya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="205"/>
        <source>Someone changed this follow-up on the hub while you were editing it. Compare the texts, then keep yours, take theirs, or send the merged text.</source>
        <translation>Seseorang mengubah tindak lanjut ini di hub saat Anda menyuntingnya. Bandingkan teksnya, lalu pakai punya Anda, pakai punya mereka, atau kirim teks gabungan.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="209"/>
        <source>The complaint changed on the hub before your change arrived. Compare, then send yours again over the new state, or drop it.</source>
        <translation>Pengaduan ini berubah di hub sebelum perubahan Anda sampai. Bandingkan, lalu kirim ulang perubahan Anda di atas keadaan baru, atau buang.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="226"/>
        <source>(nothing)</source>
        <translation>(kosong)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="236"/>
        <source>Settle the marked places first.</source>
        <translation>Selesaikan dulu bagian yang bertanda.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="452"/>
        <source>This conflict was already resolved.</source>
        <translation>Konflik ini sudah diselesaikan.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="472"/>
        <source>Your change goes to the hub again with the next sync.</source>
        <translation>Perubahan Anda dikirim ulang ke hub pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="475"/>
        <source>The hub&apos;s version kept; your change was dropped.</source>
        <translation>Versi hub dipakai; perubahan Anda dibuang.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="478"/>
        <source>The merged text goes to the hub with the next sync.</source>
        <translation>Teks gabungan dikirim ke hub pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="488"/>
        <source>Conflicts cannot be resolved in this version of the desk yet.</source>
        <translation>Konflik belum dapat diselesaikan di versi desk ini.</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="277"/>
        <source>Made</source>
        <translation>Dibuat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="278"/>
        <source>Change</source>
        <translation>Perubahan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="279"/>
        <source>Tracking ID</source>
        <translation>Nomor tracking</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="280"/>
        <source>Complaint</source>
        <translation>Laporan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="281"/>
        <source>Conflict</source>
        <translation>Konflik</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="282"/>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="289"/>
        <source>Changed on the hub first</source>
        <translation>Sudah diubah lebih dulu di hub</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="290"/>
        <source>Follow-up changed on the hub</source>
        <translation>Tindak lanjut diubah di hub</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="291"/>
        <source>Left the OPD</source>
        <translation>Keluar dari OPD</translation>
    </message>
</context>
<context>
    <name>ConflictsQueue</name>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="344"/>
        <source>Conflicts</source>
        <translation>Konflik</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/conflicts.py" line="346"/>
        <source>Your changes the hub could not take as they were; Enter opens one to decide</source>
        <translation>Perubahan Anda yang tidak dapat diterima hub apa adanya; Enter membuka salah satunya untuk diputuskan</translation>
    </message>
</context>
<context>
    <name>Deadline</name>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="240"/>
        <source>verification and routing</source>
        <translation>verifikasi dan penerusan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="241"/>
        <source>first follow-up</source>
        <translation>tindak lanjut pertama</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="242"/>
        <source>reporter&apos;s reply window</source>
        <translation>masa tanggapan pelapor</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="243"/>
        <source>finishing the complaint</source>
        <translation>penyelesaian laporan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="244"/>
        <source>answering the information request</source>
        <translation>jawaban permintaan informasi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="254"/>
        <source>1 day overdue</source>
        <translation>lewat 1 hari</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="255"/>
        <source>%1 days overdue</source>
        <translation>lewat %1 hari</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="257"/>
        <source>due today</source>
        <translation>hari ini</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="259"/>
        <source>1 working day left</source>
        <translation>1 hari kerja lagi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="260"/>
        <source>%1 working days left</source>
        <translation>%1 hari kerja lagi</translation>
    </message>
</context>
<context>
    <name>DeskActions</name>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="86"/>
        <source>Dispose…</source>
        <translation>Disposisi…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="87"/>
        <source>Follow-up…</source>
        <translation>Tindak lanjut…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="88"/>
        <source>Internal note…</source>
        <translation>Catatan internal…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="89"/>
        <source>Assign…</source>
        <translation>Tugaskan…</translation>
    </message>
    <message>
        <source>Claim (Ambil)</source>
        <translation type="vanished">Ambil</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="90"/>
        <source>Claim</source>
        <translation>Ambil</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="91"/>
        <source>Change status…</source>
        <translation>Ubah status…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="92"/>
        <source>Add attachment…</source>
        <translation>Tambah lampiran…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="190"/>
        <source>Select a complaint first.</source>
        <translation>Pilih pengaduan terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="191"/>
        <source>Your role does not allow this.</source>
        <translation>Peran Anda tidak mengizinkan tindakan ini.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="192"/>
        <source>Not possible in the complaint&apos;s current status.</source>
        <translation>Tidak dapat dilakukan pada status pengaduan saat ini.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="193"/>
        <source>It is already yours.</source>
        <translation>Pengaduan ini sudah menjadi tugas Anda.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="194"/>
        <source>It is already assigned to a team member.</source>
        <translation>Pengaduan ini sudah ditugaskan kepada anggota tim.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="195"/>
        <source>No status change can be made by hand from here.</source>
        <translation>Dari status ini tidak ada perubahan status yang dapat dilakukan secara manual.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="218"/>
        <source>This action is not available in this version of the desk yet.</source>
        <translation>Tindakan ini belum tersedia di versi desk ini.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="276"/>
        <source>Sent back as not our authority; it goes to the hub with the next sync.</source>
        <translation>Dikembalikan sebagai bukan wewenang; dikirim ke hub pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="280"/>
        <source>Disposition saved; it goes to the hub with the next sync.</source>
        <translation>Disposisi disimpan; dikirim ke hub pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="294"/>
        <source>Note saved; it goes to the hub with the next sync.</source>
        <translation>Catatan disimpan; dikirim ke hub pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="316"/>
        <source>Assigned; it goes to the hub with the next sync.</source>
        <translation>Ditugaskan; dikirim ke hub pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="327"/>
        <source>The complaint is yours; it goes to the hub with the next sync.</source>
        <translation>Pengaduan ini menjadi tugas Anda; dikirim ke hub pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="340"/>
        <source>It can be closed as finished once a follow-up has been approved and published.</source>
        <translation>Pengaduan dapat ditutup sebagai Selesai setelah ada tindak lanjut yang disetujui dan dipublikasikan.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="349"/>
        <source>Status changed; it goes to the hub with the next sync.</source>
        <translation>Status diubah; dikirim ke hub pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="422"/>
        <source>Draft saved; it goes to the hub with the next sync.</source>
        <translation>Draf disimpan; dikirim ke hub pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="423"/>
        <source>Follow-up submitted for approval; it goes to the hub with the next sync.</source>
        <translation>Tindak lanjut diajukan untuk persetujuan; dikirim ke hub pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="424"/>
        <source>Follow-up approved; it is published with the next sync.</source>
        <translation>Tindak lanjut disetujui; dipublikasikan pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="425"/>
        <source>Follow-up returned to the drafter; it goes to the hub with the next sync.</source>
        <translation>Tindak lanjut dikembalikan ke penyusun; dikirim ke hub pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="434"/>
        <source>Add attachments</source>
        <translation>Tambah lampiran</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="451"/>
        <source>“%1” attached; it goes to the hub with the next sync.</source>
        <translation>“%1” dilampirkan; dikirim ke hub pada sinkronisasi berikutnya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="483"/>
        <source>Downloading “%1” from the hub…</source>
        <translation>Mengunduh “%1” dari hub…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="492"/>
        <source>“%1” downloaded.</source>
        <translation>“%1” sudah diunduh.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="496"/>
        <source>“%1” has not been downloaded yet; connect to the network to open it.</source>
        <translation>Lampiran “%1” belum diunduh; sambungkan ke jaringan untuk membukanya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/controller.py" line="530"/>
        <source>No program on this computer opens “%1”.</source>
        <translation>Tidak ada program di komputer ini yang dapat membuka “%1”.</translation>
    </message>
</context>
<context>
    <name>DeskApp</name>
    <message>
        <location filename="../../desktop/ui/app.py" line="301"/>
        <source>Preparing the demo hub…</source>
        <translation>Menyiapkan hub demo…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="302"/>
        <source>LAPOR! Desk demo</source>
        <translation>Demo LAPOR! Desk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="319"/>
        <source>Starting the demo hub (the first start creates its data)…</source>
        <translation>Menjalankan hub demo (saat pertama kali, datanya dibuat dulu)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="320"/>
        <source>Signing in…</source>
        <translation>Sedang masuk…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="321"/>
        <source>Fetching complaints…</source>
        <translation>Mengambil laporan…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="342"/>
        <source>LAPOR! Desk</source>
        <translation>LAPOR! Desk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/app.py" line="356"/>
        <source>LAPOR! Desk closed unexpectedly last time. A report was saved to %1</source>
        <translation>LAPOR! Desk tertutup secara tidak terduga terakhir kali. Laporannya disimpan di %1</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../desktop/ui/detail.py" line="89"/>
        <source>Select a complaint to see it here.</source>
        <translation>Pilih laporan untuk melihatnya di sini.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="103"/>
        <source>Secret</source>
        <translation>Rahasia</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="106"/>
        <source>A secret report is hidden from the public and never exported in public recaps.</source>
        <translation>Laporan rahasia disembunyikan dari publik dan tidak pernah diekspor ke rekap publik.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="129"/>
        <source>Tracking ID</source>
        <translation>Nomor tracking</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="130"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="131"/>
        <source>Type</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="132"/>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="133"/>
        <source>Location</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="134"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="135"/>
        <source>Submitted</source>
        <translation>Dikirim</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="136"/>
        <source>Arrived at the OPD</source>
        <translation>Masuk ke OPD</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="137"/>
        <source>Incident date</source>
        <translation>Tanggal kejadian</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="138"/>
        <source>Assignee</source>
        <translation>Penanggung jawab</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="139"/>
        <source>Reporter</source>
        <translation>Pelapor</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="144"/>
        <source>Content</source>
        <translation>Isi laporan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="152"/>
        <source>Timeline</source>
        <translation>Riwayat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="201"/>
        <source>Unassigned</source>
        <translation>Belum ditugaskan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="225"/>
        <source>Anonymous</source>
        <translation>Anonim</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="230"/>
        <source>Not given</source>
        <translation>Tidak dicantumkan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="240"/>
        <source>not yet sent</source>
        <translation>belum terkirim</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="247"/>
        <source>Nothing yet.</source>
        <translation>Belum ada.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="256"/>
        <source>Reason for return: %1</source>
        <translation>Alasan dikembalikan: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="260"/>
        <source>Reason: %1</source>
        <translation>Alasan: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="266"/>
        <source>Internal note</source>
        <translation>Catatan internal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="267"/>
        <source>Disposition</source>
        <translation>Disposisi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="268"/>
        <source>Follow-up</source>
        <translation>Tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="269"/>
        <source>Reporter&apos;s reply</source>
        <translation>Tanggapan pelapor</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="270"/>
        <source>Attachment</source>
        <translation>Lampiran</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/detail.py" line="271"/>
        <source>Event</source>
        <translation>Peristiwa</translation>
    </message>
</context>
<context>
    <name>DispositionDialog</name>
    <message>
        <location filename="../../desktop/ui/actions/disposition.py" line="54"/>
        <source>Dispose complaint %1</source>
        <translation>Disposisi pengaduan %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/disposition.py" line="59"/>
        <source>Inside the OPD</source>
        <translation>Di dalam OPD</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/disposition.py" line="61"/>
        <source>Not our authority (bukan wewenang)</source>
        <translation>Bukan wewenang</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/disposition.py" line="66"/>
        <source>This complaint can no longer be sent back from its status.</source>
        <translation>Dengan statusnya sekarang, pengaduan ini tidak dapat dikembalikan lagi.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/disposition.py" line="78"/>
        <location filename="../../desktop/ui/actions/disposition.py" line="95"/>
        <source>Sub-unit</source>
        <translation>Sub-unit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/disposition.py" line="79"/>
        <location filename="../../desktop/ui/actions/disposition.py" line="83"/>
        <source>— none —</source>
        <translation>— tidak ada —</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/disposition.py" line="82"/>
        <location filename="../../desktop/ui/actions/disposition.py" line="96"/>
        <source>Team member</source>
        <translation>Anggota tim</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/disposition.py" line="85"/>
        <source>What should be done</source>
        <translation>Apa yang harus dilakukan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/disposition.py" line="87"/>
        <location filename="../../desktop/ui/actions/disposition.py" line="97"/>
        <source>Instruction</source>
        <translation>Instruksi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/disposition.py" line="90"/>
        <source>Due in working days</source>
        <translation>Tenggat dalam hari kerja</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/disposition.py" line="93"/>
        <source> working days</source>
        <translation> hari kerja</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/disposition.py" line="98"/>
        <source>Due in</source>
        <translation>Tenggat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/disposition.py" line="99"/>
        <source>Due date</source>
        <translation>Tanggal tenggat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/disposition.py" line="105"/>
        <source>Why this complaint is not the OPD&apos;s authority</source>
        <translation>Mengapa pengaduan ini bukan wewenang OPD</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/disposition.py" line="107"/>
        <location filename="../../desktop/ui/actions/disposition.py" line="113"/>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/disposition.py" line="111"/>
        <location filename="../../desktop/ui/actions/disposition.py" line="114"/>
        <source>Suggested body</source>
        <translation>Instansi yang disarankan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/disposition.py" line="124"/>
        <source>Dispose</source>
        <translation>Disposisikan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/disposition.py" line="158"/>
        <source>Choose a sub-unit or a team member.</source>
        <translation>Pilih sub-unit atau anggota tim.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/disposition.py" line="161"/>
        <source>Give the reason it is not the OPD&apos;s authority.</source>
        <translation>Isi alasan mengapa bukan wewenang OPD.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../desktop/ui/errors.py" line="97"/>
        <source>Too many failed sign-in attempts. Try again in %n minute(s).</source>
        <translation>Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %n menit.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="107"/>
        <source>Wrong username or password.</source>
        <translation>Nama pengguna atau kata sandi salah.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="108"/>
        <source>The server cannot be reached. Check the address and your internet connection, then try again.</source>
        <translation>Server tidak dapat dihubungi. Periksa alamatnya dan koneksi internet Anda, lalu coba lagi.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="112"/>
        <source>This computer has no keyring to keep the key of your local data. Enter a passphrase to protect it instead.</source>
        <translation>Komputer ini tidak memiliki keyring untuk menyimpan kunci data lokal Anda. Masukkan frasa sandi untuk melindunginya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="116"/>
        <source>The local data cannot be opened with this passphrase.</source>
        <translation>Data lokal tidak dapat dibuka dengan frasa sandi ini.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="119"/>
        <source>The local data was written by a newer LAPOR! Desk. Install the newer version to open it.</source>
        <translation>Data lokal ditulis oleh LAPOR! Desk versi yang lebih baru. Pasang versi yang lebih baru untuk membukanya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="123"/>
        <source>Your session has expired. Sign in again.</source>
        <translation>Sesi Anda telah berakhir. Silakan masuk lagi.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="126"/>
        <source>The server is busy. LAPOR! Desk will try again later; your work is kept here.</source>
        <translation>Server sedang sibuk. LAPOR! Desk akan mencoba lagi nanti; pekerjaan Anda tetap tersimpan di sini.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="129"/>
        <source>The server is busy checking other sign-ins. Try again in a moment.</source>
        <translation>Server sedang sibuk memeriksa proses masuk lain. Coba lagi sebentar lagi.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="132"/>
        <source>This server speaks a different protocol version. Update LAPOR! Desk.</source>
        <translation>Server ini memakai versi protokol yang berbeda. Perbarui LAPOR! Desk.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="135"/>
        <source>Work offline is on: nothing is sent or fetched until you turn it off.</source>
        <translation>Kerja luring aktif: tidak ada yang dikirim atau diambil sampai Anda mematikannya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="138"/>
        <source>This complaint is no longer in the desk&apos;s data: it may have left your OPD.</source>
        <translation>Pengaduan ini tidak ada lagi di data desk: mungkin sudah keluar dari OPD Anda.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="141"/>
        <source>Something went wrong. Try again; if it keeps happening, contact your coordinator.</source>
        <translation>Terjadi kesalahan. Coba lagi; jika terus terjadi, hubungi koordinator Anda.</translation>
    </message>
</context>
<context>
    <name>Event</name>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="232"/>
        <source>Arrived at the OPD</source>
        <translation>Masuk ke OPD</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="233"/>
        <source>Reporter replied</source>
        <translation>Pelapor menanggapi</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../desktop/ui/filter_bar.py" line="54"/>
        <source>Filter by status</source>
        <translation>Saring menurut status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/filter_bar.py" line="55"/>
        <source>All statuses</source>
        <translation>Semua status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/filter_bar.py" line="58"/>
        <source>Filter by category</source>
        <translation>Saring menurut kategori</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/filter_bar.py" line="66"/>
        <source>Filter by kecamatan</source>
        <translation>Saring menurut kecamatan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/filter_bar.py" line="67"/>
        <source>Filter by channel</source>
        <translation>Saring menurut kanal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/filter_bar.py" line="68"/>
        <source>All channels</source>
        <translation>Semua kanal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/filter_bar.py" line="71"/>
        <source>Arrived on or after</source>
        <translation>Masuk sejak tanggal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/filter_bar.py" line="72"/>
        <source>Arrived on or before</source>
        <translation>Masuk sampai tanggal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/filter_bar.py" line="75"/>
        <location filename="../../desktop/ui/filter_bar.py" line="76"/>
        <source>Clear filters</source>
        <translation>Hapus saringan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/filter_bar.py" line="84"/>
        <source>Arrived</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/filter_bar.py" line="167"/>
        <source>All categories</source>
        <translation>Semua kategori</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/filter_bar.py" line="173"/>
        <source>All kecamatan</source>
        <translation>Semua kecamatan</translation>
    </message>
</context>
<context>
    <name>FollowUpEditor</name>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="65"/>
        <source>Follow-up for %1</source>
        <translation>Tindak lanjut untuk %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="78"/>
        <location filename="../../desktop/ui/actions/followup.py" line="155"/>
        <source>Follow-up</source>
        <translation>Tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="79"/>
        <source>New draft</source>
        <translation>Draf baru</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="93"/>
        <source>not yet sent</source>
        <translation>belum terkirim</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="98"/>
        <location filename="../../desktop/ui/actions/followup.py" line="159"/>
        <source>Template</source>
        <translation>Templat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="102"/>
        <source>Use template</source>
        <translation>Pakai templat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="107"/>
        <source>The answer to the reporter</source>
        <translation>Jawaban untuk pelapor</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="108"/>
        <source>Follow-up text</source>
        <translation>Teks tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="112"/>
        <source>Files to attach</source>
        <translation>Berkas yang dilampirkan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="114"/>
        <source>Attach file…</source>
        <translation>Lampirkan berkas…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="121"/>
        <source>Changed since you returned it (lines with − were removed, with + added):</source>
        <translation>Berubah sejak Anda kembalikan (baris bertanda − dihapus, bertanda + ditambahkan):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="127"/>
        <source>Changes since the return</source>
        <translation>Perubahan sejak dikembalikan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="131"/>
        <source>Why it goes back to the drafter</source>
        <translation>Alasan dikembalikan ke penyusun</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="133"/>
        <location filename="../../desktop/ui/actions/followup.py" line="135"/>
        <source>Return reason</source>
        <translation>Alasan pengembalian</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="139"/>
        <source>Save draft</source>
        <translation>Simpan draf</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="141"/>
        <source>Submit for approval</source>
        <translation>Ajukan untuk persetujuan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="143"/>
        <source>Approve and publish</source>
        <translation>Setujui dan publikasikan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="145"/>
        <source>Return</source>
        <translation>Kembalikan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="147"/>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="239"/>
        <source>You wrote or changed this follow-up&apos;s text: another supervisor must approve or return it (four eyes).</source>
        <translation>Anda menulis atau mengubah teks tindak lanjut ini: atasan lain yang harus menyetujui atau mengembalikannya (prinsip empat mata).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="247"/>
        <source>Approve this exact text; it is then published to the reporter.</source>
        <translation>Setujui teks persis seperti ini; lalu dipublikasikan kepada pelapor.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="249"/>
        <source>Send it back to the drafter with the reason.</source>
        <translation>Kembalikan ke penyusun beserta alasannya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="251"/>
        <source>Returned: %1</source>
        <translation>Dikembalikan: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="253"/>
        <source>A %1 follow-up cannot be edited here.</source>
        <translation>Tindak lanjut berstatus %1 tidak dapat disunting di sini.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="257"/>
        <source>An admin submits the draft for approval.</source>
        <translation>Admin yang mengajukan draf untuk persetujuan.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="266"/>
        <source>No change to the text since you returned it.</source>
        <translation>Teksnya tidak berubah sejak Anda kembalikan.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="283"/>
        <source>Attach files</source>
        <translation>Lampirkan berkas</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="325"/>
        <source>Publish the follow-up?</source>
        <translation>Terbitkan tindak lanjut?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="326"/>
        <source>Approve this text and publish it to the reporter? A published follow-up can no longer be edited or withdrawn.</source>
        <translation>Setujui teks ini dan terbitkan kepada pelapor? Tindak lanjut yang sudah terbit tidak dapat diubah atau ditarik lagi.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/followup.py" line="332"/>
        <source>Publish</source>
        <translation>Terbitkan</translation>
    </message>
</context>
<context>
    <name>FollowUpState</name>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="110"/>
        <source>Draft</source>
        <translation>Draf</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="111"/>
        <source>Submitted</source>
        <translation>Diajukan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="112"/>
        <source>Approved</source>
        <translation>Disetujui</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="113"/>
        <source>Returned</source>
        <translation>Dikembalikan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="114"/>
        <source>Published</source>
        <translation>Dipublikasikan</translation>
    </message>
</context>
<context>
    <name>Kind</name>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="101"/>
        <source>Complaint</source>
        <translation>Pengaduan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="102"/>
        <source>Suggestion</source>
        <translation>Aspirasi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="103"/>
        <source>Information request</source>
        <translation>Permintaan informasi</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="149"/>
        <source>LAPOR! Desk — %1</source>
        <translation>LAPOR! Desk — %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="162"/>
        <source>Filters</source>
        <translation>Saringan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="179"/>
        <source>Complaint detail</source>
        <translation>Rincian laporan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="262"/>
        <source>Complaints</source>
        <translation>Laporan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="264"/>
        <source>The complaints of the chosen queue; J and K move between them</source>
        <translation>Laporan dalam antrean yang dipilih; J dan K berpindah di antaranya</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="277"/>
        <source>Columns: click to sort</source>
        <translation>Kolom: klik untuk mengurutkan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="300"/>
        <source>Outbox</source>
        <translation>Kotak keluar</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="301"/>
        <source>Changes made here that the hub has not accepted yet</source>
        <translation>Perubahan yang dibuat di sini dan belum diterima hub</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="309"/>
        <source>Outbox columns</source>
        <translation>Kolom kotak keluar</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="322"/>
        <location filename="../../desktop/ui/main_window.py" line="453"/>
        <source>Sync now</source>
        <translation>Sinkronkan sekarang</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="325"/>
        <source>Send your changes and fetch new complaints (F5)</source>
        <translation>Kirim perubahan Anda dan ambil laporan baru (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="329"/>
        <location filename="../../desktop/ui/main_window.py" line="457"/>
        <source>Work offline</source>
        <translation>Kerja luring</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="333"/>
        <source>Stop all network traffic: changes wait in the outbox until this is turned off</source>
        <translation>Hentikan semua lalu lintas jaringan: perubahan menunggu di kotak keluar sampai ini dimatikan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="337"/>
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="341"/>
        <source>Search</source>
        <translation>Cari</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="347"/>
        <source>Next complaint</source>
        <translation>Laporan berikutnya</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="351"/>
        <source>Previous complaint</source>
        <translation>Laporan sebelumnya</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="358"/>
        <location filename="../../desktop/ui/main_window.py" line="932"/>
        <source>About LAPOR! Desk</source>
        <translation>Tentang LAPOR! Desk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="361"/>
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="366"/>
        <source>&amp;View</source>
        <translation>&amp;Tampilan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="372"/>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="388"/>
        <source>&amp;Actions</source>
        <translation>&amp;Tindakan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="390"/>
        <source>&amp;Help</source>
        <translation>&amp;Bantuan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="393"/>
        <source>Main toolbar</source>
        <translation>Bilah alat utama</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="400"/>
        <source>Search tracking ID, title, content, location…</source>
        <translation>Cari nomor tracking, judul, isi, lokasi…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="401"/>
        <source>Search complaints</source>
        <translation>Cari laporan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="403"/>
        <source>Tracking IDs, word beginnings and several words, e.g. jalan rusak marabahan (Ctrl+F)</source>
        <translation>ID pelacakan, awal kata dan beberapa kata, mis. jalan rusak marabahan (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="418"/>
        <source>Sync</source>
        <translation>Sinkronisasi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="437"/>
        <source>Bytes sent and received since LAPOR! Desk was started</source>
        <translation>Byte yang dikirim dan diterima sejak LAPOR! Desk dibuka</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="441"/>
        <source>Connection</source>
        <translation>Koneksi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="442"/>
        <source>Last sync</source>
        <translation>Sinkronisasi terakhir</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="443"/>
        <source>Pending changes</source>
        <translation>Perubahan tertunda</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="444"/>
        <source>Data used</source>
        <translation>Data terpakai</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="445"/>
        <source>Complaints shown</source>
        <translation>Laporan yang ditampilkan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="733"/>
        <source>Work offline is on: turn it off to sync.</source>
        <translation>Kerja luring aktif: matikan untuk menyinkronkan.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="740"/>
        <source>Syncing…</source>
        <translation>Menyinkronkan…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="764"/>
        <source>Trying again…</source>
        <translation>Mencoba lagi…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="768"/>
        <source>The hub is busy; trying again in %1 s</source>
        <translation>Hub sedang sibuk; mencoba lagi dalam %1 dtk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="770"/>
        <source>Cannot reach the hub; trying again in %1 s</source>
        <translation>Hub tidak terjangkau; mencoba lagi dalam %1 dtk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="771"/>
        <source>Sync now (F5) tries at once</source>
        <translation>Sinkronkan sekarang (F5) mencoba saat itu juga</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/main_window.py" line="819"/>
        <source>%n change(s) sent</source>
        <translation>
            <numerusform>%n perubahan terkirim</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="821"/>
        <source>Sync finished.</source>
        <translation>Sinkronisasi selesai.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="825"/>
        <source>Sync failed: %1</source>
        <translation>Sinkronisasi gagal: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="851"/>
        <source>Working offline: your changes wait in the outbox.</source>
        <translation>Kerja luring: perubahan Anda menunggu di kotak keluar.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="853"/>
        <source>Back online: sending your changes and fetching what is new.</source>
        <translation>Kembali daring: mengirim perubahan Anda dan mengambil yang baru.</translation>
    </message>
    <message>
        <source>The hub is busy; trying again in %1 s.</source>
        <translation type="vanished">Hub sedang sibuk; mencoba lagi dalam %1 detik.</translation>
    </message>
    <message>
        <source>Cannot reach the hub; trying again in %1 s (F5 tries now).</source>
        <translation type="vanished">Hub tidak terjangkau; mencoba lagi dalam %1 detik (F5 untuk mencoba sekarang).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="909"/>
        <source>○ Working offline</source>
        <translation>○ Kerja luring</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="911"/>
        <source>● Online</source>
        <translation>● Daring</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="911"/>
        <source>○ Offline</source>
        <translation>○ Luring</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="900"/>
        <source>never</source>
        <translation>belum pernah</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="901"/>
        <source>Last sync: %1</source>
        <translation>Sinkron terakhir: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="902"/>
        <source>Pending changes: %1</source>
        <translation>Perubahan tertunda: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="904"/>
        <source>Data used: %1</source>
        <translation>Data terpakai: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/main_window.py" line="923"/>
        <source>%1: %n change(s)</source>
        <translation>
            <numerusform>%1: %n perubahan</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="925"/>
        <source>%1: %2 complaints</source>
        <translation>%1: %2 laporan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="933"/>
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
    <name>NoteDialog</name>
    <message>
        <location filename="../../desktop/ui/actions/dialogs.py" line="34"/>
        <source>Internal note on %1</source>
        <translation>Catatan internal untuk %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/dialogs.py" line="34"/>
        <source>Add note</source>
        <translation>Tambah catatan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/dialogs.py" line="38"/>
        <source>Internal notes are seen by the OPD&apos;s team only, never by the reporter.</source>
        <translation>Catatan internal hanya dilihat tim OPD, tidak pernah oleh pelapor.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/dialogs.py" line="40"/>
        <location filename="../../desktop/ui/actions/dialogs.py" line="41"/>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
</context>
<context>
    <name>OpKind</name>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="160"/>
        <source>Internal note</source>
        <translation>Catatan internal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="161"/>
        <source>Disposition</source>
        <translation>Disposisi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="162"/>
        <source>Assignment</source>
        <translation>Penugasan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="163"/>
        <source>Claim</source>
        <translation>Ambil laporan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="164"/>
        <source>Status change</source>
        <translation>Perubahan status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="165"/>
        <source>New follow-up</source>
        <translation>Tindak lanjut baru</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="166"/>
        <source>Follow-up edit</source>
        <translation>Suntingan tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="167"/>
        <source>Follow-up submitted</source>
        <translation>Tindak lanjut diajukan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="168"/>
        <source>Follow-up approved</source>
        <translation>Tindak lanjut disetujui</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="169"/>
        <source>Follow-up returned</source>
        <translation>Tindak lanjut dikembalikan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="170"/>
        <source>Attachment</source>
        <translation>Lampiran</translation>
    </message>
</context>
<context>
    <name>OpReason</name>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="190"/>
        <source>Your role does not allow this</source>
        <translation>Peran Anda tidak mengizinkan ini</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="191"/>
        <source>The complaint is no longer at your OPD</source>
        <translation>Laporan tidak lagi berada di OPD Anda</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="192"/>
        <source>The hub found the data incomplete or invalid</source>
        <translation>Hub menilai datanya tidak lengkap atau tidak sah</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="193"/>
        <source>Someone else changed the complaint first</source>
        <translation>Orang lain sudah mengubah laporan lebih dulu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="194"/>
        <source>The complaint&apos;s status does not allow this now</source>
        <translation>Status laporan tidak mengizinkan ini sekarang</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="197"/>
        <source>Sent twice with different content</source>
        <translation>Terkirim dua kali dengan isi berbeda</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="198"/>
        <source>You wrote or changed this follow-up: another supervisor must review it</source>
        <translation>Anda menulis atau mengubah tindak lanjut ini: atasan lain yang harus memeriksanya</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="201"/>
        <source>It can be closed as finished only after a follow-up has been published</source>
        <translation>Hanya dapat ditutup sebagai Selesai setelah ada tindak lanjut yang dipublikasikan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="205"/>
        <source>Waiting for room on the hub: the file goes once your other files are attached</source>
        <translation>Menunggu ruang di hub: berkas dikirim setelah berkas Anda yang lain terlampir</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="208"/>
        <source>The hub does not have this file for you: it is uploaded again</source>
        <translation>Hub tidak memiliki berkas ini untuk Anda: berkas diunggah ulang</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="211"/>
        <source>Too large for the hub (attachments: at most 2 MB)</source>
        <translation>Terlalu besar untuk hub (lampiran: paling besar 2 MB)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="214"/>
        <source>This kind of file cannot be attached (images, PDF, office files, audio, video, zip)</source>
        <translation>Jenis berkas ini tidak dapat dilampirkan (gambar, PDF, berkas perkantoran, audio, video, zip)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="217"/>
        <source>The file&apos;s fingerprint is not valid</source>
        <translation>Sidik berkas ini tidak sah</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="218"/>
        <source>The hub cannot read how it was sent</source>
        <translation>Hub tidak dapat membaca cara data ini dikirim</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="219"/>
        <source>The hub refused the data as sent (a character or a length it does not accept)</source>
        <translation>Hub menolak data sebagaimana dikirim (ada karakter atau panjang yang tidak diterima)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="222"/>
        <source>The data reached the hub damaged</source>
        <translation>Data tiba di hub dalam keadaan rusak</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="227"/>
        <source>The hub refused it (%1)</source>
        <translation>Hub menolaknya (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="204"/>
        <source>The complaint left your OPD</source>
        <translation>Laporan sudah keluar dari OPD Anda</translation>
    </message>
</context>
<context>
    <name>OpState</name>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="177"/>
        <source>Waiting to be sent</source>
        <translation>Menunggu dikirim</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="178"/>
        <source>Sent, awaiting the hub</source>
        <translation>Dikirim, belum dijawab hub</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="179"/>
        <source>Accepted</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="180"/>
        <source>Rejected</source>
        <translation>Ditolak</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="181"/>
        <source>Conflict</source>
        <translation>Konflik</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <location filename="../../desktop/ui/outbox_model.py" line="28"/>
        <source>Made</source>
        <translation>Dibuat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/outbox_model.py" line="29"/>
        <source>Change</source>
        <translation>Perubahan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/outbox_model.py" line="30"/>
        <source>Tracking ID</source>
        <translation>ID pelacakan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/outbox_model.py" line="31"/>
        <source>Complaint</source>
        <translation>Laporan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/outbox_model.py" line="32"/>
        <source>State</source>
        <translation>Keadaan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/outbox_model.py" line="33"/>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/outbox_model.py" line="68"/>
        <source>Send attempts: %1</source>
        <translation>Percobaan kirim: %1</translation>
    </message>
</context>
<context>
    <name>Passphrase</name>
    <message>
        <location filename="../../desktop/ui/signin.py" line="61"/>
        <source>Choose a passphrase</source>
        <translation>Pilih frasa sandi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="61"/>
        <source>Repeat the passphrase</source>
        <translation>Ulangi frasa sandi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="62"/>
        <source>Enter your passphrase</source>
        <translation>Masukkan frasa sandi Anda</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="68"/>
        <source>Enter a passphrase for the local copy of your data.</source>
        <translation>Masukkan frasa sandi untuk salinan lokal data Anda.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="70"/>
        <source>The two passphrases do not match. Type the same passphrase twice.</source>
        <translation>Kedua frasa sandi tidak sama. Ketik frasa sandi yang sama dua kali.</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../desktop/ui/signin.py" line="294"/>
        <source>Open LAPOR! Desk</source>
        <translation>Buka LAPOR! Desk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="304"/>
        <source>This computer has no password store (keyring) that LAPOR! Desk can use to protect the local copy of your complaints. Choose a passphrase instead: you will need it every time you start the app.</source>
        <translation>Komputer ini tidak memiliki tempat penyimpanan sandi (keyring) yang dapat dipakai LAPOR! Desk untuk melindungi salinan lokal laporan Anda. Sebagai gantinya, pilih frasa sandi: Anda akan memerlukannya setiap kali membuka aplikasi.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="309"/>
        <source>The copy of your complaints on this computer is protected by a passphrase. Enter it to open your work, even without a connection; you will be asked to sign in to the hub once it can be reached.</source>
        <translation>Salinan pengaduan Anda di komputer ini dilindungi frasa sandi. Masukkan frasa sandi untuk membuka pekerjaan Anda, bahkan tanpa koneksi; Anda akan diminta masuk ke hub setelah hub dapat dijangkau.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="313"/>
        <source>%1 on %2</source>
        <translation>%1 di %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="319"/>
        <source>Account</source>
        <translation>Akun</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="342"/>
        <source>Open</source>
        <translation>Buka</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="343"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="345"/>
        <source>Sign in with another account</source>
        <translation>Masuk dengan akun lain</translation>
    </message>
</context>
<context>
    <name>Queue</name>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="124"/>
        <source>All complaints</source>
        <translation>Semua laporan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="125"/>
        <source>New</source>
        <translation>Baru masuk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="126"/>
        <source>Assigned to me</source>
        <translation>Ditugaskan ke saya</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="127"/>
        <source>Needs follow-up</source>
        <translation>Perlu tindak lanjut</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="128"/>
        <source>Awaiting approval</source>
        <translation>Menunggu persetujuan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="129"/>
        <source>Overdue</source>
        <translation>Lewat tenggat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="130"/>
        <source>My drafts</source>
        <translation>Draf saya</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="131"/>
        <source>Outbox</source>
        <translation>Kotak keluar</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="132"/>
        <source>Conflicts</source>
        <translation>Konflik</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="139"/>
        <source>Every complaint held by your OPD</source>
        <translation>Semua laporan yang dipegang OPD Anda</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="140"/>
        <source>Arrived at the OPD and not yet dispositioned</source>
        <translation>Sudah masuk ke OPD dan belum didisposisikan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="141"/>
        <source>Complaints assigned to you</source>
        <translation>Laporan yang ditugaskan kepada Anda</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="142"/>
        <source>In progress or replied to by the reporter</source>
        <translation>Sedang diproses atau ditanggapi pelapor</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="145"/>
        <source>Follow-ups submitted for approval</source>
        <translation>Tindak lanjut yang diajukan untuk disetujui</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="146"/>
        <source>Past their working-day deadline</source>
        <translation>Melewati tenggat hari kerja</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="147"/>
        <source>Follow-ups you are still writing</source>
        <translation>Tindak lanjut yang masih Anda tulis</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="148"/>
        <source>Changes made here and not yet accepted by the hub</source>
        <translation>Perubahan yang dibuat di sini dan belum diterima hub</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="151"/>
        <source>Changes the hub did not accept: open them to resolve</source>
        <translation>Perubahan yang tidak diterima hub: buka untuk menyelesaikannya</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../desktop/ui/queue_panel.py" line="128"/>
        <source>Queues</source>
        <translation>Antrean</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_panel.py" line="129"/>
        <source>Choose which complaints the table shows</source>
        <translation>Pilih laporan yang ditampilkan tabel</translation>
    </message>
</context>
<context>
    <name>QueueTableModel</name>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="103"/>
        <source>Tracking ID</source>
        <translation>No. tracking</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="104"/>
        <source>Title</source>
        <translation>Judul</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="105"/>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="106"/>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="107"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="108"/>
        <source>Deadline</source>
        <translation>Tenggat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="109"/>
        <source>Arrived</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="110"/>
        <source>Assignee</source>
        <translation>Penanggung jawab</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="111"/>
        <source>Sync</source>
        <translation>Sinkron</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="551"/>
        <source>Conflict</source>
        <translation>Konflik</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="555"/>
        <source>Pending</source>
        <translation>Tertunda</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="720"/>
        <source>Deadline for %1: %2</source>
        <translation>Tenggat %1: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="727"/>
        <source>The hub did not accept a change made here: open it to resolve</source>
        <translation>Hub tidak menerima perubahan yang dibuat di sini: buka untuk menyelesaikannya</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/queue_model.py" line="731"/>
        <source>Local changes not yet sent to the hub</source>
        <translation>Perubahan lokal belum terkirim ke hub</translation>
    </message>
</context>
<context>
    <name>Refusal</name>
    <message>
        <location filename="../../desktop/ui/errors.py" line="155"/>
        <source>The status “%1” is not set by hand: LAPOR! sets it by its own rules.</source>
        <translation>Status “%1” tidak diubah secara manual: LAPOR! menetapkannya menurut aturannya sendiri.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="159"/>
        <source>Write the note first: an empty note is not saved.</source>
        <translation>Tulis catatannya dulu: catatan kosong tidak disimpan.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="162"/>
        <source>Choose the sub-unit or the team member the complaint goes to.</source>
        <translation>Pilih sub-unit atau anggota tim yang menerima pengaduan ini.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="165"/>
        <source>Give the reason the complaint is not the OPD&apos;s authority.</source>
        <translation>Isi alasan mengapa pengaduan ini bukan wewenang OPD.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="168"/>
        <source>Choose the team member to assign the complaint to.</source>
        <translation>Pilih anggota tim yang ditugaskan menangani pengaduan ini.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="171"/>
        <source>Write the follow-up first: an empty follow-up is not saved.</source>
        <translation>Tulis tindak lanjutnya dulu: tindak lanjut kosong tidak disimpan.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="174"/>
        <source>You wrote or changed this follow-up&apos;s text: another supervisor must approve or return it (four eyes).</source>
        <translation>Anda menulis atau mengubah teks tindak lanjut ini: atasan lain yang harus menyetujui atau mengembalikannya (prinsip empat mata).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="179"/>
        <source>Give the reason the follow-up goes back to the drafter.</source>
        <translation>Isi alasan tindak lanjut ini dikembalikan ke penyusun.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="182"/>
        <source>Write the merged text first: an empty merge is not sent.</source>
        <translation>Tulis dulu teks gabungannya: gabungan kosong tidak dikirim.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="185"/>
        <source>The complaint has left the OPD: this change cannot be sent any more. Copy what you wrote, then drop the change.</source>
        <translation>Pengaduan sudah keluar dari OPD: perubahan ini tidak dapat dikirim lagi. Salin yang Anda tulis, lalu buang perubahannya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="190"/>
        <source>The follow-up changed after you read it: read the new text, then approve that one.</source>
        <translation>Tindak lanjut berubah setelah Anda membacanya: baca teks yang baru, lalu setujui teks itu.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="196"/>
        <source>The action was refused; nothing was saved.</source>
        <translation>Tindakan ditolak; tidak ada yang disimpan.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="202"/>
        <source>This follow-up is %1 now: it can no longer be edited.</source>
        <translation>Tindak lanjut ini sekarang berstatus %1: tidak dapat diubah lagi.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="205"/>
        <source>This follow-up is %1 now: it cannot be submitted for approval.</source>
        <translation>Tindak lanjut ini sekarang berstatus %1: tidak dapat diajukan untuk persetujuan.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="208"/>
        <source>This follow-up is %1 now: only a submitted follow-up can be approved.</source>
        <translation>Tindak lanjut ini sekarang berstatus %1: hanya tindak lanjut yang sudah diajukan yang dapat disetujui.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="211"/>
        <source>This follow-up is %1 now: only a submitted follow-up can be returned.</source>
        <translation>Tindak lanjut ini sekarang berstatus %1: hanya tindak lanjut yang sudah diajukan yang dapat dikembalikan.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/errors.py" line="216"/>
        <source>This follow-up is %1 now: this cannot be done to it.</source>
        <translation>Tindak lanjut ini sekarang berstatus %1: tindakan ini tidak dapat dilakukan.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../desktop/ui/settings.py" line="31"/>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="32"/>
        <source>Remember me on this computer</source>
        <translation>Ingat saya di komputer ini</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="33"/>
        <source>Server address</source>
        <translation>Alamat server</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="34"/>
        <source>Username</source>
        <translation>Nama pengguna</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="35"/>
        <source>Work offline</source>
        <translation>Kerja luring</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../desktop/ui/signin.py" line="93"/>
        <source>Sign in to LAPOR! Desk</source>
        <translation>Masuk ke LAPOR! Desk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="102"/>
        <source>Sign in to send your changes and fetch what is new. Your work stays open while you sign in.</source>
        <translation>Masuk untuk mengirim perubahan Anda dan mengambil yang baru. Pekerjaan Anda tetap terbuka selama Anda masuk.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="106"/>
        <source>Sign in with your LAPOR! Hub account. After the first sync you can work offline.</source>
        <translation>Masuk dengan akun LAPOR! Hub Anda. Setelah sinkronisasi pertama Anda dapat bekerja tanpa internet.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="116"/>
        <source>Remember me on this computer</source>
        <translation>Ingat saya di komputer ini</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="171"/>
        <source>This computer has no password store (keyring) that LAPOR! Desk can use to protect the local copy of your complaints. Choose a passphrase instead: you will need it every time you start the app.</source>
        <translation>Komputer ini tidak memiliki tempat penyimpanan sandi (keyring) yang dapat dipakai LAPOR! Desk untuk melindungi salinan lokal laporan Anda. Sebagai gantinya, pilih frasa sandi: Anda akan memerlukannya setiap kali membuka aplikasi.</translation>
    </message>
    <message>
        <source>Replica passphrase</source>
        <translation type="vanished">Frasa sandi data lokal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="126"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="127"/>
        <source>Username</source>
        <translation>Nama pengguna</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="128"/>
        <source>Password</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="150"/>
        <source>Sign in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="151"/>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="176"/>
        <source>The local copy of your complaints on this computer is protected by a passphrase. Enter it to open it.</source>
        <translation>Salinan lokal pengaduan Anda di komputer ini dilindungi frasa sandi. Masukkan frasa sandi untuk membukanya.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin.py" line="231"/>
        <source>Enter the server address, your username and your password.</source>
        <translation>Masukkan alamat server, nama pengguna, dan kata sandi Anda.</translation>
    </message>
    <message>
        <source>Enter a passphrase for the local copy of your data.</source>
        <translation type="vanished">Masukkan frasa sandi untuk salinan lokal data Anda.</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="74"/>
        <source>Dispositioned</source>
        <translation>Terdisposisi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="75"/>
        <source>In progress</source>
        <translation>Diproses</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="76"/>
        <source>Followed up</source>
        <translation>Ditindaklanjuti</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="77"/>
        <source>Reporter replied</source>
        <translation>Ditanggapi Pelapor</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="78"/>
        <source>Finished</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="79"/>
        <source>Returned</source>
        <translation>Dikembalikan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="80"/>
        <source>On hold</source>
        <translation>Ditunda</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/i18n.py" line="81"/>
        <source>Archived</source>
        <translation>Arsip</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <location filename="../../desktop/ui/actions/dialogs.py" line="91"/>
        <source>Change the status of %1</source>
        <translation>Ubah status %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/dialogs.py" line="91"/>
        <source>Change</source>
        <translation>Ubah</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/dialogs.py" line="96"/>
        <location filename="../../desktop/ui/actions/dialogs.py" line="103"/>
        <source>New status</source>
        <translation>Status baru</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/dialogs.py" line="99"/>
        <source>Reason (optional)</source>
        <translation>Alasan (opsional)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/dialogs.py" line="100"/>
        <location filename="../../desktop/ui/actions/dialogs.py" line="104"/>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions/dialogs.py" line="102"/>
        <source>Now</source>
        <translation>Sekarang</translation>
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
