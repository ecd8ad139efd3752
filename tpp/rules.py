"""Pure TPP rules and the TPP month's workflow table (DESIGN.md §6 contract): no database, no request.

Regional variants come in as parameters; their defaults are the national defaults of RULES.md §7.
Money is `int` rupiah, rounded half up only at the final amount; fractions and percentages are
`Decimal`. Invalid input raises `ValidationError` with a message a clerk can act on.
The uang makan rules are `tpp.rules_uang_makan`.
"""

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from activities.rules import capaian
from core.money import round_rupiah
from core.workflow import Move, Transition

from .choices import PeranTpp, StatusPeriode
from .rules_uang_makan import PPH_UANG_MAKAN, lookup_golongan

# --- TPP (RULES.md §1, §7) ---------------------------------------------------------------------


def capaian_aktivitas(
    hari_kerja: int, menit_valid: int, menit_pengurang: int = 0, menit_per_hari: int = 300
) -> Decimal:
    """Monthly activity achievement, DKI model (Pergub DKI 19/2020; RULES.md §1.5), 0..1:
    min(validated minutes, target − minutes lost to absence) / (working days × minutes a day)."""
    if hari_kerja < 0 or menit_valid < 0 or menit_pengurang < 0 or menit_per_hari <= 0:
        raise ValidationError(_("Hari kerja dan menit tidak boleh negatif."), code="invalid")
    return min(capaian(menit_valid, hari_kerja, menit_per_hari, menit_pengurang), Decimal(1))


def _d(value) -> Decimal:
    """`Decimal(str(value))` without the round trip through text when it is a Decimal already (the
    same value and exponent; the monthly calculation calls this 100,000 times)."""
    return value if type(value) is Decimal else Decimal(str(value))


# % of the discipline part per event (Kab. Tulang Bawang bands; RULES.md §7 defaults). The bands and
# TANPA_KETERANGAN come from the attendance days: a missing entry is a data error. The other codes are
# the gatherings a pemda records (attendance.KegiatanWajib, issue 16): the defaults cover the three
# every pemda starts with; one the rule set in force does not name cuts 0 (hitung_tpp).
POTONGAN_DISIPLIN: Mapping[str, Decimal] = {
    "TL1": Decimal("0.5"),
    "TL2": Decimal("1"),
    "TL3": Decimal("1.25"),
    "TL4": Decimal("1.5"),
    "PSW1": Decimal("0.5"),
    "PSW2": Decimal("1"),
    "PSW3": Decimal("1.25"),
    "PSW4": Decimal("1.5"),
    "TIDAK_APEL": Decimal("2"),
    "TIDAK_UPACARA": Decimal("2"),
    # RULES.md gives no Tulang Bawang figure for senam; the TTU code (RULES.md §1.6) cuts a missed
    # senam exactly as a missed apel or upacara (2,5% each), so senam takes the apel figure here.
    "TIDAK_SENAM": Decimal("2"),
    # a design default (= TL4 + PSW4), not found in a source: RULES.md §7
    "TANPA_KETERANGAN": Decimal("3"),
}


KODE_PRESENSI = frozenset(("TL1", "TL2", "TL3", "TL4", "PSW1", "PSW2", "PSW3", "PSW4", "TANPA_KETERANGAN"))


def potongan_disiplin(events: Iterable[str], tabel: Mapping[str, Decimal] | None = None) -> Decimal:
    """Σ percent cut of the discipline part for a month's events, capped at 100 (RULES.md §1.6, §7)."""
    tabel = POTONGAN_DISIPLIN if tabel is None else tabel
    total = Decimal(0)
    for event in events:
        if event not in tabel:
            raise ValidationError(
                _("Jenis pelanggaran %(e)s tidak ada di tabel potongan disiplin.") % {"e": event}, code="unknown_event"
            )
        total += _d(tabel[event])
    return min(total, Decimal(100))


def tpp_bruto(
    besaran: int,
    capaian_kinerja: Decimal,
    potongan_disiplin_pct: Decimal,
    bobot_kinerja: Decimal = Decimal("0.6"),
    bobot_disiplin: Decimal = Decimal("0.4"),
) -> int:
    """TPP before deductions (RULES.md §7): besaran × bobot kinerja × capaian
    + besaran × bobot disiplin × (100% − cuts); the two parts are computed separately (Kepahiang)."""
    capaian_kinerja, pct = _d(capaian_kinerja), _d(potongan_disiplin_pct)
    bk, bd = _d(bobot_kinerja), _d(bobot_disiplin)
    if besaran < 0:
        raise ValidationError(_("Besaran TPP tidak boleh negatif."), code="invalid")
    if not Decimal(0) <= capaian_kinerja <= Decimal(1):
        raise ValidationError(_("Capaian kinerja harus antara 0 dan 1."), code="invalid")
    if not Decimal(0) <= pct <= Decimal(100):
        raise ValidationError(_("Potongan disiplin harus antara 0 dan 100 persen."), code="invalid")
    if bk < 0 or bd < 0 or bk + bd > 1:
        raise ValidationError(
            _("Bobot kinerja dan disiplin harus positif dan berjumlah paling banyak 1."), code="invalid"
        )
    kinerja = Decimal(besaran) * bk * capaian_kinerja
    disiplin = Decimal(besaran) * bd * (Decimal(100) - pct) / Decimal(100)
    return round_rupiah(kinerja + disiplin)


def iuran_bpjs(
    gaji_dasar: int,
    tpp: int,
    batas: int = 12_000_000,
    persen_pegawai: Decimal = 1,
    persen_pemda: Decimal = 4,
) -> tuple[int, int]:
    """(employee, pemda) JKN contribution on the TPP part of the base (SE Mendagri 900/471/SJ,
    Perpres 75/2019): the base gaji + TPP is capped at `batas`; the gaji part is paid with the salary."""
    if gaji_dasar < 0 or tpp < 0 or batas < 0:
        raise ValidationError(_("Gaji, TPP dan batas iuran tidak boleh negatif."), code="invalid")
    pp, pd = _d(persen_pegawai), _d(persen_pemda)
    if pp < 0 or pd < 0:
        raise ValidationError(_("Persen iuran tidak boleh negatif."), code="invalid")
    dasar_tpp = max(min(gaji_dasar + tpp, batas) - gaji_dasar, 0)
    return round_rupiah(Decimal(dasar_tpp) * pp / 100), round_rupiah(Decimal(dasar_tpp) * pd / 100)


# Kepmendagri 900-4700/2020 "Basic TPP Utama" per kelas jabatan (RULES.md §1.2); the copy stops at 15.
BASIC_TPP: Mapping[int, Mapping[int, int]] = {
    2023: {
        1: 894_961, 2: 1_131_487, 3: 1_368_012, 4: 1_655_678, 5: 2_793_557, 6: 3_349_711, 7: 3_854_725,
        8: 4_371_943, 9: 5_439_503, 10: 6_253_104, 11: 7_188_745, 12: 9_298_296, 13: 11_628_681,
        14: 12_956_594, 15: 17_019_369,
    },
    2022: {
        1: 716_562, 2: 905_939, 3: 1_095_316, 4: 1_325_640, 5: 2_236_697, 6: 2_681_989, 7: 3_086_335,
        8: 3_500_452, 9: 4_355_208, 10: 5_006_628, 11: 5_755_761, 12: 7_444_800, 13: 9_310_653,
        14: 10_373_864, 15: 13_626_776,
    },
}  # fmt: skip


def basic_tpp(kelas: int, tahun_anggaran: int) -> int:
    """Basic TPP of a kelas jabatan in a budget year (Kepmendagri 900-4700/2020); LookupError when absent."""
    try:
        return BASIC_TPP[tahun_anggaran][kelas]
    except KeyError:
        raise LookupError(f"basic TPP kelas {kelas} TA {tahun_anggaran} is not in the reference table") from None


# --- one employee's month (issue 6) -------------------------------------------------------------

# RULES.md §1.7 (CLC code): an approved cuti day credits a day's minutes; an izin day lowers the cap
# by a day, a sick day with a letter by half a day. Cuti besar and CLTN pay no TPP (RPG24).
MENIT_PERMOHONAN: Mapping[str, int] = {
    "CUTI_TAHUNAN": 300,
    "CUTI_SAKIT": 300,
    "CUTI_MELAHIRKAN": 300,
    "CUTI_ALASAN_PENTING": 300,
    "CUTI_BERSAMA": 300,
    "IZIN": -300,
    "SAKIT": -150,
    "DINAS_LUAR": 0,
    "TUGAS_BELAJAR": 0,
}
CUTI_TANPA_TPP = frozenset({"CUTI_BESAR", "CLTN"})
# SIASN kedudukanHukum 01 Aktif and 71 PPPK Aktif are paid; every other one is not (RULES.md §1.3).
KEDUDUKAN_DIBAYAR = frozenset({"01", "71"})
# RULES.md §1.8 says the PPh method is a per-pemda choice; a flat rate per golongan group, when chosen,
# defaults to the PP 80/2010 final rates that pemda also use for uang makan.
PPH_TPP: Mapping[str, Decimal] = PPH_UANG_MAKAN
# Where a pemda pays the kinerja part by the monthly SKP predikat (Prov. NTT 2024, RULES.md §1.4):
# the percent of the kinerja part per predikat. RULES.md §7 gives 150/100/75/50/25 for angka kredit;
# TPP caps at 100%. Not confirmed for TPP by a source: configurable per rule set.
PERSEN_PREDIKAT: Mapping[str, Decimal] = {
    "SANGAT_BAIK": Decimal(100),
    "BAIK": Decimal(100),
    "BUTUH_PERBAIKAN": Decimal(75),
    "KURANG": Decimal(50),
    "SANGAT_KURANG": Decimal(25),
}


@dataclass(frozen=True)
class NilaiAturan:
    """The numbers of a TPP rule-set version (tpp.models.AturanTpp), with the national defaults."""

    besaran_kelas: Mapping[int, int] = field(default_factory=dict)
    besaran_jabatan: Mapping[int, int] = field(default_factory=dict)
    bobot_kinerja: Decimal = Decimal("0.6")
    bobot_disiplin: Decimal = Decimal("0.4")
    menit_per_hari: int = 300
    tabel_potongan: Mapping[str, Decimal] = field(default_factory=lambda: dict(POTONGAN_DISIPLIN))
    menit_tanpa_keterangan: int = 300
    pengurang_menit_terlambat: bool = True
    menit_permohonan: Mapping[str, int] = field(default_factory=lambda: dict(MENIT_PERMOHONAN))
    cuti_tanpa_tpp: frozenset[str] = CUTI_TANPA_TPP
    kedudukan_dibayar: frozenset[str] = KEDUDUKAN_DIBAYAR
    bpjs_persen_pegawai: Decimal = Decimal(1)
    bpjs_persen_pemda: Decimal = Decimal(4)
    bpjs_batas: int = 12_000_000
    pph_metode: str = "TIDAK_ADA"
    pph_tarif: Mapping[str, Decimal] = field(default_factory=lambda: dict(PPH_TPP))
    kaskade_persen: Decimal = Decimal(1)
    kaskade_maks: Decimal = Decimal(10)
    kinerja_dari_predikat: bool = False
    persen_predikat: Mapping[str, Decimal] = field(default_factory=lambda: dict(PERSEN_PREDIKAT))


@dataclass(frozen=True)
class MasukanTpp:
    """Everything one employee's month depends on; kept on the row (as JSON) to recompute it."""

    golongan: str = ""
    kelas: int | None = None
    jabatan_id: int | None = None
    kedudukan_hukum: str = "01"
    gaji_dasar: int = 0
    hari_kerja: int = 0  # working days posted in the pemda this month
    hari_kerja_bulan: int = 0  # the month's working days in their unit (0: as hari_kerja)
    menit_valid: int = 0
    hari_permohonan: Mapping[str, int] = field(default_factory=dict)  # request type → working days
    hari_tanpa_keterangan: int = 0
    menit_terlambat: int = 0  # late arrival + early leave minutes of the month
    kejadian: Mapping[str, int] = field(default_factory=dict)  # "TL2" → 3, "TANPA_KETERANGAN" → 1
    tunggakan: int = 0  # entries of their people left waiting past the deadline (leader cascade)
    hukdis_pct: Decimal = Decimal(0)
    predikat: str = ""  # the month's SKP predikat, when the pemda pays kinerja by predikat

    def as_json(self) -> dict:
        data = asdict(self)
        data["hukdis_pct"] = str(self.hukdis_pct)
        return data

    @classmethod
    def from_json(cls, data: Mapping) -> "MasukanTpp":
        return cls(**{**data, "hukdis_pct": Decimal(str(data.get("hukdis_pct", "0")))})


@dataclass(frozen=True)
class HasilTpp:
    """The components of one employee's TPP (RULES.md §7); money int rupiah, fractions Decimal."""

    besaran: int = 0
    besaran_dibayar: int = 0  # pro rata for the days that pay TPP
    hari_batal: int = 0
    menit_kredit: int = 0
    menit_pengurang: int = 0
    capaian: Decimal = Decimal(0)
    kaskade_pct: Decimal = Decimal(0)
    potongan_disiplin_pct: Decimal = Decimal(0)
    hukdis_pct: Decimal = Decimal(0)
    bagian_kinerja: int = 0
    bagian_disiplin: int = 0
    bruto: int = 0
    potongan_hukdis: int = 0
    bpjs_pegawai: int = 0
    bpjs_pemda: int = 0
    pph: int = 0
    neto: int = 0
    batal: str = ""
    galat: str = ""


def besaran_tpp(m: MasukanTpp, a: NilaiAturan) -> int:
    """The paid amount of the jabatan: a per-jabatan override, else the kelas amount (Perkada TPP)."""
    if m.jabatan_id is not None and m.jabatan_id in a.besaran_jabatan:
        return int(a.besaran_jabatan[m.jabatan_id])
    if m.kelas is None:
        raise ValidationError(_("Jabatan pegawai belum mempunyai kelas jabatan."), code="tanpa_kelas")
    if m.kelas not in a.besaran_kelas:
        raise ValidationError(
            _("Besaran TPP kelas jabatan %(k)s belum diatur pada aturan TPP.") % {"k": m.kelas}, code="tanpa_besaran"
        )
    return int(a.besaran_kelas[m.kelas])


def capaian_predikat(predikat: str, persen: Mapping[str, Decimal]) -> Decimal:
    """The kinerja fraction paid for a monthly SKP predikat (PermenPANRB 6/2022 predikat; Perkada TPP)."""
    if not predikat:
        raise ValidationError(
            _("Predikat kinerja bulan ini belum ditetapkan atasan; TPP dibayar menurut predikat."),
            code="tanpa_predikat",
        )
    if predikat not in persen:
        raise ValidationError(_("Predikat %(p)s tidak ada di aturan TPP.") % {"p": predikat}, code="predikat")
    return min(Decimal(str(persen[predikat])) / Decimal(100), Decimal(1))


def menit_permohonan(m: MasukanTpp, a: NilaiAturan) -> tuple[int, int]:
    """(minutes credited, minutes that lower the cap) of the month (RULES.md §1.5 CLC, §1.7)."""
    kredit = pengurang = 0
    for jenis, hari in m.hari_permohonan.items():
        if jenis in a.cuti_tanpa_tpp:
            continue
        per_hari = int(a.menit_permohonan.get(jenis, 0))
        if per_hari >= 0:
            kredit += per_hari * hari
        else:
            pengurang += -per_hari * hari
    pengurang += m.hari_tanpa_keterangan * a.menit_tanpa_keterangan
    if a.pengurang_menit_terlambat:
        pengurang += m.menit_terlambat
    return kredit, pengurang


def potongan_kaskade(tunggakan: int, a: NilaiAturan) -> Decimal:
    """The leader cascade: percent of the kinerja part cut for entries of their people left waiting
    past the deadline, `kaskade_persen` each, at most `kaskade_maks` (and 100). The TPP and the
    leader's Beranda warning before the month closes both read it here."""
    return min(Decimal(tunggakan) * _d(a.kaskade_persen), _d(a.kaskade_maks), Decimal(100))


def hitung_tpp(m: MasukanTpp, a: NilaiAturan) -> HasilTpp:
    """One employee's TPP of a month (RULES.md §7; Kepahiang split; DKI capaian; SE Mendagri 900/471 BPJS).

    kinerja = besaran × bobot kinerja × capaian × (1 − leader cascade %); disiplin = besaran × bobot
    disiplin × (100% − Σ event cuts); bruto = both, rounded once; a hukuman disiplin cuts bruto;
    BPJS (employee part) and PPh are withheld from the rest. The amount is pro rata to the working
    days that pay: days posted in the pemda (someone who joins or retires mid-month) and not on cuti
    besar/CLTN, out of the month's working days of their unit; a kedudukan hukum that is not paid
    voids the month. A data error (no kelas, no
    amount, unknown event, no PPh rate) gives no amount and says why, it never guesses.
    """
    if m.kedudukan_hukum not in a.kedudukan_dibayar:
        return HasilTpp(batal=_("Kedudukan hukum pegawai tidak menerima TPP (PP 12/2019; Perkada TPP)."))
    hari_batal = min(sum(h for j, h in m.hari_permohonan.items() if j in a.cuti_tanpa_tpp), m.hari_kerja)
    hari_dibayar = m.hari_kerja - hari_batal
    if hari_dibayar <= 0:
        alasan = (
            _("Seluruh hari kerja bulan ini cuti besar atau cuti di luar tanggungan negara: tidak ada TPP.")
            if hari_batal
            else _("Tidak ada hari kerja pada bulan ini.")
        )
        return HasilTpp(hari_batal=hari_batal, batal=alasan)
    kredit, pengurang = menit_permohonan(m, a)
    try:
        besaran = besaran_tpp(m, a)
        penyebut = max(m.hari_kerja_bulan, m.hari_kerja)
        besaran_dibayar = round_rupiah(Decimal(besaran) * hari_dibayar / penyebut)
        if a.kinerja_dari_predikat:
            capaian = capaian_predikat(m.predikat, a.persen_predikat)
        else:
            capaian = capaian_aktivitas(hari_dibayar, m.menit_valid + kredit, pengurang, a.menit_per_hari)
        kaskade = potongan_kaskade(m.tunggakan, a)
        capaian_kinerja = capaian * (Decimal(100) - kaskade) / Decimal(100)
        # a gathering the version in force gives no cut (added after it) cuts 0: the rincian says so
        events = [k for k, n in m.kejadian.items() if k in a.tabel_potongan or k in KODE_PRESENSI for _i in range(n)]
        pct = potongan_disiplin(events, a.tabel_potongan)
        bruto = tpp_bruto(besaran_dibayar, capaian_kinerja, pct, a.bobot_kinerja, a.bobot_disiplin)
        kinerja = round_rupiah(Decimal(besaran_dibayar) * _d(a.bobot_kinerja) * capaian_kinerja)
        hukdis = min(_d(m.hukdis_pct), Decimal(100))
        potongan_hukdis = round_rupiah(Decimal(bruto) * hukdis / Decimal(100))
        dasar = bruto - potongan_hukdis
        bpjs_pegawai, bpjs_pemda = iuran_bpjs(
            m.gaji_dasar, dasar, a.bpjs_batas, a.bpjs_persen_pegawai, a.bpjs_persen_pemda
        )
        pph = 0
        if a.pph_metode == "TARIF_GOLONGAN":
            persen = Decimal(str(lookup_golongan(a.pph_tarif, m.golongan, _("Tarif PPh TPP"))))
            pph = round_rupiah(Decimal(dasar) * persen / Decimal(100))
    except ValidationError as e:
        return HasilTpp(
            hari_batal=hari_batal, menit_kredit=kredit, menit_pengurang=pengurang, galat=" ".join(e.messages)
        )
    return HasilTpp(
        besaran=besaran,
        besaran_dibayar=besaran_dibayar,
        hari_batal=hari_batal,
        menit_kredit=kredit,
        menit_pengurang=pengurang,
        capaian=capaian,
        kaskade_pct=kaskade,
        potongan_disiplin_pct=pct,
        hukdis_pct=hukdis,
        bagian_kinerja=kinerja,
        bagian_disiplin=bruto - kinerja,
        bruto=bruto,
        potongan_hukdis=potongan_hukdis,
        bpjs_pegawai=bpjs_pegawai,
        bpjs_pemda=bpjs_pemda,
        pph=pph,
        neto=dasar - bpjs_pegawai - pph,
    )


# --- the month's workflow (DESIGN.md §3), run by core.workflow -----------------------------------


def _dihitung(m: Move) -> None:
    m.fields["dihitung"] = m.now


def _ditutup(m: Move) -> None:
    m.fields |= {"ditutup": m.now, "dihitung": m.now}


_S, _HR = StatusPeriode, PeranTpp.HR
_HITUNG = {"action": "hitung", "effects": (_dihitung,)}
_TUTUP = {"action": "tutup", "effects": (_ditutup,)}
TRANSISI_PERIODE: list[Transition] = [
    Transition(_S.OPEN, _S.CALCULATED, _HR, **_HITUNG),
    Transition(_S.CALCULATED, _S.CALCULATED, _HR, **_HITUNG),  # recalculate any time before closing
    Transition(_S.CALCULATED, _S.CLOSED, _HR, **_TUTUP),  # rows frozen, the month's data locked
    # with a reason; recalculating then shows the difference
    Transition(_S.CLOSED, _S.REOPENED, _HR, note_required=True, action="buka"),
    Transition(_S.REOPENED, _S.REOPENED, _HR, **_HITUNG),
    Transition(_S.REOPENED, _S.CLOSED, _HR, **_TUTUP),
]
PERIODE_ROLE_MESSAGES = {_HR: gettext_noop("Hanya petugas BKPSDM/keuangan pemda yang dapat mengubah data TPP.")}
PERIODE_NOTE = gettext_noop("Tuliskan alasan membuka kembali bulan ini (paling sedikit 10 huruf).")
PERIODE_STALE = gettext_noop("Status bulan ini baru saja diubah orang lain. Muat ulang halaman.")


def transisi_ditolak(frm: str, to: str) -> str:
    """Why a month cannot make this move now, in the words of the step the user wanted."""
    return {
        StatusPeriode.CLOSED: _("Bulan ini sudah ditutup. Buka kembali dengan alasan untuk menghitung ulang."),
        StatusPeriode.OPEN: _("Bulan ini belum dihitung. Hitung TPP lebih dulu sebelum menutup."),
    }.get(frm, _("Langkah ini tidak dapat dilakukan pada status bulan sekarang."))
