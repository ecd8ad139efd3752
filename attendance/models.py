"""Attendance: the calendar first (holidays); punches, schedules and leave come with their issue."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HariLibur(models.Model):
    """A non-working day of a pemda: a national holiday or a cuti bersama (SKB 3 Menteri, yearly data).

    Cuti bersama does not reduce cuti tahunan (PP 11/2017 Pasal 333); it is still not a working day.
    """

    class Jenis(models.TextChoices):
        LIBUR_NASIONAL = "LIBUR_NASIONAL", _("Libur nasional")
        CUTI_BERSAMA = "CUTI_BERSAMA", _("Cuti bersama")
        LIBUR_DAERAH = "LIBUR_DAERAH", _("Libur daerah")

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    tanggal = models.DateField(_("tanggal"))
    nama = models.CharField(_("keterangan"), max_length=150)
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices, default=Jenis.LIBUR_NASIONAL)

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["tanggal"]
        constraints = [models.UniqueConstraint(fields=["pemda", "tanggal"], name="harilibur_unique_day")]

    def __str__(self):
        return f"{self.tanggal:%d-%m-%Y} {self.nama}"
