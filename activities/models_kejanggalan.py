"""Anomaly flags on entries and the approvers' monthly figures (issue 18).

Both are written in bulk by the worker (`activities.kejanggalan`), never per request: the queue reads
the flags of the entries it shows in one query, HR reads the figures of a month."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import JenisKejanggalan


class Kejanggalan(models.Model):
    """One reason to look twice at one entry, explained in one sentence; it never blocks a move.

    The check rewrites the open flags of a month each run (a flag whose cause is gone disappears);
    a flag the verifier dismissed with a note (`diabaikan`) stays dismissed."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    aktivitas = models.ForeignKey("activities.Aktivitas", models.CASCADE, related_name="kejanggalan")
    pegawai = models.ForeignKey("accounts.Pegawai", models.CASCADE, related_name="+")  # the entry's, for reports
    tanggal = models.DateField(_("tanggal aktivitas"))  # the entry's, for a month's report
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisKejanggalan.choices)
    penjelasan = models.CharField(_("penjelasan"), max_length=300)
    terkait = models.JSONField(default=list, blank=True)  # ids of the other entries involved
    ditemukan = models.DateTimeField(_("ditemukan"), default=timezone.now)
    diabaikan = models.DateTimeField(_("diabaikan"), null=True, blank=True)
    diabaikan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    catatan_abai = models.CharField(_("catatan"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("kejanggalan")
        verbose_name_plural = _("kejanggalan")
        ordering = ["tanggal", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["aktivitas", "jenis", "pemda"], name="kejanggalan_sekali_per_jenis"),
        ]
        indexes = [
            models.Index(fields=["pemda", "tanggal", "jenis"]),
            models.Index(fields=["pegawai", "tanggal"]),
        ]

    def __str__(self):
        return f"{self.aktivitas_id} {self.jenis}"


class RekapPersetujuan(models.Model):
    """An approver's month (issue 18, shown to HR only): how many entries they approved, how many of
    those in fast large batches (`kilat`), how many they returned, and whether that looks like
    rubber-stamping next to their peers in the same pemda (`tanda`, with its one-sentence reason)."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    penyetuju = models.ForeignKey("accounts.Pegawai", models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField()
    bulan = models.PositiveSmallIntegerField()
    disetujui = models.PositiveIntegerField(default=0)
    kilat = models.PositiveIntegerField(default=0)  # approved in a fast batch (the pemda's rule)
    kelompok_kilat = models.PositiveIntegerField(default=0)  # how many such batches
    dikembalikan = models.PositiveIntegerField(default=0)
    tanda = models.BooleanField(default=False)
    penjelasan = models.CharField(max_length=300, blank=True)
    dihitung = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("rekap persetujuan")
        verbose_name_plural = _("rekap persetujuan")
        ordering = ["-tahun", "-bulan", "penyetuju_id"]
        constraints = [
            models.UniqueConstraint(fields=["penyetuju", "tahun", "bulan", "pemda"], name="rekappersetujuan_sekali"),
        ]
        indexes = [models.Index(fields=["pemda", "tahun", "bulan"])]

    def __str__(self):
        return f"{self.penyetuju_id} {self.bulan:02d}/{self.tahun}"
