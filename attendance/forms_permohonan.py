"""Forms of leave and absence requests. They parse input only; every rule (overlap, balance, who
approves) is in `attendance.services.permohonan` (DESIGN.md §5)."""

import os
from typing import Any

from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from accounts.forms_org import PILIH, DateInput, ServiceForm

from .choices import JenisPermohonan

# An attachment an approver can open on an office PC or a phone (extension and first bytes must agree).
LAMPIRAN_MAX_BYTES = 5 * 1024 * 1024
LAMPIRAN_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}
LAMPIRAN_ACCEPT = ",".join(LAMPIRAN_SIGNATURES)
# FileField.max_length is 100 and the stored name gets a "permohonan/<yyyy>/<mm>/" prefix.
LAMPIRAN_NAME_MAX = 60


class PermohonanForm(ServiceForm):
    """A request: which kind, from when to when, why, and an optional letter (surat dokter, undangan)."""

    jenis = forms.ChoiceField(
        label=_("Jenis permohonan"),
        choices=[PILIH, *JenisPermohonan.choices],
        error_messages={"required": _("Pilih jenis cuti atau izin.")},
    )
    mulai = forms.DateField(
        label=_("Mulai tanggal"),
        widget=DateInput(),
        error_messages={"required": _("Isi tanggal mulai."), "invalid": _("Tulis tanggal seperti 23/11/2026.")},
    )
    selesai = forms.DateField(
        label=_("Sampai tanggal"),
        widget=DateInput(),
        help_text=_("Untuk satu hari, isi sama dengan tanggal mulai."),
        error_messages={"required": _("Isi tanggal selesai."), "invalid": _("Tulis tanggal seperti 23/11/2026.")},
    )
    alasan = forms.CharField(
        label=_("Alasan"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tulis alasan permohonan.")},
    )
    lampiran = forms.FileField(
        label=_("Lampiran (jika ada)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": LAMPIRAN_ACCEPT}),
        help_text=_("Misalnya surat dokter atau surat tugas. PDF, JPG atau PNG, paling besar 5 MB."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "jenis",
            Row(Column("mulai", css_class="col-sm-6"), Column("selesai", css_class="col-sm-6")),
            "alasan",
            "lampiran",
        )

    def clean_lampiran(self):
        f = self.cleaned_data.get("lampiran")
        if not f:
            return f
        base, ext = os.path.splitext(os.path.basename(f.name))
        ext = ext.lower()
        if ext not in LAMPIRAN_SIGNATURES:
            raise ValidationError(
                _("Jenis berkas %(ext)s tidak diterima. Kirim berkas PDF, JPG atau PNG."),
                params={"ext": ext or _("(tanpa akhiran)")},
            )
        if f.size > LAMPIRAN_MAX_BYTES:
            raise ValidationError(
                _("Berkas ini %(mb)s MB; paling besar 5 MB. Perkecil foto atau pindai ulang."),
                params={"mb": number_format(f.size / (1024 * 1024), 1)},
            )
        f.seek(0)
        head = f.read(8)
        f.seek(0)
        if not any(head.startswith(sig) for sig in LAMPIRAN_SIGNATURES[ext]):
            raise ValidationError(
                _("Isi berkas tidak sesuai dengan jenisnya (%(ext)s). Periksa berkasnya atau pilih berkas lain."),
                params={"ext": ext},
            )
        f.name = f"{base[:LAMPIRAN_NAME_MAX]}{ext}"
        return f

    @property
    def lampiran_hilang(self) -> bool:
        """A good file was chosen but the form came back with errors: the browser cannot keep it."""
        chosen = self.is_bound and bool(self.files.get(self.add_prefix("lampiran")))
        return chosen and bool(self.errors) and "lampiran" not in self.errors

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class TindakForm(forms.Form):
    """A decision on a request: approve, refuse (with a note) or, for its owner, cancel."""

    SETUJUI, TOLAK, BATALKAN = "setujui", "tolak", "batalkan"
    aksi = forms.ChoiceField(choices=[(SETUJUI, SETUJUI), (TOLAK, TOLAK), (BATALKAN, BATALKAN)])
    catatan = forms.CharField(max_length=500, required=False)
