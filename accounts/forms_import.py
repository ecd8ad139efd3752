"""The upload form of the pegawai import: it reads and checks the file, it never writes."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from core.uploads import upload_field

from . import imports


class ImporPegawaiForm(forms.Form):
    """One file: the xlsx template or SIASN's Export Data ASN (.csv). `cleaned_data["berkas"]` is a Tabel."""

    berkas = upload_field(
        help_text=_(
            "File Excel (.xlsx) dari template, atau file CSV (.csv) Export Data ASN dari SIASN. Paling besar 5 MB."
        )
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


class BandingSiasnForm(ImporPegawaiForm):
    """The SIASN export to compare with E-Kinerja: read and checked, never written."""

    berkas = upload_field(
        accept_types=".csv",
        help_text=_("File CSV (.csv) Export Data ASN dari SIASN. Paling besar 5 MB. Tidak ada data yang diubah."),
    )
