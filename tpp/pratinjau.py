"""The preview of a rule version before it is saved (issue 16): its effect on the current month.

The month is computed twice with the payroll's own code (tpp.calculation.hitung_bulan, the uang makan
of tpp.uang_makan) from one read of its inputs: with the versions in force, and with the candidate
(an unsaved row) in their place. Nothing is written. The candidate counts as the payroll would count
it once saved: a TPP or activity version from its start in the month holds for the whole month (the
month takes the version in force at its end); the late/early bands change from the candidate's start
(the days are recomputed from then on after saving); a version starting in a later month is shown as
if it were in force the whole current month.
"""

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from accounts.models import Pegawai
from activities.models import AturanAktivitas
from attendance.choices import StatusHari
from attendance.models import AturanPresensi, HariPresensi
from attendance.rules import early_band, late_band
from core.dates import today
from core.months import month_bounds

from . import uang_makan
from .calculation import AturanBulan, aturan_bulan, hitung_bulan, masukan_bulan
from .models import AturanTpp

TERBESAR = 5  # the largest changes named in the box


@dataclass(frozen=True)
class Perubahan:
    nama: str
    nip: str
    tpp_sebelum: int
    tpp_sesudah: int
    um_sebelum: int
    um_sesudah: int

    @property
    def selisih(self) -> int:
        return self.tpp_sesudah + self.um_sesudah - self.tpp_sebelum - self.um_sebelum


@dataclass(frozen=True)
class Pratinjau:
    tahun: int
    bulan: int
    sejak: date
    pegawai: int  # people computed
    tpp_berubah: int
    tpp_sebelum: int
    tpp_sesudah: int
    um_berubah: int
    um_sebelum: int
    um_sesudah: int
    terbesar: list[Perubahan]

    @property
    def judul_bulan(self) -> str:
        return uang_makan.judul_bulan(self.tahun, self.bulan)

    @property
    def tpp_selisih(self) -> int:
        return self.tpp_sesudah - self.tpp_sebelum

    @property
    def um_selisih(self) -> int:
        return self.um_sesudah - self.um_sebelum


def _sejak(mulai: date, start: date, akhir: date) -> date:
    """From the candidate's start when it falls in the month, else the whole month."""
    return mulai if start <= mulai <= akhir else start


def _reband(masukan: dict, *, pemda_id: int, sejak: date, end: date, calon: AturanPresensi) -> dict:
    """The inputs with the bands of the computed (not hand-corrected) late days from `sejak` counted by
    the candidate's bounds, as the recomputation after saving will store them."""
    batas = (calon.batas_tl1, calon.batas_tl2, calon.batas_tl3)
    beda: dict[int, Counter] = {}
    days = HariPresensi.objects.filter(
        pemda_id=pemda_id, tanggal__range=(sejak, end), manual=False, status=StatusHari.TERLAMBAT
    ).values_list("pegawai_id", "menit_terlambat", "menit_pulang_cepat", "band_tl", "band_psw")
    for pid, telat, cepat, tl, psw in days:
        if pid not in masukan:
            continue
        baru_tl = (late_band(telat, batas=batas) or "") if telat is not None else tl
        baru_psw = (early_band(cepat, batas=batas) or "") if cepat is not None else psw
        c = beda.setdefault(pid, Counter())
        for lama, baru in ((tl, baru_tl), (psw, baru_psw)):
            if lama != baru:
                c[lama] -= 1 if lama else 0
                c[baru] += 1 if baru else 0
    hasil = dict(masukan)
    for pid, c in beda.items():
        pos, m = masukan[pid]
        kejadian = dict(m.kejadian)
        for kode, n in c.items():
            if kode:
                kejadian[kode] = kejadian.get(kode, 0) + n
        hasil[pid] = (pos, replace(m, kejadian={k: v for k, v in kejadian.items() if v}))
    return hasil


def pratinjau(
    *,
    pemda_id: int,
    tpp: AturanTpp | None = None,
    aktivitas: AturanAktivitas | None = None,
    presensi: AturanPresensi | None = None,
) -> Pratinjau | None:
    """The current month before and after the candidate (one of `tpp`, `aktivitas`, `presensi`);
    None when the pemda has no TPP rules for the month at all."""
    hari_ini = today()
    tahun, bulan = hari_ini.year, hari_ini.month
    start, akhir = month_bounds(tahun, bulan)
    end = min(akhir, hari_ini)
    aturan = aturan_bulan(pemda_id=pemda_id, tahun=tahun, bulan=bulan, bawaan=True)
    if aturan is None:
        return None
    calon = next(r for r in (tpp, aktivitas, presensi) if r is not None)
    sejak = _sejak(calon.berlaku_mulai, start, akhir)
    masukan = masukan_bulan(pemda_id=pemda_id, tahun=tahun, bulan=bulan)
    masukan_baru, aturan_baru = masukan, _aturan_dengan(aturan, tpp=tpp, aktivitas=aktivitas, presensi=presensi)
    if presensi is not None and sejak <= end:
        masukan_baru = _reband(masukan, pemda_id=pemda_id, sejak=sejak, end=end, calon=presensi)
    kw = {"pemda_id": pemda_id, "tahun": tahun, "bulan": bulan}
    sebelum = {h.pegawai_id: h.hasil.neto for h in hitung_bulan(aturan=aturan, masukan=masukan, **kw)}
    sesudah = {h.pegawai_id: h.hasil.neto for h in hitung_bulan(aturan=aturan_baru, masukan=masukan_baru, **kw)}
    um_sebelum = um_sesudah = {}
    if presensi is not None:
        qs = Pegawai.objects.filter(pemda_id=pemda_id, pk__in=list(masukan))
        um_sebelum = {b.pegawai_id: b.neto for b in uang_makan.uang_makan_bulan(pegawai_qs=qs, **kw)}
        um_sesudah = {
            b.pegawai_id: b.neto
            for b in uang_makan.uang_makan_bulan(
                pegawai_qs=qs, aturan=uang_makan.aturan_uang_makan_dari(presensi), **kw
            )
        }
    return _ringkas(tahun, bulan, sejak, sebelum, sesudah, um_sebelum, um_sesudah)


def _aturan_dengan(aturan: AturanBulan, *, tpp, aktivitas, presensi) -> AturanBulan:
    if tpp is not None and tpp.opd_id:
        return replace(aturan, per_opd={**aturan.per_opd, tpp.opd_id: tpp})
    if tpp is not None:
        return replace(aturan, pemda=tpp)
    if aktivitas is not None:
        return replace(aturan, aktivitas=aktivitas, menit_default=aktivitas.menit_per_hari)
    return replace(aturan, presensi=presensi)


def _ringkas(tahun, bulan, sejak, sebelum, sesudah, um_sebelum, um_sesudah) -> Pratinjau:
    ids = set(sebelum) | set(sesudah) | set(um_sebelum) | set(um_sesudah)
    berubah = [p for p in ids if sebelum.get(p, 0) != sesudah.get(p, 0) or um_sebelum.get(p, 0) != um_sesudah.get(p, 0)]
    berubah.sort(
        key=lambda p: -abs(sesudah.get(p, 0) + um_sesudah.get(p, 0) - sebelum.get(p, 0) - um_sebelum.get(p, 0))
    )
    orang = Pegawai.objects.in_bulk(berubah[:TERBESAR])
    terbesar = [
        Perubahan(
            orang[p].nama_lengkap,
            orang[p].nip,
            sebelum.get(p, 0),
            sesudah.get(p, 0),
            um_sebelum.get(p, 0),
            um_sesudah.get(p, 0),
        )
        for p in berubah[:TERBESAR]
    ]
    return Pratinjau(
        tahun=tahun,
        bulan=bulan,
        sejak=sejak,
        pegawai=len(ids),
        tpp_berubah=sum(1 for p in ids if sebelum.get(p, 0) != sesudah.get(p, 0)),
        tpp_sebelum=sum(sebelum.values()),
        tpp_sesudah=sum(sesudah.values()),
        um_berubah=sum(1 for p in ids if um_sebelum.get(p, 0) != um_sesudah.get(p, 0)),
        um_sebelum=sum(um_sebelum.values()),
        um_sesudah=sum(um_sesudah.values()),
        terbesar=terbesar,
    )
