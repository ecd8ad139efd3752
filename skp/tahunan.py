"""The annual assessment of one pegawai for a year (PermenPANRB 6/2022, evaluasi kinerja tahunan),
built from the year's SKP periods: a posting change mid-year starts a new SKP period with its own
pejabat penilai, so a year may have several penilai, each rating the annual evaluation of their own
period. Reads only; scoped by the caller through `selectors.skp_visible_to`."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from accounts.models import Pegawai

from . import rules, selectors
from .choices import JenisPeriode, Predikat
from .forms import periode_label
from .models import KoefisienAngkaKredit, Penilaian, Skp


def tampil(ak: Decimal | None) -> Decimal | None:
    """Angka kredit as printed: three places at most, no trailing zeros (12.5, not 12.500)."""
    if ak is None:
        return None
    ak = ak.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    return ak.quantize(Decimal(1)) if ak == ak.to_integral_value() else ak.normalize()


@dataclass
class PeriodeTahunan:
    """One SKP period of the year: its periodic predikat side by side, its annual rating, who rated
    it, and the angka kredit it earns for a jabatan fungsional (PerBKN 3/2023, months of the period)."""

    skp: Skp
    # one cell per column of `PenilaianTahunan.kolom`: (label, covered by this SKP period, evaluation)
    sel: list[tuple[str, bool, Penilaian | None]]
    tahunan: Penilaian | None
    penilai: Pegawai | None
    bulan: int
    angka_kredit: Decimal | None  # unrounded (the contract function), None without jenjang or rating

    @property
    def predikat(self) -> str:
        return self.tahunan.predikat if self.tahunan else ""

    @property
    def angka_kredit_tampil(self) -> Decimal | None:
        return tampil(self.angka_kredit)


@dataclass
class PenilaianTahunan:
    pegawai: Pegawai
    tahun: int
    kolom: list[tuple[str, str]]  # (kode, label) of the periodic evaluations, e.g. TRIWULAN-1
    periode: list[PeriodeTahunan]

    @property
    def akhir(self) -> PeriodeTahunan | None:
        """The last SKP period of the year: its pejabat penilai gives the year's annual predikat,
        the earlier periods' results alongside (PermenPANRB 6/2022, as reported; RULES.md §2)."""
        return self.periode[-1] if self.periode else None

    @property
    def predikat(self) -> str:
        return self.akhir.predikat if self.akhir else ""

    @property
    def predikat_label(self) -> str:
        return Predikat(self.predikat).label if self.predikat else ""

    @property
    def lengkap(self) -> bool:
        """Every SKP period of the year has its annual rating."""
        return bool(self.periode) and all(p.tahunan is not None and p.tahunan.predikat for p in self.periode)

    @property
    def fungsional(self) -> bool:
        return any(p.skp.jenjang for p in self.periode)

    @property
    def angka_kredit(self) -> Decimal | None:
        """The year's angka kredit: the sum over its periods (each its own months and predikat)."""
        nilai = [p.angka_kredit for p in self.periode if p.angka_kredit is not None]
        return sum(nilai, Decimal(0)) if nilai else None

    @property
    def angka_kredit_tampil(self) -> Decimal | None:
        return tampil(self.angka_kredit)

    @property
    def penilai(self) -> list[Pegawai]:
        """Every pejabat penilai of the year, in order, each once."""
        seen: dict[int, Pegawai] = {}
        for p in self.periode:
            if p.penilai is not None:
                seen.setdefault(p.penilai.pk, p.penilai)
        return list(seen.values())


def penilaian_tahunan(pegawai: Pegawai, tahun: int, skps: list[Skp]) -> PenilaianTahunan:
    """The year's assessment from its SKP periods (the caller passes them, already scoped), in a
    fixed number of queries: the evaluations, the koefisien, and one `penilai_periode` per SKP
    period not yet rated (at most the few periods of a year)."""
    jenis = selectors.periodik_jenis(pegawai.pemda_id)
    n = 12 if jenis == JenisPeriode.BULANAN else 4
    kolom = [(f"{jenis}-{k}", periode_label(jenis, k, tahun)) for k in range(1, n + 1)]
    skps = sorted((s for s in skps if s.tahun == tahun), key=lambda s: s.mulai)
    nilai: dict[tuple[int, str, int], Penilaian] = {
        (p.skp_id, p.jenis, p.ke): p
        for p in Penilaian.objects.filter(skp__in=[s.pk for s in skps]).select_related("penilai")
    }
    koefisien = dict(KoefisienAngkaKredit.objects.values_list("jenjang", "koefisien"))
    tahun_range = rules.periode_range(tahun, JenisPeriode.TAHUNAN, 1)
    periode = []
    for s in skps:
        sel = []
        for k, (_kode, label) in enumerate(kolom, start=1):
            dicakup = rules.overlap((s.mulai, s.selesai), rules.periode_range(tahun, jenis, k)) is not None
            sel.append((label, dicakup, nilai.get((s.pk, jenis, k)) if dicakup else None))
        tahunan = nilai.get((s.pk, JenisPeriode.TAHUNAN, 1))
        penilai = tahunan.penilai if tahunan and tahunan.penilai_id else selectors.penilai_periode(s, *tahun_range)
        bulan = rules.bulan_antara(s.mulai, s.selesai)
        ak = None
        if s.jenjang and s.jenjang in koefisien and tahunan is not None and tahunan.predikat:
            ak = rules.angka_kredit(tahunan.predikat, koefisien[s.jenjang], bulan)
        periode.append(PeriodeTahunan(s, sel, tahunan, penilai, bulan, ak))
    return PenilaianTahunan(pegawai, tahun, kolom, periode)
