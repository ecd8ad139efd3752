"""Checking each row's values of a pegawai file (no database)."""

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from core.imports import cell_text, name_key, parse_date
from core.money import round_rupiah
from core.xlsx import PESAN_RUMUS, looks_like_formula

from ..choices import Golongan, JenisPenempatan, KedudukanHukum, StatusPegawai
from ..rules import parse_nip
from .common import (
    _BOTH_KEDUDUKAN,
    _PNS_GOLONGAN,
    _PPPK_GOLONGAN,
    _PPPK_KEDUDUKAN,
    SIASN,
    BarisError,
    BarisPegawai,
    Tabel,
)

# --- checking each row's values (no database) ---------------------------------------------------


def parse_golongan(value: Any) -> str | None:
    """`III/a`, `iii/A`, `IIIa`, `3/a` → `III/a`; PPPK `ix` → `IX`; None when not a golongan."""
    text = re.sub(r"\s+", "", cell_text(value))
    if m := re.fullmatch(r"(IV|I{1,3}|[1-4])[/\-]?([A-Ea-e])", text, re.IGNORECASE):
        ruang = m[1].upper()
        ruang = {"1": "I", "2": "II", "3": "III", "4": "IV"}.get(ruang, ruang)
        text = f"{ruang}/{m[2].lower()}"
    else:
        text = text.upper()
    return text if text in Golongan.values else None


def parse_status(value: Any) -> str | None:
    text = re.sub(r"[\s.]+", "", cell_text(value)).upper()
    text = {"P3K": StatusPegawai.PPPK}.get(text, text)
    return text if text in StatusPegawai.values else None


def parse_kedudukan(value: Any) -> str | None:
    """A SIASN kedudukan hukum code (`1`, `01`, `71`, `101`) or its name (`Aktif`)."""
    text = cell_text(value)
    if text.isdigit():
        text = f"{int(text):02d}"
        return text if text in KedudukanHukum.values else None
    labels = {name_key(str(label)): code for code, label in KedudukanHukum.choices}
    return labels.get(name_key(text))


def parse_rupiah(value: Any) -> int:
    """`4500000`, `4.500.000`, `Rp 4.500.000,00`, `4,500,000` → 4500000; empty → 0."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        amount = Decimal(str(value))
    else:
        text = cell_text(value).upper().replace("RP", "").replace(" ", "")
        if not text:
            return 0
        if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d{1,2})?", text):
            text = text.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d{1,2})?", text):
            text = text.replace(",", "")
        elif re.fullmatch(r"\d+([.,]\d{1,2})?", text):
            text = text.replace(",", ".")
        else:
            raise ValueError(text)
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueError(text) from None
    if amount < 0:
        raise ValueError(value)
    return round_rupiah(amount)


def parse_no_hp(value: Any) -> str:
    """Keep digits and a leading +; a number cell that lost its leading 0 (8123…) gets it back."""
    text = re.sub(r"[\s\-.()]", "", cell_text(value))
    if not text:
        return ""
    if not re.fullmatch(r"\+?\d{6,15}", text):
        raise ValueError(text)
    if isinstance(value, int | float) and text.startswith("8"):
        text = "0" + text
    return text


def parse_rows(tabel: Tabel) -> list[BarisPegawai]:
    """Check every row's values; errors go on the row. Duplicated NIPs within the file are flagged."""
    rows = [_parse_row(n, raw, tabel) for n, raw in tabel.baris]
    first_row: dict[str, int] = {}
    for row in rows:
        if row.nip is None:
            continue
        if row.nip in first_row:
            row.errors.append(
                BarisError(
                    row.baris,
                    tabel.label("nip"),
                    _("NIP %(nip)s sudah ada di baris %(n)d file ini; satu pegawai cukup satu baris.")
                    % {"nip": row.nip, "n": first_row[row.nip]},
                )
            )
        else:
            first_row[row.nip] = row.baris
    return rows


def _parse_row(n: int, raw: dict[str, Any], tabel: Tabel) -> BarisPegawai:
    """One spreadsheet row read field by field; every problem becomes a BarisError of its column."""
    row = BarisPegawai(baris=n)

    def error(name: str, alasan: str) -> None:
        row.errors.append(BarisError(n, tabel.label(name), alasan))

    info = _row_nip(row, raw, error)
    nama = " ".join(cell_text(raw.get("nama")).split())
    if not nama:
        error("nama", _("Nama wajib diisi."))
    kedudukan_isi = cell_text(raw.get("kedudukan_hukum"))
    kedudukan = _row_kedudukan(kedudukan_isi, error)
    status = _row_status(raw, tabel, info, kedudukan, error)
    golongan = _row_golongan(raw, status, error)
    kedudukan = _row_kedudukan_for_status(kedudukan, kedudukan_isi, status, error)
    gaji, email, no_hp = _row_contact(raw, error)
    _row_posting(row, raw, error)

    row.nomor_sk = cell_text(raw.get("nomor_sk"))
    row.data = {
        "nip": row.nip,
        "nama": nama,
        "gelar_depan": cell_text(raw.get("gelar_depan")),
        "gelar_belakang": cell_text(raw.get("gelar_belakang")),
        "status": status,
        "golongan": golongan,
        "kedudukan_hukum": kedudukan,
        "gaji_dasar": gaji,
        "email": email,
        "no_hp": no_hp,
    }
    if tabel.layout == SIASN:
        _siasn_identity(row, raw, error)
    for name in ("nama", "gelar_depan", "gelar_belakang"):  # names printed in HR's spreadsheets
        if looks_like_formula(row.data[name]):
            error(name, str(PESAN_RUMUS))
    return row


def _row_nip(row: BarisPegawai, raw, error):
    """The NIP and what it encodes. Excel turns an 18-digit number into a float and loses its last digits."""
    nip_raw = raw.get("nip")
    if isinstance(nip_raw, float):
        error(
            "nip",
            _(
                "NIP tersimpan sebagai angka sehingga angka terakhirnya berubah. Ubah format kolom NIP menjadi "
                "Teks, lalu ketik ulang NIP."
            ),
        )
        return None
    try:
        info = parse_nip(cell_text(nip_raw))
    except ValidationError as e:
        error("nip", " ".join(e.messages))
        return None
    row.nip = info.nip
    return info


def _row_kedudukan(kedudukan_isi: str, error) -> str | None:
    if not kedudukan_isi:
        return None
    kedudukan = parse_kedudukan(kedudukan_isi)
    if kedudukan is None:
        error(
            "kedudukan_hukum",
            _("Kode kedudukan hukum %(v)s tidak dikenal (contoh: 01 Aktif, 71 PPPK Aktif).") % {"v": kedudukan_isi},
        )
    return kedudukan


def _row_golongan(raw, status: str | None, error) -> str | None:
    """The golongan, which must be one of the status's own scale (PNS ruang or PPPK roman numerals)."""
    golongan = parse_golongan(raw.get("golongan"))
    if golongan is None:
        if cell_text(raw.get("golongan")):
            error(
                "golongan",
                _("Golongan %(v)s tidak dikenal. Tulis seperti III/a (PNS/CPNS) atau IX (PPPK).")
                % {"v": cell_text(raw.get("golongan"))},
            )
        else:
            error("golongan", _("Golongan wajib diisi, misalnya III/a (PNS/CPNS) atau IX (PPPK)."))
    elif status == StatusPegawai.PPPK and golongan in _PNS_GOLONGAN:
        error(
            "golongan",
            _("Golongan %(g)s adalah golongan PNS; PPPK memakai angka Romawi I sampai XVII, misalnya IX.")
            % {"g": golongan},
        )
    elif status in (StatusPegawai.PNS, StatusPegawai.CPNS) and golongan in _PPPK_GOLONGAN:
        error(
            "golongan",
            _("Golongan %(g)s adalah golongan PPPK; PNS/CPNS memakai golongan ruang seperti III/a.") % {"g": golongan},
        )
    return golongan


def _row_kedudukan_for_status(kedudukan: str | None, kedudukan_isi: str, status: str | None, error) -> str | None:
    """An empty kedudukan hukum means active (of the status's kind); a given one must fit the status."""
    if status is not None and not kedudukan_isi:
        return KedudukanHukum.PPPK_AKTIF if status == StatusPegawai.PPPK else KedudukanHukum.AKTIF
    if status is None or kedudukan is None or kedudukan in _BOTH_KEDUDUKAN:
        return kedudukan
    if status == StatusPegawai.PPPK and kedudukan not in _PPPK_KEDUDUKAN:
        error(
            "kedudukan_hukum",
            _("Kedudukan hukum %(k)s adalah kode PNS; untuk PPPK gunakan 71, 72, 73 atau 101.") % {"k": kedudukan},
        )
    elif status != StatusPegawai.PPPK and kedudukan in _PPPK_KEDUDUKAN:
        error(
            "kedudukan_hukum",
            _("Kedudukan hukum %(k)s adalah kode PPPK, tetapi status pegawai %(s)s.") % {"k": kedudukan, "s": status},
        )
    return kedudukan


def _row_contact(raw, error) -> tuple[int, str, str]:
    """Gaji dasar, email and HP number."""
    gaji = 0
    try:
        gaji = parse_rupiah(raw.get("gaji_dasar"))
    except ValueError:
        error("gaji_dasar", _("Gaji dasar harus angka rupiah, misalnya 4500000 atau 4.500.000."))

    email = cell_text(raw.get("email")) or cell_text(raw.get("email_gov"))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            error("email", _("Alamat email %(v)s tidak sah.") % {"v": email})

    no_hp = ""
    try:
        no_hp = parse_no_hp(raw.get("no_hp"))
    except ValueError:
        error("no_hp", _("Nomor HP hanya boleh berisi angka (boleh diawali +), misalnya 081234567890."))
    return gaji, email, no_hp


def _row_posting(row: BarisPegawai, raw, error) -> None:
    """The posting columns: jabatan (by ID or name), unit, kind of posting and its start (TMT)."""
    row.jabatan_nama = " ".join(cell_text(raw.get("jabatan")).split())
    row.unit_nama = " ".join(cell_text(raw.get("unit")).split())
    jabatan_id = cell_text(raw.get("jabatan_id"))
    if jabatan_id:
        if jabatan_id.isdigit():
            row.jabatan_id = int(jabatan_id)
        else:
            error("jabatan_id", _("Jabatan ID harus angka dari kolom ID di sheet Jabatan."))
    elif not row.jabatan_nama:
        error("jabatan", _("Nama jabatan wajib diisi (salin dari sheet Jabatan di template)."))

    jenis = re.sub(r"[\s.]+", "", cell_text(raw.get("jenis_penempatan"))).upper() or JenisPenempatan.DEFINITIF
    if jenis in JenisPenempatan.values:
        row.jenis_penempatan = jenis
    else:
        error(
            "jenis_penempatan",
            _("Jenis penempatan %(v)s tidak dikenal; isi DEFINITIF, PLT atau PLH.")
            % {"v": cell_text(raw.get("jenis_penempatan"))},
        )

    try:
        row.mulai = parse_date(raw.get("mulai"))
        if row.mulai is None:
            error("mulai", _("Tanggal mulai menjabat (TMT) wajib diisi, misalnya 02-01-2024."))
    except ValueError:
        error(
            "mulai",
            _("Tanggal %(v)s tidak dikenali; tulis tanggal-bulan-tahun, misalnya 02-01-2024.")
            % {"v": cell_text(raw.get("mulai"))},
        )


def _row_status(raw, tabel: Tabel, info, kedudukan: str | None, error) -> str | None:
    """The template states the status; SIASN implies it from kedudukan hukum, STATUS CPNS PNS, the NIP."""
    if tabel.layout == SIASN:
        cpns_pns = cell_text(raw.get("status_cpns_pns")).upper()
        if kedudukan in _PPPK_KEDUDUKAN:
            status = StatusPegawai.PPPK
        elif cpns_pns == "C":
            status = StatusPegawai.CPNS
        elif cpns_pns == "P":
            status = StatusPegawai.PNS
        elif info is not None:
            status = StatusPegawai.PPPK if info.jenis == "PPPK" else StatusPegawai.PNS
        else:
            return None
    else:
        text = cell_text(raw.get("status"))
        status = parse_status(text)
        if status is None:
            if text:
                error("status", _("Status %(v)s tidak dikenal; isi PNS, CPNS atau PPPK.") % {"v": text})
            else:
                error("status", _("Status wajib diisi: PNS, CPNS atau PPPK."))
            return None
    if info is not None and info.jenis == "PPPK" and status != StatusPegawai.PPPK:
        error("status", _("NIP ini berformat NI PPPK, tetapi status pegawai %(s)s.") % {"s": status})
    elif info is not None and info.jenis == "PNS" and status == StatusPegawai.PPPK:
        error("status", _("NIP ini berformat NIP PNS, tetapi status pegawai PPPK."))
    return status


def _siasn_identity(row: BarisPegawai, raw: dict[str, Any], error) -> None:
    """SIASN also carries birth date and sex (the service checks them against the NIP) and its own
    id of the ASN (PNS ID), which the BKN bridge sends as pnsDinilaiId."""
    siasn_id = cell_text(raw.get("siasn_id"))
    if len(siasn_id) > 64 or any(c.isspace() for c in siasn_id):
        error("siasn_id", _("PNS ID %(v)s tidak dikenali.") % {"v": siasn_id[:70]})
    elif siasn_id:
        row.data["siasn_id"] = siasn_id
    try:
        tanggal_lahir = parse_date(raw.get("tanggal_lahir"))
        if tanggal_lahir is not None:
            row.data["tanggal_lahir"] = tanggal_lahir
    except ValueError:
        error("tanggal_lahir", _("Tanggal lahir %(v)s tidak dikenali.") % {"v": cell_text(raw.get("tanggal_lahir"))})
    jk = cell_text(raw.get("jenis_kelamin")).upper()
    if jk:
        value = {"M": "L", "L": "L", "LAKI-LAKI": "L", "F": "P", "P": "P", "PEREMPUAN": "P"}.get(jk)
        if value is None:
            error("jenis_kelamin", _("Jenis kelamin %(v)s tidak dikenal (M/F atau L/P).") % {"v": jk})
        else:
            row.data["jenis_kelamin"] = value
