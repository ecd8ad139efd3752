"""Search and filter forms of the attendance admin lists (on `accounts.filters.ListFilter`): plain
GET forms that only narrow a queryset already scoped to the actor (`attendance.selectors`)."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.filters import ListFilter, cari_pegawai
from core.lists import SEMUA

from .choices import JenisPermohonan, StatusPermohonan
from .choices_koreksi import JenisKoreksi, StatusKoreksi


def _tanggal(label):
    return forms.DateField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}))


class _RentangPegawaiFilter(ListFilter):
    """A request over days (leave, correction): the pegawai's name or NIP, OPD (for those who see
    several), kind, status and the days (a request that touches the range counts). Subclasses declare
    `jenis` and `status` with their choices."""

    dari = _tanggal(_("Dari tanggal"))
    sampai = _tanggal(_("Sampai tanggal"))
    field_order = ["q", "opd", "jenis", "status", "dari", "sampai"]
    search_help = _("Nama atau NIP pegawai.")

    def filter(self, qs: QuerySet) -> QuerySet:
        if q := self.value("q"):
            qs = qs.filter(cari_pegawai(q))
        if opd := self.value("opd"):
            qs = qs.filter(pegawai__opd=opd)
        if jenis := self.value("jenis"):
            qs = qs.filter(jenis=jenis)
        if status := self.value("status"):
            qs = qs.filter(status=status)
        if dari := self.value("dari"):
            qs = qs.filter(selesai__gte=dari)
        if sampai := self.value("sampai"):
            qs = qs.filter(mulai__lte=sampai)
        return qs.order_by("-dibuat", "-pk")


class PermohonanFilter(_RentangPegawaiFilter):
    """Leave requests."""

    jenis = forms.ChoiceField(label=_("Jenis"), choices=SEMUA + list(JenisPermohonan.choices), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=SEMUA + list(StatusPermohonan.choices), required=False)


class KoreksiFilter(_RentangPegawaiFilter):
    """Attendance correction requests."""

    jenis = forms.ChoiceField(label=_("Koreksi"), choices=SEMUA + list(JenisKoreksi.choices), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=SEMUA + list(StatusKoreksi.choices), required=False)
