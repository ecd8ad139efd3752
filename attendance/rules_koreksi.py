"""Pure rules of attendance moderation (issue 16): the correction request workflow (run by
core.workflow; the database only through `m.ctx`, attendance.services.koreksi), what an approved
correction makes of a day, and which days a machine outage marks present. No database, no request.
"""

from datetime import time

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.workflow import Move, Transition

from .choices_koreksi import JenisKoreksi, PeranKoreksi, StatusKoreksi
from .rules import early_band, late_band, minutes_early, minutes_late

# A correction covers one day or a short range (a trip, a week the machine missed someone). A design
# default, no regulation sets it: a longer absence is a leave or dinas luar request.
KOREKSI_MAKS_HARI = 7


def status_koreksi(jenis: str, jam_masuk: time | None, jam_pulang: time | None, jadwal) -> str:
    """The day status an approved correction gives: HADIR for "present, not recorded"; DINAS_LUAR;
    for corrected times, TERLAMBAT when the times are still late or early against the pegawai's
    schedule that day (`jadwal`: masuk/pulang, or None on a day off), else HADIR."""
    if jenis == JenisKoreksi.DINAS_LUAR:
        return "DINAS_LUAR"
    if jenis == JenisKoreksi.HADIR or jadwal is None:
        return "HADIR"
    tl = late_band(minutes_late(jam_masuk, jadwal.masuk))
    psw = early_band(minutes_early(jam_pulang, jadwal.pulang))
    return "TERLAMBAT" if tl or psw else "HADIR"


# Day statuses a machine outage turns into HADIR: no punch at all, or a missing punch (band 4 with no
# minutes); never a leave, a holiday or a day off, nor a day a person already corrected.
def perlu_ditandai_hadir(
    *,
    status: str,
    manual: bool,
    menit_terlambat: int | None,
    menit_pulang_cepat: int | None,
    band_tl: str,
    band_psw: str,
) -> bool:
    if manual:
        return False
    if status == "TANPA_KETERANGAN":
        return True
    if status != "TERLAMBAT":
        return False
    tanpa_masuk = band_tl == "TL4" and menit_terlambat is None
    tanpa_pulang = band_psw == "PSW4" and menit_pulang_cepat is None
    return tanpa_masuk or tanpa_pulang


# --- the workflow -----------------------------------------------------------------------------


def _bulan_terbuka(m: Move) -> None:
    """An approval changes the days: their months must still be open (TPP not closed)."""
    if m.to == StatusKoreksi.DISETUJUI:
        m.ctx.check_open_months()


def _putusan(m: Move) -> None:
    """The decider, in which capacity, their note and the time of the decision are stored."""
    if m.role == PeranKoreksi.PEMUTUS:
        m.fields["diputus_oleh"] = m.actor
        m.fields["diputus_sebagai"] = m.ctx.sebagai
        m.fields["catatan"] = m.note
    m.fields["diputus"] = m.now


def _terapkan(m: Move) -> None:
    """An approval changes the days, in the move's transaction (attendance.services.hari)."""
    if m.to == StatusKoreksi.DISETUJUI:
        m.ctx.terapkan()


_S, _P = StatusKoreksi, PeranKoreksi
KOREKSI_TRANSITIONS: list[Transition] = [
    Transition(_S.DIAJUKAN, _S.DISETUJUI, _P.PEMUTUS, action="setujui", guards=(_bulan_terbuka,)),
    Transition(_S.DIAJUKAN, _S.DITOLAK, _P.PEMUTUS, True, action="tolak"),
    Transition(_S.DIAJUKAN, _S.DIBATALKAN, _P.PEMOHON, action="batalkan"),
]
KOREKSI_EFFECTS = (_putusan,)
KOREKSI_AFTER = (_terapkan,)
KOREKSI_NOTE = gettext_noop("Tulis catatan: mengapa koreksi presensi ini ditolak.")
KOREKSI_ROLE_MESSAGES = {
    _P.PEMOHON: gettext_noop("Hanya yang mengajukan koreksi ini (atau pegawainya) yang dapat membatalkannya."),
    _P.PEMUTUS: gettext_noop(
        "Koreksi presensi diputus oleh atasan langsung pegawai atau admin kepegawaian OPD-nya, dan tidak oleh "
        "pegawai itu sendiri atau orang yang mengajukannya."
    ),
}
KOREKSI_NOT_IN_TABLE = gettext_noop("Koreksi presensi berstatus %(s)s tidak dapat diubah menjadi %(t)s.")
KOREKSI_STALE = gettext_noop(
    "Koreksi presensi ini baru saja diproses oleh orang lain. Muat ulang halaman untuk melihat statusnya."
)


def periksa_isian(*, jenis: str, mulai, selesai, hari_ini, jam_masuk, jam_pulang, alasan: str) -> None:
    """The checks of a correction's fields that need no database; a ValidationError per field."""
    errors: dict[str, str] = {}
    if jenis not in JenisKoreksi.values:
        errors["jenis"] = _("Pilih koreksi yang diminta dari daftar.")
    if not alasan:
        errors["alasan"] = _("Tulis alasan koreksi.")
    if selesai < mulai:
        errors["selesai"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    elif (selesai - mulai).days + 1 > KOREKSI_MAKS_HARI:
        errors["selesai"] = _(
            "Koreksi paling lama %(n)d hari. Untuk ketidakhadiran yang lebih lama, ajukan cuti, izin atau dinas luar."
        ) % {"n": KOREKSI_MAKS_HARI}
    if selesai > hari_ini:
        errors["selesai"] = _("Hari yang belum tiba tidak dapat dikoreksi.")
    if jenis == JenisKoreksi.JAM:
        if jam_masuk is None and jam_pulang is None:
            errors["jam_masuk"] = _("Isi jam masuk atau jam pulang yang benar.")
        if mulai != selesai:
            errors["selesai"] = _("Jam masuk/pulang dibetulkan untuk satu hari saja: isi sama dengan tanggal mulai.")
    if jam_masuk and jam_pulang and jam_pulang <= jam_masuk:
        errors["jam_pulang"] = _("Jam pulang harus setelah jam masuk.")
    if errors:
        raise ValidationError(errors)
