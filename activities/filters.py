"""GET filters of the supervisors' pages: they only narrow a queryset that is already scoped.

A queue comes from `selectors.antrean_verifikasi/antrean_validasi(pegawai)`, a unit table from
`accounts.selectors.pegawai_visible_to(user)`; the choices offered (people, units) come from that same
scope, so a filter never widens what one may see (DESIGN.md §4).
"""

from datetime import date

from django import forms
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accounts.filters import ListFilter, ScopedChoiceField, cari_pegawai, subtree_ids
from accounts.models import Pegawai, Penempatan, UnitKerja, User
from accounts.selectors import pegawai_visible_to, unit_visible_to
from core.dates import today
from core.forms import BulanField, with_bulan
from core.lists import GetFilter
from core.months import month_bounds

from .choices import JenisKejanggalan
from .models import Aktivitas


class DateInput(forms.DateInput):
    """The browser's own date picker; it sends YYYY-MM-DD whatever the display language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class PegawaiChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.nama_lengkap


def _di_unit(unit) -> Exists:
    """The entry's owner held a post in the unit or below it on the entry's date."""
    return Exists(
        Penempatan.objects.filter(
            _berlaku_pada_tanggal_aktivitas(), pegawai_id=OuterRef("pegawai_id"), jabatan__unit_id__in=subtree_ids(unit)
        )
    )


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
            qs = qs.filter(_di_unit(unit))
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


# --- anomaly flags and approvers' figures (issue 18) ---------------------------------------------

KEADAAN_TANDA = [("", _("Semua")), ("terbuka", _("Belum diabaikan")), ("diabaikan", _("Sudah diabaikan"))]


def _unit_nama(berlaku: Q, pegawai_field: str) -> Subquery:
    """The name of the unit of the person's posting in force (the definitive one first, the latest)."""
    postings = Penempatan.objects.filter(berlaku, pegawai_id=OuterRef(pegawai_field)).order_by("jenis", "-mulai")
    return Subquery(postings.values("jabatan__unit__nama")[:1])


class _BulanList(ListFilter):
    """A report of one month (this month unless chosen): the month is always set, so it neither
    counts as "filtered" (no "Tampilkan semua" for it) nor keeps the folded boxes open on a phone."""

    bulan = BulanField()

    def __init__(self, data, *, user: User):
        super().__init__(with_bulan(data), user=user)

    @property
    def tahun_bulan(self) -> tuple[int, int]:
        hari_ini = today()
        return self.value("bulan") or (hari_ini.year, hari_ini.month)

    @property
    def is_filtered(self) -> bool:
        return bool(self.errors) or any(self.value(n) is not None for n in self.fields if n != "bulan")

    @property
    def extra_filtered(self) -> bool:
        return bool(self.errors) or any(self.value(n) is not None for n in self.fields if n not in ("q", "bulan"))


class KejanggalanFilter(_BulanList):
    """The month's anomaly flags of the actor's scope: by person, OPD, unit (the entry's unit on its
    date, with the units below it), kind, and open or dismissed. `jumlah_per_jenis` counts the kinds
    of the same rows (every filter but the kind), one query."""

    unit = ScopedChoiceField(
        queryset=UnitKerja.objects.none(),
        required=False,
        label=_("Unit kerja"),
        empty_label=_("Semua unit"),
        help_text=_("Termasuk unit di bawahnya."),
    )
    jenis = forms.ChoiceField(
        label=_("Jenis"), choices=[("", _("Semua jenis")), *JenisKejanggalan.choices], required=False
    )
    keadaan = forms.ChoiceField(label=_("Keadaan"), choices=KEADAAN_TANDA, required=False)
    search_help = _("Nama atau NIP pegawai.")
    field_order = ["q", "opd", "unit", "bulan", "jenis", "keadaan"]

    def setup(self):
        self.fields["unit"].queryset = unit_visible_to(self.user).order_by("opd__nama", "nama", "pk")
        self.fields["unit"].show_opd = self.multi_opd

    def dasar(self, qs: QuerySet) -> QuerySet:
        """Every filter but the kind."""
        start, end = month_bounds(*self.tahun_bulan)
        qs = qs.filter(tanggal__range=(start, end))
        if q := self.value("q"):
            qs = qs.filter(cari_pegawai(q))
        if opd := self.value("opd"):
            qs = qs.filter(pegawai__opd=opd)
        if unit := self.value("unit"):
            qs = qs.filter(_di_unit(unit))
        if keadaan := self.value("keadaan"):
            qs = qs.filter(diabaikan__isnull=keadaan == "terbuka")
        return qs

    def filter(self, qs: QuerySet) -> QuerySet:
        self._dasar = self.dasar(qs)
        qs = self._dasar
        if jenis := self.value("jenis"):
            qs = qs.filter(jenis=jenis)
        return qs.annotate(unit_nama=_unit_nama(_berlaku_pada_tanggal_aktivitas(), "pegawai_id")).order_by(
            "-tanggal", "pegawai__nama", "jenis", "pk"
        )

    @cached_property
    def jumlah_per_jenis(self) -> list[tuple[str, str, int]]:
        """(kind, label, how many) for every kind, over the rows of the other filters (after `filter`)."""
        dasar = getattr(self, "_dasar", None)
        counts = dict(dasar.order_by().values_list("jenis").annotate(n=Count("pk"))) if dasar is not None else {}
        return [(value, str(label), counts.get(value, 0)) for value, label in JenisKejanggalan.choices]


class PersetujuanKilatFilter(_BulanList):
    """HR's month of approvers' figures: by approver (name or NIP), OPD, and flagged only."""

    tanda = forms.ChoiceField(
        label=_("Tampilkan"),
        choices=[("", _("Semua penyetuju")), ("ya", _("Hanya yang ditandai"))],
        required=False,
    )
    search_help = _("Nama atau NIP penyetuju.")
    field_order = ["q", "opd", "bulan", "tanda"]

    def filter(self, qs: QuerySet) -> QuerySet:
        tahun, bulan = self.tahun_bulan
        qs = qs.filter(tahun=tahun, bulan=bulan)
        if q := self.value("q"):
            qs = qs.filter(cari_pegawai(q, prefix="penyetuju__"))
        if opd := self.value("opd"):
            qs = qs.filter(penyetuju__opd=opd)
        if self.value("tanda"):
            qs = qs.filter(tanda=True)
        qs = qs.annotate(unit_nama=_unit_nama(_berlaku_dalam(*month_bounds(tahun, bulan)), "penyetuju_id"))
        return qs.order_by("-tanda", "-kilat", "penyetuju__nama", "pk")
