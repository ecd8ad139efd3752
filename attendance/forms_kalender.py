"""Forms of the calendar pages (HR pemda): a holiday, a holiday file, a work schedule. They parse only;
the writes and their rules are in `attendance.services.kalender`."""

from typing import Any

from crispy_forms.layout import HTML, Column, Div, Fieldset, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import imports as base
from accounts.forms_org import PILIH, DateInput, ScopedModelChoiceField, ServiceForm
from accounts.models import UnitKerja, User
from accounts.selectors import unit_visible_to
from core.uploads import upload_field

from .models import HariLibur
from .services import kalender

NAMA_HARI = (_("Senin"), _("Selasa"), _("Rabu"), _("Kamis"), _("Jumat"), _("Sabtu"), _("Minggu"))


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class LiburForm(ServiceForm):
    tanggal = forms.DateField(
        label=_("Tanggal"),
        widget=DateInput(),
        error_messages={"required": _("Isi tanggal libur."), "invalid": _("Tulis tanggal seperti 17/08/2026.")},
    )
    nama = forms.CharField(
        label=_("Keterangan"), max_length=150, help_text=_("Misalnya: Hari Kemerdekaan Republik Indonesia.")
    )
    jenis = forms.ChoiceField(
        label=_("Jenis"),
        choices=[PILIH, *HariLibur.Jenis.choices],
        initial=HariLibur.Jenis.LIBUR_NASIONAL,
        help_text=_("Cuti bersama tidak mengurangi hak cuti tahunan pegawai (PP 11/2017)."),
    )


class LiburImporForm(forms.Form):
    """One file with columns Tanggal, Keterangan, Jenis. `cleaned_data["berkas"]` is a Tabel."""

    berkas = upload_field(
        help_text=_("File Excel (.xlsx) atau CSV (.csv) dengan kolom Tanggal, Keterangan, Jenis. Paling besar 5 MB.")
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        base.check_upload(berkas.name, berkas.size, wrong_type=str(kalender.WRONG_TYPE))
        return kalender.read_libur(berkas.name, berkas.read())


class JadwalForm(ServiceForm):
    """A schedule and, for each weekday, whether it is worked and its hours (prefilled: Perpres 21/2023)."""

    nama = forms.CharField(label=_("Nama jadwal"), max_length=100, help_text=_("Misalnya: Jadwal Ramadan 2027."))
    unit = ScopedModelChoiceField(
        queryset=UnitKerja.objects.none(),
        label=_("Berlaku untuk"),
        required=False,
        empty_label=_("— seluruh pemda —"),
        help_text=_("Pilih unit jika jadwal ini hanya untuk satu unit (dan unit di bawahnya), misalnya puskesmas."),
    )
    berlaku_mulai = forms.DateField(label=_("Berlaku mulai"), widget=DateInput())
    berlaku_selesai = forms.DateField(
        label=_("Berlaku sampai"),
        widget=DateInput(),
        required=False,
        help_text=_("Kosongkan jika berlaku terus. Isi untuk jadwal sementara, misalnya bulan Ramadan."),
    )

    def __init__(self, *args, user: User, **kwargs):
        initial = kwargs.pop("initial", {}) or {}
        for d in range(7):
            jam = kalender.JAM_DEFAULT.get(d)
            initial.setdefault(f"kerja_{d}", jam is not None)
            if jam:
                for name, value in zip(("masuk", "pulang", "istirahat_mulai", "istirahat_selesai"), jam, strict=True):
                    initial.setdefault(f"{name}_{d}", value)
        super().__init__(*args, user=user, initial=initial, **kwargs)
        self.scoped("unit", unit_visible_to(user).filter(aktif=True).order_by("opd__nama", "nama"))
        hari_layout = []
        for d, label in enumerate(NAMA_HARI):
            self.fields[f"kerja_{d}"] = forms.BooleanField(label=_("Hari kerja"), required=False)
            self.fields[f"masuk_{d}"] = forms.TimeField(label=_("Masuk"), required=False, widget=TimeInput())
            self.fields[f"pulang_{d}"] = forms.TimeField(label=_("Pulang"), required=False, widget=TimeInput())
            self.fields[f"istirahat_mulai_{d}"] = forms.TimeField(
                label=_("Istirahat mulai"), required=False, widget=TimeInput()
            )
            self.fields[f"istirahat_selesai_{d}"] = forms.TimeField(
                label=_("Istirahat selesai"), required=False, widget=TimeInput()
            )
            hari_layout.append(
                Fieldset(
                    label,
                    f"kerja_{d}",
                    Row(
                        Column(f"masuk_{d}", css_class="col-6 col-md-3"),
                        Column(f"pulang_{d}", css_class="col-6 col-md-3"),
                        Column(f"istirahat_mulai_{d}", css_class="col-6 col-md-3"),
                        Column(f"istirahat_selesai_{d}", css_class="col-6 col-md-3"),
                    ),
                    css_class="jadwal-hari border rounded p-2 mb-3",
                )
            )
        self.helper.layout = Layout(
            "nama",
            "unit",
            Row(Column("berlaku_mulai", css_class="col-sm-6"), Column("berlaku_selesai", css_class="col-sm-6")),
            HTML('<h2 class="h5 mt-3">{% load i18n %}{% translate "Jam kerja per hari" %}</h2>'),
            Div(*hari_layout),
        )

    def clean(self):
        data = super().clean()
        for d in range(7):
            if data.get(f"kerja_{d}"):
                for name in ("masuk", "pulang"):
                    if data.get(f"{name}_{d}") is None and f"{name}_{d}" not in self.errors:
                        self.add_error(f"{name}_{d}", _("Isi jam untuk hari kerja ini."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        hari = [
            {
                "hari": i,
                "masuk": d[f"masuk_{i}"],
                "pulang": d[f"pulang_{i}"],
                "istirahat_mulai": d.get(f"istirahat_mulai_{i}"),
                "istirahat_selesai": d.get(f"istirahat_selesai_{i}"),
            }
            for i in range(7)
            if d.get(f"kerja_{i}")
        ]
        return {
            "nama": d["nama"],
            "unit": d.get("unit"),
            "berlaku_mulai": d["berlaku_mulai"],
            "berlaku_selesai": d.get("berlaku_selesai"),
            "hari": hari,
        }
