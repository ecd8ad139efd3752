"""Search and filter forms of the admin OPD lists (on `core.lists`): plain GET forms that narrow a
scoped queryset.

The queryset always comes from `accounts.selectors.*_visible_to(user)`; a filter only narrows it,
and its choices (OPD, unit) are the actor's scope too, so a filter never widens what one may see.
"""

from datetime import date

from django import forms
from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from core.dates import today
from core.lists import AKTIF_CHOICES, SEMUA, SearchFilter

from . import selectors
from .choices import Golongan, JenisJabatan, JenisPenempatan, JenisUnit, StatusPegawai
from .models import Penempatan, UnitKerja, User

# Postings: in force today, not yet started (a TMT in the future), ended.
KEADAAN_CHOICES = [
    *SEMUA,
    ("berlaku", _("Berlaku hari ini")),
    ("akan_datang", _("Belum mulai (TMT akan datang)")),
    ("berakhir", _("Sudah berakhir")),
]


def subtree_ids(unit: UnitKerja) -> list[int]:
    """A unit and every unit below it. Units carry their OPD, so one query over that OPD suffices."""
    rows = list(UnitKerja.objects.filter(opd_id=unit.opd_id).values_list("pk", "parent_id"))
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in rows:
        children.setdefault(parent_id, []).append(pk)
    found, frontier = [unit.pk], [unit.pk]
    while frontier:
        frontier = [c for pk in frontier for c in children.get(pk, []) if c not in found]
        found.extend(frontier)
    return found


def with_keadaan(qs: QuerySet[Penempatan], on: date) -> QuerySet[Penempatan]:
    """Annotate `keadaan`: 'akan_datang', 'berakhir' or 'berlaku' on a date."""
    return qs.annotate(
        keadaan=Case(
            When(mulai__gt=on, then=Value("akan_datang")),
            When(selesai__lt=on, then=Value("berakhir")),
            default=Value("berlaku"),
        )
    )


def opd_choices_for(user: User) -> QuerySet[UnitKerja]:
    return selectors.unit_visible_to(user).filter(parent__isnull=True).order_by("nama")


class ScopedChoiceField(forms.ModelChoiceField):
    """A unit or OPD; the OPD's name is added when the actor sees more than one OPD."""

    def __init__(self, *args, show_opd: bool = False, **kwargs):
        self.show_opd = show_opd
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        if self.show_opd and obj.opd_id and obj.opd_id != obj.pk:
            return f"{obj.nama} — {obj.opd.nama}"
        return obj.nama


class ListFilter(SearchFilter):
    """Base of the admin list filters: a search box, and an OPD choice for those who see several OPDs."""

    def __init__(self, data, *, user: User):
        self.user = user
        self.multi_opd = not user.is_admin_opd
        super().__init__(data)

    def prepare(self) -> None:
        super().prepare()
        if self.multi_opd:
            self.fields["opd"] = ScopedChoiceField(
                queryset=opd_choices_for(self.user), required=False, label=_("OPD"), empty_label=_("Semua OPD")
            )
            self.order_fields(["q", "opd"])


class UnitFilter(ListFilter):
    jenis = forms.ChoiceField(label=_("Jenis unit"), choices=SEMUA + list(JenisUnit.choices), required=False)
    aktif = forms.ChoiceField(label=_("Status"), choices=AKTIF_CHOICES, required=False)
    search_help = _("Nama, singkatan atau kode unit.")

    def filter(self, qs):
        if q := self.value("q"):
            qs = qs.filter(Q(nama__icontains=q) | Q(singkatan__icontains=q) | Q(kode__icontains=q))
        if opd := self.value("opd"):
            qs = qs.filter(opd=opd)
        if jenis := self.value("jenis"):
            qs = qs.filter(jenis=jenis)
        if aktif := self.value("aktif"):
            qs = qs.filter(aktif=aktif == "ya")
        # Each OPD, then the units below it by name.
        is_child = Case(When(parent__isnull=True, then=0), default=1, output_field=IntegerField())
        return qs.order_by("opd__nama", "opd_id", is_child, "nama")


class _UnitScoped(ListFilter):
    unit = ScopedChoiceField(
        queryset=UnitKerja.objects.none(),
        required=False,
        label=_("Unit kerja"),
        empty_label=_("Semua unit"),
        help_text=_("Termasuk unit di bawahnya."),
    )

    def setup(self):
        self.fields["unit"].queryset = selectors.unit_visible_to(self.user).order_by("opd__nama", "nama")
        self.fields["unit"].show_opd = self.multi_opd


class JabatanFilter(_UnitScoped):
    jenis = forms.ChoiceField(label=_("Jenis jabatan"), choices=SEMUA + list(JenisJabatan.choices), required=False)
    pengisian = forms.ChoiceField(
        label=_("Pemegang hari ini"),
        choices=[*SEMUA, ("terisi", _("Terisi")), ("kosong", _("Kosong (lowong)"))],
        required=False,
    )
    aktif = forms.ChoiceField(label=_("Status"), choices=AKTIF_CHOICES, required=False)
    search_help = _("Nama jabatan.")

    def filter(self, qs):
        hari_ini = today()
        if q := self.value("q"):
            qs = qs.filter(nama__icontains=q)
        if opd := self.value("opd"):
            qs = qs.filter(opd=opd)
        if unit := self.value("unit"):
            qs = qs.filter(unit_id__in=subtree_ids(unit))
        if jenis := self.value("jenis"):
            qs = qs.filter(jenis=jenis)
        if aktif := self.value("aktif"):
            qs = qs.filter(aktif=aktif == "ya")
        if pengisian := self.value("pengisian"):
            held = Exists(selectors.penempatan_on(on=hari_ini).filter(jabatan=OuterRef("pk")))
            qs = qs.filter(held if pengisian == "terisi" else ~held)
        holders = selectors.penempatan_on(on=hari_ini).select_related("pegawai").order_by("jenis", "-mulai")
        return qs.prefetch_related(Prefetch("penempatan", queryset=holders, to_attr="pemegang")).order_by(
            "opd__nama", "-kelas", "nama", "pk"
        )


def _nip_digits(q: str) -> str | None:
    """A search that looks like (part of) a NIP, spaces as printed on an SK removed."""
    digits = "".join(q.split())
    return digits if digits.isdigit() and len(digits) >= 4 else None


def cari_pegawai(q: str, *, prefix: str = "pegawai__") -> Q:
    """A search box over rows that belong to a pegawai: the name, or (part of) the NIP."""
    cond = Q(**{f"{prefix}nama__icontains": q})
    if nip := _nip_digits(q):
        cond |= Q(**{f"{prefix}nip__contains": nip})
    return cond


class PegawaiFilter(_UnitScoped):
    status = forms.ChoiceField(label=_("Status"), choices=SEMUA + list(StatusPegawai.choices), required=False)
    golongan = forms.ChoiceField(label=_("Golongan"), choices=SEMUA + list(Golongan.choices), required=False)
    penempatan = forms.ChoiceField(
        label=_("Jabatan hari ini"),
        choices=[*SEMUA, ("ada", _("Punya jabatan")), ("tanpa", _("Belum/tidak punya jabatan"))],
        required=False,
    )
    search_help = _("Nama, NIP atau nama jabatan.")

    def filter(self, qs):
        hari_ini = today()
        now = selectors.penempatan_on(on=hari_ini)
        if q := self.value("q"):
            by_jabatan = Exists(now.filter(pegawai=OuterRef("pk"), jabatan__nama__icontains=q))
            qs = qs.filter(cari_pegawai(q, prefix="") | by_jabatan)
        if opd := self.value("opd"):
            qs = qs.filter(opd=opd)
        if unit := self.value("unit"):
            qs = qs.filter(Exists(now.filter(pegawai=OuterRef("pk"), jabatan__unit_id__in=subtree_ids(unit))))
        if status := self.value("status"):
            qs = qs.filter(status=status)
        if golongan := self.value("golongan"):
            qs = qs.filter(golongan=golongan)
        if penempatan := self.value("penempatan"):
            held = Exists(now.filter(pegawai=OuterRef("pk")))
            qs = qs.filter(held if penempatan == "ada" else ~held)
        postings = now.select_related("jabatan__unit").order_by("jenis", "-mulai")
        return qs.prefetch_related(Prefetch("penempatan", queryset=postings, to_attr="jabatan_kini")).order_by(
            "nama", "nip"
        )


class PenempatanFilter(ListFilter):
    jenis = forms.ChoiceField(
        label=_("Jenis penempatan"), choices=SEMUA + list(JenisPenempatan.choices), required=False
    )
    keadaan = forms.ChoiceField(label=_("Masa berlaku"), choices=KEADAAN_CHOICES, required=False)
    search_help = _("Nama atau NIP pegawai, atau nama jabatan.")

    def filter(self, qs):
        hari_ini = today()
        if q := self.value("q"):
            qs = qs.filter(cari_pegawai(q) | Q(jabatan__nama__icontains=q))
        if opd := self.value("opd"):
            qs = qs.filter(jabatan__opd=opd)
        if jenis := self.value("jenis"):
            qs = qs.filter(jenis=jenis)
        qs = with_keadaan(qs, hari_ini)
        if keadaan := self.value("keadaan"):
            qs = qs.filter(keadaan=keadaan)
        return qs.order_by("-mulai", "-pk")
