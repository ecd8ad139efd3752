"""Forms of the compulsory gatherings pages: they parse input; every write is in
`attendance.services.kegiatan`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms_org import PILIH, ServiceForm, date_field
from accounts.models import Pemda, UnitKerja

from .models import KegiatanWajib


class _PemdaForm(ServiceForm):
    """A form of a pemda-scoped page: a superadmin's POST carries the pemda shown
    (accounts.selectors.pemda_halaman reads it), the service gets it from the view."""

    def __init__(self, *args, pemda: Pemda, **kwargs):
        super().__init__(*args, **kwargs)
        self.pemda = pemda
        if self.user.is_superadmin:
            self.fields["pemda"] = forms.IntegerField(widget=forms.HiddenInput, initial=pemda.pk, required=False)

    def service_kwargs(self) -> dict:
        d = dict(self.cleaned_data)
        d.pop("pemda", None)
        return d


NAMA_WAJIB = {"required": _("Isi nama kegiatan, misalnya “Senam Jumat”.")}


class KegiatanForm(_PemdaForm):
    nama = forms.CharField(
        label=_("Nama kegiatan"),
        max_length=60,
        help_text=_("Misalnya “Senam Jumat” atau “Apel sore”."),
        error_messages=NAMA_WAJIB,
    )

    def service_kwargs(self) -> dict:
        return {**super().service_kwargs(), "pemda": self.pemda}


class KegiatanUbahForm(_PemdaForm):
    nama = forms.CharField(label=_("Nama kegiatan"), max_length=60, error_messages=NAMA_WAJIB)
    urutan = forms.IntegerField(
        label=_("Urutan"), min_value=0, max_value=999, help_text=_("Urutan pada daftar pilihan kejadian.")
    )
    aktif = forms.BooleanField(
        label=_("Aktif (dapat dicatat)"),
        required=False,
        help_text=_("Kegiatan yang tidak aktif tidak dapat dicatat lagi; kejadian yang sudah tercatat tetap dihitung."),
    )


class PembatalanForm(_PemdaForm):
    """A gathering called off for a day; HR chooses the whole pemda or one OPD, an admin OPD always
    cancels for their own OPD (the field is not shown)."""

    kegiatan = forms.ModelChoiceField(queryset=KegiatanWajib.objects.none(), label=_("Kegiatan"), empty_label=PILIH[1])
    tanggal = date_field(_("Tanggal"))
    opd = forms.ModelChoiceField(
        queryset=UnitKerja.objects.none(),
        required=False,
        label=_("Berlaku untuk"),
        empty_label=_("Seluruh pemda"),
        help_text=_("Kosongkan jika kegiatan dibatalkan untuk seluruh pemda."),
    )
    alasan = forms.CharField(
        label=_("Alasan"), max_length=250, help_text=_("Misalnya: hujan deras, hari libur daerah, lapangan dipakai.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kegiatan"].queryset = KegiatanWajib.objects.filter(pemda=self.pemda, aktif=True)
        self.fields["kegiatan"].error_messages["invalid_choice"] = _("Pilih kegiatan dari daftar.")
        self.per_opd = not (self.user.is_hr_pemda or self.user.is_superadmin)
        if self.per_opd:
            del self.fields["opd"]
        else:
            self.fields["opd"].queryset = UnitKerja.objects.filter(pemda=self.pemda, parent__isnull=True, aktif=True)
            self.fields["opd"].error_messages["invalid_choice"] = _("Pilih OPD dari daftar.")

    def service_kwargs(self) -> dict:
        d = super().service_kwargs()
        if self.per_opd:
            d["opd"] = self.user.opd
        return d
