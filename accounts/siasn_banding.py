"""Compare a SIASN "Export Data ASN" file with E-Kinerja (issue 19): who differs on jabatan, unit
and golongan. A read: nothing is written to any pegawai (the import is a separate page).

The export carries no atasan (and no parent unit), so the atasan itself cannot be compared from
it; a wrong jabatan or unit in SIASN is what puts the wrong atasan there, which blocks the SKP
in SIASN / e-Kinerja BKN.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.imports import cell_text

from .imports.common import SIASN, Tabel
from .imports.rows import parse_golongan
from .models import User
from .selectors import pegawai_visible_to, penempatan_utama_banyak

ASPEK = {
    "jabatan": _("Jabatan"),
    "unit": _("Unit kerja"),
    "golongan": _("Golongan"),
    "pegawai": _("Tidak ada di E-Kinerja"),
}


@dataclass(frozen=True)
class Beda:
    nip: str
    nama: str
    aspek: str
    ekinerja: str
    siasn: str

    @property
    def aspek_label(self) -> str:
        return str(ASPEK[self.aspek])


def _norm(text: str) -> str:
    return " ".join(str(text or "").split()).casefold()


def siasn_baris(tabel: Tabel) -> list[dict[str, str]]:
    """The compared fields of each row of a SIASN export (small enough to keep in the session)."""
    if tabel.layout != SIASN:
        raise ValidationError(_("Unggah file Export Data ASN dari SIASN (.csv), bukan template impor."))
    rows = []
    for _n, raw in tabel.baris:
        nip = cell_text(raw.get("nip")).replace(" ", "").lstrip("'")
        if not nip:
            continue
        gol = cell_text(raw.get("golongan"))
        rows.append(
            {
                "nip": nip,
                "nama": " ".join(cell_text(raw.get("nama")).split()),
                "jabatan": " ".join(cell_text(raw.get("jabatan")).split()),
                "unit": " ".join(cell_text(raw.get("unit")).split()),
                "golongan": parse_golongan(gol) or gol,
            }
        )
    return rows


def siasn_banding(*, user: User, baris: list[dict[str, str]], on: date) -> list[Beda]:
    """Each difference between the SIASN rows and the pegawai the user sees (a fixed number of queries)."""
    nips = [r["nip"] for r in baris]
    pegawai = {p.nip: p for p in pegawai_visible_to(user).filter(nip__in=nips)}
    postings = penempatan_utama_banyak([p.pk for p in pegawai.values()], on=on)
    hasil = []
    for r in baris:
        p = pegawai.get(r["nip"])
        if p is None:
            hasil.append(Beda(r["nip"], r["nama"], "pegawai", "", r["jabatan"]))
            continue
        utama = postings.get(p.pk)
        ek = {
            "jabatan": utama.jabatan.nama if utama else "",
            "unit": utama.jabatan.unit.nama if utama else "",
            "golongan": p.golongan,
        }
        for aspek in ("jabatan", "unit", "golongan"):
            if _norm(ek[aspek]) != _norm(r[aspek]):
                hasil.append(Beda(p.nip, p.nama_lengkap, aspek, ek[aspek], r[aspek]))
    return hasil
