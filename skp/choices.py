"""SKP enumerations. Values are the DESIGN.md §6 contract; ids follow SIASN (RULES.md §7)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    """Hasil kerja and perilaku kerja ratings (SIASN perilakuDanKinerja 1/2/3)."""

    DI_ATAS = "DI_ATAS", _("Di atas ekspektasi")
    SESUAI = "SESUAI", _("Sesuai ekspektasi")
    DI_BAWAH = "DI_BAWAH", _("Di bawah ekspektasi")


class Predikat(models.TextChoices):
    """Predikat kinerja (SIASN kuadranNilai 1..5)."""

    SANGAT_BAIK = "SANGAT_BAIK", _("Sangat Baik")
    BAIK = "BAIK", _("Baik")
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN", _("Butuh Perbaikan")
    KURANG = "KURANG", _("Kurang/Misconduct")
    SANGAT_KURANG = "SANGAT_KURANG", _("Sangat Kurang")


# The predikat of an organisation (PermenPANRB 6/2022): the top one is called "Istimewa".
PREDIKAT_ORGANISASI = [
    (Predikat.SANGAT_BAIK.value, _("Istimewa")),
    (Predikat.BAIK.value, _("Baik")),
    (Predikat.BUTUH_PERBAIKAN.value, _("Butuh Perbaikan")),
    (Predikat.KURANG.value, _("Kurang")),
    (Predikat.SANGAT_KURANG.value, _("Sangat Kurang")),
]


class Status(models.TextChoices):
    """The SKP pipeline: drafted by the pegawai, agreed by the pejabat penilai."""

    DRAFT = "DRAFT", _("Draf")
    DIAJUKAN = "DIAJUKAN", _("Diajukan")
    DISETUJUI = "DISETUJUI", _("Disetujui")
    DIKEMBALIKAN = "DIKEMBALIKAN", _("Dikembalikan")


class Peran(models.TextChoices):
    """Who may move an SKP: derived on the SKP's dates, never a stored role."""

    PEGAWAI = "PEGAWAI", _("Pegawai yang dinilai")
    PENILAI = "PENILAI", _("Pejabat penilai kinerja")


class Pendekatan(models.TextChoices):
    KUANTITATIF = "KUANTITATIF", _("Kuantitatif")
    KUALITATIF = "KUALITATIF", _("Kualitatif")


class Periodik(models.TextChoices):
    """SIASN periodik: 1 bulanan, 2 triwulan."""

    BULANAN = "BULANAN", _("Bulanan")
    TRIWULAN = "TRIWULAN", _("Triwulan")


class JenisPeriode(models.TextChoices):
    BULANAN = "BULANAN", _("Bulanan")
    TRIWULAN = "TRIWULAN", _("Triwulan")
    TAHUNAN = "TAHUNAN", _("Tahunan")


class Aspek(models.TextChoices):
    """Aspects of an indikator kinerja individu (IKI)."""

    KUANTITAS = "KUANTITAS", _("Kuantitas")
    KUALITAS = "KUALITAS", _("Kualitas")
    WAKTU = "WAKTU", _("Waktu")
    BIAYA = "BIAYA", _("Biaya")


class Perspektif(models.TextChoices):
    """Balanced-scorecard perspektif of a JPT SKP (RULES.md §2, names [unverified])."""

    PENERIMA_LAYANAN = "PENERIMA_LAYANAN", _("Perspektif Penerima Layanan")
    PROSES_BISNIS = "PROSES_BISNIS", _("Perspektif Proses Bisnis")
    PENGUATAN_INTERNAL = "PENGUATAN_INTERNAL", _("Perspektif Penguatan Internal")
    ANGGARAN = "ANGGARAN", _("Perspektif Anggaran")


class BerAKHLAK(models.TextChoices):
    """The seven core values rated as perilaku kerja (SE MenPANRB 20/2021; PermenPANRB 6/2022)."""

    BERORIENTASI_PELAYANAN = "BERORIENTASI_PELAYANAN", _("Berorientasi Pelayanan")
    AKUNTABEL = "AKUNTABEL", _("Akuntabel")
    KOMPETEN = "KOMPETEN", _("Kompeten")
    HARMONIS = "HARMONIS", _("Harmonis")
    LOYAL = "LOYAL", _("Loyal")
    ADAPTIF = "ADAPTIF", _("Adaptif")
    KOLABORATIF = "KOLABORATIF", _("Kolaboratif")


class Jenjang(models.TextChoices):
    """Jenjang jabatan fungsional (SIASN koefisien); the koefisien itself is reference data."""

    AHLI_PERTAMA = "AHLI_PERTAMA", _("Ahli Pertama")
    AHLI_MUDA = "AHLI_MUDA", _("Ahli Muda")
    AHLI_MADYA = "AHLI_MADYA", _("Ahli Madya")
    AHLI_UTAMA = "AHLI_UTAMA", _("Ahli Utama")
    PEMULA = "PEMULA", _("Pemula")
    TERAMPIL = "TERAMPIL", _("Terampil")
    MAHIR = "MAHIR", _("Mahir")
    PENYELIA = "PENYELIA", _("Penyelia")


class StatusKeberatan(models.TextChoices):
    """An objection to a rating (PP 30/2019 Pasal 59): filed, then kept or changed; both final."""

    DIAJUKAN = "DIAJUKAN", _("Menunggu keputusan")
    DIPERTAHANKAN = "DIPERTAHANKAN", _("Penilaian dipertahankan")
    DIUBAH = "DIUBAH", _("Penilaian diubah")


class PeranKeberatan(models.TextChoices):
    PEGAWAI = "PEGAWAI", _("Pegawai yang dinilai")
    PEMUTUS = "PEMUTUS", _("Atasan pejabat penilai kinerja")
