"""Charts drawn on the server as inline SVG (issue 18): no script, no style attribute, no <style>
block, so they pass the strict CSP and print as they show.

Colours are SVG presentation attributes (a print has them even without the stylesheet); the classes
let static/css/dasbor.css adjust them. Each chart has a <title> and <desc> (role="img"), each bar its
own <title>, and its numbers are written beside it: the table next to a chart holds the same data.
The drawing is 360 units wide, a phone's width, so its text keeps its size on a phone; CSS caps the
width on a wide screen.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

LEBAR = 360
WARNA_BATANG = "#0a58ca"  # contrast ≥ 4.5:1 on white, like the text
WARNA_LATAR = "#e9ecef"
WARNA_TEKS = "#212529"
WARNA_GARIS = "#6c757d"


@dataclass(frozen=True)
class Nilai:
    """One bar: its label, its value and the text written beside it (the value with its unit)."""

    label: str
    nilai: Decimal | int
    teks: str


def persen_teks(nilai: Decimal | int) -> str:
    return f"{number_format(nilai, 1)}%"


def _pendek(teks: str, n: int) -> str:
    return teks if len(teks) <= n else teks[: n - 1] + "…"


def batang(nilai: list[Nilai], *, judul: str, keterangan: str, maks: Decimal | int = 100, ident: str) -> SafeString:
    """Horizontal bars, one per item: its label above, the bar, the value at the bar's end."""
    tinggi_item, ruang_teks = 46, 64
    tinggi = max(len(nilai), 1) * tinggi_item + 4
    skala = Decimal(LEBAR - ruang_teks) / Decimal(maks or 1)
    items = []
    for i, v in enumerate(nilai):
        y = i * tinggi_item
        panjang = max(min(Decimal(v.nilai), Decimal(maks)) * skala, Decimal(0)).quantize(Decimal("0.1"))
        items.append(
            (
                f"{v.label}: {v.teks}",
                y + 14,
                _pendek(v.label, 48),
                y + 20,
                LEBAR - ruang_teks,
                WARNA_LATAR,
                y + 20,
                panjang,
                WARNA_BATANG,
                panjang + 6,
                y + 33,
                WARNA_TEKS,
                v.teks,
            )
        )
    isi = format_html_join(
        "",
        '<g class="grafik-item"><title>{}</title>'
        '<text x="0" y="{}" class="grafik-label" font-size="13" fill="#212529">{}</text>'
        '<rect x="0" y="{}" width="{}" height="16" fill="{}" class="grafik-latar"></rect>'
        '<rect x="0" y="{}" width="{}" height="16" fill="{}" class="grafik-batang"></rect>'
        '<text x="{}" y="{}" font-size="13" font-weight="700" fill="{}" class="grafik-nilai">{}</text></g>',
        items,
    )
    return _svg(ident, judul, keterangan, tinggi, isi)


def kolom(nilai: list[Nilai], *, judul: str, keterangan: str, maks: Decimal | int = 100, ident: str) -> SafeString:
    """Vertical columns over a baseline, one per item (months of a trend): the value above each
    column, the label below it."""
    tinggi_grafik, atas, bawah = 150, 22, 24
    tinggi = atas + tinggi_grafik + bawah
    n = max(len(nilai), 1)
    lebar_kolom = Decimal(LEBAR) / n
    skala = Decimal(tinggi_grafik) / Decimal(maks or 1)
    items = []
    for i, v in enumerate(nilai):
        h = max(min(Decimal(v.nilai), Decimal(maks)) * skala, Decimal(0)).quantize(Decimal("0.1"))
        x = (lebar_kolom * i + lebar_kolom * Decimal("0.2")).quantize(Decimal("0.1"))
        tengah = (lebar_kolom * i + lebar_kolom / 2).quantize(Decimal("0.1"))
        items.append(
            (
                f"{v.label}: {v.teks}",
                x,
                atas + tinggi_grafik - h,
                (lebar_kolom * Decimal("0.6")).quantize(Decimal("0.1")),
                h,
                WARNA_BATANG,
                tengah,
                atas + tinggi_grafik - h - 6,
                WARNA_TEKS,
                v.teks,
                tengah,
                tinggi - 6,
                WARNA_TEKS,
                _pendek(v.label, 10),
            )
        )
    isi = format_html_join(
        "",
        '<g class="grafik-item"><title>{}</title>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" class="grafik-batang"></rect>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="12" font-weight="700" fill="{}" '
        'class="grafik-nilai">{}</text>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="{}" class="grafik-label">{}</text></g>',
        items,
    )
    garis = format_html(
        '<line x1="0" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1" class="grafik-garis"></line>',
        atas + tinggi_grafik,
        LEBAR,
        atas + tinggi_grafik,
        WARNA_GARIS,
    )
    return _svg(ident, judul, keterangan, tinggi, garis + isi)


def _svg(ident: str, judul: str, keterangan: str, tinggi: int, isi: SafeString) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="grafik" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-labelledby="{}-judul {}-ket" preserveAspectRatio="xMinYMin meet">'
        '<title id="{}-judul">{}</title><desc id="{}-ket">{}</desc>{}</svg>',
        LEBAR,
        tinggi,
        ident,
        ident,
        ident,
        judul,
        ident,
        keterangan,
        isi,
    )
