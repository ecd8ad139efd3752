"""The printed pay-list sheet that every TPP and uang makan xlsx is made of (openpyxl, write-only).

Every sheet is what a treasurer prints and signs: title with the period, pemda, OPD; the column
headers (repeated on every printed page); a row per employee with the NIP as text (an 18-digit
number would print as 1,98609E+17); a bold totals row; rupiah as #,##0 and capaian as a percentage;
the header frozen; landscape, fitted to the page width on A4 or F4 (setting EKSPOR_KERTAS, default
F4, the folio paper of Indonesian offices); and a signature block: "Mengetahui, Kepala <OPD>" (the
holder of the OPD's top post today, Plt/Plh marked) and "Bendahara Pengeluaran", with name and NIP
lines left blank when unknown, to be filled by hand.

Sheets are written in openpyxl's write-only mode (rows streamed to disk), so 10,000 rows stay in
bounded memory; the styles are therefore set per cell. Every string goes out as text, never as a
formula (`core.xlsx`): a name saved as `=HYPERLINK(…)` prints as those characters. The lists
themselves are `tpp.exports`.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from io import BytesIO

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties

from accounts.selectors import kepala_opd_banyak
from core.dates import today
from core.xlsx import text_row

RUPIAH = "#,##0"
PERSEN = "0.00%"
TEKS = "@"
# Excel paper codes: 9 = A4, 14 = Folio 8.5 × 13 in (F4)
KERTAS = {"A4": 9, "F4": 14}
BARIS_HEADER = 5  # rows 1–3: title, pemda, OPD; 4: column groups (or blank); 5: column headers
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
NAMA_TTD = Font(bold=True, underline="single")
HEADER = Alignment(wrap_text=True, vertical="center", horizontal="center")
TITIK = "." * 30


@dataclass(frozen=True)
class Kolom:
    judul: str
    lebar: float
    format: str | None = None
    grup: str = ""  # shown on row 4 above the first column of a group (a month of the quarter)


@dataclass(frozen=True)
class Penandatangan:
    """One signature: the post's title, then name and NIP (blank lines when unknown)."""

    jabatan: str
    nama: str = ""
    nip: str = ""


def _nip_tampil(nip: str) -> str:
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}" if len(nip) == 18 else nip


def kepala_opd(opd_ids, *, on: date | None = None) -> dict[int, Penandatangan]:
    """The signing head of each OPD (accounts.selectors.kepala_opd_banyak); missing when vacant."""
    result = {}
    for opd_id, a in kepala_opd_banyak(opd_ids=opd_ids, on=on or today()).items():
        jabatan = a.jabatan.nama
        if a.is_acting:
            jabatan = f"{a.penempatan.jenis.title()}. {jabatan}"  # "Plt. Kepala Dinas"
        result[opd_id] = Penandatangan(jabatan, a.pegawai.nama_lengkap, _nip_tampil(a.pegawai.nip))
    return result


def bendahara() -> Penandatangan:
    # the organisation data has no treasurer post yet: name and NIP are written by hand
    return Penandatangan(_("Bendahara Pengeluaran"))


def _judul_sheet(nama: str, dipakai: set[str]) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", " ", nama).strip()[:31] or "Sheet"
    title, i = base, 2
    while title.lower() in dipakai:
        suffix = f" ({i})"
        title, i = base[: 31 - len(suffix)] + suffix, i + 1
    dipakai.add(title.lower())
    return title


class Lembar:
    """One pay-list sheet in a write-only workbook: header rows, rows, totals, signature block.

    Column widths, frozen panes and page properties go out with the first row, so they are set
    here before anything is appended.
    """

    def __init__(
        self, buku: "Buku", *, nama: str, judul: str, pemda: str, opd: str, kolom: Sequence[Kolom], beku: str = "D"
    ) -> None:
        self.ws = ws = buku.wb.create_sheet(_judul_sheet(nama, buku.nama_sheet))
        self.kolom = list(kolom)
        for i, k in enumerate(self.kolom, start=1):
            ws.column_dimensions[get_column_letter(i)].width = k.lebar
        ws.freeze_panes = f"{beku}{BARIS_HEADER + 1}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = KERTAS.get(getattr(settings, "EKSPOR_KERTAS", "F4"), KERTAS["F4"])
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages down as needed
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6)
        ws.print_options.horizontalCentered = True
        ws.print_title_rows = f"4:{BARIS_HEADER}"
        ws.oddFooter.center.text = _("Halaman &P dari &N")
        self._baris = 0
        self._tulis([self._sel(judul, font=TITLE)])
        self._tulis([pemda])
        self._tulis([opd])
        groups = [self._sel(k.grup, font=BOLD) if k.grup else None for k in self.kolom]
        self._tulis(groups)
        self._tulis([self._sel(k.judul, font=BOLD, alignment=HEADER) for k in self.kolom])

    def _sel(self, value, *, fmt: str | None = None, font: Font | None = None, alignment=None) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws, value=value)
        if fmt:
            cell.number_format = fmt
        if font:
            cell.font = font
        if alignment:
            cell.alignment = alignment
        return cell

    def _tulis(self, cells: list) -> None:
        self.ws.append(text_row(self.ws, cells))  # every string stays text, never a formula
        self._baris += 1

    def baris(self, values: Sequence, *, font: Font | None = None) -> None:
        """A row of values in column order, formatted by the column (NIP as text, rupiah, percent)."""
        cells = []
        for k, v in zip(self.kolom, values, strict=False):
            if v is None or v == "":
                cells.append(None)
            elif k.format or font:
                cells.append(self._sel(v, fmt=k.format, font=font))
            else:
                cells.append(v)
        self._tulis(cells)

    def jumlah(self, values: Sequence) -> None:
        self.baris(values, font=BOLD)

    def kosong(self, n: int = 1) -> None:
        for _i in range(n):
            self._tulis([])

    def tanda_tangan(
        self, kiri: Penandatangan | None, kanan: Penandatangan, *, kolom_kiri: int = 3, kolom_kanan: int | None = None
    ) -> None:
        """Two signatures side by side: "Mengetahui, <head>" left, the treasurer right (place and
        date by hand). Text sits in single cells and overflows into the empty cells beside it."""
        kiri = kiri or Penandatangan(_("Kepala OPD"))
        kanan_col = kolom_kanan or max(len(self.kolom) - 3, kolom_kiri + 2)

        def line(left, right, font=None) -> None:
            row: list = [None] * max(kanan_col, kolom_kiri)
            row[kolom_kiri - 1] = self._sel(left, font=font) if font and left else left
            row[kanan_col - 1] = self._sel(right, font=font) if font and right else right
            self._tulis(row)

        self.kosong()
        line(_("Mengetahui,"), f"{TITIK}, {TITIK[:20]} {today().year}")
        line(kiri.jabatan, kanan.jabatan)
        self.kosong(3)
        line(kiri.nama or f"({TITIK})", kanan.nama or f"({TITIK})", font=NAMA_TTD)
        line(_("NIP %(nip)s") % {"nip": kiri.nip or TITIK}, _("NIP %(nip)s") % {"nip": kanan.nip or TITIK})


class Buku:
    """A write-only workbook and the sheet names used so far (unique, case-insensitive)."""

    def __init__(self) -> None:
        self.wb = Workbook(write_only=True)
        self.nama_sheet: set[str] = set()

    def lembar(self, **kwargs) -> Lembar:
        return Lembar(self, **kwargs)

    def simpan(self) -> bytes:
        out = BytesIO()
        self.wb.save(out)
        return out.getvalue()
