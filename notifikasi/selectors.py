"""Reads of notifications: a person sees their own, nobody else's (DESIGN.md §4)."""

from datetime import datetime

from django.conf import settings
from django.db.models import QuerySet

from core.dates import zona
from core.notifications import channels

from . import rules
from .choices import Kanal
from .models import Notifikasi, PreferensiNotifikasi


def notifikasi_of(user) -> QuerySet[Notifikasi]:
    """The user's own notifications, newest first."""
    return Notifikasi.objects.filter(user=user).order_by("-dibuat", "-pk")


def belum_dibaca_count(user) -> int:
    """How many of the user's notifications are unread (the partial index on unread rows answers it)."""
    return Notifikasi.objects.filter(user=user, dibaca__isnull=True).count()


def preferensi_of(user) -> PreferensiNotifikasi:
    """The user's preferences, or an unsaved row with the defaults when they never saved any."""
    pref = PreferensiNotifikasi.objects.filter(user=user).first()
    return pref or PreferensiNotifikasi(user=user, pemda_id=user.pemda_id, kanal=settings.NOTIFICATION_DEFAULT_CHANNEL)


def kanal_pilihan(user) -> str:
    """The channel the user chose (Kanal value), or the installation's default when they chose none."""
    pref = getattr(user, "preferensi_notifikasi", None)
    return pref.kanal if pref else settings.NOTIFICATION_DEFAULT_CHANNEL


def kanal_tersedia() -> list[str]:
    """The channels a person may choose here: those the installation configured, then "only in the app"."""
    names = {c.name for c in channels()}
    return [k for k in Kanal.values if k in names or k == Kanal.APLIKASI]


def jam_tenang_sampai(user, now: datetime) -> datetime | None:
    """When the user's quiet hours that `now` falls in end, or None when `now` is not in them. Reads the
    loaded `preferensi_notifikasi` and `pemda` (select_related them for many users): no query."""
    pref = getattr(user, "preferensi_notifikasi", None)
    if pref is None:
        return None
    zona_user = zona(user.pemda if user.pemda_id else None)
    return rules.jam_tenang_selesai(now, pref.jam_tenang_mulai, pref.jam_tenang_selesai, zona_user)
