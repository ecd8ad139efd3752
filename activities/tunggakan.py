"""The leader cascade: entries left waiting in a supervisor's queue past the pemda's allowed working
days (`AturanAktivitas.batas_tunggu_hari_kerja`). `BatasTunggu` computes each waiting entry's last day
(the one deadline rule: the queue pages show it, the nightly `tunggakan_record` writes the overdue
ones, the morning reminder `jobs.antrean_jatuh_tempo` warns on the last day, the escalation page and
the workflow's escalation guard read it)."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from attendance.models import HariLibur
from attendance.rules import tambah_hari_kerja

from .choices import Peran, Status
from .models import Aktivitas, AturanAktivitas, Tunggakan
from .selectors import aturan_banyak

# Holidays are read this far past today: a deadline still ahead skips the holidays before it.
HORIZON_HARI = 90


@dataclass(frozen=True)
class Menunggu:
    """An entry waiting in a supervisor's queue: whose queue, in which role, and its last day there."""

    aktivitas: Aktivitas
    peran: str
    atasan_id: int
    batas: date  # the last working day it may wait; from the next day on it is overdue
    sejak: datetime | None = None  # when it arrived in that queue

    def lewat(self, today: date) -> bool:
        return today > self.batas


def antrean_dari(status: str, *, diajukan_pada, diverifikasi_pada, verifikator_id, validator_id):
    """(arrived, whose queue, role) of a waiting entry: a submitted one waits for its verifier since it
    was submitted, a verified one for its validator since it was verified; None otherwise."""
    if status == Status.SUBMITTED:
        return diajukan_pada, verifikator_id, Peran.ATASAN
    if status == Status.VERIFIED:
        return diverifikasi_pada, validator_id, Peran.ATASAN_ATASAN
    return None, None, None


class BatasTunggu:
    """The last day a waiting entry may stay in a queue: `batas_tunggu_hari_kerja` working days (the
    pemda's rule in force on `today`, its holidays) after it arrived. Built once for many entries of
    many pemda: one query for the holidays, one for the rules unless the caller passes its own
    `aturan_banyak` lookup."""

    def __init__(
        self,
        *,
        pemda_ids: Iterable[int],
        today: date,
        sejak_awal: date | None = None,
        aturan: Callable[[int, date], AturanAktivitas] | None = None,
    ):
        pemda_ids = set(pemda_ids)
        self.today = today
        self.aturan = aturan or aturan_banyak(pemda_ids)
        start = min(sejak_awal or today, today)
        self.libur: dict[int, set[date]] = defaultdict(set)
        rows = HariLibur.objects.filter(
            pemda_id__in=pemda_ids, tanggal__range=(start, today + timedelta(days=HORIZON_HARI))
        ).values_list("pemda_id", "tanggal")
        for pemda_id, tanggal in rows:
            self.libur[pemda_id].add(tanggal)

    def batas(self, pemda_id: int, sejak: datetime) -> date:
        hari = self.aturan(pemda_id, self.today).batas_tunggu_hari_kerja
        return tambah_hari_kerja(timezone.localdate(sejak), hari, self.libur[pemda_id])

    def boleh_eskalasi(self, pemda_id: int) -> bool:
        """The pemda's rule today lets the atasan's atasan act on an overdue entry."""
        return self.aturan(pemda_id, self.today).eskalasi_boleh_bertindak


MENUNGGU_KOLOM = ("pk", "pemda_id", "status", "tanggal", "pegawai_id", "verifikator_id", "validator_id")
MENUNGGU_KOLOM += ("diajukan_pada", "diverifikasi_pada", "dicatat_oleh_id")


def menunggu_dari(entries: Iterable[Aktivitas], *, today: date, batas: BatasTunggu | None = None) -> list[Menunggu]:
    """The waiting entries among `entries`, each with its queue and its last day there."""
    entries = list(entries)
    hasil = []
    if batas is None:
        awal = [timezone.localdate(s) for a in entries if (s := a.diajukan_pada or a.diverifikasi_pada)]
        batas = BatasTunggu(pemda_ids={a.pemda_id for a in entries}, today=today, sejak_awal=min(awal, default=None))
    for a in entries:
        sejak, atasan_id, peran = antrean_dari(
            a.status,
            diajukan_pada=a.diajukan_pada,
            diverifikasi_pada=a.diverifikasi_pada,
            verifikator_id=a.verifikator_id,
            validator_id=a.validator_id,
        )
        if sejak is None or atasan_id is None:
            continue
        hasil.append(Menunggu(a, peran, atasan_id, batas.batas(a.pemda_id, sejak), sejak))
    return hasil


def antrean_menunggu(*, pemda_id: int, today: date) -> list[Menunggu]:
    """Every entry waiting for a verification or a validation in the pemda, with the last day it may
    wait there. Three queries."""
    waiting = Aktivitas.objects.filter(pemda_id=pemda_id, status__in=[Status.SUBMITTED, Status.VERIFIED])
    return menunggu_dari(waiting.only(*MENUNGGU_KOLOM), today=today)


def tunggakan_record(*, pemda_id: int, today: date) -> int:
    """Record entries left waiting in a supervisor's queue longer than the allowed working days."""
    created = 0
    for w in antrean_menunggu(pemda_id=pemda_id, today=today):
        a, peran, atasan_id, batas = w.aktivitas, w.peran, w.atasan_id, w.batas
        if w.lewat(today):
            _obj, new = Tunggakan.objects.get_or_create(
                aktivitas=a,
                peran=peran,
                defaults={
                    "pemda_id": pemda_id,
                    "atasan_id": atasan_id,
                    "tahun": a.tanggal.year,
                    "bulan": a.tanggal.month,
                    "batas": batas,
                },
            )
            created += new
    return created
