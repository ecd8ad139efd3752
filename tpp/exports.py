"""xlsx pay lists (openpyxl, write-only): TPP month, TPP quarter and uang makan, in one shape.

Every sheet is what a treasurer prints and signs: title with the period, pemda, OPD; the column
headers (repeated on every printed page); a row per employee with the NIP as text (an 18-digit
number would print as 1,98609E+17); a bold totals row; rupiah as #,##0 and capaian as a percentage;
the header frozen; landscape, fitted to the page width on A4 or F4 (setting EKSPOR_KERTAS, default
F4, the folio paper of Indonesian offices); and a signature block: "Mengetahui, Kepala <OPD>" (the
holder of the OPD's top post today, Plt/Plh marked) and "Bendahara Pengeluaran", with name and NIP
lines left blank when unknown, to be filled by hand.

Sheets are written in openpyxl's write-only mode (rows streamed to disk), so 10,000 rows stay in
bounded memory; the styles are therefore set per cell. Every string goes out as text, never as a
formula (`core.xlsx`): a name saved as `=HYPERLINK(…)` prints as those characters.

The whole-pemda monthly recap is one workbook with a "Rekapitulasi" sheet (one line per OPD with its
totals and the pemda total; the BPKAD's view for the SP2D per OPD) followed by one complete sheet
per OPD, each with its own totals and signature block: TPP is paid through each OPD's budget
(DPA) by its own bendahara pengeluaran, who prints and signs their OPD's list only. One sheet with
subtotals would need cutting up before anyone could sign it.
"""

import re
from collections.abc import Callable, Sequence
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
from core.dates import BULAN, today
from core.xlsx import text_row

from .uang_makan import Baris, total_of

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


# --- uang makan ----------------------------------------------------------------------------------

KOLOM_UANG_MAKAN = [
    Kolom("No.", 5),
    Kolom("NIP", 21, TEKS),
    Kolom("Nama", 34),
    Kolom("Golongan", 10),
    Kolom("Hari", 7),
    Kolom("Tarif/hari", 12, RUPIAH),
    Kolom("Bruto", 14, RUPIAH),
    Kolom("PPh", 12, RUPIAH),
    Kolom("Neto", 14, RUPIAH),
    Kolom("Keterangan", 40),
]


def uang_makan_xlsx(
    *,
    baris: Sequence[Baris],
    pemda: str,
    opd: str,
    bulan: str,
    kepala: Penandatangan | None = None,
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """One sheet: pemda / OPD / month header, a row per employee, a totals row, signatures."""
    buku = Buku()
    kolom = [Kolom(_(k.judul), k.lebar, k.format) for k in KOLOM_UANG_MAKAN]
    sheet = buku.lembar(
        nama=_("Uang makan"),
        judul=_("Daftar uang makan %(bulan)s") % {"bulan": bulan},
        pemda=pemda,
        opd=opd,
        kolom=kolom,
    )
    for i, b in enumerate(baris, start=1):
        sheet.baris([i, b.nip, b.nama, b.golongan, b.hari, b.tarif, b.bruto, b.pph, b.neto, b.galat])
        if progress:
            progress(i)
    total = total_of(list(baris))
    sheet.jumlah([None, None, _("Jumlah"), None, total.hari, None, total.bruto, total.pph, total.neto, None])
    sheet.tanda_tangan(kepala, bendahara())
    return buku.simpan()


# --- TPP of a month --------------------------------------------------------------------------------

KOLOM_TPP = [
    Kolom("No.", 5),
    Kolom("NIP", 21, TEKS),
    Kolom("Nama", 30),
    Kolom("Gol.", 7),
    Kolom("Jabatan", 30),
    Kolom("Kelas", 6),
    Kolom("Besaran TPP", 14, RUPIAH),
    Kolom("Capaian kinerja", 10, PERSEN),
    Kolom("Bagian kinerja", 14, RUPIAH),
    Kolom("Bagian disiplin", 14, RUPIAH),
    Kolom("Bruto", 14, RUPIAH),
    Kolom("Potongan hukuman disiplin", 12, RUPIAH),
    Kolom("BPJS (iuran pegawai)", 12, RUPIAH),
    Kolom("PPh 21", 12, RUPIAH),
    Kolom("Neto (diterima)", 14, RUPIAH),
    Kolom("Keterangan", 34),
]


def _kolom(spec: Sequence[Kolom]) -> list[Kolom]:
    return [Kolom(_(k.judul), k.lebar, k.format, _(k.grup) if k.grup else "") for k in spec]


def _nilai_tpp(i: int, b) -> list:
    o = b.orang
    return [
        i,
        o.nip,
        o.nama,
        o.golongan,
        o.jabatan,
        o.kelas,
        b.besaran,
        b.capaian,
        b.kinerja,
        b.disiplin,
        b.bruto,
        b.hukdis,
        b.bpjs,
        b.pph,
        b.neto,
        b.keterangan,
    ]


def _jumlah_tpp(j) -> list:
    return [
        None,
        None,
        _("Jumlah (%(n)d pegawai)") % {"n": j.pegawai},
        None,
        None,
        None,
        j.besaran,
        None,
        j.kinerja,
        j.disiplin,
        j.bruto,
        j.hukdis,
        j.bpjs,
        j.pph,
        j.neto,
        None,
    ]


def rekap_bulanan_xlsx(rekap, *, progress: Callable[[int], None] | None = None) -> bytes:
    """The month's TPP list: one sheet for one OPD; for the whole pemda a summary sheet and one sheet
    per OPD (see the module docstring for why)."""
    buku = Buku()
    judul = _("Daftar TPP %(b)s") % {"b": rekap.judul_bulan}
    if not rekap.ditutup:
        judul += " " + _("(belum ditutup: angka dapat berubah)")
    pemda = rekap.pemda.nama
    kepala = kepala_opd([r.opd.pk for r in rekap.opd if r.opd.pk])
    if not rekap.satu_opd:
        _ringkasan(buku, rekap, judul, pemda)
    n = 0
    for r in rekap.opd:
        sheet = buku.lembar(
            nama=r.opd.singkatan or r.opd.nama, judul=judul, pemda=pemda, opd=r.opd.nama, kolom=_kolom(KOLOM_TPP)
        )
        for i, b in enumerate(r.baris, start=1):
            sheet.baris(_nilai_tpp(i, b))
            n += 1
            if progress:
                progress(n)
        sheet.jumlah(_jumlah_tpp(r.jumlah))
        sheet.tanda_tangan(kepala.get(r.opd.pk), bendahara())
    return buku.simpan()


KOLOM_RINGKASAN = [
    Kolom("No.", 5),
    Kolom("OPD", 44),
    Kolom("Pegawai", 9),
    Kolom("Besaran TPP", 16, RUPIAH),
    Kolom("Bagian kinerja", 16, RUPIAH),
    Kolom("Bagian disiplin", 16, RUPIAH),
    Kolom("Bruto", 16, RUPIAH),
    Kolom("Potongan hukuman disiplin", 14, RUPIAH),
    Kolom("BPJS (iuran pegawai)", 14, RUPIAH),
    Kolom("PPh 21", 14, RUPIAH),
    Kolom("Neto (diterima)", 16, RUPIAH),
    Kolom("BPJS ditanggung pemda", 14, RUPIAH),
]


def _ringkasan(buku, rekap, judul: str, pemda: str) -> None:
    sheet = buku.lembar(
        nama=_("Rekapitulasi"),
        judul=judul,
        pemda=pemda,
        opd=_("Rekapitulasi seluruh OPD"),
        kolom=_kolom(KOLOM_RINGKASAN),
        beku="C",
    )

    def nilai(j) -> list:
        return [j.pegawai, j.besaran, j.kinerja, j.disiplin, j.bruto, j.hukdis, j.bpjs, j.pph, j.neto, j.bpjs_pemda]

    for i, r in enumerate(rekap.opd, start=1):
        sheet.baris([i, r.opd.nama, *nilai(r.jumlah)])
    sheet.jumlah([None, _("Jumlah"), *nilai(rekap.jumlah)])


# --- TPP of a quarter ------------------------------------------------------------------------------

BULANAN_TRIWULAN = [  # per month of the quarter
    Kolom("Capaian", 9, PERSEN),
    Kolom("Kinerja", 13, RUPIAH),
    Kolom("Disiplin", 13, RUPIAH),
    Kolom("Bruto", 13, RUPIAH),
    Kolom("Neto", 13, RUPIAH),
]
TOTAL_TRIWULAN = [
    Kolom("Capaian rata-rata", 9, PERSEN),
    Kolom("Kinerja", 14, RUPIAH),
    Kolom("Disiplin", 14, RUPIAH),
    Kolom("Bruto", 14, RUPIAH),
    Kolom("Potongan hukuman disiplin", 12, RUPIAH),
    Kolom("BPJS (iuran pegawai)", 12, RUPIAH),
    Kolom("PPh 21", 12, RUPIAH),
    Kolom("Neto", 14, RUPIAH),
    Kolom("Hari tanpa keterangan", 9),
    Kolom("Terlambat (kali)", 9),
    Kolom("Pulang cepat (kali)", 9),
]


def _kolom_triwulan(rekap) -> list[Kolom]:
    kolom = [
        Kolom(_("No."), 5),
        Kolom(_("NIP"), 21, TEKS),
        Kolom(_("Nama"), 28),
        Kolom(_("Gol."), 7),
        Kolom(_("Jabatan"), 26),
        Kolom(_("Kelas"), 6),
    ]
    if rekap.opd is None:
        kolom.append(Kolom(_("OPD"), 24))
    for m in rekap.bulan:
        for j, k in enumerate(BULANAN_TRIWULAN):
            kolom.append(Kolom(_(k.judul), k.lebar, k.format, BULAN[m - 1] if j == 0 else ""))
    for j, k in enumerate(TOTAL_TRIWULAN):
        kolom.append(Kolom(_(k.judul), k.lebar, k.format, _("Jumlah triwulan") if j == 0 else ""))
    kolom.append(Kolom(_("Keterangan"), 34))
    return kolom


def rekap_triwulan_xlsx(rekap, *, progress: Callable[[int], None] | None = None) -> bytes:
    """One sheet: a row per employee, the three months side by side, then the quarter's totals and
    the cumulative attendance (days without notice, late arrivals, early leaves)."""
    buku = Buku()
    kolom = _kolom_triwulan(rekap)
    opd = rekap.opd.nama if rekap.opd else _("Seluruh OPD")
    sheet = buku.lembar(
        nama=_("Triwulan %(t)d") % {"t": rekap.triwulan},
        judul=_("Rekap TPP %(j)s") % {"j": rekap.judul},
        pemda=rekap.pemda.nama,
        opd=opd,
        kolom=kolom,
    )
    for i, r in enumerate(rekap.baris, start=1):
        o = r.orang
        values: list = [i, o.nip, o.nama, o.golongan, o.jabatan, o.kelas]
        if rekap.opd is None:
            values.append(rekap.opd_nama[o.opd_id].nama if o.opd_id in rekap.opd_nama else "")
        for m in rekap.bulan:
            b = r.bulan.get(m)
            values += [b.capaian, b.kinerja, b.disiplin, b.bruto, b.neto] if b else [None] * 5
        values += [
            r.capaian,
            *(r.jumlah(x) for x in ("kinerja", "disiplin", "bruto", "hukdis", "bpjs", "pph", "neto")),
            r.jumlah("tanpa_keterangan"),
            r.jumlah("tl"),
            r.jumlah("psw"),
            r.keterangan,
        ]
        sheet.baris(values)
        if progress:
            progress(i)
    j = rekap.jumlah
    total: list = [None, None, _("Jumlah (%(n)d pegawai)") % {"n": j.pegawai}, None, None, None]
    if rekap.opd is None:
        total.append(None)
    for m in rekap.bulan:
        pb = rekap.per_bulan[m]
        total += [None, pb.kinerja, pb.disiplin, pb.bruto, pb.neto]
    total += [None, j.kinerja, j.disiplin, j.bruto, j.hukdis, j.bpjs, j.pph, j.neto, None, None, None, None]
    sheet.jumlah(total)
    if rekap.opd is not None:  # a whole-pemda quarter is a statistic for BKPSDM/BPKAD, not a pay list
        sheet.tanda_tangan(kepala_opd([rekap.opd.pk]).get(rekap.opd.pk), bendahara())
    return buku.simpan()
