"""Pure rules of the organisation: no database, no request (DESIGN.md §6)."""

from dataclasses import dataclass
from datetime import date
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class NipInfo:
    nip: str
    tanggal_lahir: date
    jenis: Literal["PNS", "PPPK"]
    tmt_cpns: date | None
    tahun_pengangkatan: int
    jenis_kelamin: Literal["L", "P"]
    nomor_urut: int


def parse_nip(nip: str) -> NipInfo:
    """Read an 18-digit NIP PNS or NI PPPK.

    NIP PNS (Perka BKN 22/2007 and 43/2007): birth date YYYYMMDD + TMT CPNS YYYYMM + gender
    (1 male, 2 female) + serial. NI PPPK: birth date + year of appointment YYYY + a code that is
    not a month (> 12) + gender + serial (RULES.md §5). Spaces, as printed on an SK, are allowed.
    """
    if not isinstance(nip, str):
        raise ValidationError(_("NIP harus berupa teks."), code="nip_type")
    digits = "".join(nip.split())
    if not digits:
        raise ValidationError(_("NIP wajib diisi (18 angka)."), code="nip_length")
    if not digits.isdigit() or not digits.isascii():
        raise ValidationError(_("NIP hanya boleh berisi angka (spasi boleh)."), code="nip_not_digits")
    if len(digits) != 18:
        raise ValidationError(_("NIP harus 18 angka, yang diisi %(n)d angka.") % {"n": len(digits)}, code="nip_length")
    try:
        tanggal_lahir = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ValidationError(_("8 angka pertama NIP bukan tanggal lahir yang sah."), code="nip_birth_date") from None
    if tanggal_lahir.year < 1900:
        raise ValidationError(_("8 angka pertama NIP bukan tanggal lahir yang sah."), code="nip_birth_date")

    tahun = int(digits[8:12])
    kode = int(digits[12:14])
    if 1 <= kode <= 12:
        jenis = "PNS"
        tmt_cpns = date(tahun, kode, 1)
        mulai = tmt_cpns
    elif kode > 12:
        jenis = "PPPK"
        tmt_cpns = None
        mulai = date(tahun, 12, 31)
    else:
        raise ValidationError(
            _("Angka ke-13 dan ke-14 NIP harus bulan TMT CPNS (01–12) atau kode PPPK (di atas 12)."),
            code="nip_tmt",
        )
    if mulai <= tanggal_lahir:
        raise ValidationError(_("Tahun pengangkatan pada NIP sebelum tanggal lahir."), code="nip_tmt")

    gender = digits[14]
    if gender not in "12":
        raise ValidationError(
            _("Angka ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan)."), code="nip_gender"
        )
    nomor_urut = int(digits[15:18])
    if nomor_urut == 0:
        raise ValidationError(_("Nomor urut NIP (3 angka terakhir) tidak boleh 000."), code="nip_serial")

    return NipInfo(
        nip=digits,
        tanggal_lahir=tanggal_lahir,
        jenis=jenis,
        tmt_cpns=tmt_cpns,
        tahun_pengangkatan=tahun,
        jenis_kelamin="L" if gender == "1" else "P",
        nomor_urut=nomor_urut,
    )


def build_nip(
    *,
    tanggal_lahir: date,
    jenis_kelamin: Literal["L", "P"],
    nomor_urut: int,
    tmt_cpns: date | None = None,
    tahun_pppk: int | None = None,
    kode_pppk: int = 21,
) -> str:
    """Compose a NIP PNS (with `tmt_cpns`) or an NI PPPK (with `tahun_pppk`); the inverse of parse_nip."""
    if (tmt_cpns is None) == (tahun_pppk is None):
        raise ValueError("give exactly one of tmt_cpns and tahun_pppk")
    middle = f"{tmt_cpns:%Y%m}" if tmt_cpns else f"{tahun_pppk:04d}{kode_pppk:02d}"
    nip = f"{tanggal_lahir:%Y%m%d}{middle}{'1' if jenis_kelamin == 'L' else '2'}{nomor_urut:03d}"
    return parse_nip(nip).nip
