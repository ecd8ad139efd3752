from django.db import models
from django.utils.translation import gettext_lazy as _


class PeranTpp(models.TextChoices):
    """Who moves a TPP month."""

    HR = "HR", _("HR pemda (BKPSDM/keuangan)")


class StatusPeriode(models.TextChoices):
    """The life of a TPP month (issue 6): calculated any number of times, frozen on closing."""

    OPEN = "OPEN", _("Terbuka")
    CALCULATED = "CALCULATED", _("Sudah dihitung")
    CLOSED = "CLOSED", _("Ditutup")
    REOPENED = "REOPENED", _("Dibuka kembali")


class MetodePph(models.TextChoices):
    """PPh 21 on TPP: the method is a per-pemda setting (RULES.md §1.8, not confirmed by a source)."""

    TIDAK_ADA = "TIDAK_ADA", _("Tidak dipotong (ditanggung pemerintah)")
    TARIF_GOLONGAN = "TARIF_GOLONGAN", _("Tarif tetap per golongan")


class JenisHukdis(models.TextChoices):
    """Disciplinary sentences that cut TPP for some months (PP 94/2021; Permentan 68/2012 template)."""

    POTONG_TUKIN_25_6 = "POTONG_TUKIN_25_6", _("Pemotongan tunjangan 25% selama 6 bulan")
    POTONG_TUKIN_25_9 = "POTONG_TUKIN_25_9", _("Pemotongan tunjangan 25% selama 9 bulan")
    POTONG_TUKIN_25_12 = "POTONG_TUKIN_25_12", _("Pemotongan tunjangan 25% selama 12 bulan")
    TEGURAN = "TEGURAN", _("Teguran / pernyataan tidak puas")
    PENURUNAN_JABATAN = "PENURUNAN_JABATAN", _("Penurunan jabatan")
    PEMBEBASAN_JABATAN = "PEMBEBASAN_JABATAN", _("Pembebasan jabatan")
    LAINNYA = "LAINNYA", _("Lainnya")
