from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import Jenis


class Notifikasi(models.Model):
    """One message in a person's notification list (the bell). Written by `notifikasi_buat` only.

    `kunci` makes a trigger idempotent: the same event (e.g. "aktivitas:123:kembali:2") never gives the
    same person two rows, however often the trigger runs.
    """

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, null=True, blank=True, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifikasi")
    jenis = models.CharField(_("jenis"), max_length=24, choices=Jenis.choices)
    judul = models.CharField(_("judul"), max_length=200)
    isi = models.TextField(_("isi"), blank=True)
    url = models.CharField(_("tautan"), max_length=300, blank=True)
    kunci = models.CharField(max_length=120, blank=True)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True, db_index=True)
    dibaca = models.DateTimeField(_("dibaca"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-dibuat", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kunci"], condition=~Q(kunci=""), name="notifikasi_kunci_unik"),
        ]
        indexes = [
            models.Index(fields=["user", "-dibuat"], name="notifikasi_user_baru_idx"),
            models.Index(fields=["user"], condition=Q(dibaca__isnull=True), name="notifikasi_belum_dibaca_idx"),
        ]

    def __str__(self):
        return self.judul
