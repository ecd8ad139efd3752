"""xlsx files of the uang makan recap (openpyxl); the layout of a pay list a treasurer can sign."""

from collections.abc import Callable, Sequence
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .uang_makan import Baris, total_of

RUPIAH = "#,##0"
KOLOM = [  # (header, width)
    ("No.", 5),
    ("NIP", 21),
    ("Nama", 34),
    ("Golongan", 10),
    ("Hari", 7),
    ("Tarif/hari", 12),
    ("Bruto", 14),
    ("PPh", 12),
    ("Neto", 14),
    ("Keterangan", 40),
]
BARIS_HEADER = 5  # rows 1–3: title, 4: blank, 5: column headers


def _tulis(ws, row: int, values: list) -> None:
    for col, value in enumerate(values, start=1):
        if value is not None:
            ws.cell(row, col, value)


def uang_makan_xlsx(
    *, baris: Sequence[Baris], pemda: str, opd: str, bulan: str, progress: Callable[[int], None] | None = None
) -> bytes:
    """One sheet: pemda / OPD / month header, a row per employee, a totals row; NIP kept as text."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("Uang makan")
    ws["A1"] = _("Daftar uang makan %(bulan)s") % {"bulan": bulan}
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"], ws["A3"] = pemda, opd
    bold = Font(bold=True)
    for col, (judul, lebar) in enumerate(KOLOM, start=1):
        cell = ws.cell(BARIS_HEADER, col, _(judul))
        cell.font, cell.alignment = bold, Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(col)].width = lebar
    ws.freeze_panes = f"A{BARIS_HEADER + 1}"
    row = BARIS_HEADER
    for i, b in enumerate(baris, start=1):
        row = BARIS_HEADER + i
        _tulis(ws, row, [i, b.nip, b.nama, b.golongan, b.hari, b.tarif, b.bruto, b.pph, b.neto, b.galat])
        # an 18-digit NIP as a number would lose its last digits and show as 1,98609E+17
        ws.cell(row, 2).number_format = "@"
        for col in (6, 7, 8, 9):
            ws.cell(row, col).number_format = RUPIAH
        if progress:
            progress(i)
    total = total_of(list(baris))
    row += 1
    _tulis(ws, row, [None, None, _("Jumlah"), None, total.hari, None, total.bruto, total.pph, total.neto, None])
    for col in range(1, len(KOLOM) + 1):
        ws.cell(row, col).font = bold
    for col in (7, 8, 9):
        ws.cell(row, col).number_format = RUPIAH
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
