"""Overdue queues (issue 18), read for the person who asks: the entries left past their deadline in
their own queue, and, for the atasan of the people whose queues they are, those of their bawahan's
queues (the escalation). The deadline is the one rule of `activities.tunggakan`."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone

from accounts.models import Pegawai
from accounts.selectors import bawahan_of

from .choices import Status
from .models import Aktivitas, Tunggakan
from .tunggakan import MENUNGGU_KOLOM, BatasTunggu, Menunggu, menunggu_dari

KOLOM = (*MENUNGGU_KOLOM, "nama_kegiatan", "menit", "jam_mulai", "jam_selesai", "uraian")
KOLOM_PEGAWAI = ("pegawai__nama", "pegawai__gelar_depan", "pegawai__gelar_belakang", "pegawai__nip")


def lewat_batas_di(pemilik_antrean: list[int], *, today: date) -> tuple[list[Menunggu], BatasTunggu | None]:
    """The entries overdue today in the queues of these people, oldest deadline first, and the
    deadline rule they were measured by (three queries, whatever their number)."""
    if not pemilik_antrean:
        return [], None
    qs = (
        Aktivitas.objects.filter(
            Q(status=Status.SUBMITTED, verifikator_id__in=pemilik_antrean)
            | Q(status=Status.VERIFIED, validator_id__in=pemilik_antrean)
        )
        .select_related("pegawai")
        .only(*KOLOM, *KOLOM_PEGAWAI)
        .order_by("tanggal", "jam_mulai", "pk")
    )
    rows = list(qs)
    awal = min((timezone.localdate(a.diajukan_pada) for a in rows if a.diajukan_pada), default=None)
    batas = BatasTunggu(pemda_ids={a.pemda_id for a in rows}, today=today, sejak_awal=awal) if rows else None
    found = [
        w for w in menunggu_dari(rows, today=today, batas=batas) if w.lewat(today) and w.atasan_id in pemilik_antrean
    ]
    return sorted(found, key=lambda w: (w.batas, w.aktivitas.tanggal, w.aktivitas.pk)), batas


@dataclass
class AntreanBawahan:
    """One bawahan's queue with entries past their deadline: whose, what, and whether I may act."""

    pemilik: Pegawai
    entri: list[Menunggu] = field(default_factory=list)
    boleh_bertindak: bool = False


def lewat_batas_bawahan(pegawai: Pegawai, *, today: date) -> list[AntreanBawahan]:
    """The overdue entries waiting in the queues of the people whose atasan this pegawai is today,
    by person; never the viewer's own entries. Whether they may act is the pemda's rule today
    (`eskalasi_boleh_bertindak`); the workflow checks it again on every move."""
    bawahan = {p.pk: p for p in bawahan_of(pegawai, today)}
    entri, batas = lewat_batas_di(list(bawahan), today=today)
    per_orang: dict[int, AntreanBawahan] = {}
    for w in entri:
        if w.aktivitas.pegawai_id == pegawai.pk:
            continue
        grup = per_orang.get(w.atasan_id)
        if grup is None:
            grup = per_orang[w.atasan_id] = AntreanBawahan(bawahan[w.atasan_id])
            grup.boleh_bertindak = batas.boleh_eskalasi(w.aktivitas.pemda_id)
        grup.entri.append(w)
    return sorted(per_orang.values(), key=lambda g: (g.pemilik.nama, g.pemilik.pk))


def eskalasi_aktivitas(pegawai: Pegawai, pk: int, *, today: date) -> Aktivitas | None:
    """The entry `pk` when it is overdue in one of this pegawai's bawahan's queues (their scope for
    acting in that bawahan's place); None otherwise (out of scope: 404)."""
    for grup in lewat_batas_bawahan(pegawai, today=today):
        for w in grup.entri:
            if w.aktivitas.pk == pk:
                return Aktivitas.objects.select_related("pegawai", "katalog").get(pk=pk)
    return None


@dataclass(frozen=True)
class TunggakanBulan:
    """A leader's overdue entries of a month: recorded nightly, and those overdue now not yet recorded."""

    tercatat: int
    belum_tercatat: int
    menunggu: list[Menunggu]  # still waiting in their queue past the deadline

    @property
    def jumlah(self) -> int:
        return self.tercatat + self.belum_tercatat


def tunggakan_bulan(pegawai: Pegawai, *, tahun: int, bulan: int, today: date) -> TunggakanBulan:
    """How many entries of the month (by the entry's date, as the TPP counts them) were or are overdue
    in this pegawai's queue (four queries)."""
    tercatat = set(
        Tunggakan.objects.filter(atasan=pegawai, tahun=tahun, bulan=bulan).values_list("aktivitas_id", "peran")
    )
    menunggu, _batas = lewat_batas_di([pegawai.pk], today=today)
    baru = {
        (w.aktivitas.pk, w.peran)
        for w in menunggu
        if (w.aktivitas.tanggal.year, w.aktivitas.tanggal.month) == (tahun, bulan)
    }
    return TunggakanBulan(len(tercatat), len(baru - tercatat), menunggu)


def jumlah_lewat_batas_bawahan(pegawai: Pegawai, *, today: date) -> int:
    """How many entries the escalation page lists for this pegawai (the Beranda's link shows only then)."""
    return sum(len(g.entri) for g in lewat_batas_bawahan(pegawai, today=today))
