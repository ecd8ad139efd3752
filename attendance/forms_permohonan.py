"""Forms of leave and absence requests. They parse input only; every rule (overlap, balance, who
approves) is in `attendance.services.permohonan` (DESIGN.md §5)."""

from typing import Any

from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms_org import PILIH, DateInput, ServiceForm
from core.uploads import accept, check_document

from .choices import JenisPermohonan

# An attachment an approver can open on an office PC or a phone (extension and first bytes must agree).
LAMPIRAN_TYPES = (".pdf", ".jpg", ".jpeg", ".png")
LAMPIRAN_ACCEPT = accept(LAMPIRAN_TYPES)


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
        return check_document(
            f,
            extensions=LAMPIRAN_TYPES,
            names=_("PDF, JPG atau PNG"),
            too_big_hint=_("Perkecil foto atau pindai ulang."),
        )

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
