"""The guides as data (issue 17, "Guides that stay true"): role → tasks → numbered steps, each step
with the screenshot a browser test takes on the same screen (tests/browser/test_panduan_foto.py
calls `panduan_foto(page, "<foto>")`, which writes static/panduan/<foto>.webp). One template renders
every task (templates/panduan/tugas.html); tests/test_panduan.py fails when a step names a
screenshot that no browser test takes or whose file is missing.

Written for older civil servants: short sentences, the words the screen shows in quotes, one action
per step. `halaman` lists the URL names whose "Bantuan" link opens the task.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Langkah:
    """One numbered step: what to do, and the screenshot (name under static/panduan/) showing it."""

    teks: str
    foto: str = ""
    alt: str = ""  # what the screenshot shows, for a screen reader and when the image fails


@dataclass(frozen=True)
class Tugas:
    """One task page: a title, a one-line purpose, the steps (or, for a text-only page, paragraphs)."""

    slug: str
    judul: str
    ringkas: str
    langkah: tuple[Langkah, ...] = ()
    paragraf: tuple[str, ...] = ()
    halaman: tuple[str, ...] = ()  # URL names ("namespace:name") whose "Bantuan" opens this task
    foto_cetak: str = ""  # the screenshot the printed one-page guide shows beside the steps


@dataclass(frozen=True)
class Panduan:
    """The guide of one role."""

    peran: str
    judul: str
    untuk: str
    tugas: tuple[Tugas, ...] = field(default_factory=tuple)


PEGAWAI = Panduan(
    peran="pegawai",
    judul=_("Panduan pegawai"),
    untuk=_("Untuk setiap pegawai: mencatat pekerjaan harian, mengajukan cuti dan membaca TPP."),
    tugas=(
        Tugas(
            slug="aktivitas-hari-ini",
            judul=_("Mencatat aktivitas hari ini"),
            ringkas=_("Catat pekerjaan hari ini lalu kirim ke atasan untuk diperiksa."),
            halaman=("aktivitas:hari_ini", "aktivitas:tambah", "aktivitas:ubah", "aktivitas:detail"),
            foto_cetak="pegawai-aktivitas-2",
            langkah=(
                Langkah(
                    _("Tekan tombol menu (tiga garis di kanan atas), lalu pilih “Aktivitas hari ini”."),
                    "pegawai-aktivitas-1",
                    _("Menu terbuka di ponsel; pilihan “Aktivitas hari ini” ada di bawah “Beranda”."),
                ),
                Langkah(
                    _(
                        "Tekan “+ Tambah aktivitas”. Isi jam mulai, jam selesai, nama kegiatan, lama "
                        "kegiatan dalam menit, dan hasil yang dicapai."
                    ),
                    "pegawai-aktivitas-2",
                    _("Isian aktivitas: jam 08.00 sampai 09.00, “Menyusun notulen rapat”, 60 menit."),
                ),
                Langkah(
                    _(
                        "Tekan “Simpan sebagai draf”. Kegiatan muncul di daftar hari ini sebagai draf; "
                        "draf masih boleh diubah atau dihapus."
                    ),
                    "pegawai-aktivitas-3",
                    _("Daftar hari ini: satu kegiatan berstatus draf, jumlah 60 menit."),
                ),
                Langkah(
                    _(
                        "Setelah semua pekerjaan hari ini tercatat, tekan “Ajukan semua draf hari ini”. "
                        "Kegiatan dikirim ke atasan untuk diverifikasi."
                    ),
                    "pegawai-aktivitas-4",
                    _("Pesan hijau: aktivitas sudah diajukan; statusnya kini “Menunggu verifikasi”."),
                ),
            ),
        ),
        Tugas(
            slug="cuti",
            judul=_("Mengajukan cuti"),
            ringkas=_("Minta cuti atau izin; atasan yang memutuskan, Anda melihat hasilnya di sini."),
            halaman=("presensi:permohonan_list", "presensi:permohonan_create", "presensi:permohonan_detail"),
            foto_cetak="pegawai-cuti-2",
            langkah=(
                Langkah(
                    _("Buka menu, pilih “Cuti & izin”, lalu tekan “+ Ajukan cuti/izin”."),
                    "pegawai-cuti-1",
                    _("Halaman “Cuti dan izin saya” dengan tombol “+ Ajukan cuti/izin”."),
                ),
                Langkah(
                    _(
                        "Pilih jenisnya, misalnya “Cuti tahunan”. Isi tanggal mulai dan tanggal selesai, "
                        "tulis alasannya. Jika ada surat (misalnya surat dokter), lampirkan."
                    ),
                    "pegawai-cuti-2",
                    _("Isian permohonan: cuti tahunan dua hari dengan alasan keperluan keluarga."),
                ),
                Langkah(
                    _(
                        "Tekan “Kirim permohonan”. Permohonan menunggu keputusan atasan. Statusnya "
                        "terlihat di halaman “Cuti & izin”."
                    ),
                    "pegawai-cuti-3",
                    _("Permohonan cuti yang sudah dikirim, berstatus menunggu keputusan atasan."),
                ),
            ),
        ),
        Tugas(
            slug="rincian-tpp",
            judul=_("Membaca rincian TPP"),
            ringkas=_("Lihat berapa TPP Anda bulan ini dan mengapa jumlahnya demikian."),
            halaman=("tpp:rincian_saya", "tpp:rincian_pegawai"),
            foto_cetak="pegawai-tpp-2",
            langkah=(
                Langkah(
                    _("Buka menu, lalu pilih “Rincian TPP”."),
                    "pegawai-tpp-1",
                    _("Menu terbuka di ponsel dengan pilihan “Rincian TPP”."),
                ),
                Langkah(
                    _(
                        "Angka besar di atas adalah TPP yang diterima (neto). Selama bulan belum ditutup, "
                        "angka itu masih perkiraan dan dapat berubah."
                    ),
                    "pegawai-tpp-2",
                    _("Rincian TPP bulan ini: kotak kuning “Perkiraan” dan jumlah TPP yang diterima."),
                ),
                Langkah(
                    _(
                        "Geser ke bawah untuk membaca rinciannya: besaran TPP, capaian kinerja, potongan "
                        "karena terlambat atau tidak hadir, dan pajak. Untuk bulan lain, pilih bulannya lalu "
                        "tekan “Tampilkan”."
                    ),
                    "pegawai-tpp-3",
                    _("Bagian rincian: besaran TPP kelas jabatan, bagian kinerja dan bagian disiplin."),
                ),
            ),
        ),
        Tugas(
            slug="dibantu-rekan",
            judul=_("Dibantu rekan, bukan berbagi kata sandi"),
            ringkas=_("Jika Anda perlu bantuan mengisi, mintalah bantuan yang tercatat."),
            halaman=(
                "password_change",
                "aktivitas:minta_bantuan",
                "aktivitas:bantu_rekan",
                "aktivitas:bantu_hari_ini",
                "aktivitas:bantu_tambah",
                "aktivitas:bantu_ubah",
            ),
            paragraf=(
                _(
                    "Kata sandi hanya untuk Anda sendiri. Jangan memberikan kata sandi kepada siapa pun, "
                    "juga kepada rekan yang ingin membantu. Berbagi kata sandi tidak diperbolehkan: semua "
                    "yang diisi dengan akun Anda tercatat sebagai perbuatan Anda."
                ),
                _(
                    "Jika Anda kesulitan mengisi aktivitas, mintalah bantuan pembantu pengisian yang ditunjuk "
                    "di unit Anda (misalnya operator). Ia masuk dengan akunnya sendiri; jejak audit mencatat "
                    "siapa mengetik apa, dan setiap isiannya tertulis “dicatat oleh … atas nama …”."
                ),
                _(
                    "Jika kata sandi Anda pernah diketahui orang lain, segera ganti melalui menu “Akun”, "
                    "lalu “Ganti kata sandi”."
                ),
            ),
            langkah=(
                Langkah(
                    _("Buka “Aktivitas hari ini”. Di bagian “Bantuan pengisian”, tekan “Minta bantuan pengisian”."),
                    "pegawai-bantu-1",
                    _("Bagian “Bantuan pengisian” di halaman hari ini dengan tombol “Minta bantuan pengisian”."),
                ),
                Langkah(
                    _(
                        "Pada “Pembantu pengisian”, pilih nama pembantu unit Anda, lalu tekan “Beri izin "
                        "mencatat atas nama saya”."
                    ),
                    "pegawai-bantu-2",
                    _("Isian “Pembantu pengisian” berisi “Operator Unit — Subbagian Umum”."),
                ),
                Langkah(
                    _(
                        "Namanya kini tertulis di “Yang sedang membantu Anda”. Izin itu dapat Anda hentikan "
                        "kapan saja dengan tombol “Cabut izin”."
                    ),
                    "pegawai-bantu-3",
                    _("Bagian “Yang sedang membantu Anda”: Operator Unit, Subbagian Umum, dan tombol “Cabut izin”."),
                ),
                Langkah(
                    _(
                        "Pembantu masuk dengan akunnya sendiri. Di “Aktivitas hari ini” ia menekan “Bantu "
                        "rekan”, lalu “Isi aktivitasnya” di samping nama Anda, dan mencatat serta mengajukan "
                        "aktivitas Anda."
                    ),
                    "pegawai-bantu-4",
                    _("Halaman “Bantu rekan” milik pembantu: Pegawai Rajin dengan tombol “Isi aktivitasnya”."),
                ),
                Langkah(
                    _(
                        "Di “Aktivitas hari ini” Anda melihat “Dicatat oleh … atas nama …”. Jika tidak "
                        "sesuai, tekan “Tarik kembali” selama belum diverifikasi: aktivitas kembali menjadi "
                        "draf yang dapat Anda ubah atau hapus."
                    ),
                    "pegawai-bantu-5",
                    _("Aktivitas “Dicatat oleh Operator Unit atas nama Pegawai Rajin” dengan tombol “Tarik kembali”."),
                ),
            ),
        ),
    ),
)

ATASAN = Panduan(
    peran="atasan",
    judul=_("Panduan atasan"),
    untuk=_("Untuk pejabat yang membawahi pegawai: memeriksa aktivitas bawahan setiap hari."),
    tugas=(
        Tugas(
            slug="verifikasi",
            judul=_("Memverifikasi aktivitas bawahan"),
            ringkas=_("Setujui aktivitas bawahan yang benar, kembalikan yang perlu diperbaiki."),
            halaman=("aktivitas:antrean_verifikasi", "aktivitas:tindak", "aktivitas:tindakan_massal"),
            foto_cetak="atasan-verifikasi-2",
            langkah=(
                Langkah(
                    _(
                        "Buka menu, pilih “Bawahan”, lalu “Perlu verifikasi”. Angka di sampingnya adalah "
                        "jumlah aktivitas yang menunggu Anda. Tombol “Buka antrean verifikasi” di Beranda "
                        "membawa Anda ke tempat yang sama."
                    ),
                    "atasan-verifikasi-1",
                    _("Menu “Bawahan” terbuka; “Perlu verifikasi” dengan angka 2 di sampingnya."),
                ),
                Langkah(
                    _("Baca setiap aktivitas. Centang yang sudah benar, lalu tekan “Verifikasi”."),
                    "atasan-verifikasi-2",
                    _("Daftar aktivitas bawahan; “Menyusun notulen rapat” sudah dicentang."),
                ),
                Langkah(
                    _(
                        "Untuk yang perlu diperbaiki: centang, tekan “Kembalikan…”, tulis catatan untuk "
                        "pegawai, lalu tekan “Kembalikan yang dicentang”. Pegawai membaca catatan itu."
                    ),
                    "atasan-verifikasi-3",
                    _("Kotak catatan pengembalian berisi “Sebutkan nomor agenda suratnya”."),
                ),
                Langkah(
                    _("Pesan hijau menyebut berapa aktivitas yang sudah Anda tindak. Antrean berkurang."),
                    "atasan-verifikasi-4",
                    _("Pesan hijau: 1 aktivitas dikembalikan; antrean verifikasi kosong."),
                ),
            ),
        ),
        Tugas(
            slug="validasi",
            judul=_("Memvalidasi aktivitas"),
            ringkas=_("Atasan dari atasan mengesahkan aktivitas yang sudah diverifikasi."),
            halaman=("aktivitas:antrean_validasi",),
            foto_cetak="atasan-validasi-1",
            langkah=(
                Langkah(
                    _(
                        "Buka menu, pilih “Bawahan”, lalu “Perlu validasi”. Pilihan ini hanya muncul jika "
                        "ada aktivitas yang sudah diverifikasi oleh bawahan Anda."
                    ),
                    "atasan-validasi-1",
                    _("Antrean validasi berisi aktivitas yang sudah diverifikasi."),
                ),
                Langkah(
                    _("Centang aktivitas yang sah, lalu tekan “Validasi”. Menitnya dihitung untuk TPP."),
                    "atasan-validasi-2",
                    _("Pesan hijau: 1 aktivitas divalidasi."),
                ),
            ),
        ),
    ),
)

ADMIN_OPD = Panduan(
    peran="admin-opd",
    judul=_("Panduan admin OPD"),
    untuk=_("Untuk admin kepegawaian OPD: mencatat kejadian dan mengurus data pegawai OPD."),
    tugas=(
        Tugas(
            slug="kejadian",
            judul=_("Mencatat kejadian"),
            ringkas=_("Catat pelanggaran disiplin seorang pegawai, misalnya tidak ikut apel."),
            halaman=("presensi:kejadian_create", "presensi:kejadian_list"),
            foto_cetak="admin-kejadian-2",
            langkah=(
                Langkah(
                    _("Buka menu, pilih “Kelola”, lalu “Catat kejadian”."),
                    "admin-kejadian-1",
                    _("Menu “Kelola” terbuka dengan pilihan “Catat kejadian”."),
                ),
                Langkah(
                    _("Pilih pegawainya, isi tanggal, pilih kejadiannya, dan tulis catatan singkat."),
                    "admin-kejadian-2",
                    _("Isian kejadian: Pegawai Rajin, tidak mengikuti apel, dengan catatan."),
                ),
                Langkah(
                    _(
                        "Tekan “Simpan”. Pesan “Kejadian sudah dicatat.” muncul. Kejadian ikut dihitung "
                        "pada potongan disiplin bulan itu; daftarnya ada di “Daftar kejadian”."
                    ),
                    "admin-kejadian-3",
                    _("Pesan hijau: kejadian sudah dicatat."),
                ),
            ),
        ),
        Tugas(
            slug="pembantu",
            judul=_("Menunjuk pembantu pengisian"),
            ringkas=_("Tunjuk pegawai (misalnya operator) yang boleh mencatat aktivitas rekan yang memintanya."),
            halaman=("aktivitas:pembantu_list", "aktivitas:pembantu_create"),
            foto_cetak="admin-pembantu-2",
            langkah=(
                Langkah(
                    _("Buka menu, pilih “Kelola”, lalu “Pembantu pengisian”."),
                    "admin-pembantu-1",
                    _("Menu “Kelola” terbuka dengan pilihan “Pembantu pengisian”."),
                ),
                Langkah(
                    _(
                        "Tekan “Tunjuk pembantu”. Pilih pegawai yang ditunjuk dan unit yang dibantunya; "
                        "pegawai unit itu dan unit di bawahnya dapat meminta bantuannya."
                    ),
                    "admin-pembantu-2",
                    _("Isian penunjukan: Operator Unit membantu pegawai Subbagian Umum."),
                ),
                Langkah(
                    _(
                        "Tekan “Tunjuk”. Pembantu tampil di daftar dengan tanda “Aktif”. Tekan “Nonaktifkan” "
                        "bila tugasnya selesai; izin dari rekan-rekannya ikut berakhir."
                    ),
                    "admin-pembantu-3",
                    _("Daftar pembantu pengisian: Operator Unit untuk Subbagian Umum, bertanda “Aktif”."),
                ),
            ),
        ),
    ),
)

HR = Panduan(
    peran="hr",
    judul=_("Panduan BKPSDM (HR)"),
    untuk=_("Untuk petugas BKPSDM: menghitung dan menutup TPP setiap bulan."),
    tugas=(
        Tugas(
            slug="tutup-bulan",
            judul=_("Menutup bulan"),
            ringkas=_("Bekukan TPP sebulan sebagai angka pembayaran."),
            halaman=("tpp:bulan", "tpp:bulan_tutup", "tpp:bulan_buka", "tpp:baris_list"),
            foto_cetak="hr-tutup-2",
            langkah=(
                Langkah(
                    _(
                        "Buka menu “TPP”, pilih “Bulan TPP”, lalu pilih bulannya. Statusnya harus “Sudah "
                        "dihitung”; jika belum, tekan “Hitung TPP” dan tunggu sampai selesai."
                    ),
                    "hr-tutup-1",
                    _("Halaman bulan TPP Oktober 2026 berstatus “Sudah dihitung”."),
                ),
                Langkah(
                    _("Tekan “Tutup bulan”. Baca apa yang terjadi setelah bulan ditutup."),
                    "hr-tutup-2",
                    _("Halaman konfirmasi “Tutup bulan TPP Oktober 2026?” dengan jumlah pegawai dan neto."),
                ),
                Langkah(
                    _("Tekan “Ya, tutup bulan ini”. Tunggu sampai tertulis “Selesai”."),
                    "hr-tutup-3",
                    _("Pekerjaan “Tutup bulan TPP Oktober 2026” selesai 100%."),
                ),
                Langkah(
                    _(
                        "Bulan kini berstatus “Ditutup” dan tidak dapat diubah. Membukanya lagi hanya dengan "
                        "alasan tertulis (“Buka kembali”)."
                    ),
                    "hr-tutup-4",
                    _("Halaman bulan TPP Oktober 2026 berstatus “Ditutup” dengan tombol “Buka kembali”."),
                ),
            ),
        ),
    ),
)

PANDUAN: dict[str, Panduan] = {p.peran: p for p in (PEGAWAI, ATASAN, ADMIN_OPD, HR)}

# URL name → (role, task) for the "Bantuan" link of every page.
HALAMAN: dict[str, tuple[str, str]] = {
    nama: (p.peran, t.slug) for p in PANDUAN.values() for t in p.tugas for nama in t.halaman
}


def tugas_of(peran: str, slug: str) -> Tugas | None:
    panduan = PANDUAN.get(peran)
    return next((t for t in panduan.tugas if t.slug == slug), None) if panduan else None


def semua_foto() -> dict[str, Langkah]:
    """Every screenshot a step names, by name."""
    return {lk.foto: lk for p in PANDUAN.values() for t in p.tugas for lk in t.langkah if lk.foto}
