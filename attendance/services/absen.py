"""Punches in (issue 5): fingerprint-machine files, PIN mapping and the integration API.

Two layers. Reading (`absen_baca`: `parse_attlog`, `parse_tabel`, `parse_berkas`, `parse_api_items`)
reads text or a spreadsheet into `BarisAbsen` with line numbers and touches no database. Storing
(`absen_simpan`: `absen_impor`, `absen_api_simpan`, the background job) maps PIN/NIP to pegawai and
writes every punch in ONE transaction, or nothing at all. This module keeps the machine PINs and the
integration tokens.
"""

import hashlib
import secrets
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Pegawai, User
from accounts.permissions import ensure, is_hr
from accounts.selectors import pegawai_visible_to
from core import audit
from core.dates import hari_ini
from core.indeks import indeks_cari
from core.models import Indeks

from ..models import PinMesin, TokenIntegrasi
from ..selectors import token_visible_to
from .absen_baca import PIN

# --- PIN mapping and tokens --------------------------------------------------------------------


@transaction.atomic
def pin_mesin_create(*, actor: User, pegawai: Pegawai, pin: str, mesin: str = "") -> PinMesin:
    """Link a machine PIN to a pegawai in the actor's scope; a PIN is unique per pemda and machine."""
    if not pegawai_visible_to(actor).filter(pk=pegawai.pk).exists():
        raise PermissionDenied(_("Pegawai ini di luar lingkup Anda."))
    pin, mesin = pin.strip(), (mesin or "").strip()
    if not PIN.fullmatch(pin):
        raise ValidationError({"pin": _("PIN berisi angka atau huruf saja, paling banyak 30.")})
    taken = PinMesin.objects.filter(pemda_id=pegawai.pemda_id, mesin=mesin, pin=pin).select_related("pegawai").first()
    if taken is not None:
        raise ValidationError(
            {"pin": _("PIN %(pin)s sudah dipakai untuk %(nama)s.") % {"pin": pin, "nama": taken.pegawai.nama_lengkap}}
        )
    row = PinMesin(pemda_id=pegawai.pemda_id, pegawai=pegawai, pin=pin, mesin=mesin)
    row.full_clean()
    row.save()
    audit.catat("pinmesin:buat", row, actor=actor, sesudah=audit.nilai(row, ("pin", "mesin")))
    return row


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


MASA_BERLAKU_AWAL = timedelta(days=365)  # a new token's expiry unless HR picks one
MASA_BERLAKU_MAKS = timedelta(days=2 * 365)  # HR renews a token at least every two years
MAKS_MESIN = 100


def _cakupan(*, pemda_id: int, opd, mesin, berlaku_sampai: date | None) -> tuple[list, list[str], date]:
    """A token's scope and expiry checked: OPDs of its own pemda, machine names as sent, an expiry
    from today to two years ahead (today when none is given: a year from now)."""
    opd = list(opd or [])
    if any(u.pemda_id != pemda_id or u.parent_id is not None for u in opd):
        raise ValidationError({"opd": _("Pilih OPD dari pemda token ini.")})
    names: dict[str, str] = {}
    for nama in mesin or []:
        nama = str(nama).strip()
        if len(nama) > 50:
            raise ValidationError({"mesin": _("Nama mesin paling panjang 50 huruf: %(nama)s") % {"nama": nama[:60]}})
        if nama:
            names.setdefault(nama.casefold(), nama)
    if len(names) > MAKS_MESIN:
        raise ValidationError({"mesin": _("Paling banyak %(n)d mesin per token.") % {"n": MAKS_MESIN}})
    today = timezone.localdate()
    if berlaku_sampai is None:
        berlaku_sampai = today + MASA_BERLAKU_AWAL
    if berlaku_sampai < today:
        raise ValidationError({"berlaku_sampai": _("Tanggal berlaku tidak boleh sebelum hari ini.")})
    if berlaku_sampai > today + MASA_BERLAKU_MAKS:
        raise ValidationError({"berlaku_sampai": _("Token berlaku paling lama 2 tahun; perpanjang sebelum habis.")})
    return opd, list(names.values()), berlaku_sampai


IZIN_SEMUA = (TokenIntegrasi.IZIN_ABSEN, TokenIntegrasi.IZIN_BACA)


def _izin(izin) -> list[str]:
    """What a token may do (issue 19): at least one of posting punches and reading the read API."""
    izin = [i for i in IZIN_SEMUA if i in set(izin or ())]
    if not izin:
        raise ValidationError({"izin": _("Pilih sedikitnya satu izin token.")})
    return izin


def token_create(
    *,
    actor: User,
    nama: str,
    pemda=None,
    opd=(),
    mesin=(),
    berlaku_sampai: date | None = None,
    izin=(TokenIntegrasi.IZIN_ABSEN,),
) -> tuple[TokenIntegrasi, str]:
    """A new integration token: returns the row and the raw token, shown once; only its sha256 is kept.

    `opd` and `mesin` limit whose punches it may send (none: the whole pemda); it works through
    `berlaku_sampai` (a year from today unless given)."""
    ensure(is_hr(actor), _("Hanya HR pemda yang dapat membuat token integrasi."))
    pemda_id = actor.pemda_id or (pemda.pk if pemda else None)
    if pemda_id is None:
        raise ValidationError({"pemda": _("Pilih pemda token ini.")})
    opd, mesin, berlaku_sampai = _cakupan(pemda_id=pemda_id, opd=opd, mesin=mesin, berlaku_sampai=berlaku_sampai)
    izin = _izin(izin)
    raw = "ekt_" + secrets.token_urlsafe(32)
    token = TokenIntegrasi(
        pemda_id=pemda_id,
        nama=nama.strip(),
        token_hash=_hash(raw),
        dibuat_oleh=actor,
        mesin=mesin,
        berlaku_sampai=berlaku_sampai,
        izin=izin,
    )
    token.full_clean()
    with transaction.atomic():
        token.save()
        token.opd.set(opd, through_defaults={"pemda_id": token.pemda_id})
        audit.catat("tokenintegrasi:buat", token, actor=actor, sesudah=_cakupan_nilai(token, opd))
    return token, raw


def _cakupan_nilai(token: TokenIntegrasi, opd) -> dict:
    """What the audit trail keeps of a token (never its value or hash)."""
    return {
        "nama": token.nama,
        "opd": sorted(u.pk for u in opd),
        "mesin": token.mesin,
        "berlaku_sampai": token.berlaku_sampai,
        "izin": token.izin,
    }


def token_ubah(
    *, actor: User, token: TokenIntegrasi, opd=(), mesin=(), berlaku_sampai: date | None, izin=None
) -> TokenIntegrasi:
    """HR changes a token's scope and expiry (the token value itself never changes)."""
    if not is_hr(actor) or not token_visible_to(actor).filter(pk=token.pk).exists():
        raise PermissionDenied
    opd, mesin, berlaku_sampai = _cakupan(pemda_id=token.pemda_id, opd=opd, mesin=mesin, berlaku_sampai=berlaku_sampai)
    izin = token.izin if izin is None else _izin(izin)
    with transaction.atomic():
        sebelum = _cakupan_nilai(token, token.opd.all())
        TokenIntegrasi.objects.filter(pk=token.pk).update(mesin=mesin, berlaku_sampai=berlaku_sampai, izin=izin)
        token.opd.set(opd, through_defaults={"pemda_id": token.pemda_id})
        token.mesin, token.berlaku_sampai, token.izin = mesin, berlaku_sampai, izin
        sebelum, sesudah = audit.beda(sebelum, _cakupan_nilai(token, opd))
        audit.catat("tokenintegrasi:ubah", token, actor=actor, sebelum=sebelum, sesudah=sesudah)
    return token


def token_deactivate(*, actor: User, token: TokenIntegrasi) -> None:
    if not token_visible_to(actor).filter(pk=token.pk).exists():
        raise PermissionDenied
    with transaction.atomic():
        if TokenIntegrasi.objects.filter(pk=token.pk, aktif=True).update(aktif=False):
            audit.catat("tokenintegrasi:cabut", token, actor=actor, sebelum={"aktif": True}, sesudah={"aktif": False})


def token_autentikasi(raw: str, *, izin: str = TokenIntegrasi.IZIN_ABSEN) -> TokenIntegrasi | None:
    """The active token, not past its expiry, with this value and this permission (`izin`), its last
    use stamped; None for anything else."""
    if not raw:
        return None
    # the installation's token index names the pemda, so only that pemda's rows are read (issue 20);
    # with its pemda: the API's day is the pemda's (core.dates.di_zona on the token's pemda)
    i = indeks_cari(Indeks.Jenis.TOKEN, _hash(raw))
    token = (
        TokenIntegrasi.objects.filter(pemda_id=i.pemda_id, pk=i.objek_id, aktif=True).select_related("pemda").first()
        if i
        else None
    )
    # a token without an expiry (none is made so since issue 15) does not work either; it expires at
    # the end of its last day on the pemda's wall clock
    if token is None or token.berlaku_sampai is None or token.berlaku_sampai < hari_ini(token.pemda):
        return None
    # the permission is checked here, not in SQL: a JSON "contains" lookup does not exist on SQLite
    # (the embedded `make run`), where it failed every request with a 500
    if izin not in (token.izin or []):
        return None
    now = timezone.now()
    TokenIntegrasi.objects.filter(pk=token.pk).update(terakhir_dipakai=now)
    token.terakhir_dipakai = now
    return token
