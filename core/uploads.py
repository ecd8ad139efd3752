"""Checking an uploaded document (evidence, a doctor's letter) before it is stored."""

import os

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_BYTES = 5 * 1024 * 1024
# The first bytes each accepted type starts with: the extension alone is not trusted.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
}
# FileField.max_length is 100 and the stored name gets a folder prefix.
NAME_MAX = 60


def accept(extensions) -> str:
    """The `accept` attribute of a file input."""
    return ",".join(extensions)


def check_document(f, *, extensions, names: str, too_big_hint: str):
    """Refuse a file of another type (by extension and by content) or over 5 MB; shorten its name.

    `names` lists the accepted types for the message ("PDF, JPG atau PNG"); `too_big_hint` says what
    to do with a big file.
    """
    base, ext = os.path.splitext(os.path.basename(f.name))
    ext = ext.lower()
    if ext not in extensions:
        raise ValidationError(
            _("Jenis berkas %(ext)s tidak diterima. Kirim berkas %(names)s."),
            params={"ext": ext or _("(tanpa akhiran)"), "names": names},
        )
    if f.size > MAX_BYTES:
        raise ValidationError(
            _("Berkas ini %(mb)s MB; paling besar 5 MB. %(hint)s"),
            params={"mb": number_format(f.size / (1024 * 1024), 1), "hint": too_big_hint},
        )
    f.seek(0)
    head = f.read(8)
    f.seek(0)
    if not any(head.startswith(sig) for sig in SIGNATURES[ext]):
        raise ValidationError(
            _("Isi berkas tidak sesuai dengan jenisnya (%(ext)s). Periksa berkasnya atau pilih berkas lain."),
            params={"ext": ext},
        )
    f.name = f"{base[:NAME_MAX]}{ext}"
    return f


def upload_field(*, help_text, accept_types: str = ".xlsx,.csv", label=None):
    """The one-file input of an import page: big, described by the page's help text, Indonesian errors."""
    return forms.FileField(
        label=label or gettext_lazy("Pilih file"),
        help_text=help_text,
        error_messages={
            "required": gettext_lazy("Pilih file yang akan diunggah terlebih dahulu."),
            "empty": gettext_lazy("File yang diunggah kosong. Periksa kembali file Anda."),
            "invalid": gettext_lazy("File tidak terkirim dengan benar. Coba unggah lagi."),
        },
        widget=forms.FileInput(
            attrs={
                "accept": accept_types,
                "class": "form-control form-control-lg",
                "aria-describedby": "bantuan-berkas",
            }
        ),
    )
