"""Text that stays text in a spreadsheet (formula injection, issue 13 item 4).

openpyxl stores any string that starts with `=` as a formula, so a pegawai named
`=HYPERLINK("http://…","klik")` became a live link in HR's pay list. Spreadsheet programs also read
text starting with `+`, `-` or `@` as a formula once someone edits the cell. Two layers:

- Output: every xlsx the app writes puts its strings through `keep_text` (or `put` / `text_cell` /
  `text_row`, which call it): the cell is a string cell, never a formula, and text starting with one
  of those signs gets Excel's quote prefix (the hidden apostrophe), so editing it keeps it text.
- Input: `reject_formula` refuses names and free text that start with a sign followed by a formula
  (`=1`, `=HYPERLINK(`, `+1+1`, `@SUM(`, `-A1`), with a message saying so. Ordinary text stays
  allowed: `-`, `- Rapat koordinasi`, `+62 812 3456 7890`, `@Bappeda`, `-5`.
"""

import io
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell

# The characters a spreadsheet reads as the start of a formula.
FORMULA_SIGNS = ("=", "+", "-", "@")
PESAN_RUMUS = _("Teks tidak boleh diawali tanda =, +, - atau @ diikuti rumus.")

# What a formula looks like right after a `+`, `-` or `@` (after `=`, anything does).
_CELL = r"(?:[A-Za-z_][\w.]*!)?\$?[A-Za-z]{1,3}\$?\d+"  # A1, $B$2, Sheet!C3
_OPERAND = rf"(?:\d+(?:[.,]\d+)*%?|{_CELL})"  # 12, 1.5, 10%, or a reference
_AFTER_SIGN = re.compile(
    r"[A-Za-z_][\w.]*\("  # a function call: SUM(, HYPERLINK(, cmd(
    r"|[\w.]+\|"  # a DDE call: cmd|' /C calc'!A0
    r"|[=(]"  # +=1, -(1+1)
    rf"|\s*{_OPERAND}(?:\s*[-+*/^&<>=]+\s*{_OPERAND})+\s*$"  # arithmetic: 1+1, A1*2, 2 + 3
    rf"|\s*{_CELL}\s*$"  # a lone reference: +A1
)


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet would run `text` as a formula: a sign followed by a formula."""
    text = text.lstrip()
    if not text or text[0] not in FORMULA_SIGNS:
        return False
    rest = text[1:]
    if text[0] == "=":
        return bool(rest.strip())
    return bool(_AFTER_SIGN.match(rest))


def reject_formula(value: Any) -> None:
    """A form/field validator: refuse text that starts with =, +, - or @ followed by a formula."""
    if isinstance(value, str) and looks_like_formula(value):
        raise ValidationError(PESAN_RUMUS, code="formula")


def keep_text(cell: Cell) -> Cell:
    """Make a cell holding a str a string cell (never a formula); quote-prefix a leading sign."""
    value = cell.value
    if isinstance(value, str):
        cell.data_type = "s"
        if value[:1] in FORMULA_SIGNS:
            cell.quotePrefix = True
    return cell


def put(ws, row: int, column: int, value: Any) -> Cell:
    """Write a value into a (normal) worksheet; a string stays text."""
    return keep_text(ws.cell(row=row, column=column, value=value))


def text_cell(ws, value: Any) -> Cell:
    """A cell for a write-only worksheet; a string stays text."""
    return keep_text(WriteOnlyCell(ws, value=value))


def text_row(ws, values: Iterable[Any]) -> list:
    """A row for `ws.append` in which every string, bare or in a cell, stays text."""
    row = []
    for v in values:
        if isinstance(v, str):
            # other strings are bound as text already; a cell of its own only where needed (10,000 rows)
            if v[:1] in FORMULA_SIGNS:
                v = text_cell(ws, v)
        elif isinstance(v, Cell):
            keep_text(v)
        row.append(v)
    return row


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def tabel_unduh(*, nama_file: str, sheet: str, judul: Iterable[Any], baris: Iterable[Iterable[Any]]) -> HttpResponse:
    """A one-sheet xlsx download of a list page's rows (write-only, every string kept as text)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(str(sheet))
    ws.append(text_row(ws, [str(h) for h in judul]))
    for values in baris:
        ws.append(text_row(ws, values))
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{nama_file}"'
    return response
