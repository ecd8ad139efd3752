"""Pure rules of the anomaly flags (issue 18): no database, no request, no clock.

`activities.kejanggalan` reads a pemda-month in bulk and passes plain rows in; these functions say
which entries deserve a second look and explain each flag in one Indonesian sentence. A flag asks
the approver to look; it never blocks a move. The thresholds are the pemda's dated settings
(`AturanAktivitas.kemiripan_teks_persen`, `teks_berulang_hari`, `teks_rekan_orang`, `teks_min_huruf`,
`stempel_min_aktivitas`, `stempel_detik_per_aktivitas`), passed in as arguments.
"""

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from .choices import JenisKejanggalan

# At most this many other entries are named in a flag's `terkait` (the queue shows a few, not all).
TERKAIT_MAKS = 20

# An activity may start or end this many minutes outside the day's check-in/check-out before it is
# flagged: a punch taken at the door a few minutes after the first task began is no anomaly.
TOLERANSI_JAM_MENIT = 15

# Two approvals belong to one batch when the second comes at most this many seconds after the first
# (a bulk move writes its log rows milliseconds apart; clicking through a queue, a few seconds).
JEDA_KELOMPOK_DETIK = 30

# --- text ---------------------------------------------------------------------------------------------

_BUKAN_HURUF = re.compile(r"[\W\d_]+", re.UNICODE)


def normalisasi(teks: str) -> str:
    """A result text as it is compared: lower case, digits and punctuation removed, whitespace
    collapsed ("Rapat 3, ruang 2" and "rapat ruang" are the same text: a changed number or comma is
    no new work)."""
    return " ".join(_BUKAN_HURUF.sub(" ", (teks or "").lower()).split())


def _batas_panjang(persen: int) -> float:
    """fuzz.ratio(a, b) = 2·matches / (len a + len b) · 100 ≥ persen needs len b ≤ len a · (200 − p) / p:
    texts farther apart in length cannot reach the threshold and are never compared."""
    return (200 - persen) / persen


def tetangga_mirip(teks: Sequence[str], persen: int) -> list[list[int]]:
    """For each text (distinct, normalised), the indexes of the texts at least `persen` similar to it
    (rapidfuzz `fuzz.ratio`), itself included. Blocked by length (see `_batas_panjang`), so a block
    of texts of varied lengths costs far fewer than n² comparisons."""
    if persen >= 100:
        return [[i] for i in range(len(teks))]
    urut = sorted(range(len(teks)), key=lambda i: len(teks[i]))
    panjang = [len(teks[i]) for i in urut]
    pilihan = [teks[i] for i in urut]
    faktor = _batas_panjang(persen)
    hasil: list[list[int]] = [[] for _ in teks]
    for pos, i in enumerate(urut):
        n = panjang[pos]
        lo, hi = bisect_left(panjang, n / faktor - 1e-9), bisect_right(panjang, n * faktor + 1e-9)
        if hi - lo == 1:
            hasil[i] = [i]
            continue
        cocok = process.extract(
            teks[i], pilihan[lo:hi], scorer=fuzz.ratio, processor=None, score_cutoff=persen, limit=None
        )
        hasil[i] = sorted(urut[lo + k] for _t, _s, k in cocok)
    return hasil


# Up to this many distinct texts in one OPD-day are all compared with each other; a larger block (the
# teachers of a whole education office write ~30,000 entries a day) is compared within sub-blocks of
# texts sharing their first two or their last two words: a near copy (a typo, a changed word) keeps
# one end of the sentence, and 30,000² comparisons a day would not finish in a night.
BLOK_PENUH = 2000


def tetangga_mirip_blok(teks: Sequence[str], persen: int, penuh: int = BLOK_PENUH) -> list[list[int]]:
    """`tetangga_mirip`, exact up to `penuh` texts; beyond, within the sub-blocks described above."""
    if len(teks) <= penuh:
        return tetangga_mirip(teks, persen)
    blok: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, t in enumerate(teks):
        kata = t.split()
        blok[("a", " ".join(kata[:2]))].append(i)
        blok[("z", " ".join(kata[-2:]))].append(i)
    hasil: list[set[int]] = [{i} for i in range(len(teks))]
    for ids in blok.values():
        if len(ids) > 1:
            for k, dekat in enumerate(tetangga_mirip([teks[i] for i in ids], persen)):
                hasil[ids[k]].update(ids[j] for j in dekat)
    return [sorted(h) for h in hasil]


@dataclass(frozen=True)
class Entri:
    """An entry as the text rules see it: its id, owner, the owner's OPD, its day and normalised text."""

    id: int
    pegawai: int
    opd: int | None
    tanggal: date
    teks: str


@dataclass
class Temuan:
    """Why one entry is flagged: a count for its sentence and the other entries involved."""

    n: int
    terkait: list[int] = field(default_factory=list)


def _terkait(ids: Iterable[int], sendiri: int) -> list[int]:
    return sorted(i for i in set(ids) if i != sendiri)[:TERKAIT_MAKS]


def teks_berulang(entri: Iterable[Entri], *, persen: int, hari: int, min_huruf: int) -> dict[int, Temuan]:
    """TEKS_BERULANG: an entry whose text the same person also used (the same or ≥ `persen` similar)
    on at least `hari` distinct days of the month, its own day counting. Texts shorter than
    `min_huruf` letters (after normalisation) are not compared: "rapat" every day says nothing.
    entry id → (the number of days, the other entries with such a text)."""
    per_orang: dict[int, list[Entri]] = defaultdict(list)
    for e in entri:
        if len(e.teks) >= min_huruf:
            per_orang[e.pegawai].append(e)
    hasil: dict[int, Temuan] = {}
    for rows in per_orang.values():
        if len({e.tanggal for e in rows}) < hari:
            continue
        per_teks: dict[str, list[Entri]] = defaultdict(list)
        for e in rows:
            per_teks[e.teks].append(e)
        unik = list(per_teks)
        for i, dekat in enumerate(tetangga_mirip(unik, persen)):
            kelompok = [e for j in dekat for e in per_teks[unik[j]]]
            n = len({e.tanggal for e in kelompok})
            if n >= hari:
                ids = [e.id for e in kelompok]
                for e in per_teks[unik[i]]:
                    hasil[e.id] = Temuan(n, _terkait(ids, e.id))
    return hasil


def teks_rekan(entri: Iterable[Entri], *, persen: int, orang: int, min_huruf: int) -> dict[int, Temuan]:
    """TEKS_REKAN: an entry whose text at least `orang` distinct people of the same OPD used in the
    month (itself counting): the very same normalised text anywhere in the month, or a text at least
    `persen` similar on the same day. Blocked by OPD, by exact text, and by OPD and day for the
    near matches, so 10,000 people cost a few thousand small comparisons, not a 10,000² one.
    entry id → (the number of people, the other people's entries with such a text)."""
    per_kunci: dict[tuple[int | None, str], list[Entri]] = defaultdict(list)
    per_hari: dict[tuple[int | None, date], dict[str, list[Entri]]] = defaultdict(lambda: defaultdict(list))
    for e in entri:
        if len(e.teks) >= min_huruf and e.opd is not None:
            per_kunci[(e.opd, e.teks)].append(e)
            per_hari[(e.opd, e.tanggal)][e.teks].append(e)
    hasil: dict[int, Temuan] = {}

    def tandai(sasaran: list[Entri], kelompok: list[Entri]) -> None:
        n = len({e.pegawai for e in kelompok})
        if n < orang:
            return
        for e in sasaran:
            lama = hasil.get(e.id)
            if lama is None or n > lama.n:
                hasil[e.id] = Temuan(n, _terkait((k.id for k in kelompok if k.pegawai != e.pegawai), e.id))

    for rows in per_kunci.values():
        tandai(rows, rows)
    for per_teks in per_hari.values() if persen < 100 else ():
        for sasaran, kelompok in _mirip_sehari(per_teks, persen, orang):
            tandai(sasaran, kelompok)
    return hasil


def _mirip_sehari(per_teks: dict[str, list[Entri]], persen: int, orang: int):
    """The near matches of one OPD-day: (the entries of a text, those of every text similar to it)."""
    if len({e.pegawai for rows in per_teks.values() for e in rows}) < orang:
        return
    unik = list(per_teks)
    for i, dekat in enumerate(tetangga_mirip_blok(unik, persen)):
        if len(dekat) > 1:
            yield per_teks[unik[i]], [e for j in dekat for e in per_teks[unik[j]]]


# --- evidence ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bukti:
    """An entry's evidence file by content: id, owner, day and the file's SHA-256."""

    id: int
    pegawai: int
    tanggal: date
    sha256: str


def bukti_berulang(bulan: Iterable[Bukti], semua: Iterable[Bukti]) -> dict[int, Temuan]:
    """BUKTI_BERULANG: an entry of the month whose evidence file has the same content (SHA-256) as
    the file of an entry of another day, or of another person, anywhere in the pemda (`semua`: every
    entry with one of those hashes, the month's own included). The same file on two entries of one
    person on one day (a meeting report for two tasks of that meeting) is not flagged.
    entry id → (the number of such other entries, their ids)."""
    per_hash: dict[str, list[Bukti]] = defaultdict(list)
    for b in semua:
        per_hash[b.sha256].append(b)
    hasil: dict[int, Temuan] = {}
    for b in bulan:
        lain = [
            x.id
            for x in per_hash.get(b.sha256, ())
            if x.id != b.id and (x.tanggal, x.pegawai) != (b.tanggal, b.pegawai)
        ]
        if lain:
            hasil[b.id] = Temuan(len(set(lain)), _terkait(lain, b.id))
    return hasil


# --- time ---------------------------------------------------------------------------------------------


def _menit(t: time) -> int:
    return t.hour * 60 + t.minute


def di_luar_jam(
    jam_mulai: time, jam_selesai: time, masuk: time, pulang: time, toleransi: int = TOLERANSI_JAM_MENIT
) -> bool:
    """DI_LUAR_JAM: the activity starts before the day's check-in or ends after its check-out by more
    than `toleransi` minutes (both punches present; the caller checks that the day is final)."""
    return _menit(jam_mulai) < _menit(masuk) - toleransi or _menit(jam_selesai) > _menit(pulang) + toleransi


def panjang_hari_menit(masuk: time, pulang: time) -> int:
    """MELEBIHI_HARI's limit: a working day is as long as its schedule from start to end, the break
    included (someone may well work through it), so only minutes beyond the whole day are flagged."""
    return _menit(pulang) - _menit(masuk)


# --- rubber-stamping --------------------------------------------------------------------------------


@dataclass
class Stempel:
    """An approver's month: approvals, those in fast batches and how many batches, returns."""

    disetujui: int = 0
    kilat: int = 0
    kelompok_kilat: int = 0
    dikembalikan: int = 0
    tanda: bool = False
    penjelasan: str = ""


def kelompok_kilat(waktu: Sequence[datetime], *, min_aktivitas: int, detik_per_aktivitas: int) -> tuple[int, int]:
    """The approvals of one approver (their times) that came in fast batches, and how many batches.

    A batch: approvals each at most `JEDA_KELOMPOK_DETIK` seconds after the previous one. A batch is
    fast when it holds at least `min_aktivitas` entries and took less than `detik_per_aktivitas`
    seconds per entry (its span from first to last approval divided by its size): a bulk approval of a
    whole queue in one click, or clicking through it without opening the entries."""
    urut = sorted(waktu)
    kilat = kelompok = 0
    mulai = 0
    for i in range(1, len(urut) + 1):
        if i < len(urut) and (urut[i] - urut[i - 1]).total_seconds() <= JEDA_KELOMPOK_DETIK:
            continue
        n = i - mulai
        if n >= min_aktivitas and (urut[i - 1] - urut[mulai]).total_seconds() / n < detik_per_aktivitas:
            kilat += n
            kelompok += 1
        mulai = i
    return kilat, kelompok


def rekap_stempel(
    persetujuan: dict[int, Sequence[datetime]],
    kembali: dict[int, int],
    *,
    min_aktivitas: int,
    detik_per_aktivitas: int,
) -> dict[int, Stempel]:
    """The month of every approver of a pemda (approver → approval times; approver → returns).

    `tanda` (rubber-stamping, shown to HR only) when all three hold: most (more than half) of their
    approvals came in fast batches (`kelompok_kilat`); they returned none; and their peers, the other
    approvers of the pemda with at least `min_aktivitas` approvals, returned some (a share of their
    decisions above zero). Without peers who return anything there is nothing to compare with."""
    hasil: dict[int, Stempel] = {}
    for pid in set(persetujuan) | set(kembali):
        waktu = persetujuan.get(pid, ())
        kilat, kelompok = kelompok_kilat(waktu, min_aktivitas=min_aktivitas, detik_per_aktivitas=detik_per_aktivitas)
        hasil[pid] = Stempel(len(waktu), kilat, kelompok, kembali.get(pid, 0))
    for pid, s in hasil.items():
        if not (s.kilat * 2 > s.disetujui and s.dikembalikan == 0):
            continue
        rekan = [r for k, r in hasil.items() if k != pid and r.disetujui >= min_aktivitas]
        putusan = sum(r.disetujui + r.dikembalikan for r in rekan)
        dikembalikan = sum(r.dikembalikan for r in rekan)
        if not putusan or not dikembalikan:
            continue
        s.tanda = True
        s.penjelasan = _(
            "Menyetujui %(n)d aktivitas, %(kilat)d di antaranya dalam %(kelompok)d kelompok kilat (kurang dari "
            "%(detik)d detik per aktivitas), tanpa mengembalikan satu pun, sedangkan %(rekan)d rekan penyetuju "
            "mengembalikan %(persen)s%% dari keputusan mereka."
        ) % {
            "n": s.disetujui,
            "kilat": s.kilat,
            "kelompok": s.kelompok_kilat,
            "detik": detik_per_aktivitas,
            "rekan": len(rekan),
            "persen": f"{100 * dikembalikan / putusan:.1f}".replace(".", ","),
        }
    return hasil


# --- the sentences ----------------------------------------------------------------------------------


def penjelasan(jenis: str, **angka) -> str:
    """The one sentence a flag explains itself with (in the active language; the job stores it in the
    installation's language)."""
    J = JenisKejanggalan
    if jenis == J.TEKS_BERULANG:
        return _("Uraian yang sama atau hampir sama ditulis pegawai ini pada %(n)d hari bulan ini.") % angka
    if jenis == J.TEKS_REKAN:
        return _("Uraian yang sama atau hampir sama ditulis oleh %(n)d pegawai OPD ini bulan ini.") % angka
    if jenis == J.SALINAN:
        return _("Disalin dari aktivitas tanggal %(tanggal)s tanpa mengubah uraiannya.") % angka
    if jenis == J.BUKTI_BERULANG:
        return _("Berkas bukti yang sama juga dilampirkan pada %(n)d aktivitas lain (hari atau pegawai lain).") % angka
    if jenis == J.DI_LUAR_JAM:
        return _("Waktu aktivitas %(mulai)s–%(selesai)s di luar jam hadir %(masuk)s–%(pulang)s hari itu.") % angka
    if jenis == J.TIDAK_HADIR:
        return _("Presensi hari itu tercatat tanpa keterangan.")
    if jenis == J.CUTI:
        return _("Presensi hari itu tercatat %(status)s.") % angka
    if jenis == J.MELEBIHI_HARI:
        return _("Aktivitas hari itu berjumlah %(n)d menit, melebihi %(batas)d menit hari kerja.") % angka
    raise ValueError(jenis)
