"""Reading one cell of an uploaded sheet: text, a name to compare, a date (no database)."""

import re
from datetime import date, datetime
from typing import Any

from openpyxl.utils.datetime import from_excel


def cell_text(value: Any) -> str:
    """A cell as text: SIASN's leading `'` and the text `null` are dropped; 12.0 reads as 12."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\u00a0", " ").replace("\ufeff", "").strip()
    if text.startswith("'"):
        text = text[1:].strip()
    return "" if text.lower() == "null" else text


def name_key(name: str) -> str:
    """A name as compared with the names in the database: spaces collapsed, case folded."""
    return " ".join(name.split()).casefold()


def normalise_header(value: Any) -> str:
    """`Status (PNS/CPNS/PPPK)`, `nip_baru`, ` Gol  Akhir Nama ` → `STATUS`, `NIP BARU`, `GOL AKHIR NAMA`."""
    text = re.sub(r"\(.*?\)", " ", cell_text(value))
    return re.sub(r"[\s_\-.*:]+", " ", text).strip().upper()


_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")


def parse_date(value: Any) -> date | None:
    """A date cell, an Excel serial number, `dd-mm-yyyy` (or / .) or `yyyy-mm-dd`; None when empty.

    Raises ValueError for anything else; a day-first reading is the Indonesian one (02-01-2024 is
    2 January).
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 2_958_466:
            raise ValueError(value)
        return from_excel(value).date()
    text = cell_text(value)
    if not text:
        return None
    if m := _DMY.fullmatch(text):
        d, mth, y = int(m[1]), int(m[2]), int(m[3])
    elif m := _YMD.fullmatch(text):
        y, mth, d = int(m[1]), int(m[2]), int(m[3])
    else:
        raise ValueError(text)
    if not 1900 <= y <= 2100:
        raise ValueError(text)
    return date(y, mth, d)
