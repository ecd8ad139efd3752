from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusHari(models.TextChoices):
    """Day status codes of DESIGN.md §6 (attendance/rules.py)."""

    HADIR = "HADIR", _("Hadir")
    TERLAMBAT = "TERLAMBAT", _("Terlambat/pulang cepat")
    CUTI = "CUTI", _("Cuti")
    SAKIT = "SAKIT", _("Sakit")
    IZIN = "IZIN", _("Izin")
    DINAS_LUAR = "DINAS_LUAR", _("Dinas luar")
    TUGAS_BELAJAR = "TUGAS_BELAJAR", _("Tugas belajar")
    TANPA_KETERANGAN = "TANPA_KETERANGAN", _("Tanpa keterangan")
    LIBUR = "LIBUR", _("Libur")


class JenisPermohonan(models.TextChoices):
    """Leave types of PP 11/2017 and the other absences a pegawai files (RULES.md §3)."""

    CUTI_TAHUNAN = "CUTI_TAHUNAN", _("Cuti tahunan")
    CUTI_BESAR = "CUTI_BESAR", _("Cuti besar")
    CUTI_SAKIT = "CUTI_SAKIT", _("Cuti sakit")
    CUTI_MELAHIRKAN = "CUTI_MELAHIRKAN", _("Cuti melahirkan")
    CUTI_ALASAN_PENTING = "CUTI_ALASAN_PENTING", _("Cuti karena alasan penting")
    CUTI_BERSAMA = "CUTI_BERSAMA", _("Cuti bersama")
    CLTN = "CLTN", _("Cuti di luar tanggungan negara")
    IZIN = "IZIN", _("Izin")
    SAKIT = "SAKIT", _("Sakit (dengan surat dokter)")
    DINAS_LUAR = "DINAS_LUAR", _("Dinas luar")
    TUGAS_BELAJAR = "TUGAS_BELAJAR", _("Tugas belajar")


# Which day status an approved request gives.
STATUS_PERMOHONAN = {
    JenisPermohonan.CUTI_TAHUNAN: StatusHari.CUTI,
    JenisPermohonan.CUTI_BESAR: StatusHari.CUTI,
    JenisPermohonan.CUTI_SAKIT: StatusHari.SAKIT,
    JenisPermohonan.CUTI_MELAHIRKAN: StatusHari.CUTI,
    JenisPermohonan.CUTI_ALASAN_PENTING: StatusHari.CUTI,
    JenisPermohonan.CUTI_BERSAMA: StatusHari.CUTI,
    JenisPermohonan.CLTN: StatusHari.CUTI,
    JenisPermohonan.IZIN: StatusHari.IZIN,
    JenisPermohonan.SAKIT: StatusHari.SAKIT,
    JenisPermohonan.DINAS_LUAR: StatusHari.DINAS_LUAR,
    JenisPermohonan.TUGAS_BELAJAR: StatusHari.TUGAS_BELAJAR,
}


class StatusPermohonan(models.TextChoices):
    DIAJUKAN = "DIAJUKAN", _("Diajukan")
    DISETUJUI_ATASAN = "DISETUJUI_ATASAN", _("Disetujui atasan, menunggu tingkat kedua")
    DISETUJUI = "DISETUJUI", _("Disetujui")
    DITOLAK = "DITOLAK", _("Ditolak")
    DIBATALKAN = "DIBATALKAN", _("Dibatalkan")


class PeranPermohonan(models.TextChoices):
    """Who may decide a request: derived from the jabatan tree on its first day, never a stored role."""

    OWNER = "OWNER", _("Pemohon")
    ATASAN = "ATASAN", _("Atasan langsung")
    ATASAN_ATASAN = "ATASAN_ATASAN", _("Atasan dari atasan")


class SumberAbsen(models.TextChoices):
    BERKAS = "BERKAS", _("Berkas mesin")
    API = "API", _("Integrasi (API)")
    MANUAL = "MANUAL", _("Koreksi manual")


class JenisKejadian(models.TextChoices):
    """The discipline events every pemda starts with (RULES.md §1.6); a pemda's own list is data
    (attendance.KegiatanWajib, issue 16) and may grow."""

    TIDAK_APEL = "TIDAK_APEL", _("Tidak mengikuti apel")
    TIDAK_UPACARA = "TIDAK_UPACARA", _("Tidak mengikuti upacara")
    TIDAK_SENAM = "TIDAK_SENAM", _("Tidak mengikuti senam")
