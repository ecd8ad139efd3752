"""GET filters of the supervisors' pages: they only narrow a queryset that is already scoped.

A queue comes from `selectors.antrean_verifikasi/antrean_validasi(pegawai)`, a unit table from
`accounts.selectors.pegawai_visible_to(user)`; the choices offered (people, units) come from that same
scope, so a filter never widens what one may see (DESIGN.md §4).
"""

from datetime import date

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from accounts.filters import ScopedChoiceField, subtree_ids
from accounts.models import Pegawai, Penempatan, UnitKerja, User
from accounts.selectors import pegawai_visible_to, unit_visible_to
from core.forms import BulanField, with_bulan
from core.lists import GetFilter

from .models import Aktivitas


class DateInput(forms.DateInput):
    """The browser's own date picker; it sends YYYY-MM-DD whatever the display language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class PegawaiChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.nama_lengkap


def _berlaku_pada_tanggal_aktivitas() -> Q:
    """A posting in force on the (outer) entry's date."""
    return Q(mulai__lte=OuterRef("tanggal")) & (Q(selesai__isnull=True) | Q(selesai__gte=OuterRef("tanggal")))


def _berlaku_dalam(start: date, end: date) -> Q:
    """A posting in force on some day between two dates."""
    return Q(mulai__lte=end) & (Q(selesai__isnull=True) | Q(selesai__gte=start))


class _Saring(GetFilter):
    @property
    def is_filtered(self) -> bool:
        return bool(self.errors) or any(self.value(name) is not None for name in self.fields)


class AntreanFilter(_Saring):
    """Narrow a queue by unit (with the units below it), person and date range."""

    unit = forms.ModelChoiceField(
        queryset=UnitKerja.objects.none(),
        required=False,
        label=_("Unit kerja"),
        empty_label=_("Semua unit"),
        help_text=_("Termasuk unit di bawahnya."),
    )
    pegawai = PegawaiChoiceField(
        queryset=Pegawai.objects.none(), required=False, label=_("Pegawai"), empty_label=_("Semua pegawai")
    )
    dari = forms.DateField(label=_("Dari tanggal"), required=False, widget=DateInput())
    sampai = forms.DateField(label=_("Sampai tanggal"), required=False, widget=DateInput())

    def __init__(self, data, *, antrean: QuerySet[Aktivitas]):
        self.antrean = antrean.order_by()
        super().__init__(data)
        # antrean/_saring.html renders these without crispy (a hot page): Bootstrap's classes here
        for name, field in self.fields.items():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{css} is-invalid" if name in self.errors else css

    def setup(self):
        # Only the people with something waiting, and the units they worked in on those dates.
        orang = self.antrean.values("pegawai_id")
        self.fields["pegawai"].queryset = Pegawai.objects.filter(pk__in=orang).order_by("nama", "pk")
        tertua = self.antrean.order_by("tanggal").values("tanggal")[:1]
        postings = Penempatan.objects.filter(pegawai_id__in=orang).filter(
            Q(selesai__isnull=True) | Q(selesai__gte=Subquery(tertua))
        )
        self.fields["unit"].queryset = UnitKerja.objects.filter(pk__in=postings.values("jabatan__unit_id")).order_by(
            "nama", "pk"
        )

    def clean(self):
        data = super().clean()
        if data.get("dari") and data.get("sampai") and data["sampai"] < data["dari"]:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data

    def filter(self, qs: QuerySet[Aktivitas]) -> QuerySet[Aktivitas]:
        if unit := self.value("unit"):
            in_unit = Penempatan.objects.filter(
                _berlaku_pada_tanggal_aktivitas(),
                pegawai_id=OuterRef("pegawai_id"),
                jabatan__unit_id__in=subtree_ids(unit),
            )
            qs = qs.filter(Exists(in_unit))
        if pegawai := self.value("pegawai"):
            qs = qs.filter(pegawai=pegawai)
        if dari := self.value("dari"):
            qs = qs.filter(tanggal__gte=dari)
        if sampai := self.value("sampai"):
            qs = qs.filter(tanggal__lte=sampai)
        return qs


class RekapUnitFilter(_Saring):
    """The month table of a unit: a unit in the actor's scope (with the units below it) and a month."""

    unit = ScopedChoiceField(
        queryset=UnitKerja.objects.none(),
        required=False,
        label=_("Unit kerja"),
        empty_label=_("Semua unit yang Anda kelola"),
        help_text=_("Termasuk unit di bawahnya."),
    )
    bulan = BulanField()

    def __init__(self, data, *, user: User):
        self.user = user
        super().__init__(with_bulan(data))

    def setup(self):
        self.fields["unit"].queryset = unit_visible_to(self.user).order_by("opd__nama", "nama", "pk")
        self.fields["unit"].show_opd = not self.user.is_admin_opd

    @property
    def is_filtered(self) -> bool:
        return bool(self.errors) or self.value("unit") is not None

    def pegawai(self, start: date, end: date) -> QuerySet[Pegawai]:
        """People in scope who held a post in the unit (or anywhere, without a unit) during the month."""
        postings = Penempatan.objects.filter(_berlaku_dalam(start, end), pegawai_id=OuterRef("pk"))
        if unit := self.value("unit"):
            postings = postings.filter(jabatan__unit_id__in=subtree_ids(unit))
        return pegawai_visible_to(self.user).filter(Exists(postings)).order_by("nama", "pk")
