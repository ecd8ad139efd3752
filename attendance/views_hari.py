"""The day pages (namespace `presensi`): the pegawai's month, corrections, events and recaps.

People are fetched through `accounts.selectors.pegawai_visible_to(request.user)` (out of scope →
404); admin pages need admin OPD, HR or superadmin (a plain pegawai → 403); every write goes
through `attendance.services.hari`.
"""

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.filters import subtree_ids
from accounts.permissions import admin_required, pegawai_halaman
from accounts.selectors import pegawai_visible_to, unit_visible_to
from core.dates import today
from core.months import month_from_param, previous_month_start
from core.pages import form_page, posted

from . import selectors
from .forms_hari import KejadianForm, KoreksiForm
from .selectors_bulan import bulan_presensi
from .services import hari as services

SANKSI = {
    "TEGURAN_LISAN": gettext_lazy("Teguran lisan"),
    "TEGURAN_TERTULIS": gettext_lazy("Teguran tertulis"),
    "PERNYATAAN_TIDAK_PUAS": gettext_lazy("Pernyataan tidak puas secara tertulis"),
    "POTONG_TUKIN_25_6": gettext_lazy("Pemotongan tunjangan kinerja 25% selama 6 bulan"),
    "POTONG_TUKIN_25_9": gettext_lazy("Pemotongan tunjangan kinerja 25% selama 9 bulan"),
    "POTONG_TUKIN_25_12": gettext_lazy("Pemotongan tunjangan kinerja 25% selama 12 bulan"),
    "PENURUNAN_JABATAN": gettext_lazy("Penurunan jabatan setingkat lebih rendah selama 12 bulan"),
    "PEMBEBASAN_JABATAN": gettext_lazy("Pembebasan dari jabatan menjadi pelaksana selama 12 bulan"),
    "PEMBERHENTIAN": gettext_lazy("Pemberhentian dengan hormat tidak atas permintaan sendiri"),
}


def _bulan(raw: str | None) -> date:
    """The first day of `?bulan=YYYY-MM`; this month when missing or unreadable, never a future month."""
    return month_from_param(raw, today=today())


def _unit(request):
    """The chosen unit (`?unit=`) among those the admin may see; their OPD by default."""
    units = unit_visible_to(request.user).order_by("opd__nama", "nama")
    raw = request.GET.get("unit") or request.user.opd_id
    unit = get_object_or_404(units, pk=raw) if str(raw or "").isdigit() else None
    return unit, units


def _konteks_bulan(data) -> dict:
    """The context of a month's page ("Presensi saya", "Presensi pegawai") from `bulan_presensi`."""
    return {
        "bulan": data.bulan,
        "hari": data.hari,
        "data_sampai": data.data_sampai,
        "ringkas": data.ringkas,
        "sebelum": previous_month_start(data.bulan),
        "sesudah": data.akhir + timedelta(days=1) if data.akhir < today() else None,
        "now": today(),
    }


def saya(request):
    pegawai = pegawai_halaman(request)
    data = bulan_presensi(pegawai, _bulan(request.GET.get("bulan")))
    return render(request, "attendance/hari/saya.html", {**_konteks_bulan(data), "ajukan": True})


def _tanggal(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise Http404 from None


@admin_required
def koreksi(request, pegawai_pk: int, tanggal: str):
    pegawai = get_object_or_404(pegawai_visible_to(request.user), pk=pegawai_pk)
    day = _tanggal(tanggal)
    hari = selectors.hari_efektif(pegawai_ids=[pegawai.pk], start=day, end=day).get((pegawai.pk, day))
    initial = {"status": hari.status, "jam_masuk": hari.jam_masuk, "jam_pulang": hari.jam_pulang} if hari else {}
    form = KoreksiForm(request.POST if request.method == "POST" else None, user=request.user, initial=initial)
    kembali = f"{reverse('presensi:pegawai_bulan', args=[pegawai.pk])}?bulan={day:%Y-%m}"
    try:
        if request.method == "POST" and "otomatis" in request.POST:
            services.hari_otomatis(actor=request.user, pegawai=pegawai, tanggal=day)
            messages.success(request, _("Koreksi dibatalkan; hari ini dihitung lagi dari data mesin absen."))
            return redirect(request.path)
        if request.method == "POST" and form.is_valid():
            services.hari_koreksi(actor=request.user, pegawai=pegawai, tanggal=day, **form.cleaned_data)
            messages.success(request, _("Koreksi presensi sudah disimpan beserta alasannya."))
            return redirect(request.path)
    except ValidationError as e:
        form.add_service_errors(e)
    context = {"form": form, "pegawai": pegawai, "tanggal": day, "hari": hari, "kembali": kembali}
    return render(request, "attendance/hari/koreksi.html", context)


@admin_required
def pegawai_bulan(request, pegawai_pk: int):
    """The admin page "Presensi pegawai": one pegawai's days of a month, each with its correction
    link; opened from the unit recap's rows and the pegawai's page. Out of scope → 404."""
    pegawai = get_object_or_404(pegawai_visible_to(request.user), pk=pegawai_pk)
    data = bulan_presensi(pegawai, _bulan(request.GET.get("bulan")))
    context = {"pegawai": pegawai, **_konteks_bulan(data)}
    return render(request, "attendance/hari/pegawai_bulan.html", context)


@admin_required
def kejadian_create(request):
    return form_page(
        request,
        KejadianForm(posted(request), user=request.user),
        services.kejadian_create,
        template="attendance/hari/kejadian_create.html",
        message=_("Kejadian sudah dicatat."),
        next="presensi:kejadian_create",
    )


@admin_required
def kumulatif(request):
    raw = request.GET.get("tahun", "")
    tahun = int(raw) if raw.isdigit() and 2000 <= int(raw) <= today().year else today().year
    unit, units = _unit(request)
    baris = selectors.kumulatif_tahun(unit_ids=subtree_ids(unit), tahun=tahun) if unit else []
    for k in baris:
        k.sanksi_teks = SANKSI.get(k.sanksi)
    context = {
        "tahun": tahun,
        "unit": unit,
        "units": units,
        "baris": baris,
        "tahun_list": range(today().year, 2019, -1),
    }
    return render(request, "attendance/hari/kumulatif.html", context)
