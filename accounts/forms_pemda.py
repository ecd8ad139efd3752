"""Forms of the onboarding pages (issue 16): a pemda, its first HR account, and the roles page.
They parse input and offer only choices in the actor's scope; the writes are accounts.services_pemda."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.xlsx import reject_formula

from .choices import Role
from .forms_org import PILIH, ScopedModelChoiceField, ServiceForm, model_field
from .models import Pegawai, Pemda, UnitKerja, User


class PemdaBuatForm(ServiceForm):
    nama = model_field(Pemda, "nama", help_text=_("Misalnya: Pemerintah Kota Tomohon."), validators=[reject_formula])
    jenis = forms.ChoiceField(label=_("Jenis"), choices=[PILIH, *Pemda._meta.get_field("jenis").choices])
    kode = model_field(Pemda, "kode", help_text=_("Singkat dan unik, misalnya TMH."), validators=[reject_formula])
    zona_waktu = model_field(
        Pemda, "zona_waktu", help_text=_("Jam kerja, batas pengisian dan jam absen mengikuti zona ini.")
    )


class PemdaUbahForm(ServiceForm):
    nama = model_field(Pemda, "nama", validators=[reject_formula])
    zona_waktu = model_field(
        Pemda, "zona_waktu", help_text=_("Jam kerja, batas pengisian dan jam absen mengikuti zona ini.")
    )
    batas_diam_menit = model_field(Pemda, "batas_diam_menit")


class AkunHrForm(ServiceForm):
    """The first HR of a pemda: a named person; the NIP when they are a pegawai (their login), else
    a user name."""

    nama = forms.CharField(label=_("Nama lengkap"), max_length=150, validators=[reject_formula])
    nip = forms.CharField(
        label=_("NIP"),
        max_length=24,
        required=False,
        help_text=_("Boleh dikosongkan bila belum terdaftar sebagai pegawai; NIP menjadi nama penggunanya."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    username = forms.CharField(
        label=_("Nama pengguna"),
        max_length=150,
        required=False,
        help_text=_("Hanya bila NIP kosong, misalnya hr.tomohon."),
        validators=[User.username_validator],
    )
    email = forms.EmailField(label=_("E-mail"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("nip") and not data.get("username"):
            self.add_error("username", _("Isi NIP atau nama pengguna."))
        return data


class PeranBeriForm(ServiceForm):
    """Give a role to a pegawai of the pemda shown (picked from the pegawai list)."""

    pegawai = ScopedModelChoiceField(
        queryset=Pegawai.objects.none(), label=_("Pegawai"), empty_label=_("— pilih pegawai —")
    )
    role = forms.ChoiceField(
        label=_("Peran"),
        choices=[PILIH, (Role.ADMIN_OPD, Role.ADMIN_OPD.label), (Role.HR_PEMDA, Role.HR_PEMDA.label)],
    )
    opd = ScopedModelChoiceField(
        queryset=UnitKerja.objects.none(),
        required=False,
        label=_("OPD yang dikelola"),
        help_text=_("Hanya untuk admin OPD; kosong: OPD pegawai itu sendiri."),
        empty_label=_("— OPD pegawai —"),
    )

    def __init__(self, *args, user, pemda: Pemda, pegawai_qs, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["pegawai"].queryset = pegawai_qs
        self.fields["opd"].queryset = UnitKerja.objects.filter(pemda=pemda, parent__isnull=True, aktif=True).order_by(
            "nama"
        )

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        if data["role"] == Role.ADMIN_OPD and data.get("opd") is None:
            data["opd"] = data["pegawai"].opd
        return data
