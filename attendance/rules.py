"""Pure attendance rules (DESIGN.md §6): no database, no request."""

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.workflow import Move, Transition

from .choices import PeranPermohonan, StatusPermohonan

# Perpres 21/2023: five working days, Monday to Friday (weekday() 0..4).
HARI_KERJA_MINGGU = frozenset({0, 1, 2, 3, 4})


def is_hari_kerja(day: date, libur: Collection[date] = (), hari_kerja: Collection[int] = HARI_KERJA_MINGGU) -> bool:
    """A working day: a weekday of the schedule that is not a holiday or cuti bersama."""
    return day.weekday() in hari_kerja and day not in libur


def hari_kerja_antara(
    start: date, end: date, libur: Collection[date] = (), hari_kerja: Collection[int] = HARI_KERJA_MINGGU
) -> list[date]:
    """Working days from start to end, both included."""
    days, day = [], start
    while day <= end:
        if is_hari_kerja(day, libur, hari_kerja):
            days.append(day)
        day += timedelta(days=1)
    return days


def tambah_hari_kerja(
    day: date, n: int, libur: Collection[date] = (), hari_kerja: Collection[int] = HARI_KERJA_MINGGU
) -> date:
    """The n-th working day after `day` (n = 0 gives `day` itself)."""
    while n > 0:
        day += timedelta(days=1)
        if is_hari_kerja(day, libur, hari_kerja):
            n -= 1
    return day


# --- contract functions (DESIGN.md §6) --------------------------------------------------------

STATUS_CODES = (
    "HADIR",
    "TERLAMBAT",
    "CUTI",
    "SAKIT",
    "IZIN",
    "DINAS_LUAR",
    "TUGAS_BELAJAR",
    "TANPA_KETERANGAN",
    "LIBUR",
)


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def minutes_late(check_in: time | None, start: time) -> int | None:
    """Whole minutes after the start of work (0 when on time); None when the punch is missing."""
    if check_in is None:
        return None
    return max(0, _minutes(check_in) - _minutes(start))


def minutes_early(check_out: time | None, end: time) -> int | None:
    """Whole minutes before the end of work (0 when on time or later); None when the punch is missing."""
    if check_out is None:
        return None
    return max(0, _minutes(end) - _minutes(check_out))


# PermenPANRB-style bands (RULES.md §1.6a): 1–30, 31–60, 61–90, ≥ 91 or a missing punch. A pemda may
# set other upper bounds of bands 1–3 (attendance.AturanPresensi.batas_tl1..3, issue 16).
BATAS_BAND = (30, 60, 90)


def _band(minutes: int | None, prefix: str, batas: tuple[int, int, int] = BATAS_BAND) -> str | None:
    if minutes is None:
        return f"{prefix}4"
    if minutes < 0:
        raise ValidationError("minutes must not be negative")
    if minutes == 0:
        return None
    for i, atas in enumerate(batas, start=1):
        if minutes <= atas:
            return f"{prefix}{i}"
    return f"{prefix}4"


def late_band(minutes: int | None, *, batas: tuple[int, int, int] = BATAS_BAND) -> str | None:
    """TL1 (1–30 min), TL2 (31–60), TL3 (61–90), TL4 (≥ 91 or no check-in); None when on time.
    `batas`: the upper bounds of TL1–TL3 when the pemda set others."""
    return _band(minutes, "TL", batas)


def early_band(minutes: int | None, *, batas: tuple[int, int, int] = BATAS_BAND) -> str | None:
    """PSW1 (1–30 min), PSW2 (31–60), PSW3 (61–90), PSW4 (≥ 91 or no check-out); None when on time.
    `batas`: the upper bounds of PSW1–PSW3 when the pemda set others."""
    return _band(minutes, "PSW", batas)


def cuti_tahunan_hak(tahun: int, terpakai: Mapping[int, int]) -> int:
    """Cuti tahunan entitlement in `tahun` (PP 11/2017 Pasal 310–314).

    12 working days a year; the unused rest of the previous year carries over up to 6 (a total of
    18); when the entitlement of the two previous years went wholly unused, up to 24. A year absent
    from `terpakai` had no entitlement (for example before one year of service).
    """
    base = 12
    prev, prev2 = tahun - 1, tahun - 2
    if prev not in terpakai:
        return base
    if prev2 in terpakai and terpakai[prev] == 0 and terpakai[prev2] == 0:
        return 24
    sisa = max(0, cuti_tahunan_hak(prev, terpakai) - terpakai[prev])
    return base + min(6, sisa)


SANKSI_BANDS = (
    # PP 94/2021: cumulative days absent without a valid reason in one year
    (28, "PEMBERHENTIAN"),
    (25, "PEMBEBASAN_JABATAN"),
    (21, "PENURUNAN_JABATAN"),
    (17, "POTONG_TUKIN_25_12"),
    (14, "POTONG_TUKIN_25_9"),
    (11, "POTONG_TUKIN_25_6"),
    (7, "PERNYATAAN_TIDAK_PUAS"),
    (4, "TEGURAN_TERTULIS"),
    (3, "TEGURAN_LISAN"),
)


def sanksi_ketidakhadiran(hari: int, berturut_turut: int = 0) -> str | None:
    """The PP 94/2021 sanction for days absent without a valid reason in a year (10 in a row: dismissal)."""
    if hari < 0 or berturut_turut < 0:
        raise ValidationError("days must not be negative")
    if berturut_turut >= 10:
        return "PEMBERHENTIAN"
    for threshold, code in SANKSI_BANDS:
        if hari >= threshold:
            return code
    return None


# --- schedules and the day's status (issue 5) -------------------------------------------------


@dataclass(frozen=True)
class JamKerja:
    """The hours of one working day of a schedule."""

    masuk: time
    pulang: time
    istirahat_mulai: time | None = None
    istirahat_selesai: time | None = None


# Perpres 21/2023 (Keppres 68/1995 hours): Mon–Thu 07.30–16.00 break 12.00–13.00; Fri 07.30–16.30
# break 11.30–13.00; Saturday and Sunday are not worked. Used when a pemda has entered no schedule.
JADWAL_DEFAULT: Mapping[int, JamKerja] = {
    **{d: JamKerja(time(7, 30), time(16, 0), time(12, 0), time(13, 0)) for d in (0, 1, 2, 3)},
    4: JamKerja(time(7, 30), time(16, 30), time(11, 30), time(13, 0)),
}

# A check-out must come this long after the check-in; closer punches are one person pressing twice.
JEDA_PULANG_MENIT = 60


class HasilHari(NamedTuple):
    status: str
    jam_masuk: time | None
    jam_pulang: time | None
    menit_terlambat: int | None
    menit_pulang_cepat: int | None
    band_tl: str | None
    band_psw: str | None


def _detik(t: time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


def masuk_pulang(absen: Sequence[time], jeda_menit: int = JEDA_PULANG_MENIT) -> tuple[time | None, time | None]:
    """The day's check-in (the first punch) and check-out (the last, when at least `jeda_menit` later)."""
    if not absen:
        return None, None
    urut = sorted(absen)
    masuk, terakhir = urut[0], urut[-1]
    pulang = terakhir if _detik(terakhir) - _detik(masuk) >= jeda_menit * 60 else None
    return masuk, pulang


def status_hari(
    *,
    hari_kerja: bool,
    libur: bool,
    absen: Sequence[time],
    masuk: time | None,
    pulang: time | None,
    permohonan: str | None = None,
    jeda_menit: int = JEDA_PULANG_MENIT,
    batas: tuple[int, int, int] = BATAS_BAND,
) -> HasilHari:
    """A day's status from the schedule, the holidays, the punches and an approved request.

    A holiday or a day the schedule does not work is LIBUR (punches on it are kept, nothing is cut);
    an approved request gives its status without bands; a working day without a punch is
    TANPA_KETERANGAN; otherwise late/early minutes and bands TL1–TL4 / PSW1–PSW4 (RULES.md §1.6a),
    a missing check-out being PSW4.
    """
    jam_masuk, jam_pulang = masuk_pulang(absen, jeda_menit)
    if libur or not hari_kerja or masuk is None or pulang is None:
        return HasilHari("LIBUR", jam_masuk, jam_pulang, None, None, None, None)
    if permohonan is not None:
        if permohonan not in STATUS_CODES:
            raise ValidationError(f"unknown status {permohonan!r}")
        return HasilHari(permohonan, jam_masuk, jam_pulang, None, None, None, None)
    if jam_masuk is None:
        return HasilHari("TANPA_KETERANGAN", None, None, None, None, None, None)
    telat = minutes_late(jam_masuk, masuk)
    cepat = minutes_early(jam_pulang, pulang)
    tl, psw = late_band(telat, batas=batas), early_band(cepat, batas=batas)
    status = "TERLAMBAT" if tl or psw else "HADIR"
    return HasilHari(status, jam_masuk, jam_pulang, telat, cepat, tl, psw)


def tanpa_keterangan_berturut(statuses: Iterable[str]) -> int:
    """The longest run of TANPA_KETERANGAN working days (days off in between do not break it)."""
    terpanjang = kini = 0
    for s in statuses:
        if s == "TANPA_KETERANGAN":
            kini += 1
            terpanjang = max(terpanjang, kini)
        elif s != "LIBUR":
            kini = 0
    return terpanjang


# --- when a day's attendance is final (issue 13) ------------------------------------------------

# Statuses read from the punches: a punch that has not arrived yet can still change them.
STATUS_DARI_ABSEN = frozenset({"HADIR", "TERLAMBAT", "TANPA_KETERANGAN"})
# Statuses that keep a pegawai from entering activities on a final day, when the pemda's rule is on
# (AturanPresensi.blokir_aktivitas): absent without explanation, or on leave. Work on a holiday or a
# day off may be logged (the "Hari ini" page says so; the verifier sees that it was a day off).
STATUS_TANPA_AKTIVITAS = frozenset({"TANPA_KETERANGAN", "CUTI"})


def hari_final(tanggal: date, *, hari_ini: date, status: str, manual: bool, data_sampai: date | None) -> bool:
    """A day's stored status is final: it can no longer change by itself.

    Never today or later. A status set by a person (an admin's correction, an approved request) or by
    the calendar (a holiday, a day off) is final once the day is past. A status read from the punches
    is final once the OPD's machine data has reached a later day (`data_sampai`, the local date of the
    latest punch received from the OPD's machines or feed): until then a file not yet uploaded may
    still bring the day's punches.
    """
    if tanggal >= hari_ini:
        return False
    if manual or status not in STATUS_DARI_ABSEN:
        return True
    return data_sampai is not None and data_sampai > tanggal


# --- the leave request workflow (DESIGN.md §3), run by core.workflow --------------------------------
# Guards and effects read the database only through `m.ctx` (attendance.services.permohonan).


def _satu_tingkat(m: Move) -> None:
    if m.ctx.dua_tingkat():
        raise ValidationError(_("Cuti ini perlu persetujuan tingkat kedua: setujui sebagai atasan langsung."))


def _dua_tingkat(m: Move) -> None:
    if not m.ctx.dua_tingkat():
        raise ValidationError(_("Permohonan ini cukup disetujui satu tingkat."))


def _putusan(m: Move) -> None:
    """An approval (or its withdrawal) touches the days: their months must be open. The decider is
    stored, with the note; a final state stamps the decision."""
    if StatusPermohonan.DISETUJUI in (m.frm, m.to):
        m.ctx.check_open_months()
    if m.role == PeranPermohonan.ATASAN:
        m.fields["penyetuju"] = m.ctx.atasan
    if m.role == PeranPermohonan.ATASAN_ATASAN:
        m.fields["penyetuju_kedua"] = m.ctx.atasan2
    if m.role != PeranPermohonan.OWNER:
        m.fields["catatan"] = m.note
    if m.to in (StatusPermohonan.DISETUJUI, StatusPermohonan.DITOLAK, StatusPermohonan.DIBATALKAN):
        m.fields["diputus"] = m.now


def _hitung_ulang_hari(m: Move) -> None:
    """An approval, or the undoing of one, has the day statuses of the request's dates recomputed."""
    if StatusPermohonan.DISETUJUI in (m.frm, m.to):
        m.ctx.recompute_days()


_S, _P = StatusPermohonan, PeranPermohonan
PERMOHONAN_TRANSITIONS: list[Transition] = [
    # one level (or two-level with nobody above the atasan)
    Transition(_S.DIAJUKAN, _S.DISETUJUI, _P.ATASAN, action="setujui", guards=(_satu_tingkat,)),
    # a cuti when the pemda wants a second level
    Transition(_S.DIAJUKAN, _S.DISETUJUI_ATASAN, _P.ATASAN, action="setujui", guards=(_dua_tingkat,)),
    Transition(_S.DISETUJUI_ATASAN, _S.DISETUJUI, _P.ATASAN_ATASAN, action="setujui"),
    # a refusal always says why
    Transition(_S.DIAJUKAN, _S.DITOLAK, _P.ATASAN, True, action="tolak"),
    Transition(_S.DISETUJUI_ATASAN, _S.DITOLAK, _P.ATASAN_ATASAN, True, action="tolak"),
    Transition(_S.DIAJUKAN, _S.DIBATALKAN, _P.OWNER, action="batalkan"),
    # an approved request withdrawn (the pegawai came back early, the trip was called off): the atasan,
    # with a note; the days of the open months are recomputed
    Transition(
        _S.DISETUJUI,
        _S.DIBATALKAN,
        _P.ATASAN,
        True,
        gettext_noop("Tulis catatan: mengapa permohonan yang sudah disetujui dibatalkan."),
        action="batalkan",
    ),
]
PERMOHONAN_EFFECTS = (_putusan,)
PERMOHONAN_AFTER = (_hitung_ulang_hari,)
PERMOHONAN_NOTE = gettext_noop("Tulis catatan: mengapa permohonan ini ditolak.")
PERMOHONAN_ROLE_MESSAGES = {
    _P.OWNER: gettext_noop("Hanya pegawai yang mengajukan yang dapat membatalkan permohonan ini."),
    _P.ATASAN: gettext_noop("Hanya atasan langsung pegawai pada tanggal mulai permohonan yang dapat memutusnya."),
    _P.ATASAN_ATASAN: gettext_noop(
        "Hanya atasan dari atasan pegawai pada tanggal mulai permohonan yang dapat memutus tingkat kedua."
    ),
}
PERMOHONAN_NOT_IN_TABLE = gettext_noop("Permohonan berstatus %(s)s tidak dapat diubah menjadi %(t)s.")
PERMOHONAN_STALE = gettext_noop(
    "Permohonan ini baru saja diproses oleh orang lain. Muat ulang halaman untuk melihat statusnya."
)
