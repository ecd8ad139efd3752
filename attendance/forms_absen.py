"""Forms of the punches-in pages: they parse input and offer choices in the actor's scope, never write."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms_org import ScopedModelChoiceField, ServiceForm, date_field
from accounts.models import Pegawai, Pemda, UnitKerja
from accounts.selectors import pegawai_visible_to, unit_visible_to
from core.uploads import upload_field

from .services.absen import MASA_BERLAKU_AWAL
from .services.absen_baca import MAX_ATTLOG_BYTES


class ImporAbsenForm(forms.Form):
    """One machine file and, optionally, the machine's name (for PINs mapped per machine)."""

    berkas = upload_field(
        label=_("Pilih file dari mesin absen"),
        help_text=_(
            "File log mesin (ATTLOG .dat atau .txt), atau file Excel (.xlsx) / CSV (.csv) dengan kolom NIP dan Waktu. "
            "Paling besar 20 MB."
        ),
        accept_types=".dat,.txt,.xlsx,.csv",
    )
    mesin = forms.CharField(
        label=_("Nama mesin (boleh dikosongkan)"),
        required=False,
        max_length=50,
        help_text=_("Isi hanya jika ID pengguna (PIN) dihubungkan per mesin, misalnya: Lobi Kantor Dinas."),
        widget=forms.TextInput(attrs={"class": "form-control form-control-lg", "aria-describedby": "bantuan-mesin"}),
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > MAX_ATTLOG_BYTES:  # refused unread
            raise forms.ValidationError(
                _("File terlalu besar. Paling besar %(max)d MB; bagi per minggu atau per mesin.")
                % {"max": MAX_ATTLOG_BYTES // (1024 * 1024)}
            )
        self.berkas_data = berkas.read()
        return berkas


class PinMesinForm(ServiceForm):
    pegawai = ScopedModelChoiceField(
        queryset=Pegawai.objects.none(), label=_("Pegawai"), empty_label=_("— pilih pegawai —")
    )
    pin = forms.CharField(
        label=_("ID pengguna di mesin (PIN)"),
        max_length=30,
        help_text=_("Nomor yang muncul di mesin saat pegawai menempelkan jari, misalnya 23272."),
    )
    mesin = forms.CharField(
        label=_("Nama mesin"),
        max_length=50,
        required=False,
        help_text=_("Kosongkan jika PIN ini sama di semua mesin (yang paling umum)."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.scoped("pegawai", pegawai_visible_to(user).order_by("nama"))


class TokenCakupanForm(ServiceForm):
    """A token's scope (OPDs, machines) and expiry: part of the new-token form and the change form."""

    opd = forms.ModelMultipleChoiceField(
        queryset=UnitKerja.objects.none(),
        required=False,
        label=_("OPD yang boleh dikirim"),
        help_text=_(
            "Token hanya dapat mengirim absen pegawai OPD yang dicentang. Jika OPD dan mesin dikosongkan, "
            "token berlaku untuk seluruh pemda (hanya untuk server pusat mesin absen)."
        ),
        widget=forms.CheckboxSelectMultiple,
    )
    mesin = forms.CharField(
        label=_("Mesin yang boleh dikirim"),
        required=False,
        max_length=5000,
        help_text=_("Satu nama mesin per baris, persis seperti dikirim server mesin absen."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    izin = forms.MultipleChoiceField(
        label=_("Izin token"),
        choices=[
            ("absen", _("Mengirim absen (server mesin absen)")),
            ("baca", _("Membaca data (API baca: pegawai, rekap aktivitas, hasil SKP, TPP yang sudah ditutup)")),
        ],
        initial=["absen"],
        help_text=_("API baca hanya memberi data pemda token ini, dan hanya OPD yang dicentang jika OPD dipilih."),
        widget=forms.CheckboxSelectMultiple,
    )
    berlaku_sampai = date_field(
        _("Berlaku sampai"),
        required=False,
        help_text=_(
            "Setelah tanggal ini token tidak dapat dipakai lagi. Paling lama 2 tahun dari hari ini; "
            "jika dikosongkan, satu tahun dari hari ini."
        ),
    )

    def __init__(self, *args, user, pemda_id: int | None = None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        opds = unit_visible_to(user).filter(parent__isnull=True, aktif=True)
        if pemda_id is not None:
            opds = opds.filter(pemda_id=pemda_id)
        self.fields["opd"].queryset = opds.order_by("nama")

    def clean_mesin(self):
        return [line.strip() for line in self.cleaned_data["mesin"].splitlines() if line.strip()]


class TokenForm(TokenCakupanForm):
    nama = forms.CharField(
        label=_("Nama integrasi"),
        max_length=100,
        help_text=_("Untuk apa token ini, misalnya: Server mesin absen RSUD."),
    )
    pemda = forms.ModelChoiceField(queryset=Pemda.objects.all(), required=False, label=_("Pemda"))

    field_order = ["nama", "pemda", "izin", "opd", "mesin", "berlaku_sampai"]

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {"berlaku_sampai": timezone.localdate() + MASA_BERLAKU_AWAL})
        super().__init__(*args, user=user, **kwargs)
        if user.pemda_id is not None:
            del self.fields["pemda"]
        self.order_fields(self.field_order)
