"""Morning jobs that write notifications (issue 17); the Celery tasks in `activities.tasks` are thin.

- `antrean_jatuh_tempo`: a supervisor whose queue holds entries that become overdue tomorrow (their
  last allowed day is today, by the pemda's `batas_tunggu_hari_kerja`, computed as the overdue
  record computes it: `tunggakan.antrean_menunggu`) gets one message that morning.
- `bulan_ditutup`: in the last working days before a month's entries close (the entry window of the
  month's last day, `selectors.batas_input_pemda`), everyone with drafts or returned entries of that
  month that can still be sent gets one message for the month. How many working days ahead is the
  pemda's rule in force that day (`AturanAktivitas.pengingat_tutup_hari_kerja`; 0: no reminder). A
  person whose entries a dispensation keeps open past the month's close hears about those entries
  before their own later deadline instead.

Each runs a fixed number of queries per pemda, whatever the number of people, and a rerun writes
nothing new (the keys name the day, or the month).
"""

import functools
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Pegawai, Pemda, PeriodeTutup
from attendance.rules import tambah_hari_kerja
from core.months import month_bounds
from notifikasi.choices import Jenis
from notifikasi.services import Baru, notifikasi_buat_banyak

from . import tunggakan
from .choices import Peran, Status
from .models import Aktivitas, Dispensasi
from .pemberitahuan import url_hari
from .selectors import batas_input_pemda, kalender_input


def _pemda_ids(pemda_id: int | None) -> list[int]:
    return [pemda_id] if pemda_id is not None else list(Pemda.objects.order_by("pk").values_list("pk", flat=True))


def _users(pegawai_ids) -> dict[int, object]:
    """pegawai id → their active account (one query)."""
    rows = Pegawai.objects.filter(pk__in=list(pegawai_ids), user__isnull=False, user__is_active=True)
    return {p.pk: p.user for p in rows.select_related("user")}


# --- a queue about to become overdue ----------------------------------------------------------


def antrean_jatuh_tempo(*, today: date, pemda_id: int | None = None) -> int:
    """Tell each supervisor, once a day, how many waiting entries become overdue tomorrow."""
    return sum(_antrean_jatuh_tempo_pemda(pk, today) for pk in _pemda_ids(pemda_id))


def _antrean_jatuh_tempo_pemda(pemda_id: int, today: date) -> int:
    per_atasan: dict[int, dict[str, int]] = {}
    for w in tunggakan.antrean_menunggu(pemda_id=pemda_id, today=today):
        if w.batas == today:  # tomorrow `today > batas`: the overdue record counts it
            n = per_atasan.setdefault(w.atasan_id, {Peran.ATASAN: 0, Peran.ATASAN_ATASAN: 0})
            n[w.peran] += 1
    if not per_atasan:
        return 0
    users = _users(per_atasan)
    kunci = f"antrean-jatuh-tempo:{today.isoformat()}"
    pesan = []
    with translation.override(settings.LANGUAGE_CODE):
        for atasan_id, n in sorted(per_atasan.items()):
            if atasan_id in users:
                pesan.append(_pesan_antrean(users[atasan_id], n[Peran.ATASAN], n[Peran.ATASAN_ATASAN], kunci))
    with transaction.atomic():
        return len(notifikasi_buat_banyak(jenis=Jenis.ANTREAN_JATUH_TEMPO, pesan=pesan))


def _pesan_antrean(user, verifikasi: int, validasi: int, kunci: str) -> Baru:
    total = verifikasi + validasi
    judul = ngettext(
        "%(n)d aktivitas di antrean Anda lewat batas besok",
        "%(n)d aktivitas di antrean Anda lewat batas besok",
        total,
    ) % {"n": total}
    bagian = []
    if verifikasi:
        bagian.append(_("%(n)d menunggu verifikasi") % {"n": verifikasi})
    if validasi:
        bagian.append(_("%(n)d menunggu validasi") % {"n": validasi})
    isi = _("%(rincian)s. Hari ini hari terakhirnya; yang belum diproses besok tercatat sebagai tunggakan Anda.") % {
        "rincian": ", ".join(bagian)
    }
    url = reverse("aktivitas:antrean_verifikasi" if verifikasi else "aktivitas:antrean_validasi")
    return Baru(user=user, judul=judul, isi=isi, url=url, kunci=kunci)


# --- a month about to close --------------------------------------------------------------------


@dataclass(frozen=True)
class BulanTutup:
    tahun: int
    bulan: int
    batas: date  # the last day entries of the month can be sent (the person's own, by a dispensation)
    dispensasi: bool = False


def _hari_terakhir(pemda_id: int, tanggal: date) -> date:
    """The last day a day's entries can be sent in the pemda (the window ends at midnight)."""
    return (timezone.localtime(batas_input_pemda(pemda_id, tanggal)) - timedelta(microseconds=1)).date()


def akhir_pengingat(pemda_id: int, today: date) -> date | None:
    """A last day to send d is announced today when `today <= d < akhir_pengingat(...)`: the lead is
    the pemda's rule in force today (`pengingat_tutup_hari_kerja` working days, today counting as
    one); None when that rule says no reminder (0). No query while the pemda's kalender_input is kept."""
    kalender = kalender_input(pemda_id)
    n = kalender.aturan_on(today).pengingat_tutup_hari_kerja
    return tambah_hari_kerja(today, n, kalender.libur) if n else None


def _bulan_tertutup(pemda_id: int, today: date) -> set[tuple[int, int]]:
    """The pemda's closed months from last year on (one query)."""
    rows = PeriodeTutup.objects.filter(pemda_id=pemda_id, tahun__gte=today.year - 1)
    return set(rows.values_list("tahun", "bulan"))


def bulan_ditutup(*, today: date, pemda_id: int | None = None) -> int:
    """Tell everyone with unsent entries of a month about to close, once per month (and once per
    later deadline a dispensation gives them)."""
    return sum(_bulan_ditutup_pemda(pk, today) for pk in _pemda_ids(pemda_id))


def _bulan_ditutup_pemda(pemda_id: int, today: date) -> int:
    """A fixed number of queries whatever the number of people: closed months, dispensations, drafts,
    accounts, and the write (notifikasi_buat_banyak); two on a day when nothing closes soon."""
    lewat = akhir_pengingat(pemda_id, today)
    if lewat is None:
        return 0
    per_kelompok = _draf_segera_tutup(pemda_id, today, lewat)
    if not per_kelompok:
        return 0
    users = _users({pid for pid, _b in per_kelompok})
    with translation.override(settings.LANGUAGE_CODE):
        pesan = [
            _pesan_bulan(users[pid], b, n, pertama)
            for (pid, b), (n, pertama) in sorted(per_kelompok.items(), key=lambda kv: (kv[0][0], kv[0][1].batas))
            if pid in users
        ]
    with transaction.atomic():
        return len(notifikasi_buat_banyak(jenis=Jenis.BULAN_DITUTUP, pesan=pesan))


def _dispensasi_terbuka(pemda_id: int, today: date) -> dict[int, list[tuple[date, date, date]]]:
    """pegawai id → their dispensations still open: (first date, last date, last day to send)."""
    hasil: dict[int, list[tuple[date, date, date]]] = {}
    rows = Dispensasi.objects.filter(pemda_id=pemda_id, batas__gte=today)
    for pid, mulai, selesai, batas in rows.values_list("pegawai_id", "tanggal_mulai", "tanggal_selesai", "batas"):
        hasil.setdefault(pid, []).append((mulai, selesai, batas))
    return hasil


def _draf_segera_tutup(pemda_id: int, today: date, lewat: date) -> dict[tuple[int, BulanTutup], list]:
    """(pegawai, the month with its last day for them) → [unsent entries, the first day], for the last
    days within the lead. A day's last day is the month's (`batas_input_pemda` of its last day) while
    the day's own window, or a dispensation, keeps it open; a dispensation that keeps it open past the
    month's close gives the person their own later last day."""
    tertutup = _bulan_tertutup(pemda_id, today)
    dispensasi = _dispensasi_terbuka(pemda_id, today)
    sekarang = timezone.now()
    hari_terbuka = functools.cache(lambda d: batas_input_pemda(pemda_id, d) > sekarang)
    batas_bulan = functools.cache(lambda y, m: _hari_terakhir(pemda_id, month_bounds(y, m)[1]))
    # the drafts that may be due soon: last month's and this month's to today when one of them closes
    # within the lead, and those a dispensation ending within the lead covers
    kemarin_bulan = today.replace(day=1) - timedelta(days=1)
    cond = Q(pk__in=[])
    if any(today <= batas_bulan(h.year, h.month) < lewat for h in (kemarin_bulan, today)):
        cond |= Q(tanggal__gte=kemarin_bulan.replace(day=1), tanggal__lte=today)
    for pid, mulai, selesai in [(p, m, s) for p, rs in dispensasi.items() for m, s, b in rs if b < lewat]:
        cond |= Q(pegawai_id=pid, tanggal__range=(mulai, selesai))
    if cond == Q(pk__in=[]):
        return {}
    rows = (
        Aktivitas.objects.filter(cond, pemda_id=pemda_id, status__in=[Status.DRAFT, Status.RETURNED])
        .order_by()
        .values_list("pegawai_id", "tanggal")
        .annotate(n=Count("pk"))
    )
    hasil: dict[tuple[int, BulanTutup], list] = {}
    for pid, tanggal, n in rows:
        if (tanggal.year, tanggal.month) in tertutup:
            continue
        bulan = batas_bulan(tanggal.year, tanggal.month)
        sendiri = max((b for m, s, b in dispensasi.get(pid, ()) if m <= tanggal <= s), default=None)
        if sendiri is not None and sendiri > bulan:  # kept open past the month's close: their own last day
            b = BulanTutup(tanggal.year, tanggal.month, sendiri, dispensasi=True)
        elif hari_terbuka(tanggal) or sendiri is not None:
            b = BulanTutup(tanggal.year, tanggal.month, bulan)
        else:  # past its window: it can no longer be sent
            continue
        if today <= b.batas < lewat:
            k = hasil.setdefault((pid, b), [0, tanggal])
            k[0] += n
            k[1] = min(k[1], tanggal)
    return hasil


def _pesan_bulan(user, b: BulanTutup, n: int, pertama: date) -> Baru:
    judul = _("Aktivitas %(bulan)s dapat diajukan sampai %(batas)s") % {
        "bulan": date_format(date(b.tahun, b.bulan, 1), "F Y"),
        "batas": date_format(b.batas, "l, j F Y"),
    }
    isi = ngettext(
        "Anda masih punya %(n)d aktivitas yang belum diajukan (draf atau dikembalikan). Ajukan sebelum "
        "batas itu agar dihitung dalam capaian bulan ini.",
        "Anda masih punya %(n)d aktivitas yang belum diajukan (draf atau dikembalikan). Ajukan sebelum "
        "batas itu agar dihitung dalam capaian bulan ini.",
        n,
    ) % {"n": n}
    kunci = f"bulan-ditutup:{b.tahun}-{b.bulan:02d}"
    if b.dispensasi:
        isi += " " + _("Batas ini mengikuti dispensasi Anda.")
        kunci += f":dispensasi:{b.batas.isoformat()}"  # a later dispensation is a new deadline to hear about
    return Baru(user=user, judul=judul, isi=isi, url=url_hari(pertama), kunci=kunci)
