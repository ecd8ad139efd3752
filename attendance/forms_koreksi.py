"""Forms of attendance moderation: they parse input; every rule is in attendance.services.koreksi
and attendance.services.gangguan_mesin."""

from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms_org import PILIH, DateInput, ScopedModelChoiceField, ServiceForm, date_field
from accounts.models import UnitKerja
from accounts.selectors import unit_visible_to

from .choices_koreksi import JenisKoreksi
from .forms_hari import TimeInput
from .forms_permohonan import LAMPIRAN_ACCEPT, PermohonanForm

_TANGGAL = {"required": _("Isi tanggal."), "invalid": _("Tulis tanggal seperti 23/11/2026.")}


class KoreksiForm(ServiceForm):
    """A correction request: which days, what they should be, why, and optional evidence."""

    jenis = forms.ChoiceField(
        label=_("Koreksi yang diminta"),
        choices=[PILIH, *JenisKoreksi.choices],
        error_messages={"required": _("Pilih koreksi yang diminta.")},
    )
    mulai = forms.DateField(label=_("Tanggal"), widget=DateInput(), error_messages=_TANGGAL)
    selesai = forms.DateField(
        label=_("Sampai tanggal"),
        widget=DateInput(),
        help_text=_("Untuk satu hari, isi sama dengan tanggal."),
        error_messages=_TANGGAL,
    )
    jam_masuk = forms.TimeField(
        label=_("Jam masuk yang benar"),
        required=False,
        widget=TimeInput(),
        help_text=_("Hanya untuk “jam masuk/pulang dibetulkan”. Kosongkan bila jam dari mesin sudah benar."),
    )
    jam_pulang = forms.TimeField(label=_("Jam pulang yang benar"), required=False, widget=TimeInput())
    alasan = forms.CharField(
        label=_("Alasan"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Misalnya: sidik jari tidak terbaca, mesin absen mati, rapat di kantor lain."),
        error_messages={"required": _("Tulis alasan koreksi.")},
    )
    lampiran = forms.FileField(
        label=_("Bukti (jika ada)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": LAMPIRAN_ACCEPT}),
        help_text=_("Misalnya surat tugas atau foto daftar hadir. PDF, JPG atau PNG, paling besar 5 MB."),
    )

    # the same check of the evidence as a leave request's attachment
    clean_lampiran = PermohonanForm.clean_lampiran
    lampiran_hilang = PermohonanForm.lampiran_hilang

    def __init__(self, *args, pegawai=None, **kwargs):
        self.pegawai = pegawai  # set when an admin files for someone
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "jenis",
            Row(Column("mulai", css_class="col-sm-6"), Column("selesai", css_class="col-sm-6")),
            Row(Column("jam_masuk", css_class="col-sm-6"), Column("jam_pulang", css_class="col-sm-6")),
            "alasan",
            "lampiran",
        )

    def service_kwargs(self):
        kwargs = dict(self.cleaned_data)
        if self.pegawai is not None:
            kwargs["pegawai"] = self.pegawai
        return kwargs


class GangguanForm(ServiceForm):
    """A machine outage: which unit (and its sub-units), which days, which machine, why."""

    unit = ScopedModelChoiceField(queryset=UnitKerja.objects.none(), label=_("Unit kerja"), empty_label=PILIH[1])
    mulai = date_field(_("Mulai tanggal"))
    selesai = date_field(_("Sampai tanggal"), help_text=_("Untuk satu hari, isi sama dengan tanggal mulai."))
    mesin = forms.CharField(label=_("Mesin (jika diketahui)"), max_length=50, required=False)
    alasan = forms.CharField(
        label=_("Alasan"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Misalnya: mesin absen lantai 2 rusak, menunggu teknisi."),
        error_messages={"required": _("Tulis alasan, misalnya: mesin absen rusak, menunggu perbaikan.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scoped("unit", unit_visible_to(self.user).filter(aktif=True).order_by("opd__nama", "nama"))
        self.helper.layout = Layout(
            "unit",
            Row(Column("mulai", css_class="col-sm-6"), Column("selesai", css_class="col-sm-6")),
            "mesin",
            "alasan",
        )
