from django.db import models
from django.utils.translation import gettext_lazy as _


class Jenis(models.TextChoices):
    """What a notification is about (issue 17). Each has its own trigger; see notifikasi/services.py."""

    AKTIVITAS_DIKEMBALIKAN = "AKTIVITAS_DIKEMBALIKAN", _("Aktivitas dikembalikan")
    PERMOHONAN_DIPUTUS = "PERMOHONAN_DIPUTUS", _("Permohonan cuti/izin diputuskan")
    SKP_DIPUTUS = "SKP_DIPUTUS", _("SKP disetujui atau dikembalikan")
    UMPAN_BALIK = "UMPAN_BALIK", _("Umpan balik baru")
    ANTREAN_JATUH_TEMPO = "ANTREAN_JATUH_TEMPO", _("Antrean hampir lewat batas")
    BULAN_DITUTUP = "BULAN_DITUTUP", _("Bulan segera ditutup")
    KEBERATAN = "KEBERATAN", _("Keberatan atas penilaian kinerja")


class Kanal(models.TextChoices):
    """Where a person's notifications and daily digest go besides the list in the app. The values are
    the `name`s of the channel classes (core/notifications.py, notifikasi/channels.py)."""

    EMAIL = "email", _("E-mail")
    TELEGRAM = "telegram", _("Telegram")
    WHATSAPP = "whatsapp", _("WhatsApp")
    APLIKASI = "aplikasi", _("Hanya di aplikasi")


class StatusAntar(models.TextChoices):
    """How far a notification's delivery outside the app got (notifikasi/services.py)."""

    MENUNGGU = "MENUNGGU", _("Menunggu dikirim")
    MENGIRIM = "MENGIRIM", _("Sedang dikirim")
    TERKIRIM = "TERKIRIM", _("Terkirim")
    GAGAL = "GAGAL", _("Gagal dikirim")
    TIDAK = "TIDAK", _("Tidak dikirim ke luar aplikasi")
