"""The upload form of the pegawai import: it reads and checks the file, it never writes."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from . import imports


class ImporPegawaiForm(forms.Form):
    """One file: the xlsx template or SIASN's Export Data ASN (.csv). `cleaned_data["berkas"]` is a Tabel."""

    berkas = forms.FileField(
        label=_("Pilih file"),
        help_text=_(
            "File Excel (.xlsx) dari template, atau file CSV (.csv) Export Data ASN dari SIASN. Paling besar 5 MB."
        ),
        error_messages={
            "required": _("Pilih file yang akan diunggah terlebih dahulu."),
            "empty": _("File yang diunggah kosong. Periksa kembali file Anda."),
            "invalid": _("File tidak terkirim dengan benar. Coba unggah lagi."),
        },
        widget=forms.FileInput(
            attrs={
                "accept": ".xlsx,.csv",
                "class": "form-control form-control-lg",
                "aria-describedby": "bantuan-berkas",
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_berkas(self) -> imports.Tabel:
        berkas = self.cleaned_data["berkas"]
        imports.check_upload(berkas.name, berkas.size)  # before reading: a huge file is refused unread
        self.berkas_data = berkas.read()  # kept for a background import of a large file
        return imports.read_table(berkas.name, self.berkas_data)
