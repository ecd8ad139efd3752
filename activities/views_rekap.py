"""A month's figures: one's own and each bawahan's (`rekap`), a unit's for admin OPD and HR
(`rekap_unit`); the month switcher both share with the dashboards (`bulan_navigasi`)."""

from datetime import date

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format

from accounts.models import Pegawai
from accounts.permissions import admin_required, is_org_admin
from accounts.selectors import bawahan_of
from core.dates import today
from core.lists import paginate
from core.months import month_bounds, month_value, next_month, previous_month

from . import selectors
from .filters import RekapUnitFilter
from .forms_antrean import RekapForm


def bulan_navigasi(tahun: int, bulan: int) -> dict:
    """The month's bounds and its neighbours, for the page's month switcher."""
    start, end = month_bounds(tahun, bulan)
    prev, nxt = previous_month(tahun, bulan), next_month(tahun, bulan)
    return {
        "start": start,
        "end": end,
        "nilai": month_value(tahun, bulan),
        "sebelumnya": month_value(*prev),
        "sebelumnya_nama": date_format(date(*prev, 1), "F Y"),
        "berikutnya": month_value(*nxt) if date(*nxt, 1) <= today() else "",
        "berikutnya_nama": date_format(date(*nxt, 1), "F Y"),
    }


def _baris(pegawai: list[Pegawai], *, tahun: int, bulan: int) -> list[tuple[Pegawai, selectors.RekapBulan]]:
    """Each person with their month figures; per pemda a fixed number of queries."""
    rows = []
    for pemda_id in dict.fromkeys(p.pemda_id for p in pegawai):
        ids = [p.pk for p in pegawai if p.pemda_id == pemda_id]
        qs = Pegawai.objects.filter(pk__in=ids).order_by("nama", "pk")
        rows += selectors.rekap_pegawai_bulan(qs, pemda_id=pemda_id, tahun=tahun, bulan=bulan)
    by_id = {r.pegawai_id: r for r in rows}
    return [(p, by_id[p.pk]) for p in pegawai]


def rekap(request):
    """My month, and the month of each of my bawahan (as they stand at the end of it, or today)."""
    form = RekapForm(request.GET)
    tahun, bulan = form.tahun_bulan
    pegawai = getattr(request.user, "pegawai", None)
    if pegawai is None and is_org_admin(request.user):
        url = reverse("aktivitas:rekap_unit")
        return redirect(f"{url}?{request.GET.urlencode()}" if request.GET else url)
    b = bulan_navigasi(tahun, bulan)
    saya = selectors.rekap_bulan(pegawai, tahun, bulan) if pegawai else None
    bawahan = bawahan_of(pegawai, min(b["end"], today())) if pegawai else []
    context = {"form": form, "bulan": b, "saya": saya, "baris": _baris(bawahan, tahun=tahun, bulan=bulan)}
    return render(request, "activities/antrean/rekap.html", context)


@admin_required
def rekap_unit(request):
    """Admin OPD and HR: the month of every employee of a unit (and the units below it)."""
    saring = RekapUnitFilter(request.GET, user=request.user)
    hari_ini = today()
    tahun, bulan = saring.value("bulan") or (hari_ini.year, hari_ini.month)
    b = bulan_navigasi(tahun, bulan)
    page = paginate(request, saring.pegawai(b["start"], b["end"]), per_page=50)
    context = {"saring": saring, "bulan": b, "page": page, "baris": _baris(list(page), tahun=tahun, bulan=bulan)}
    return render(request, "activities/antrean/rekap_unit.html", context)
