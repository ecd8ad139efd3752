"""Attendance moderation (issue 16): a pegawai's request to correct their days, decided on the
workflow engine (attendance/rules_koreksi.py), and a machine outage that marks a unit present.

Imported by attendance/models.py (the app's models module), so Django registers them there.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TransitionLog

from .choices_koreksi import JenisKoreksi, PeranKoreksi, StatusKoreksi


class KoreksiPresensi(models.Model):
    """A request to correct one day (or a few days) of a pegawai's attendance, with its reason and
    evidence; an approval changes the days as the admin's manual correction does."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    pegawai = models.ForeignKey("accounts.Pegawai", models.CASCADE, related_name="koreksi_presensi")
    jenis = models.CharField(_("koreksi yang diminta"), max_length=20, choices=JenisKoreksi.choices)
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("sampai"))
    jam_masuk = models.TimeField(_("jam masuk yang benar"), null=True, blank=True)
    jam_pulang = models.TimeField(_("jam pulang yang benar"), null=True, blank=True)
    alasan = models.CharField(_("alasan"), max_length=500)
    lampiran = models.FileField(_("bukti"), upload_to="koreksi/%Y/%m/", blank=True)
    status = models.CharField(_("status"), max_length=20, choices=StatusKoreksi.choices, default=StatusKoreksi.DIAJUKAN)
    hari = models.PositiveSmallIntegerField(_("jumlah hari"), default=0)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("diajukan oleh")
    )
    atas_nama = models.BooleanField(_("diajukan admin atas nama pegawai"), default=False)
    penyetuju = models.ForeignKey(
        "accounts.Pegawai", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("atasan")
    )
    diputus_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    diputus_sebagai = models.CharField(max_length=15, choices=PeranKoreksi.choices, blank=True)
    catatan = models.CharField(_("catatan pemutus"), max_length=500, blank=True)
    hari_diubah = models.PositiveSmallIntegerField(_("hari yang diubah"), default=0)
    dibuat = models.DateTimeField(auto_now_add=True)
    diputus = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("koreksi presensi")
        verbose_name_plural = _("koreksi presensi")
        ordering = ["-dibuat", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(selesai__gte=models.F("mulai")), name="koreksi_range"),
        ]
        indexes = [models.Index(fields=["pegawai", "mulai", "selesai"])]

    def __str__(self):
        if self.mulai == self.selesai:
            return f"{self.get_jenis_display()} {self.mulai:%d-%m-%Y}"
        return f"{self.get_jenis_display()} {self.mulai:%d-%m-%Y}–{self.selesai:%d-%m-%Y}"


class KoreksiPresensiLog(TransitionLog):
    """Every move of a correction request (core.workflow)."""

    koreksi = models.ForeignKey(KoreksiPresensi, models.CASCADE, related_name="log")
    induk = "koreksi"
    peran = models.CharField(max_length=20, choices=PeranKoreksi.choices, blank=True)

    def __str__(self):
        return f"{self.koreksi_id}: {self.dari} → {self.ke}"


class GangguanMesin(models.Model):
    """A fingerprint machine outage of a unit over some days, and the days it marked present."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    unit = models.ForeignKey("accounts.UnitKerja", models.CASCADE, related_name="+", verbose_name=_("unit kerja"))
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("sampai"))
    mesin = models.CharField(_("mesin"), max_length=50, blank=True)
    alasan = models.CharField(_("alasan"), max_length=500)
    hari_diubah = models.PositiveIntegerField(_("hari yang ditandai hadir"), default=0)
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    dicatat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gangguan mesin absen")
        verbose_name_plural = _("gangguan mesin absen")
        ordering = ["-mulai", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(selesai__gte=models.F("mulai")), name="gangguanmesin_range"),
        ]

    def __str__(self):
        return f"{self.mulai:%d-%m-%Y}–{self.selesai:%d-%m-%Y} {self.alasan}"
