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
