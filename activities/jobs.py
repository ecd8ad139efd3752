"""Morning jobs that write notifications (issue 17); the Celery tasks in `activities.tasks` are thin.

- `antrean_jatuh_tempo`: a supervisor whose queue holds entries that become overdue tomorrow (their
  last allowed day is today, by the pemda's `batas_tunggu_hari_kerja`, computed as the overdue
  record computes it: `tunggakan.antrean_menunggu`) gets one message that morning.
- `bulan_ditutup`: in the last working days before a month's entries close (the entry window of the
  month's last day, `selectors.batas_input_pemda`), everyone with drafts or returned entries of that
  month that can still be sent gets one message for the month.

Each runs a fixed number of queries per pemda, whatever the number of people, and a rerun writes
nothing new (the keys name the day, or the month).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Pegawai, Pemda
from accounts.selectors import periode_tertutup
from attendance.rules import tambah_hari_kerja
from core.months import month_bounds
from notifikasi.choices import Jenis
from notifikasi.services import Baru, notifikasi_buat_banyak

from . import tunggakan
from .choices import Peran, Status
from .models import Aktivitas
from .pemberitahuan import url_hari
from .selectors import batas_input_pemda, kalender_input

# How many working days before the month's entries close its reminder goes out (the last day to send
# counts as one): the month-end window is itself only a few working days long (3 by default).
HARI_KERJA_SEBELUM_TUTUP = 3


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
    batas: date  # the last day entries of the month can be sent


def bulan_segera_tutup(pemda_id: int, today: date) -> list[BulanTutup]:
    """The months (this one or the last) whose entry window closes within the next
    HARI_KERJA_SEBELUM_TUTUP working days, today included, and that are not closed yet."""
    libur = kalender_input(pemda_id).libur
    hasil = []
    for hari in (today.replace(day=1) - timedelta(days=1), today):
        _awal, akhir = month_bounds(hari.year, hari.month)
        # the window ends at midnight: the day before it is the last day to send
        batas = (timezone.localtime(batas_input_pemda(pemda_id, akhir)) - timedelta(microseconds=1)).date()
        if today <= batas < tambah_hari_kerja(today, HARI_KERJA_SEBELUM_TUTUP, libur):
            if not periode_tertutup(pemda_id=pemda_id, on=akhir):
                hasil.append(BulanTutup(akhir.year, akhir.month, batas))
    return hasil


def bulan_ditutup(*, today: date, pemda_id: int | None = None) -> int:
    """Tell everyone with unsent entries of a month about to close, once per month."""
    return sum(_bulan_ditutup_pemda(pk, today) for pk in _pemda_ids(pemda_id))


def _bulan_ditutup_pemda(pemda_id: int, today: date) -> int:
    ditulis = 0
    sekarang = timezone.now()
    for b in bulan_segera_tutup(pemda_id, today):
        awal, akhir = month_bounds(b.tahun, b.bulan)
        # only the days whose own window is still open: a draft past it can no longer be sent
        terbuka = [
            awal + timedelta(days=i)
            for i in range((min(akhir, today) - awal).days + 1)
            if batas_input_pemda(pemda_id, awal + timedelta(days=i)) > sekarang
        ]
        if not terbuka:
            continue
        rows = (
            Aktivitas.objects.filter(pemda_id=pemda_id, tanggal__in=terbuka, status__in=[Status.DRAFT, Status.RETURNED])
            .order_by()
            .values("pegawai_id")
            .annotate(n=Count("pk"), pertama=Min("tanggal"))
        )
        per_pegawai = {r["pegawai_id"]: (r["n"], r["pertama"]) for r in rows}
        if not per_pegawai:
            continue
        users = _users(per_pegawai)
        kunci = f"bulan-ditutup:{b.tahun}-{b.bulan:02d}"
        with translation.override(settings.LANGUAGE_CODE):
            pesan = [
                _pesan_bulan(users[pid], b, n, pertama, kunci)
                for pid, (n, pertama) in sorted(per_pegawai.items())
                if pid in users
            ]
        with transaction.atomic():
            ditulis += len(notifikasi_buat_banyak(jenis=Jenis.BULAN_DITUTUP, pesan=pesan))
    return ditulis


def _pesan_bulan(user, b: BulanTutup, n: int, pertama: date, kunci: str) -> Baru:
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
    return Baru(user=user, judul=judul, isi=isi, url=url_hari(pertama), kunci=kunci)
