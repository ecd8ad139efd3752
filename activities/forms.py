"""The daily activity entry form. It parses input and offers only the catalog items of the pegawai's
jabatan on the date; the window, overlap and minute rules are in `activities.services` (DESIGN.md §5)."""

import os
from datetime import date, datetime, time, timedelta
from typing import Any

from crispy_forms.layout import HTML, Column, Div, Fieldset, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms_org import DateInput, ServiceForm
from accounts.models import Pegawai, User
from core.dates import today
from core.uploads import MAX_BYTES, accept, check_document
from core.xlsx import reject_formula
from skp.selectors import rhk_for_aktivitas

from .models import Aktivitas, KegiatanKatalog
from .selectors import katalog_tersedia

# Evidence: what a verifier can open on an office PC or a phone (the extension and the first bytes must agree).
BUKTI_TYPES = (".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx")
BUKTI_ACCEPT = accept(BUKTI_TYPES)
# Where a day starts when nothing is recorded yet (working schedules come with the attendance issue).
JAM_MULAI_AWAL = time(7, 30)

KATALOG, BEBAS = "KATALOG", "BEBAS"


class TimeInput(forms.TimeInput):
    """The browser's own time picker; it sends HH:MM."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def time_field(label) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        widget=TimeInput(),
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        error_messages={
            "required": _("Isi jam, misalnya 08:00."),
            "invalid": _("Tulis jam seperti 08:00."),
        },
    )


class KatalogSelect(forms.Select):
    """Each option carries its standard minutes and unit, for the small minute calculator (aktivitas.js)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        item = getattr(value, "instance", None)
        if item is not None:
            option["attrs"]["data-menit"] = str(item.menit_per_satuan)
            option["attrs"]["data-satuan"] = item.satuan
        return option


class KatalogChoiceField(forms.ModelChoiceField):
    # The items the form has already loaded (by pk as text): a POST is checked against them instead of
    # with one more query (AktivitasForm loads them anyway, to know whether there is a catalog at all).
    termuat: dict[str, KegiatanKatalog] | None = None

    def to_python(self, value):
        if self.termuat is None or value in self.empty_values or isinstance(value, KegiatanKatalog):
            return super().to_python(value)
        obj = self.termuat.get(str(value).strip())
        if obj is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return obj

    def label_from_instance(self, obj: KegiatanKatalog) -> str:
        return _("%(nama)s — %(menit)s menit per %(satuan)s") % {
            "nama": obj.nama,
            "menit": obj.menit_per_satuan,
            "satuan": obj.satuan,
        }


def next_free_slot(entries: list[Aktivitas]) -> time:
    """The first time after the day's last entry (so a new entry does not overlap)."""
    return max((a.jam_selesai for a in entries), default=JAM_MULAI_AWAL)


def add_minutes(start: time, minutes: int) -> time:
    end = datetime.combine(date.min, start) + timedelta(minutes=minutes)
    return end.time() if end.date() == date.min else time(23, 59)


class AktivitasForm(ServiceForm):
    """One activity: when, what (a catalog item × volume, or free text with claimed minutes), the
    output, and evidence (a file or a link)."""

    tanggal = forms.DateField(
        label=_("Tanggal"),
        widget=DateInput(),
        error_messages={"required": _("Isi tanggal kegiatan."), "invalid": _("Tulis tanggal seperti 23/11/2026.")},
    )
    jam_mulai = time_field(_("Jam mulai"))
    jam_selesai = time_field(_("Jam selesai"))
    mode = forms.ChoiceField(
        label=_("Jenis kegiatan"),
        choices=[(KATALOG, _("Pilih dari daftar kegiatan jabatan saya")), (BEBAS, _("Tulis kegiatan sendiri"))],
        widget=forms.RadioSelect,
        initial=KATALOG,
        error_messages={"required": _("Pilih salah satu: dari daftar, atau tulis sendiri.")},
    )
    katalog = KatalogChoiceField(
        queryset=KegiatanKatalog.objects.none(),
        label=_("Kegiatan"),
        required=False,
        empty_label=_("— pilih kegiatan —"),
        widget=KatalogSelect,
        error_messages={"invalid_choice": _("Pilih kegiatan yang ada di daftar.")},
    )
    volume = forms.IntegerField(
        label=_("Volume (jumlah hasil)"),
        required=False,
        min_value=1,
        max_value=999,
        help_text=_("Misalnya 3 jika Anda menyelesaikan 3 surat."),
        error_messages={
            "min_value": _("Volume harus 1 atau lebih."),
            "max_value": _("Volume paling banyak 999."),
            "invalid": _("Tulis volume dengan angka, misalnya 2."),
        },
    )
    nama_kegiatan = forms.CharField(
        label=_("Nama kegiatan"),
        required=False,
        max_length=250,
        help_text=_("Misalnya: Rapat koordinasi persiapan upacara."),
        validators=[reject_formula],
    )
    menit_diajukan = forms.IntegerField(
        label=_("Lama kegiatan (menit)"),
        required=False,
        min_value=1,
        max_value=1440,
        help_text=_("Atasan dapat menyesuaikan menit kegiatan yang ditulis sendiri."),
        error_messages={
            "min_value": _("Menit harus 1 atau lebih."),
            "max_value": _("Menit paling banyak 1.440 (satu hari)."),
            "invalid": _("Tulis menit dengan angka, misalnya 60."),
        },
    )
    uraian = forms.CharField(
        label=_("Uraian hasil / output"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Apa hasilnya? Misalnya: 3 surat undangan rapat sudah dikirim ke sekolah."),
        validators=[reject_formula],
        error_messages={"required": _("Tulis hasil atau output kegiatan ini.")},
    )
    rhk = forms.ModelChoiceField(
        queryset=None,
        label=_("Mendukung RHK SKP saya"),
        required=False,
        empty_label=_("— tidak terkait RHK —"),
        help_text=_("Aktivitas yang divalidasi dihitung sebagai realisasi RHK ini."),
        error_messages={"invalid_choice": _("Pilih RHK dari SKP Anda yang sudah disetujui.")},
    )
    bukti_file = forms.FileField(
        label=_("Berkas bukti"),
        required=False,
        widget=forms.FileInput(attrs={"accept": BUKTI_ACCEPT, "data-max-bytes": str(MAX_BYTES)}),
        help_text=_("PDF, JPG, PNG, DOCX atau XLSX, paling besar 5 MB. Boleh foto dari HP."),
    )
    hapus_bukti_file = forms.BooleanField(label=_("Hapus berkas bukti yang tersimpan"), required=False)
    bukti_link = forms.URLField(
        label=_("Atau tautan bukti"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Misalnya alamat folder Google Drive. Bukti tidak wajib, tetapi membantu atasan memeriksa."),
        error_messages={"invalid": _("Tulis alamat tautan yang lengkap, misalnya https://drive.google.com/…")},
    )

    def __init__(self, *args, user: User, pegawai: Pegawai, aktivitas: Aktivitas | None = None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.pegawai, self.aktivitas = pegawai, aktivitas
        self.fields["tanggal"].widget.attrs["max"] = today().isoformat()
        katalog = katalog_tersedia(pegawai, self._tanggal())
        if aktivitas is not None and aktivitas.katalog_id and aktivitas.katalog_id not in {k.pk for k in katalog}:
            # keep the saved item visible even when it is no longer offered (the service then says so)
            katalog = sorted([*katalog, aktivitas.katalog], key=lambda k: k.nama.casefold())
        self.punya_katalog = bool(katalog)
        if self.punya_katalog:
            self.fields["katalog"].queryset = KegiatanKatalog.objects.filter(pk__in=[k.pk for k in katalog])
            self.fields["katalog"].termuat = {str(k.pk): k for k in katalog}
        else:
            # nothing to pick: the free-text fields are the whole form
            del self.fields["mode"], self.fields["katalog"], self.fields["volume"]
        # only RHK of the pegawai's approved SKP covering the date (skp.selectors; DESIGN.md §2)
        self.fields["rhk"].queryset = rhk_for_aktivitas(pegawai, self._tanggal())
        # A POST without an RHK keeps the (optional) field without asking whether there are any: that
        # is decided only if the form is drawn again (one query fewer on every submit).
        self._rhk_belum_dicek = self.is_bound and not self.data.get(self.add_prefix("rhk"))
        if not self._rhk_belum_dicek and not self.fields["rhk"].queryset.exists():
            del self.fields["rhk"]
        self.bukti_nama = os.path.basename(aktivitas.bukti_file.name) if aktivitas and aktivitas.bukti_file else ""
        if not self.bukti_nama:
            del self.fields["hapus_bukti_file"]

    def siapkan_tampil(self) -> None:
        """Before drawing the form: the RHK field only when there is an RHK to pick, and the layout."""
        if self._rhk_belum_dicek and "rhk" in self.fields and not self.fields["rhk"].queryset.exists():
            del self.fields["rhk"]
        self.helper.layout = self._layout()

    def _tanggal(self) -> date:
        raw = self.data.get(self.add_prefix("tanggal")) if self.is_bound else self.initial.get("tanggal")
        if isinstance(raw, date):
            return raw
        try:
            return date.fromisoformat(raw or "")
        except ValueError:
            return self.initial.get("tanggal") or today()

    def _layout(self) -> Layout:
        kegiatan: list[Any] = []
        if self.punya_katalog:
            # without JavaScript both panels show; aktivitas.js hides the one not chosen
            katalog_panel = Div(
                "katalog",
                "volume",
                HTML('<p class="menit-hitung" data-menit-hitung aria-live="polite" hidden></p>'),
                css_class="mode-panel",
                **{"data-mode-panel": KATALOG},
            )
            kegiatan += ["mode", katalog_panel]
        kegiatan.append(Div("nama_kegiatan", "menit_diajukan", css_class="mode-panel", **{"data-mode-panel": BEBAS}))
        bukti = ["bukti_file"]
        if "hapus_bukti_file" in self.fields:
            bukti = [HTML('{% include "activities/harian/_bukti_tersimpan.html" %}'), "bukti_file", "hapus_bukti_file"]
        return Layout(
            Fieldset(
                _("Kapan"),
                "tanggal",
                Row(
                    Column("jam_mulai", css_class="col-6"),
                    Column("jam_selesai", css_class="col-6"),
                ),
                HTML('<p class="durasi" data-durasi aria-live="polite" hidden></p>'),
            ),
            Fieldset(
                _("Kegiatan"),
                *kegiatan,
                "uraian",
                *(["rhk"] if "rhk" in self.fields else []),
            ),
            Fieldset(
                _("Bukti kegiatan"),
                *bukti,
                HTML('{% include "activities/harian/_bukti_hilang.html" %}'),
                "bukti_link",
            ),
        )

    # --- parsing ------------------------------------------------------------------------------

    def clean_bukti_file(self):
        f = self.cleaned_data.get("bukti_file")
        if not f:
            return f
        return check_document(
            f,
            extensions=BUKTI_TYPES,
            names=_("PDF, JPG, PNG, DOCX atau XLSX"),
            too_big_hint=_("Perkecil foto atau kirim tautan saja."),
        )

    def clean(self):
        data = super().clean()
        mode = data["mode"] = (data.get("mode") or BEBAS) if self.punya_katalog else BEBAS
        if mode == KATALOG:
            if not data.get("katalog") and "katalog" not in self.errors:
                self.add_error("katalog", _("Pilih kegiatan dari daftar, atau pilih “Tulis kegiatan sendiri”."))
            if data.get("volume") is None and "volume" not in self.errors:
                self.add_error("volume", _("Isi volume: berapa hasil yang Anda selesaikan."))
        else:
            if not (data.get("nama_kegiatan") or "").strip() and "nama_kegiatan" not in self.errors:
                self.add_error("nama_kegiatan", _("Tulis nama kegiatan."))
            if data.get("menit_diajukan") is None and "menit_diajukan" not in self.errors:
                self.add_error("menit_diajukan", _("Isi berapa menit kegiatan ini."))
        return data

    @property
    def bukti_hilang(self) -> bool:
        """A good file was chosen but other fields came back with errors: the browser cannot keep it."""
        chosen = self.is_bound and bool(self.files.get(self.add_prefix("bukti_file")))
        return chosen and bool(self.errors) and "bukti_file" not in self.errors

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        data: dict[str, Any] = {
            "tanggal": d["tanggal"],
            "jam_mulai": d["jam_mulai"],
            "jam_selesai": d["jam_selesai"],
            "uraian": d["uraian"],
            "bukti_link": d.get("bukti_link") or "",
        }
        if "rhk" in self.fields:
            data["rhk"] = d.get("rhk")
        if d["mode"] == KATALOG:
            data |= {"katalog": d["katalog"], "volume": d["volume"]}
        else:
            data |= {
                "katalog": None,
                "volume": None,
                "nama_kegiatan": d["nama_kegiatan"].strip(),
                "menit_diajukan": d["menit_diajukan"],
            }
        if d.get("bukti_file"):
            data["bukti_file"] = d["bukti_file"]
        elif d.get("hapus_bukti_file"):
            data["bukti_file"] = ""
        return data


def initial_for(aktivitas: Aktivitas) -> dict[str, Any]:
    """The form's values for an entry (to change it, or to add the same activity again)."""
    return {
        "tanggal": aktivitas.tanggal,
        "jam_mulai": aktivitas.jam_mulai,
        "jam_selesai": aktivitas.jam_selesai,
        "mode": KATALOG if aktivitas.katalog_id else BEBAS,
        "katalog": aktivitas.katalog_id,
        "volume": aktivitas.volume,
        "nama_kegiatan": "" if aktivitas.katalog_id else aktivitas.nama_kegiatan,
        "menit_diajukan": None if aktivitas.katalog_id else aktivitas.menit_diajukan,
        "uraian": aktivitas.uraian,
        "bukti_link": aktivitas.bukti_link,
        "rhk": aktivitas.rhk_id,
    }
