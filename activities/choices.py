from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """The activity pipeline: entered → verified by the atasan → validated by the atasan's atasan."""

    DRAFT = "DRAFT", _("Draf")
    SUBMITTED = "SUBMITTED", _("Diajukan")
    VERIFIED = "VERIFIED", _("Diverifikasi")
    VALIDATED = "VALIDATED", _("Divalidasi")
    RETURNED = "RETURNED", _("Dikembalikan")


class Peran(models.TextChoices):
    """Who may make a move: derived from the jabatan tree on the activity's date, never a stored role."""

    OWNER = "OWNER", _("Pemilik")
    ATASAN = "ATASAN", _("Atasan langsung (verifikator)")
    ATASAN_ATASAN = "ATASAN_ATASAN", _("Atasan dari atasan (validator)")
    # issue 18: the atasan of whoever's queue holds an overdue entry, acting in their place when the
    # pemda's rule allows (AturanAktivitas.eskalasi_boleh_bertindak)
    ESKALASI = "ESKALASI", _("Atasan penyetuju, menggantikan (lewat batas)")


class LingkupKatalog(models.TextChoices):
    JABATAN = "JABATAN", _("Jabatan")
    UNIT = "UNIT", _("Unit kerja")
    PEMDA = "PEMDA", _("Seluruh pemda")


class JenisKejanggalan(models.TextChoices):
    """What an anomaly flag says of an entry (issue 18): it asks the approver to look, it never blocks."""

    TEKS_BERULANG = "TEKS_BERULANG", _("Uraian berulang")
    TEKS_REKAN = "TEKS_REKAN", _("Uraian sama dengan rekan")
    SALINAN = "SALINAN", _("Disalin tanpa diubah")
    BUKTI_BERULANG = "BUKTI_BERULANG", _("Bukti dipakai ulang")
    DI_LUAR_JAM = "DI_LUAR_JAM", _("Di luar jam hadir")
    TIDAK_HADIR = "TIDAK_HADIR", _("Hari tidak hadir")
    CUTI = "CUTI", _("Hari cuti atau izin")
    MELEBIHI_HARI = "MELEBIHI_HARI", _("Melebihi hari kerja")
