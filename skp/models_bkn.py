"""What was exported to and pushed to BKN's periodic performance service (issue 19, skp/bkn.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import JenisPeriode
from .models import Penilaian, bkn_ekspor_path  # models.py imports this module last, when both exist


class BknEkspor(models.Model):
    """One export of closed evaluations to BKN's kinerjaperiodik shape (issue 19): who, when, which
    period and OPD, how many records, and the zip (JSON + CSV + the evaluation PDFs)."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    opd = models.ForeignKey(
        "accounts.UnitKerja", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("OPD")
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    jenis = models.CharField(_("jenis periode"), max_length=10, choices=JenisPeriode.choices)
    ke = models.PositiveSmallIntegerField(_("periode ke"))
    jumlah = models.PositiveIntegerField(_("jumlah data"), default=0)
    berkas = models.FileField(_("berkas"), upload_to=bkn_ekspor_path, blank=True)
    dibuat_oleh = models.ForeignKey("accounts.User", models.SET_NULL, null=True, related_name="+")
    dibuat = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("ekspor BKN")
        verbose_name_plural = _("ekspor BKN")
        ordering = ["-dibuat", "-pk"]
        indexes = [models.Index(fields=["pemda", "-dibuat"])]

    def __str__(self):
        return f"{self.tahun} {self.jenis} {self.ke} ({self.jumlah})"

    @property
    def judul(self) -> str:
        from .bkn import judul

        return judul(self.tahun, self.jenis, self.ke)


class BknKirim(models.Model):
    """The push state of one Penilaian to BKN (issue 19): TERKIRIM only once BKN answered success,
    so a failed or interrupted batch re-pushes exactly the records that are not TERKIRIM."""

    class Status(models.TextChoices):
        GAGAL = "GAGAL", _("Gagal")
        TERKIRIM = "TERKIRIM", _("Terkirim")

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, related_name="+")
    penilaian = models.OneToOneField(Penilaian, models.CASCADE, related_name="bkn_kirim")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.GAGAL)
    percobaan = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    pesan = models.CharField(_("pesan"), max_length=500, blank=True)
    bkn_id = models.CharField(_("ID di BKN"), max_length=64, blank=True)
    data = models.JSONField(_("data terkirim"), default=dict, blank=True)
    diubah = models.DateTimeField(auto_now=True)
    terkirim_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pengiriman BKN")
        verbose_name_plural = _("pengiriman BKN")
        indexes = [models.Index(fields=["pemda", "status"])]

    def __str__(self):
        return f"{self.penilaian_id}: {self.status}"
