"""Forms of the admin OPD pages. They parse input and offer only choices in the actor's scope;
every write and every business rule is in `accounts.services` (DESIGN.md §5)."""

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.xlsx import reject_formula

from . import permissions, selectors
from .choices import Eselon, JenisJabatan, JenisPenempatan, JenisUnit
from .filters import subtree_ids
from .models import Jabatan, Pegawai, Pemda, Penempatan, UnitKerja, User
from .rules import parse_nip

TMT_HELP = _("TMT = tanggal mulai berlaku sesuai SK.")
# Django's own blank label is not translated; and a list should not silently start on its first entry.
PILIH = ("", _("— pilih —"))


class DateInput(forms.DateInput):
    """The browser's own date picker; it sends YYYY-MM-DD whatever the display language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label, *, required=True, help_text="") -> forms.DateField:
    return forms.DateField(label=label, required=required, help_text=help_text, widget=DateInput())


def model_field(model, name: str, **kwargs) -> forms.Field:
    """A form field as the model declares it (label, length, choices, help text)."""
    return model._meta.get_field(name).formfield(**kwargs)


def with_current(qs, pk: int | None):
    """A choice queryset that also holds the value currently saved (which may be outside the filter)."""
    if pk is None:
        return qs
    related = ("unit", "opd") if qs.model is Jabatan else ("opd",)
    return (
        qs.model.objects.filter(Q(pk__in=qs.values("pk")) | Q(pk=pk))
        .select_related(*related)
        .order_by(*qs.query.order_by)
    )


class ScopedModelChoiceField(forms.ModelChoiceField):
    """Units, jabatan and pegawai as a clerk recognises them: with their unit, and their OPD when it
    is not the actor's own."""

    def __init__(self, *args, own_opd_id: int | None = None, **kwargs):
        self.own_opd_id = own_opd_id
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        if isinstance(obj, Pegawai):
            return f"{obj.nama_lengkap} — {obj.nip_tampil}"
        parts = [obj.nama]
        if isinstance(obj, Jabatan) and obj.unit_id != obj.opd_id:
            parts.append(obj.unit.nama)
        is_opd = isinstance(obj, UnitKerja) and obj.opd_id == obj.pk
        if obj.opd_id != self.own_opd_id and not is_opd:
            parts.append(obj.opd.nama)
        return " — ".join(parts)


class ServiceForm(forms.Form):
    """A form for one service call: a crispy helper (the page template draws the <form> tag and the
    buttons) and a way to put the service's ValidationError back on the fields."""

    # Service error keys that have another name on this form.
    service_field_map: dict[str, str] = {}

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def scoped(self, name: str, queryset) -> None:
        """Replace a choice field's queryset with the actor's scope, labelled for the actor."""
        field = self.fields[name]
        field.queryset = queryset
        field.own_opd_id = self.user.opd_id

    def add_service_errors(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for key, errors in error.error_dict.items():
                name = self.service_field_map.get(key, key)
                # the service's ValidationErrors as they are: their codes stay (form.has_error(…, code))
                self.add_error(name if name in self.fields else None, ValidationError(errors))
        else:
            self.add_error(None, error.messages)

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


# --- unit kerja -------------------------------------------------------------------------------


class UnitForm(ServiceForm):
    parent = ScopedModelChoiceField(
        queryset=UnitKerja.objects.none(),
        label=_("Unit induk"),
        help_text=_("Unit satu tingkat di atasnya, misalnya Sekretariat untuk Subbagian Umum."),
        empty_label=_("— pilih unit induk —"),
    )
    nama = model_field(UnitKerja, "nama", label=_("Nama unit"), validators=[reject_formula])
    singkatan = model_field(
        UnitKerja, "singkatan", help_text=_("Boleh dikosongkan, misalnya: Setdis."), validators=[reject_formula]
    )
    jenis = forms.ChoiceField(label=_("Jenis unit"), choices=[PILIH, *JenisUnit.choices])
    kode = model_field(UnitKerja, "kode", label=_("Kode unit (SIASN)"))

    def _jenis_without_opd(self):
        self.fields["jenis"].choices = [c for c in self.fields["jenis"].choices if c[0] != JenisUnit.PERANGKAT_DAERAH]


class UnitCreateForm(UnitForm):
    """A new unit under a unit in scope; a new OPD (no parent) only for HR pemda and superadmin."""

    pemda = forms.ModelChoiceField(
        queryset=Pemda.objects.all(), required=False, label=_("Pemda"), empty_label=_("— pilih pemda —")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.scoped("parent", selectors.unit_visible_to(user).filter(aktif=True).order_by("opd__nama", "nama"))
        self.may_create_opd = permissions.is_hr(user)
        if self.may_create_opd:
            self.fields["parent"].required = False
            self.fields["parent"].empty_label = _("— tidak ada: unit ini sebuah OPD —")
            self.fields["parent"].help_text = _(
                "Kosongkan hanya untuk membuat Perangkat Daerah (OPD) baru, dan pilih jenis Perangkat Daerah."
            )
        else:
            self._jenis_without_opd()
        if user.pemda_id is not None:
            del self.fields["pemda"]  # a superadmin without a pemda picks one for a new OPD
        else:
            self.fields["pemda"].help_text = _("Wajib dipilih untuk OPD baru.")

    def clean(self):
        data = super().clean()
        parent, jenis = data.get("parent"), data.get("jenis")
        if parent is not None and jenis == JenisUnit.PERANGKAT_DAERAH:
            self.add_error("jenis", _("Perangkat Daerah (OPD) tidak berada di bawah unit lain. Kosongkan unit induk."))
        if parent is None and "pemda" in self.fields and not data.get("pemda"):
            self.add_error("pemda", _("Pilih pemda untuk OPD baru."))
        return data

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        parent = data["parent"]
        data["pemda"] = parent.pemda if parent else (data.get("pemda") or self.user.pemda)
        return data


class UnitUpdateForm(UnitForm):
    """Rename a unit or move it under another unit of the same OPD (moving between OPDs is not offered:
    jabatan and pegawai would have to follow)."""

    aktif = model_field(UnitKerja, "aktif", help_text=_("Hilangkan centang jika unit ini sudah dihapus dari SOTK."))

    def __init__(self, *args, user, unit: UnitKerja, **kwargs):
        initial = {f: getattr(unit, f) for f in ("parent", "nama", "singkatan", "jenis", "kode", "aktif")}
        super().__init__(*args, user=user, initial=initial, **kwargs)
        self.unit = unit
        if unit.is_opd:
            del self.fields["parent"], self.fields["jenis"]  # an OPD stays a top-level Perangkat Daerah
        else:
            own_tree = subtree_ids(unit)
            units = selectors.unit_visible_to(user).filter(opd_id=unit.opd_id).exclude(pk__in=own_tree)
            self.scoped("parent", units.order_by("nama"))
            self._jenis_without_opd()


# --- jabatan ----------------------------------------------------------------------------------


class JabatanForm(ServiceForm):
    unit = ScopedModelChoiceField(
        queryset=UnitKerja.objects.none(), label=_("Unit kerja"), empty_label=_("— pilih unit kerja —")
    )
    nama = model_field(
        Jabatan,
        "nama",
        help_text=_("Tulis seperti di SK, misalnya: Kepala Subbagian Umum."),
        validators=[reject_formula],
    )
    jenis = forms.ChoiceField(label=_("Jenis jabatan"), choices=[PILIH, *JenisJabatan.choices])
    eselon = forms.ChoiceField(
        label=_("Eselon"),
        choices=[("", _("— tanpa eselon —")), *Eselon.choices],
        required=False,
        help_text=_("Isi hanya untuk jabatan struktural (JPT, Administrator, Pengawas)."),
    )
    kelas = forms.IntegerField(
        label=_("Kelas jabatan"), min_value=1, max_value=17, help_text=_("Angka 1 sampai 17, sesuai peta jabatan.")
    )
    parent = ScopedModelChoiceField(
        queryset=Jabatan.objects.none(),
        required=False,
        label=_("Jabatan atasan"),
        empty_label=_("— tidak ada (puncak struktur) —"),
        help_text=_(
            "Pemegang jabatan yang dipilih di sini menjadi atasan langsung yang memverifikasi aktivitas. "
            "Untuk kepala OPD pilih Sekretaris Daerah atau kepala daerah."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.scoped("unit", selectors.unit_visible_to(user).filter(aktif=True).order_by("opd__nama", "nama"))
        self.scoped("parent", self.parent_choices(user).order_by("opd__nama", "-kelas", "nama"))
        self.helper.layout = Layout(
            "unit",
            "nama",
            Row(
                Column("jenis", css_class="col-md-6"),
                Column("eselon", css_class="col-md-3"),
                Column("kelas", css_class="col-md-3"),
            ),
            "parent",
            *(["aktif"] if "aktif" in self.fields else []),
        )

    @staticmethod
    def parent_choices(user: User):
        """Posts in scope; an admin OPD also sees the pemda's top posts (JPT, kepala daerah) so that a
        kepala OPD can report to the Sekda."""
        visible = selectors.jabatan_visible_to(user).filter(aktif=True)
        if not user.is_admin_opd:
            return visible
        tops = Jabatan.objects.filter(pemda_id=user.pemda_id, aktif=True).filter(
            Q(jenis=JenisJabatan.JPT) | Q(parent__isnull=True)
        )
        return Jabatan.objects.select_related("unit", "opd").filter(
            Q(pk__in=visible.values("pk")) | Q(pk__in=tops.values("pk"))
        )


class JabatanCreateForm(JabatanForm):
    pass


class JabatanUpdateForm(JabatanForm):
    aktif = model_field(
        Jabatan, "aktif", help_text=_("Hilangkan centang jika jabatan ini sudah dihapus dari peta jabatan.")
    )

    def __init__(self, *args, user, jabatan: Jabatan, **kwargs):
        names = ("unit", "nama", "jenis", "eselon", "kelas", "parent", "aktif")
        super().__init__(*args, user=user, initial={f: getattr(jabatan, f) for f in names}, **kwargs)
        self.jabatan = jabatan
        # The current unit and atasan stay choosable even when they have since been deactivated.
        self.fields["unit"].queryset = with_current(self.fields["unit"].queryset, jabatan.unit_id)
        parents = with_current(self.fields["parent"].queryset, jabatan.parent_id)
        self.fields["parent"].queryset = parents.filter(pemda_id=jabatan.pemda_id).exclude(pk=jabatan.pk)


# --- pegawai ----------------------------------------------------------------------------------

DATA_PEGAWAI = (
    "gelar_depan",
    "nama",
    "gelar_belakang",
    "jenis_kelamin",
    "tanggal_lahir",
    "status",
    "golongan",
    "kedudukan_hukum",
    "gaji_dasar",
    "email",
    "no_hp",
)


class PegawaiDataForm(ServiceForm):
    gelar_depan = model_field(Pegawai, "gelar_depan", help_text=_("Misalnya: Dr., Ir."), validators=[reject_formula])
    nama = model_field(Pegawai, "nama", help_text=_("Nama tanpa gelar."), validators=[reject_formula])
    gelar_belakang = model_field(
        Pegawai, "gelar_belakang", help_text=_("Misalnya: S.Kom., M.Si."), validators=[reject_formula]
    )
    jenis_kelamin = model_field(Pegawai, "jenis_kelamin")
    tanggal_lahir = date_field(_("Tanggal lahir"))
    status = model_field(Pegawai, "status", help_text=_("Pilih PPPK untuk pegawai dengan NI PPPK."))
    golongan = model_field(Pegawai, "golongan", help_text=_("Golongan ruang saat ini (PPPK: golongan I–XVII)."))
    kedudukan_hukum = model_field(
        Pegawai, "kedudukan_hukum", help_text=_("Umumnya Aktif untuk PNS/CPNS dan PPPK Aktif untuk PPPK.")
    )
    gaji_dasar = model_field(
        Pegawai, "gaji_dasar", label=_("Gaji dasar (Rp)"), widget=forms.NumberInput(attrs={"step": "1"})
    )
    email = model_field(Pegawai, "email", label=_("E-mail"))
    no_hp = model_field(Pegawai, "no_hp", label=_("Nomor HP"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("jenis_kelamin", "status", "golongan"):
            field = self.fields[name]
            field.choices = [PILIH, *(c for c in field.choices if c[0] != "")]

    def data_layout(self):
        return Fieldset(
            _("Data pegawai"),
            Row(
                Column("gelar_depan", css_class="col-md-3"),
                Column("nama", css_class="col-md-6"),
                Column("gelar_belakang", css_class="col-md-3"),
            ),
            Row(Column("jenis_kelamin", css_class="col-md-6"), Column("tanggal_lahir", css_class="col-md-6")),
            Row(
                Column("status", css_class="col-md-4"),
                Column("golongan", css_class="col-md-4"),
                Column("kedudukan_hukum", css_class="col-md-4"),
            ),
            "gaji_dasar",
            Row(Column("email", css_class="col-md-6"), Column("no_hp", css_class="col-md-6")),
        )


class PegawaiCreateForm(PegawaiDataForm):
    """The data of a new pegawai and their first jabatan (the service also makes the login)."""

    nip = forms.CharField(
        label=_("NIP / NI PPPK"),
        max_length=30,
        help_text=_("18 angka, boleh dengan spasi seperti di SK. NIP ini juga menjadi nama pengguna untuk masuk."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    jabatan = ScopedModelChoiceField(
        queryset=Jabatan.objects.none(), label=_("Jabatan"), empty_label=_("— pilih jabatan —")
    )
    mulai = date_field(_("TMT jabatan"), help_text=TMT_HELP)
    jenis_penempatan = forms.ChoiceField(
        label=_("Jenis penempatan"), choices=JenisPenempatan.choices, initial=JenisPenempatan.DEFINITIF
    )
    nomor_sk = model_field(Penempatan, "nomor_sk", label=_("Nomor SK"))

    service_field_map = {"jenis": "jenis_penempatan"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.scoped("jabatan", selectors.jabatan_visible_to(user).filter(aktif=True).order_by("opd__nama", "nama"))
        # Both are written in the NIP; a clerk may leave them for the service to read from it.
        self.fields["jenis_kelamin"].required = False
        jk = self.fields["jenis_kelamin"]
        jk.choices = [("", _("— ambil dari NIP —")), *jk.choices[1:]]
        self.fields["tanggal_lahir"].required = False
        self.fields["tanggal_lahir"].help_text = _("Boleh dikosongkan: diambil dari NIP.")
        self.helper.layout = Layout(
            Fieldset(_("Nomor induk"), "nip"),
            self.data_layout(),
            Fieldset(
                _("Jabatan pertama"),
                "jabatan",
                Row(Column("mulai", css_class="col-md-6"), Column("jenis_penempatan", css_class="col-md-6")),
                "nomor_sk",
            ),
        )

    def clean_nip(self):
        try:
            return parse_nip(self.cleaned_data["nip"]).nip
        except ValidationError as e:
            raise ValidationError(e.messages) from None

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        data["jenis_kelamin"] = data.get("jenis_kelamin") or ""
        return data


class PegawaiUpdateForm(PegawaiDataForm):
    def __init__(self, *args, user, pegawai: Pegawai, **kwargs):
        super().__init__(*args, user=user, initial={f: getattr(pegawai, f) for f in DATA_PEGAWAI}, **kwargs)
        self.pegawai = pegawai
        self.helper.layout = Layout(self.data_layout())


# --- penempatan -------------------------------------------------------------------------------


class PenempatanCreateForm(ServiceForm):
    """Mutasi, promosi, Plt or Plh of a pegawai in scope to a jabatan in scope."""

    pegawai = ScopedModelChoiceField(
        queryset=Pegawai.objects.none(), label=_("Pegawai"), empty_label=_("— pilih pegawai —")
    )
    jabatan = ScopedModelChoiceField(
        queryset=Jabatan.objects.none(), label=_("Jabatan baru"), empty_label=_("— pilih jabatan —")
    )
    jenis = forms.ChoiceField(
        label=_("Jenis penempatan"),
        choices=JenisPenempatan.choices,
        initial=JenisPenempatan.DEFINITIF,
        widget=forms.RadioSelect,
        help_text=_(
            "Definitif untuk mutasi atau promosi: jabatan definitif yang lama otomatis berakhir sehari "
            "sebelum TMT. Plt/Plh untuk tugas sementara: jabatan definitifnya tetap."
        ),
    )
    mulai = date_field(_("TMT"), help_text=TMT_HELP)
    selesai = date_field(
        _("Tanggal selesai"),
        required=False,
        help_text=_("Kosongkan jika belum ditentukan. Untuk Plt/Plh isi sesuai surat perintah, bila ada."),
    )
    nomor_sk = model_field(Penempatan, "nomor_sk", label=_("Nomor SK / surat perintah"))
    keterangan = model_field(Penempatan, "keterangan", help_text=_("Boleh dikosongkan, misalnya: promosi."))

    def __init__(self, *args, user, pegawai_pk: str | None = None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        pegawai = selectors.pegawai_visible_to(user).order_by("nama", "nip")
        self.scoped("pegawai", pegawai)
        self.scoped("jabatan", selectors.jabatan_visible_to(user).filter(aktif=True).order_by("opd__nama", "nama"))
        if pegawai_pk and pegawai_pk.isdigit():
            self.initial["pegawai"] = pegawai.filter(pk=int(pegawai_pk)).first()
        self.helper.layout = Layout(
            "pegawai",
            "jabatan",
            "jenis",
            Row(Column("mulai", css_class="col-md-6"), Column("selesai", css_class="col-md-6")),
            "nomor_sk",
            "keterangan",
        )


class PenempatanEndForm(ServiceForm):
    selesai = date_field(
        _("Tanggal berakhir"),
        help_text=_("Hari terakhir pegawai memegang jabatan ini (ikut dihitung)."),
    )
    keterangan = model_field(
        Penempatan, "keterangan", help_text=_("Misalnya: pensiun, meninggal dunia, masa Plt selesai.")
    )
