"""The printable guide of a role: every task's steps on one A4 page, with the task's key screenshot
small beside them (weasyprint; templates/panduan/pdf.html), for training sessions."""

import hashlib
import os

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

from .isi import Panduan

# The same guide asked for again costs the HTML, not weasyprint's ≈ 0.5 s of CPU; the key is the
# hash of the HTML and of the screenshots' file times: a changed guide or screenshot is a new key.
PDF_SIMPAN_DETIK = 24 * 60 * 60


def foto_uri(nama: str) -> str:
    """A file:// address weasyprint reads the screenshot from ("" when the file is absent)."""
    path = finders.find(f"panduan/{nama}.webp") if nama else None
    return f"file://{path}" if path else ""


def panduan_pdf(panduan: Panduan) -> bytes:
    tugas = [{"tugas": t, "foto": foto_uri(t.foto_cetak)} for t in panduan.tugas]
    with translation.override("id"):
        html = render_to_string("panduan/pdf.html", {"panduan": panduan, "daftar": tugas})
    waktu = "".join(str(os.stat(f["foto"].removeprefix("file://")).st_mtime_ns) for f in tugas if f["foto"])
    kunci = "panduan-pdf:" + hashlib.sha256((html + waktu).encode()).hexdigest()
    pdf = cache.get(kunci)
    if pdf is None:
        from weasyprint import HTML  # imported here: pango loads only when a PDF is made

        pdf = HTML(string=html).write_pdf()
        cache.set(kunci, pdf, PDF_SIMPAN_DETIK)
    return pdf
