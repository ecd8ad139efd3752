"""Charts drawn on the server as inline SVG (issue 18); this module computes the geometry, the
markup is templates/includes/grafik_*.html (HTML is built in templates only): no script, no style attribute, no <style>
block, so they pass the strict CSP and print as they show.

Colours are SVG presentation attributes (a print has them even without the stylesheet); the classes
let static/css/dasbor.css adjust them. Each chart has a <title> and <desc> (role="img"), each bar its
own <title>, and its numbers are written beside it: the table next to a chart holds the same data.
The drawing is 360 units wide, a phone's width, so its text keeps its size on a phone; CSS caps the
width on a wide screen.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.formats import number_format
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


def _d(x) -> Decimal:
    return Decimal(x).quantize(Decimal("0.1"))


def batang(nilai: list[Nilai], *, judul: str, keterangan: str, maks: Decimal | int = 100, ident: str) -> SafeString:
    """Horizontal bars, one per item: its label above, the bar, the value at the bar's end."""
    tinggi_item, ruang_teks = 46, 64
    penuh = LEBAR - ruang_teks
    skala = Decimal(penuh) / Decimal(maks or 1)
    items = []
    for i, v in enumerate(nilai):
        y = i * tinggi_item
        panjang = _d(max(min(Decimal(v.nilai), Decimal(maks)) * skala, Decimal(0)))
        items.append(
            {
                "judul": f"{v.label}: {v.teks}",
                "label": _pendek(v.label, 48),
                "y_label": y + 14,
                "y_batang": y + 20,
                "panjang": panjang,
                "x_nilai": panjang + 6,
                "y_nilai": y + 33,
                "teks": v.teks,
            }
        )
    tinggi = max(len(nilai), 1) * tinggi_item + 4
    return _svg("includes/grafik_batang.html", ident, judul, keterangan, tinggi, items, penuh=penuh)


def kolom(nilai: list[Nilai], *, judul: str, keterangan: str, maks: Decimal | int = 100, ident: str) -> SafeString:
    """Vertical columns over a baseline, one per item (months of a trend): the value above each
    column, the label below it."""
    tinggi_grafik, atas, bawah = 150, 22, 24
    tinggi = atas + tinggi_grafik + bawah
    lebar_kolom = Decimal(LEBAR) / max(len(nilai), 1)
    skala = Decimal(tinggi_grafik) / Decimal(maks or 1)
    items = []
    for i, v in enumerate(nilai):
        h = _d(max(min(Decimal(v.nilai), Decimal(maks)) * skala, Decimal(0)))
        tengah = _d(lebar_kolom * i + lebar_kolom / 2)
        items.append(
            {
                "judul": f"{v.label}: {v.teks}",
                "x": _d(lebar_kolom * i + lebar_kolom * Decimal("0.2")),
                "y": atas + tinggi_grafik - h,
                "lebar": _d(lebar_kolom * Decimal("0.6")),
                "tinggi": h,
                "tengah": tengah,
                "y_nilai": atas + tinggi_grafik - h - 6,
                "y_label": tinggi - 6,
                "teks": v.teks,
                "label": _pendek(v.label, 10),
            }
        )
    return _svg("includes/grafik_kolom.html", ident, judul, keterangan, tinggi, items, dasar=atas + tinggi_grafik)


def _svg(template: str, ident: str, judul: str, keterangan: str, tinggi: int, items: list[dict], **extra) -> SafeString:
    context = {
        "ident": ident,
        "judul": judul,
        "keterangan": keterangan,
        "lebar": LEBAR,
        "tinggi": tinggi,
        "items": items,
        "warna": {"batang": WARNA_BATANG, "latar": WARNA_LATAR, "teks": WARNA_TEKS, "garis": WARNA_GARIS},
        **extra,
    }
    return render_to_string(template, context)
