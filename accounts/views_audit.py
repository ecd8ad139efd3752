"""Jejak audit for HR (issue 15): who changed what, searchable by person, actor, date and kind, and
exported to xlsx. HR pemda read their pemda's rows, a superadmin every pemda's."""

from datetime import datetime, time

from django import forms
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import audit
from core.lists import SearchFilter
from core.pages import ListPage
from core.xlsx import tabel_unduh

from .choices import Role
from .models import Pegawai
from .permissions import hr_required

# how many rows one export holds (a year of a pemda's admin writes fits many times over)
EKSPOR_MAKS = 50_000


class AuditFilter(SearchFilter):
    search_help = _("Nama atau nama pengguna pelaku, nama data, atau id permintaan.")
    pegawai = forms.CharField(label=_("NIP pegawai yang datanya diubah"), required=False, max_length=30)
    jenis = forms.CharField(label=_("Jenis tindakan"), required=False, max_length=60)
    dari = forms.DateField(label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sampai = forms.DateField(label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data, *, user, **kwargs):
        self.user = user
        super().__init__(data, **kwargs)

    def filter(self, qs: QuerySet) -> QuerySet:
        if q := self.value("q"):
            qs = qs.filter(Q(actor_nama__icontains=q) | Q(objek_repr__icontains=q) | Q(request_id=q))
        if nip := self.value("pegawai"):
            ids = Pegawai.objects.filter(nip="".join(nip.split())).values("pk")
            qs = qs.filter(pegawai_id__in=ids)
        if jenis := self.value("jenis"):
            qs = qs.filter(aksi__icontains=jenis)
        tz = timezone.get_current_timezone()
        if dari := self.value("dari"):
            qs = qs.filter(waktu__gte=datetime.combine(dari, time.min, tzinfo=tz))
        if sampai := self.value("sampai"):
            qs = qs.filter(waktu__lte=datetime.combine(sampai, time.max, tzinfo=tz))
        return qs.order_by("-waktu", "-pk")


AUDIT_LIST = ListPage(
    "accounts/audit_list.html",
    filter=AuditFilter,
    columns=(_("Waktu"), _("Pelaku"), _("Tindakan"), _("Data"), _("Perubahan")),
    caption=_("Jejak audit, terbaru di atas"),
)


@hr_required
def audit_list(request):
    # the role a row was written in, as people read it ("HR Pemda (BKPSDM/Keuangan)", not HR_PEMDA)
    peran = Case(*(When(peran=v, then=Value(str(label))) for v, label in Role.choices), default=F("peran"))
    return AUDIT_LIST.render(request, audit.audit_visible_to(request.user).annotate(peran_label=peran))


@hr_required
def audit_ekspor(request):
    """The rows the filter shows, as xlsx (every value kept as text: no formula runs when opened)."""
    f = AuditFilter(request.GET, user=request.user)
    rows = f.filter(audit.audit_visible_to(request.user))[:EKSPOR_MAKS]
    judul = (
        _("Waktu"),
        _("Pelaku"),
        _("Sebagai"),
        _("Tindakan"),
        _("Jenis data"),
        _("Data"),
        _("Sebelum"),
        _("Sesudah"),
        _("Id permintaan"),
        _("Urutan"),
    )
    baris = (
        (
            timezone.localtime(r.waktu).strftime("%Y-%m-%d %H:%M:%S"),
            r.actor_nama,
            r.peran,
            r.aksi,
            r.objek_tipe,
            r.objek_repr,
            _ringkas(r.sebelum),
            _ringkas(r.sesudah),
            r.request_id,
            r.seq,
        )
        for r in rows.iterator(chunk_size=2000)
    )
    return tabel_unduh(nama_file="jejak-audit.xlsx", sheet=_("Jejak audit"), judul=judul, baris=baris)


def _ringkas(values: dict) -> str:
    return "; ".join(f"{k}: {v}" for k, v in (values or {}).items())
