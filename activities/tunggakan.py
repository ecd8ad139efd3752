"""The leader cascade: entries left waiting in a supervisor's queue past the pemda's allowed working
days (`AturanAktivitas.batas_tunggu_hari_kerja`). `antrean_menunggu` computes each waiting entry's last
day; the nightly `tunggakan_record` writes the overdue ones, the morning reminder
(`jobs.antrean_jatuh_tempo_kirim`) warns the day before."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from attendance.rules import tambah_hari_kerja
from attendance.selectors_jadwal import libur_antara

from .choices import Peran, Status
from .models import Aktivitas, Tunggakan
from .selectors import aturan_for


@dataclass(frozen=True)
class Menunggu:
    """An entry waiting in a supervisor's queue: whose queue, in which role, and its last day there."""

    aktivitas: Aktivitas
    peran: str
    atasan_id: int
    batas: date  # the last working day it may wait; from the next day on it is overdue


def antrean_menunggu(*, pemda_id: int, today: date) -> list[Menunggu]:
    """Every entry waiting for a verification or a validation in the pemda, with the last day it may
    wait there: `batas_tunggu_hari_kerja` working days (the pemda's rule on `today`, its holidays)
    after it arrived. Three queries."""
    aturan = aturan_for(pemda_id=pemda_id, on=today)
    libur = libur_antara(pemda_id=pemda_id, start=today - timedelta(days=120), end=today)
    hasil = []
    waiting = Aktivitas.objects.filter(pemda_id=pemda_id, status__in=[Status.SUBMITTED, Status.VERIFIED])
    fields = ("pk", "status", "tanggal", "verifikator_id", "validator_id", "diajukan_pada", "diverifikasi_pada")
    for a in waiting.only(*fields):
        if a.status == Status.SUBMITTED:
            since, atasan_id, peran = a.diajukan_pada, a.verifikator_id, Peran.ATASAN
        else:
            since, atasan_id, peran = a.diverifikasi_pada, a.validator_id, Peran.ATASAN_ATASAN
        if since is None or atasan_id is None:
            continue
        batas = tambah_hari_kerja(timezone.localdate(since), aturan.batas_tunggu_hari_kerja, libur)
        hasil.append(Menunggu(a, peran, atasan_id, batas))
    return hasil


def tunggakan_record(*, pemda_id: int, today: date) -> int:
    """Record entries left waiting in a supervisor's queue longer than the allowed working days."""
    created = 0
    for w in antrean_menunggu(pemda_id=pemda_id, today=today):
        a, peran, atasan_id, batas = w.aktivitas, w.peran, w.atasan_id, w.batas
        if today > batas:
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
