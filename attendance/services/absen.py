"""Punches in (issue 5): fingerprint-machine files, PIN mapping and the integration API.

Two layers. Reading (`absen_baca`: `parse_attlog`, `parse_tabel`, `parse_berkas`, `parse_api_items`)
reads text or a spreadsheet into `BarisAbsen` with line numbers and touches no database. Storing
(`absen_simpan`: `absen_impor`, `absen_api_simpan`, the background job) maps PIN/NIP to pegawai and
writes every punch in ONE transaction, or nothing at all. This module keeps the machine PINs and the
integration tokens, and is the one the views, the API and the tasks import.
"""

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Pegawai, User
from accounts.permissions import ensure, is_hr
from accounts.selectors import pegawai_visible_to

from ..models import PinMesin, TokenIntegrasi
from ..selectors import token_visible_to
from .absen_baca import (
    MAX_ATTLOG_BYTES,
    PIN,
    BarisAbsen,
    parse_api_items,
    parse_attlog,
    parse_berkas,
    parse_tabel,
    unique_pins,
)
from .absen_simpan import INLINE_BARIS, HasilImpor, absen_api_simpan, absen_impor, absen_impor_job

# --- PIN mapping and tokens --------------------------------------------------------------------


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
    return row


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def token_create(*, actor: User, nama: str, pemda=None) -> tuple[TokenIntegrasi, str]:
    """A new integration token: returns the row and the raw token, shown once; only its sha256 is kept."""
    ensure(is_hr(actor), _("Hanya HR pemda yang dapat membuat token integrasi."))
    pemda_id = actor.pemda_id or (pemda.pk if pemda else None)
    if pemda_id is None:
        raise ValidationError({"pemda": _("Pilih pemda token ini.")})
    raw = "ekt_" + secrets.token_urlsafe(32)
    token = TokenIntegrasi(pemda_id=pemda_id, nama=nama.strip(), token_hash=_hash(raw), dibuat_oleh=actor)
    token.full_clean()
    token.save()
    return token, raw


def token_deactivate(*, actor: User, token: TokenIntegrasi) -> None:
    if not token_visible_to(actor).filter(pk=token.pk).exists():
        raise PermissionDenied
    TokenIntegrasi.objects.filter(pk=token.pk).update(aktif=False)


def token_autentikasi(raw: str) -> TokenIntegrasi | None:
    """The active token with this value, its last use stamped; None for anything else."""
    if not raw:
        return None
    token = TokenIntegrasi.objects.filter(token_hash=_hash(raw), aktif=True).first()
    if token is not None:
        now = timezone.now()
        TokenIntegrasi.objects.filter(pk=token.pk).update(terakhir_dipakai=now)
        token.terakhir_dipakai = now
    return token


__all__ = [
    "INLINE_BARIS",
    "MAX_ATTLOG_BYTES",
    "BarisAbsen",
    "HasilImpor",
    "absen_api_simpan",
    "absen_impor",
    "absen_impor_job",
    "parse_api_items",
    "parse_attlog",
    "parse_berkas",
    "parse_tabel",
    "pin_mesin_create",
    "token_autentikasi",
    "token_create",
    "token_deactivate",
    "unique_pins",
]
