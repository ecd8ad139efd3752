"""The daily reminder digest (issue 8): who gets what, and sending it once a day.

Two reasons to hear from E-Kinerja in the morning, merged into one message per person:
- an employee left their previous working day (per their own schedule, the pemda's holidays and
  their postings, as attendance counts them) without a submitted activity;
- a supervisor has entries waiting for their verification or validation (the verifikator /
  validator stored on each Aktivitas).

Nobody is reminded on their own day off or leave, about a day they were on leave, after turning
reminders off (`User.terima_pengingat`), with an inactive account or a non-active kedudukan, or
twice on the same day (`User.pengingat_terakhir`). Every read is a fixed number of queries per
chunk of users, whatever their number.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.choices import KedudukanHukum
from accounts.models import User
from attendance.choices import StatusHari
from attendance.selectors import hari_efektif
from core.notifications import Pesan, channels, kirim, reachable
from notifikasi.selectors import jam_tenang_sampai, kanal_pilihan

from .choices import Status
from .models import Aktivitas

log = logging.getLogger(__name__)

# How far back the previous working day is looked for: a weekend plus a long cuti bersama.
LOOKBACK_DAYS = 14
# Day statuses of approved requests: no work was due, so no activity is missing.
STATUS_TIDAK_BEKERJA = {StatusHari.CUTI, StatusHari.SAKIT, StatusHari.IZIN, StatusHari.TUGAS_BELAJAR}
KEDUDUKAN_AKTIF = (KedudukanHukum.AKTIF, KedudukanHukum.PPPK_AKTIF)
CHUNK = 1000  # users per round of queries: bounds the memory of the attendance days


@dataclass
class Pengingat:
    """What one person is reminded of."""

    user: User
    hari_kosong: date | None = None  # the previous working day left without a submitted activity
    verifikasi: int = 0
    validasi: int = 0

    @property
    def ada(self) -> bool:
        return self.hari_kosong is not None or self.verifikasi > 0 or self.validasi > 0


def _antrean_per_pegawai(pemda_id: int | None = None) -> tuple[dict[int, int], dict[int, int]]:
    """Waiting entries per verifikator and per validator (two grouped queries)."""
    pemda = {"pemda_id": pemda_id} if pemda_id is not None else {}

    def grouped(status, field):
        rows = Aktivitas.objects.filter(status=status, **{f"{field}__isnull": False}, **pemda).order_by()
        return dict(rows.values_list(field).annotate(n=Count("pk")))

    return grouped(Status.SUBMITTED, "verifikator_id"), grouped(Status.VERIFIED, "validator_id")


def _hari_kosong(pegawai_ids: list[int], today: date) -> dict[int, date]:
    """pegawai → their previous working day when it has no submitted activity and today is a working day.

    A day counts as worked unless it is LIBUR (holiday, day off in the schedule, no posting) or an
    approved leave/izin/sakit/tugas belajar; a dinas luar or an unexplained day still needs entries.
    """
    start = today - timedelta(days=LOOKBACK_DAYS)
    days = hari_efektif(pegawai_ids=pegawai_ids, start=start, end=today)
    status: dict[int, dict[date, str]] = {}
    for (pid, day), h in days.items():
        status.setdefault(pid, {})[day] = h.status
    sebelumnya: dict[int, date] = {}
    for pid, per_hari in status.items():
        hari_ini = per_hari.get(today)
        if hari_ini is None or hari_ini == StatusHari.LIBUR or hari_ini in STATUS_TIDAK_BEKERJA:
            continue  # not at work today: no nagging on a day off
        kerja = [d for d, s in per_hari.items() if d < today and s != StatusHari.LIBUR]
        if kerja and per_hari[max(kerja)] not in STATUS_TIDAK_BEKERJA:
            sebelumnya[pid] = max(kerja)
    if not sebelumnya:
        return {}
    diisi = set(
        Aktivitas.objects.filter(pegawai_id__in=list(sebelumnya), tanggal__gte=start, tanggal__lt=today)
        .exclude(status=Status.DRAFT)
        .order_by()
        .values_list("pegawai_id", "tanggal")
        .distinct()
    )
    return {pid: day for pid, day in sebelumnya.items() if (pid, day) not in diisi}


def pengingat_harian(*, today: date, pemda_id: int | None = None) -> list[Pengingat]:
    """Everyone (of `pemda_id`, when given) who should get today's digest and what it says (not yet
    sent today, reminders on)."""
    verifikasi, validasi = _antrean_per_pegawai(pemda_id)
    users = (
        User.objects.filter(
            **({"pemda_id": pemda_id} if pemda_id is not None else {}),
            is_active=True,
            terima_pengingat=True,
            pegawai__isnull=False,
            pegawai__kedudukan_hukum__in=KEDUDUKAN_AKTIF,
        )
        .exclude(pengingat_terakhir=today)
        .select_related("pegawai", "pemda", "preferensi_notifikasi")
        .order_by("pk")
    )
    hasil = []
    users = list(users)
    for i in range(0, len(users), CHUNK):
        chunk = users[i : i + CHUNK]
        kosong = _hari_kosong([u.pegawai.pk for u in chunk], today)
        for u in chunk:
            pid = u.pegawai.pk
            p = Pengingat(u, kosong.get(pid), verifikasi.get(pid, 0), validasi.get(pid, 0))
            if p.ada:
                hasil.append(p)
    return hasil


def _klaim(user_ids: list[int], today: date) -> list[int]:
    """Mark users as reminded today and return those not already marked (a concurrent run skips them)."""
    with transaction.atomic():
        ids = list(
            User.objects.select_for_update(skip_locked=True)
            .filter(pk__in=user_ids)
            .exclude(pengingat_terakhir=today)
            .values_list("pk", flat=True)
        )
        User.objects.filter(pk__in=ids).update(pengingat_terakhir=today)
    return ids


def _pesan(p: Pengingat) -> Pesan:
    base = settings.SITE_URL.rstrip("/")
    ctx = {
        "p": p,
        "nama": p.user.pegawai.nama_lengkap,
        "url_hari": p.hari_kosong
        and f"{base}{reverse('aktivitas:hari_ini')}?{urlencode({'tanggal': p.hari_kosong.isoformat()})}",
        "url_verifikasi": f"{base}{reverse('aktivitas:antrean_verifikasi')}",
        "url_validasi": f"{base}{reverse('aktivitas:antrean_validasi')}",
        "url_pengaturan": f"{base}{reverse('pengingat')}",
    }
    subject = render_to_string("activities/pengingat/subjek.txt", ctx).strip()
    text = render_to_string("activities/pengingat/isi.txt", ctx).strip() + "\n"
    return Pesan(p.user, subject, text, kanal=kanal_pilihan(p.user))


def pengingat_kirim(*, today: date, now: datetime | None = None, pemda_id: int | None = None) -> int:
    """Send today's digest once per person through the channel they chose (Akun › Pemberitahuan; the
    installation's default channel when they chose none, none at all when they chose only the app).
    Someone whose quiet hours `now` (default: the present moment) falls in is left for a later run of
    the same morning (the beat entry runs hourly from 06:30 to 11:30).

    Rule: at most one digest per person per day — a rerun the same day sends nothing new; a
    person no channel can reach (no e-mail, no gateway address) is not marked and can be reached
    by a later run once an address exists; a person whose every channel failed is unmarked too.
    """
    chans = channels()
    now = now or timezone.now()
    daftar = [
        p
        for p in pengingat_harian(today=today, pemda_id=pemda_id)
        if reachable(chans, p.user, kanal_pilihan(p.user)) and jam_tenang_sampai(p.user, now) is None
    ]
    if not daftar:
        return 0
    klaim = set(_klaim([p.user.pk for p in daftar], today))
    with translation.override(settings.LANGUAGE_CODE):
        pesan = [_pesan(p) for p in daftar if p.user.pk in klaim]
    terkirim = kirim(pesan)
    gagal = klaim - terkirim
    if gagal:
        log.warning("reminder digest: %d users could not be reached", len(gagal))
        User.objects.filter(pk__in=gagal, pengingat_terakhir=today).update(pengingat_terakhir=None)
    return len(terkirim)
