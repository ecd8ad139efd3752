from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import Jenis, Kanal, StatusAntar


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
    # Delivery outside the app (notifikasi/services.py): claimed by a conditional UPDATE from MENUNGGU, so a
    # row is sent at most once however many tasks name it; `percobaan` counts attempts, `galat` the last error.
    antar_status = models.CharField(
        _("status pengiriman"), max_length=10, choices=StatusAntar.choices, default=StatusAntar.MENUNGGU
    )
    antar_kanal = models.CharField(_("dikirim lewat"), max_length=20, blank=True)
    antar_percobaan = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    antar_galat = models.TextField(_("galat pengiriman"), blank=True)
    terkirim = models.DateTimeField(_("terkirim"), null=True, blank=True)

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


class PreferensiNotifikasi(models.Model):
    """A person's choice of where messages reach them (issue 17): one channel or only the app, the
    addresses for Telegram and WhatsApp, and quiet hours in the pemda's zone. Created on first save;
    without a row the installation's default channel applies (settings.NOTIFICATION_DEFAULT_CHANNEL)."""

    pemda = models.ForeignKey("accounts.Pemda", models.CASCADE, null=True, blank=True, related_name="+")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="preferensi_notifikasi")
    kanal = models.CharField(_("kirim lewat"), max_length=20, choices=Kanal.choices, default=Kanal.EMAIL)
    telegram_chat_id = models.CharField(_("ID chat Telegram"), max_length=32, blank=True)
    # 62… digits (notifikasi.rules.nomor_wa); empty: the pegawai's own no_hp
    no_wa = models.CharField(_("nomor WhatsApp"), max_length=20, blank=True)
    jam_tenang_mulai = models.TimeField(_("jam tenang mulai"), null=True, blank=True)
    jam_tenang_selesai = models.TimeField(_("jam tenang selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("preferensi notifikasi")
        verbose_name_plural = _("preferensi notifikasi")
        constraints = [
            models.CheckConstraint(
                condition=Q(jam_tenang_mulai__isnull=True, jam_tenang_selesai__isnull=True)
                | Q(jam_tenang_mulai__isnull=False, jam_tenang_selesai__isnull=False),
                name="preferensi_jam_tenang_lengkap",
            ),
        ]

    def __str__(self):
        return f"{self.user_id}: {self.kanal}"
