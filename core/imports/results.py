"""What an import reports: each bad row's reasons, the table read from a file, the outcome."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class BarisError:
    """One reason a row cannot be imported, numbered as the clerk sees the row in Excel."""

    baris: int
    kolom: str
    alasan: str

    def __str__(self) -> str:
        return _("Baris %(baris)d: %(kolom)s: %(alasan)s") % {
            "baris": self.baris,
            "kolom": self.kolom,
            "alasan": self.alasan,
        }


@dataclass
class Tabel:
    """A file read into rows: which layout, the header of each known field, raw cell values.

    `labels` names the fields that have no column in the file (a subclass per import sets them).
    """

    layout: str
    kolom: dict[str, str]  # field → header as written in the file
    baris: list[tuple[int, dict[str, Any]]]  # (Excel row number, field → raw cell value)

    labels: ClassVar[Mapping[str, str]] = {}

    def label(self, name: str) -> str:
        return self.kolom.get(name) or self.labels.get(name) or _("Data")


@dataclass(frozen=True)
class HasilImpor:
    dibuat: int
    total: int
    errors: list[BarisError]
    # The rows written (a pegawai import: the new pegawai, whose activation codes are printed next).
    ids: tuple[int, ...] = ()
    # Rows that updated an existing record instead of creating one (a SIASN re-import: the PNS ID).
    diperbarui: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def baris_salah(self) -> int:
        return len({e.baris for e in self.errors})


class DaftarError:
    """Line errors of a file that can fail on every line (a punch log): kept up to `cap` for display,
    all counted."""

    def __init__(self, cap: int):
        self.cap = cap
        self.items: list[tuple[int, str]] = []
        self.count = 0

    def add(self, baris: int, alasan: str) -> None:
        self.count += 1
        if len(self.items) < self.cap:
            self.items.append((baris, alasan))

    def __bool__(self) -> bool:
        return self.count > 0

    def lines(self) -> list[str]:
        return [_("Baris %(n)d: %(alasan)s") % {"n": n, "alasan": alasan} for n, alasan in sorted(self.items)]
