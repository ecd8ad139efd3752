"""Forms of the admin pages of activities: the catalog, exemptions (dispensasi) and outages.

They parse input and offer only choices in the actor's scope; every write and every business rule
is in `activities.services` (DESIGN.md §5). List filters narrow a scoped queryset, never widen it.
"""

from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import selectors as org
from accounts.filters import ListFilter, ScopedChoiceField, cari_pegawai, subtree_ids
from accounts.forms_org import ScopedModelChoiceField, ServiceForm, date_field, with_current
from accounts.imports import check_upload
from accounts.models import Jabatan, Pegawai, UnitKerja, User
from accounts.permissions import may_keep_pemda
from core.dates import today
from core.lists import AKTIF_CHOICES, SEMUA
from core.uploads import upload_field
from core.xlsx import reject_formula

from . import imports
from .choices import LingkupKatalog
from .imports_rows import MENIT_MAX, MENIT_MIN
from .models import KegiatanKatalog


def _units_up(unit: UnitKerja) -> list[int]:
    ids = []
    while unit is not None:
        ids.append(unit.pk)
        unit = unit.parent
    return ids


# --- catalog ----------------------------------------------------------------------------------


class KatalogFilter(ListFilter):
    lingkup = forms.ChoiceField(label=_("Berlaku untuk"), choices=SEMUA + list(LingkupKatalog.choices), required=False)
    unit = ScopedChoiceField(
        queryset=UnitKerja.objects.none(),
        required=False,
        label=_("Unit kerja"),
        empty_label=_("Semua unit"),
        help_text=_("Kegiatan jabatan dan unit di unit ini dan di bawahnya."),
    )
    jabatan = ScopedModelChoiceField(
        queryset=Jabatan.objects.none(),
        required=False,
        label=_("Jabatan"),
        empty_label=_("Semua jabatan"),
        help_text=_("Semua kegiatan yang dapat dipilih pemegang jabatan ini."),
    )
    aktif = forms.ChoiceField(label=_("Status"), choices=AKTIF_CHOICES, required=False)
    search_help = _("Nama kegiatan atau satuan.")

    def setup(self):
        self.fields["unit"].queryset = org.unit_visible_to(self.user).order_by("opd__nama", "nama")
        self.fields["unit"].show_opd = self.multi_opd
        jabatan = self.fields["jabatan"]
        jabatan.queryset = org.jabatan_visible_to(self.user).order_by("opd__nama", "nama")
        jabatan.own_opd_id = self.user.opd_id

    def filter(self, qs):
        if q := self.value("q"):
            qs = qs.filter(Q(nama__icontains=q) | Q(satuan__icontains=q))
        if opd := self.value("opd"):
            qs = qs.filter(opd=opd)
        if lingkup := self.value("lingkup"):
            qs = qs.filter(lingkup=lingkup)
        if unit := self.value("unit"):
            ids = subtree_ids(unit)
            qs = qs.filter(Q(unit_id__in=ids) | Q(jabatan__unit_id__in=ids))
        if jabatan := self.value("jabatan"):
            # what a holder of the post may pick (activities.selectors.katalog_for): its own items,
            # those of its unit and the units above, and the pemda-wide ones
            qs = qs.filter(
                Q(lingkup=LingkupKatalog.JABATAN, jabatan=jabatan)
                | Q(lingkup=LingkupKatalog.UNIT, unit_id__in=_units_up(jabatan.unit))
                | Q(lingkup=LingkupKatalog.PEMDA, pemda_id=jabatan.pemda_id)
            )
        if aktif := self.value("aktif"):
            qs = qs.filter(aktif=aktif == "ya")
        return qs.order_by("nama", "pk")


class KatalogForm(ServiceForm):
    """One catalog item: what it is, its standard minutes, and who may pick it."""

    nama = forms.CharField(
        label=_("Nama kegiatan"),
        max_length=250,
        help_text=_("Seperti yang akan dipilih pegawai, misalnya: Menyusun konsep surat dinas."),
        validators=[reject_formula],
    )
    satuan = forms.CharField(
        label=_("Satuan hasil"),
        max_length=50,
        help_text=_("Misalnya: surat, dokumen, laporan, berkas."),
        validators=[reject_formula],
    )
    menit_per_satuan = forms.IntegerField(
        label=_("Menit per satuan"),
        min_value=MENIT_MIN,
        max_value=MENIT_MAX,
        help_text=_("Waktu standar untuk satu satuan hasil: 1 sampai 480 menit (8 jam)."),
        error_messages={
            "min_value": _("Menit per satuan paling sedikit 1."),
            "max_value": _("Menit per satuan paling banyak 480 (8 jam)."),
            "invalid": _("Tulis angka bulat, misalnya 30."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "1"}),
    )
    lingkup = forms.ChoiceField(
        label=_("Berlaku untuk"),
        choices=LingkupKatalog.choices,
        initial=LingkupKatalog.JABATAN,
        widget=forms.RadioSelect,
        help_text=_(
            "Jabatan: hanya pemegang satu jabatan. Unit kerja: semua pegawai di unit itu dan unit di bawahnya. "
            "Seluruh pemda: semua pegawai."
        ),
    )
    jabatan = ScopedModelChoiceField(
        queryset=Jabatan.objects.none(),
        required=False,
        label=_("Jabatan"),
        empty_label=_("— pilih jabatan —"),
        help_text=_("Isi jika berlaku untuk Jabatan."),
    )
    unit = ScopedModelChoiceField(
        queryset=UnitKerja.objects.none(),
        required=False,
        label=_("Unit kerja"),
        empty_label=_("— pilih unit kerja —"),
        help_text=_("Isi jika berlaku untuk Unit kerja."),
    )
    # Items are deactivated, never deleted: recorded activities refer to them. A new item is active;
    # the box shows when editing (the page says what unticking it does).
    aktif = forms.BooleanField(label=_("Aktif: dapat dipilih pegawai"), required=False, initial=True)

    def __init__(self, *args, user: User, katalog: KegiatanKatalog | None = None, **kwargs):
        if katalog is not None:
            names = ("nama", "satuan", "menit_per_satuan", "lingkup", "jabatan", "unit", "aktif")
            kwargs["initial"] = {n: getattr(katalog, n) for n in names}
        super().__init__(*args, user=user, **kwargs)
        self.katalog = katalog
        jabatan = org.jabatan_visible_to(user).filter(aktif=True).order_by("opd__nama", "nama")
        units = org.unit_visible_to(user).filter(aktif=True).order_by("opd__nama", "nama")
        if katalog is not None:  # the saved post or unit stays choosable even if since deactivated
            jabatan = with_current(jabatan, katalog.jabatan_id)
            units = with_current(units, katalog.unit_id)
        self.scoped("jabatan", jabatan)
        self.scoped("unit", units)
        lingkup = self.fields["lingkup"]
        if not may_keep_pemda(user):
            lingkup.choices = [c for c in lingkup.choices if c[0] != LingkupKatalog.PEMDA]
            lingkup.error_messages["invalid_choice"] = _(
                "Kegiatan untuk seluruh pemda hanya dapat ditambahkan oleh BKPSDM (HR pemda). Pilih Jabatan atau "
                "Unit kerja."
            )
            lingkup.help_text = _(
                "Jabatan: hanya pemegang satu jabatan. Unit kerja: semua pegawai di unit itu dan unit di bawahnya."
            )
        if katalog is None:
            del self.fields["aktif"]
        self.helper.layout = Layout(
            "nama",
            Row(Column("satuan", css_class="col-sm-6"), Column("menit_per_satuan", css_class="col-sm-6")),
            "lingkup",
            "jabatan",
            "unit",
            *(["aktif"] if "aktif" in self.fields else []),
        )

    def clean(self):
        data = super().clean()
        lingkup = data.get("lingkup")
        if lingkup == LingkupKatalog.JABATAN and not data.get("jabatan") and "jabatan" not in self.errors:
            self.add_error("jabatan", _("Pilih jabatan yang memakai kegiatan ini."))
        if lingkup == LingkupKatalog.UNIT and not data.get("unit") and "unit" not in self.errors:
            self.add_error("unit", _("Pilih unit kerja yang memakai kegiatan ini."))
        return data

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        lingkup = data["lingkup"]
        # only the target of the chosen scope counts; the other box may still hold an earlier pick
        data["jabatan"] = data["jabatan"] if lingkup == LingkupKatalog.JABATAN else None
        data["unit"] = data["unit"] if lingkup == LingkupKatalog.UNIT else None
        data.setdefault("aktif", True)
        return data


class KatalogImporForm(forms.Form):
    """One file filled from the catalog template. `cleaned_data["berkas"]` is a Tabel; it never writes."""

    berkas = upload_field(
        help_text=_("File Excel (.xlsx) dari template katalog. Paling besar 5 MB dan 1.000 baris kegiatan.")
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        # before reading: a huge or wrong file is refused unread
        check_upload(berkas.name, berkas.size, wrong_type=str(imports.WRONG_TYPE))
        return imports.read_katalog(berkas.name, berkas.read())


# --- dispensasi -------------------------------------------------------------------------------


class DispensasiForm(ServiceForm):
    """One pegawai may fill given past dates after the window has closed, until a date, for a reason."""

    pegawai = ScopedModelChoiceField(
        queryset=Pegawai.objects.none(), label=_("Pegawai"), empty_label=_("— pilih pegawai —")
    )
    tanggal_mulai = date_field(_("Tanggal aktivitas dari"))
    tanggal_selesai = date_field(
        _("Sampai tanggal"), help_text=_("Untuk satu hari saja, isi tanggal yang sama dengan di atas.")
    )
    batas = date_field(
        _("Boleh diisi sampai"),
        required=False,
        help_text=_("Kosongkan: 3 hari kerja mulai hari ini (sesuai aturan batas pengisian)."),
    )
    alasan = forms.CharField(
        label=_("Alasan"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Misalnya: sakit dengan surat dokter, tugas ke daerah tanpa sinyal, gangguan akun."),
    )

    def __init__(self, *args, user: User, pegawai_pk: str | None = None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        pegawai = org.pegawai_visible_to(user).order_by("nama", "nip")
        self.scoped("pegawai", pegawai)
        if pegawai_pk and pegawai_pk.isdigit():
            self.initial["pegawai"] = pegawai.filter(pk=int(pegawai_pk)).first()
        hari_ini = today().isoformat()
        for name in ("tanggal_mulai", "tanggal_selesai"):
            self.fields[name].widget.attrs["max"] = hari_ini
        self.fields["batas"].widget.attrs["min"] = hari_ini
        self.helper.layout = Layout(
            "pegawai",
            Row(Column("tanggal_mulai", css_class="col-sm-6"), Column("tanggal_selesai", css_class="col-sm-6")),
            "batas",
            "alasan",
        )

    def clean(self):
        data = super().clean()
        mulai, selesai = data.get("tanggal_mulai"), data.get("tanggal_selesai")
        if mulai and selesai and selesai < mulai:
            self.add_error("tanggal_selesai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data


KEADAAN_DISPENSASI = [
    *SEMUA,
    ("berlaku", _("Masih dapat diisi")),
    ("lewat", _("Sudah lewat")),
]


class DispensasiFilter(ListFilter):
    keadaan = forms.ChoiceField(label=_("Keadaan"), choices=KEADAAN_DISPENSASI, required=False)
    search_help = _("Nama atau NIP pegawai.")

    def filter(self, qs):
        if q := self.value("q"):
            qs = qs.filter(cari_pegawai(q))
        if opd := self.value("opd"):
            qs = qs.filter(pegawai__opd=opd)
        if keadaan := self.value("keadaan"):
            qs = qs.filter(batas__gte=today()) if keadaan == "berlaku" else qs.filter(batas__lt=today())
        return qs.order_by("-dibuat", "-pk")


# --- gangguan layanan -------------------------------------------------------------------------


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's own date-and-time picker; it sends YYYY-MM-DDTHH:MM whatever the language."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class GangguanForm(ServiceForm):
    """An outage of the service, recorded once it is over."""

    mulai = forms.DateTimeField(label=_("Mulai"), widget=DateTimeLocalInput())
    selesai = forms.DateTimeField(label=_("Selesai"), widget=DateTimeLocalInput())
    alasan = forms.CharField(
        label=_("Penyebab atau keterangan"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Misalnya: server mati karena pemadaman listrik; jaringan pusat data terputus."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zona = timezone.localtime().tzname()
        sekarang = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
        for name, label in (("mulai", _("Mulai")), ("selesai", _("Selesai"))):
            field = self.fields[name]
            field.label = f"{label} ({zona})"
            field.widget.attrs["max"] = sekarang
        self.fields["selesai"].help_text = _("Catat setelah gangguan selesai: waktu selesai tidak boleh di masa depan.")
        self.helper.layout = Layout(
            Row(Column("mulai", css_class="col-sm-6"), Column("selesai", css_class="col-sm-6")),
            "alasan",
        )

    def clean(self):
        data = super().clean()
        mulai, selesai = data.get("mulai"), data.get("selesai")
        if mulai and selesai and selesai <= mulai:
            self.add_error("selesai", _("Waktu selesai harus sesudah waktu mulai."))
        return data
