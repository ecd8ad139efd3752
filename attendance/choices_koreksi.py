"""Choices of attendance moderation (issue 16): correction requests."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisKoreksi(models.TextChoices):
    """What a correction asks the day to become."""

    HADIR = "HADIR", _("Hadir (tidak terekam mesin absen)")
    JAM = "JAM", _("Hadir, jam masuk/pulang dibetulkan")
    DINAS_LUAR = "DINAS_LUAR", _("Dinas luar")


class StatusKoreksi(models.TextChoices):
    DIAJUKAN = "DIAJUKAN", _("Diajukan")
    DISETUJUI = "DISETUJUI", _("Disetujui")
    DITOLAK = "DITOLAK", _("Ditolak")
    DIBATALKAN = "DIBATALKAN", _("Dibatalkan")


class PeranKoreksi(models.TextChoices):
    """Who moves a correction: its requester (the pegawai, or the admin who filed it for them) or a
    decider (the pegawai's atasan langsung, or the admin OPD of the pegawai's OPD)."""

    PEMOHON = "PEMOHON", _("Pemohon")
    PEMUTUS = "PEMUTUS", _("Pemutus")
    ATASAN = "ATASAN", _("Atasan langsung")
    ADMIN_OPD = "ADMIN_OPD", _("Admin kepegawaian OPD")
