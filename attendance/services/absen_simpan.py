"""Storing punches (issue 5): PIN/NIP mapped to pegawai, every punch written in ONE transaction or
nothing at all, then the days they touch recomputed.

`absen_impor` (a machine file) and `absen_api_simpan` (the integration API) map PIN/NIP to pegawai
with a handful of set queries (never one per line); a file with any bad line imports nothing and
lists each bad line (issue 5, "A file with errors imports nothing"). A punch already stored (a
re-upload, an overlapping file) is skipped and counted; a double read of the same finger seconds
apart is kept, since the day computation takes the first and last punch.
"""

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Pegawai, User
from accounts.permissions import ensure, is_org_admin
from accounts.selectors import pegawai_visible_to
from core.imports import DaftarError, stored_upload
from core.jobs import job_finish, job_run, job_start

from ..choices import SumberAbsen
from ..models import Absen, AturanPresensi, CakupanAbsen, ImporAbsen, PinMesin, TokenIntegrasi
from .absen_baca import BarisAbsen, parse_api_items, parse_berkas

logger = logging.getLogger(__name__)

MAX_ERRORS = 200  # a wrong file can fail on every line; the first ones show why
BATCH = 5000


@dataclass
class HasilImpor:
    """What an import did, for the clerk: new punches, those already stored, whom and which dates."""

    total: int = 0
    baru: int = 0
    sudah_ada: int = 0
    pegawai: int = 0
    mulai: date | None = None
    selesai: date | None = None
    errors: list[str] = field(default_factory=list)  # "Baris N: alasan", at most MAX_ERRORS
    jumlah_error: int = 0
    pin_tidak_dikenal: list[str] = field(default_factory=list)
    impor: ImporAbsen | None = None
    pernah_diunggah: datetime | None = None  # the same file content came before
    dihitung_ulang: bool | None = None  # None: the day computation is not available yet
    api_errors: list[tuple[int, str]] = field(default_factory=list)  # (item index, reason) for the API

    @property
    def ok(self) -> bool:
        return not self.jumlah_error

    @property
    def errors_hidden(self) -> int:
        return max(self.jumlah_error - len(self.errors), 0)


# --- mapping and writing -----------------------------------------------------------------------


def _nip_map(nips: set[str], *, pemda_id: int | None) -> dict[str, int]:
    """NIP → pegawai id, in the pemda when there is one (another pemda's NIP is not found)."""
    if not nips:
        return {}
    by_nip = Pegawai.objects.filter(nip__in=nips)
    if pemda_id is not None:
        by_nip = by_nip.filter(pemda_id=pemda_id)
    return dict(by_nip.values_list("nip", "pk"))


def _resolve(
    punches: list[BarisAbsen],
    *,
    pemda_id: int | None,
    scope: QuerySet[Pegawai],
    errors: DaftarError,
    outside_message: str = "",
) -> tuple[list[tuple[int, int, datetime, str]], list[str]]:
    """PIN → pegawai (machine-specific mapping first, then mesin ""), NIP → pegawai; then scope.

    A NIP is looked up in the pemda only: another pemda's NIP gets the same answer as an unknown one
    (issue 15), never "outside your scope". `outside_message` is the message for a pegawai out of `scope`.
    Returns ((line, pegawai_id, waktu, mesin) for the good punches, unknown PINs). Five queries at
    most, whatever the number of lines.
    """
    pins = {p.pin for p in punches if p.pin}
    nips = {p.nip for p in punches if p.nip}
    pin_map: dict[tuple[str, str], int] = {}
    if pins and pemda_id is not None:
        mesins = {p.mesin for p in punches if p.pin} | {""}
        rows = PinMesin.objects.filter(pemda_id=pemda_id, pin__in=pins, mesin__in=mesins)
        pin_map = {(m, pin): pid for m, pin, pid in rows.values_list("mesin", "pin", "pegawai_id")}
    nip_map = _nip_map(nips, pemda_id=pemda_id)

    mapped: list[tuple[int, int, datetime, str]] = []
    unknown: dict[str, None] = {}
    for p in punches:
        if p.pin:
            pid = pin_map.get((p.mesin, p.pin)) or pin_map.get(("", p.pin))
            if pid is None:
                unknown.setdefault(p.pin)
                if pemda_id is None:
                    errors.add(p.baris, _("PIN hanya dapat dipakai oleh akun yang terikat pada satu pemda."))
                else:
                    errors.add(
                        p.baris,
                        _("PIN %(pin)s belum dihubungkan dengan pegawai (halaman ID mesin absen).") % {"pin": p.pin},
                    )
                continue
        else:
            pid = nip_map.get(p.nip)
            if pid is None:
                errors.add(p.baris, _("NIP %(nip)s tidak terdaftar di E-Kinerja.") % {"nip": p.nip})
                continue
        mapped.append((p.baris, pid, p.waktu, p.mesin))

    ids = {m[1] for m in mapped}
    if ids:
        allowed = set(scope.filter(pk__in=ids).values_list("pk", flat=True))
        if outside := ids - allowed:
            names = dict(Pegawai.objects.filter(pk__in=outside).values_list("pk", "nip"))
            message = outside_message or _(
                "pegawai NIP %(nip)s bukan pegawai di lingkup Anda; absennya tidak dapat diimpor di sini."
            )
            for baris, pid, _w, _m in mapped:
                if pid in outside:
                    errors.add(baris, message % {"nip": names.get(pid, "?")})
    return mapped, list(unknown)


def _write(
    mapped: list[tuple[int, int, datetime, str]],
    *,
    sumber: str,
    impor: ImporAbsen | None,
    token: TokenIntegrasi | None = None,
    pengirim: User | None = None,
) -> tuple[int, int, dict[int, tuple[date, date]]]:
    """Insert the punches not yet stored, each recording who sent it (the token, or the uploading
    user). Returns (new, already stored, pegawai → new date range)."""
    unique: dict[tuple[int, datetime], str] = {}
    for _b, pid, waktu, mesin in mapped:
        unique.setdefault((pid, waktu), mesin)
    if not unique:
        return 0, 0, {}
    ids = {k[0] for k in unique}
    lo, hi = min(k[1] for k in unique), max(k[1] for k in unique)
    existing = set(Absen.objects.filter(pegawai_id__in=ids, waktu__range=(lo, hi)).values_list("pegawai_id", "waktu"))
    info = {
        pk: (pemda_id, opd_id)
        for pk, pemda_id, opd_id in Pegawai.objects.filter(pk__in=ids).values_list("pk", "pemda_id", "opd_id")
    }
    new = [k for k in unique if k not in existing]
    rows = [
        Absen(
            pemda_id=info[pid][0],
            pegawai_id=pid,
            waktu=waktu,
            sumber=sumber,
            mesin=unique[(pid, waktu)],
            impor=impor,
            token=token,
            dikirim_oleh=pengirim,
        )
        for pid, waktu in new
    ]
    for i in range(0, len(rows), BATCH):
        # ignore_conflicts: a punch another upload stored meanwhile is skipped, not an error
        Absen.objects.bulk_create(rows[i : i + BATCH], ignore_conflicts=True)
    _cakupan_perbarui(unique, info)
    baru = Absen.objects.filter(impor=impor).count() if impor is not None else len(new)
    tz = timezone.get_current_timezone()
    ranges: dict[int, tuple[date, date]] = {}
    for pid, waktu in new:
        d = waktu.astimezone(tz).date()
        a, b = ranges.get(pid, (d, d))
        ranges[pid] = (min(a, d), max(b, d))
    return baru, len(unique) - baru, ranges


def _cakupan_perbarui(punches: Iterable[tuple[int, datetime]], info: dict[int, tuple[int, int | None]]) -> None:
    """Record how far each OPD's punches have been received (issue 13: a day is final once the data
    reaches a later day). Punches already stored count too: a file sent again still proves its days.
    A punch from a machine whose clock runs ahead counts only up to now."""
    now = timezone.now()
    per_opd: dict[int, tuple[int, datetime]] = {}
    for pid, waktu in punches:
        pemda_id, opd_id = info[pid]
        if opd_id is not None and (opd_id not in per_opd or waktu > per_opd[opd_id][1]):
            per_opd[opd_id] = (pemda_id, min(waktu, now))
    for opd_id, (pemda_id, sampai) in per_opd.items():
        _obj, created = CakupanAbsen.objects.get_or_create(
            opd_id=opd_id, defaults={"pemda_id": pemda_id, "sampai": sampai}
        )
        if not created:  # a conditional UPDATE: an older file uploaded later never moves it back
            CakupanAbsen.objects.filter(opd_id=opd_id, sampai__lt=sampai).update(sampai=sampai)


def _recompute(ranges: dict[int, tuple[date, date]]) -> bool | None:
    """Recompute the day statuses the new punches touch (attendance/services/hari.py)."""
    if not ranges:
        return True
    try:
        from .hari import hari_recompute
    except (ImportError, AttributeError):
        # The day computation is written in parallel; until it exists, punches wait for its first run.
        logger.warning("absen: hari_recompute not available; day statuses not recomputed")
        return None
    start = min(r[0] for r in ranges.values())
    end = max(r[1] for r in ranges.values())
    hari_recompute(pegawai_ids=sorted(ranges), start=start, end=end)
    return True


def _pemda_of(actor: User) -> int | None:
    return actor.pemda_id


def absen_impor(*, actor: User, nama_file: str, data: bytes, mesin: str = "") -> HasilImpor:
    """Import a machine file all-or-nothing (issue 5): any bad line → nothing stored, each line reported.

    PINs map through PinMesin of the actor's pemda (the file's machine first, then "any machine");
    NIPs directly. Pegawai must be in the actor's scope (admin OPD: their OPD; HR: their pemda).
    """
    ensure(is_org_admin(actor), _("Hanya admin kepegawaian yang dapat mengimpor data absen."))
    mesin = (mesin or "").strip()[:50]
    punches, line_errors = parse_berkas(nama_file, data, mesin=mesin)
    errors = DaftarError(cap=MAX_ERRORS)
    for n, alasan in line_errors:
        errors.add(n, alasan)
    pemda_id = _pemda_of(actor)
    mapped, unknown = _resolve(punches, pemda_id=pemda_id, scope=pegawai_visible_to(actor), errors=errors)
    hasil = HasilImpor(total=len(punches) + len(line_errors), pin_tidak_dikenal=unknown)
    if errors:
        hasil.errors, hasil.jumlah_error = errors.lines(), errors.count
        return hasil

    sha = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        impor_pemda = pemda_id or Pegawai.objects.filter(pk=mapped[0][1]).values_list("pemda_id", flat=True).first()
        before = ImporAbsen.objects.filter(pemda_id=impor_pemda, sha256=sha).order_by("dibuat").first()
        impor = ImporAbsen.objects.create(
            pemda_id=impor_pemda, nama_file=nama_file[:255], sha256=sha, jumlah_baris=len(punches), dibuat_oleh=actor
        )
        baru, sudah_ada, ranges = _write(mapped, sumber=SumberAbsen.BERKAS, impor=impor, pengirim=actor)
        ImporAbsen.objects.filter(pk=impor.pk).update(jumlah_baru=baru)
        impor.jumlah_baru = baru
    hasil.impor, hasil.baru, hasil.sudah_ada = impor, baru, sudah_ada
    hasil.pernah_diunggah = before.dibuat if before else None
    hasil.pegawai = len({m[1] for m in mapped})
    tz = timezone.get_current_timezone()
    hasil.mulai = min(m[2] for m in mapped).astimezone(tz).date()
    hasil.selesai = max(m[2] for m in mapped).astimezone(tz).date()
    hasil.dihitung_ulang = _recompute(ranges)
    return hasil


def _jendela_api(pemda_id: int, today: date) -> tuple[date, date]:
    """The first and last day a punch posted through the API may fall on: the pemda's attendance
    rules in force today (AturanPresensi, dated data), else the model's defaults (31 back, 1 ahead)."""
    aturan = AturanPresensi.objects.filter(pemda_id=pemda_id, berlaku_mulai__lte=today).order_by("-berlaku_mulai")
    row = aturan.first() or AturanPresensi()
    return today - timedelta(days=row.absen_api_maks_hari_lalu), today + timedelta(days=row.absen_api_maks_hari_depan)


def _di_luar_jendela(punches: list[BarisAbsen], *, pemda_id: int, errors: DaftarError) -> list[BarisAbsen]:
    """The punches dated inside the API window; each other one is an error (issue 15)."""
    tz = timezone.get_current_timezone()
    first, last = _jendela_api(pemda_id, timezone.localdate())
    kept = []
    for p in punches:
        if first <= p.waktu.astimezone(tz).date() <= last:
            kept.append(p)
        else:
            errors.add(
                p.baris,
                _("waktu di luar rentang yang diterima (%(awal)s sampai %(akhir)s).")
                % {"awal": f"{first:%d-%m-%Y}", "akhir": f"{last:%d-%m-%Y}"},
            )
    return kept


def _di_luar_mesin(mapped: list[tuple[int, int, datetime, str]], *, token: TokenIntegrasi, errors: DaftarError) -> None:
    """A token limited to some machines may send only punches naming one of them."""
    if not token.mesin:
        return
    allowed = {m.casefold() for m in token.mesin}
    for baris, _pid, _w, mesin in mapped:
        if mesin.casefold() not in allowed:
            errors.add(
                baris,
                _("mesin “%(mesin)s” di luar cakupan token ini.") % {"mesin": mesin[:50]}
                if mesin
                else _("token ini hanya untuk mesin tertentu; isi nama mesin."),
            )


def absen_api_simpan(*, token: TokenIntegrasi, payload: Any) -> HasilImpor:
    """Store punches an integration posts, all-or-nothing; the token's pemda scopes every lookup,
    its OPDs and machines (when set) limit whose punches it may send, and a punch older or further
    ahead than the pemda allows is refused (issue 15). Every stored punch records the token.

    Errors are (item index, reason) in `hasil.errors` as "Baris i: …" and, raw, in `api_errors`.
    """
    punches, item_errors = parse_api_items(payload)
    errors = DaftarError(cap=1000)
    for i, alasan in item_errors:
        errors.add(i, alasan)
    total = len(punches) + len(item_errors)
    punches = _di_luar_jendela(punches, pemda_id=token.pemda_id, errors=errors)
    scope = Pegawai.objects.filter(pemda_id=token.pemda_id)
    opd_ids = list(token.opd.values_list("pk", flat=True))
    if opd_ids:
        scope = scope.filter(opd_id__in=opd_ids)
    mapped, unknown = _resolve(
        punches,
        pemda_id=token.pemda_id,
        scope=scope,
        errors=errors,
        outside_message=_("pegawai NIP %(nip)s di luar OPD yang boleh dikirim token ini."),
    )
    _di_luar_mesin(mapped, token=token, errors=errors)
    hasil = HasilImpor(total=total, pin_tidak_dikenal=unknown)
    if errors:
        hasil.jumlah_error = errors.count
        hasil.api_errors = sorted(errors.items)
        return hasil
    with transaction.atomic():
        baru, sudah_ada, ranges = _write(mapped, sumber=SumberAbsen.API, impor=None, token=token)
    hasil.baru, hasil.sudah_ada = baru, sudah_ada
    hasil.pegawai = len({m[1] for m in mapped})
    hasil.dihitung_ulang = _recompute(ranges)
    return hasil


# --- large files: a background job -------------------------------------------------------------

# A month of a whole OPD (tens of thousands of lines, ~20 s with the day recomputation) must not
# hang on a proxy timeout: above this many lines the upload runs in the worker with a progress bar.
INLINE_BARIS = 20_000


def absen_impor_job(job_id: int) -> None:
    """Run a stored upload through `absen_impor`; the upload is deleted afterwards."""

    def body(job) -> None:
        with stored_upload(job.params["upload"]) as data:
            job_start(job_id, total=data.count(b"\n") + 1, message=_("Membaca dan menyimpan data absen"))
            hasil = absen_impor(
                actor=job.created_by, nama_file=job.params["nama"], data=data, mesin=job.params.get("mesin", "")
            )
        if hasil.ok:
            message = _("%(baru)d absen baru disimpan, %(ada)d sudah ada sebelumnya.") % {
                "baru": hasil.baru,
                "ada": hasil.sudah_ada,
            }
        else:
            message = _("Tidak ada data yang disimpan: %(n)d baris perlu diperbaiki.") % {"n": hasil.jumlah_error}
        job_finish(
            job_id,
            message=message,
            result={"errors": hasil.errors, "errors_hidden": max(hasil.jumlah_error - len(hasil.errors), 0)},
        )

    job_run(job_id, body)
