"""The pieces of an import template (xlsx, no database): the data sheet's header and example row,
dropdowns, the instructions sheet and reference sheets of what may be referred to."""

import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.xlsx import put

SHEET_PETUNJUK = "Petunjuk"

_HEADER_FILL = PatternFill("solid", fgColor="0A3D7A")
_HEADER_FONT = Font(bold=True, color="FFFFFF")


def style_header(cell) -> None:
    """The look of a header cell in every template: white bold text on the E-Kinerja blue."""
    cell.fill, cell.font = _HEADER_FILL, _HEADER_FONT


def write_header(
    ws,
    columns: Sequence[tuple[str, str]],
    example: Mapping[str, Any],
    *,
    widths: Mapping[str, int],
    column_formats: Mapping[str, str] = {},  # noqa: B006 (read only)
    example_formats: Mapping[str, str] = {},  # noqa: B006 (read only)
    hints: Mapping[str, str] = {},  # noqa: B006 (read only)
    default_width: int = 16,
) -> dict[str, str]:
    """Row 1: the (field, header) `columns`, styled, with a comment where `hints` has one; row 2: the
    example row in grey italics. Returns each field's column letter."""
    letters = {name: get_column_letter(i) for i, (name, _header) in enumerate(columns, start=1)}
    for i, (name, header) in enumerate(columns, start=1):
        cell = put(ws, 1, i, header)
        style_header(cell)
        cell.alignment = Alignment(vertical="center")
        if name in hints:
            cell.comment = Comment(hints[name], "E-Kinerja")
        dim = ws.column_dimensions[letters[name]]
        dim.width = widths.get(name, default_width)
        if name in column_formats:
            dim.number_format = column_formats[name]
    for i, (name, _header) in enumerate(columns, start=1):
        cell = put(ws, 2, i, example[name])
        cell.font = Font(italic=True, color="555555")
        if name in example_formats:
            cell.number_format = example_formats[name]
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 22
    return letters


def add_validation(ws, cells: str, *, error: str = "", **rule) -> DataValidation:
    """A data validation (`rule`: openpyxl's type, formula1, …) on `cells`; with an `error` message a
    wrong entry is refused, without one typing anything stays allowed."""
    dv = DataValidation(**rule)
    if error:
        dv.error = error
        dv.showErrorMessage = True
    else:
        dv.showErrorMessage = False
    ws.add_data_validation(dv)
    dv.add(cells)
    return dv


def new_template(title: str, columns: Sequence[tuple[str, str]], example: Mapping[str, Any], **header):
    """A workbook whose first sheet `title` has the header and example row (`write_header`, with
    `header` passed on); returns the workbook, that sheet and each field's column letter."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    return wb, ws, write_header(ws, columns, example, **header)


def add_choice_list(ws, cells: str, options: Iterable[str]) -> DataValidation:
    """A dropdown of `options` on `cells`; anything else is refused (a blank cell stays allowed)."""
    return add_validation(
        ws,
        cells,
        type="list",
        formula1=f'"{",".join(options)}"',
        allow_blank=True,
        error=_("Pilih salah satu isian dari daftar."),
    )


def add_reference_list(ws, cells: str, sheet: str, count: int) -> DataValidation | None:
    """A dropdown on `cells` of the `count` names in column B of the reference `sheet` (none when it
    is empty); typing stays allowed (an ID, or a name that repeats)."""
    if not count:
        return None
    return add_validation(ws, cells, type="list", formula1=f"={sheet}!$B$2:$B${count + 1}", allow_blank=True)


def add_petunjuk_sheet(wb, lines: Iterable[tuple[bool, Any]], title: str = SHEET_PETUNJUK):
    """A sheet of instructions: one (is a heading, text) line per row in a wide wrapped column."""
    petunjuk = wb.create_sheet(title)
    petunjuk.column_dimensions["A"].width = 120
    for i, (heading, line) in enumerate(lines, start=1):
        cell = put(petunjuk, i, 1, str(line))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if heading:
            cell.font = Font(bold=True, size=14 if i == 1 else 12)
    return petunjuk


def add_list_sheet(wb, title: str, columns: Sequence[tuple[str, int]], rows: Iterable[Sequence[Any]]):
    """A reference sheet (what the actor may refer to, e.g. the jabatan in scope): a styled header of
    (header, width) columns, one row per item, the header frozen and a filter when there are rows."""
    sheet = wb.create_sheet(title)
    for i, (header, width) in enumerate(columns, start=1):
        style_header(put(sheet, 1, i, header))
        sheet.column_dimensions[get_column_letter(i)].width = width
    last = 1
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            put(sheet, r, c, value)
        last = r
    sheet.freeze_panes = "A2"
    if last > 1:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"
    return sheet


def workbook_bytes(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
