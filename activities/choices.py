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


class LingkupKatalog(models.TextChoices):
    JABATAN = "JABATAN", _("Jabatan")
    UNIT = "UNIT", _("Unit kerja")
    PEMDA = "PEMDA", _("Seluruh pemda")
