"""Calendar pages of HR pemda (namespace `presensi`): holidays and cuti bersama of a year (one by one or
from a file) and work schedules. A plain pegawai or an admin OPD gets 403."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from accounts.imports import MAX_UPLOAD_BYTES
from accounts.permissions import pemda_keeper_required
from core.dates import today
from core.pages import form_page, import_page, posted

from .forms_kalender import NAMA_HARI, JadwalForm, LiburForm, LiburImporForm
from .models import HariLibur, JadwalKerja
from .services import kalender

ERRORS_SHOWN = 200


def _tahun(raw) -> int:
    try:
        tahun = int(raw)
    except (TypeError, ValueError):
        return today().year
    return tahun if 2000 <= tahun <= 2100 else today().year


@pemda_keeper_required
def libur_list(request):
    tahun = _tahun(request.GET.get("tahun"))
    rows = HariLibur.objects.filter(pemda_id=request.user.pemda_id, tanggal__year=tahun)
    context = {
        "tahun": tahun,
        "libur": rows,
        "sebelum": tahun - 1,
        "sesudah": tahun + 1,
        "jumlah_cuti_bersama": sum(1 for r in rows if r.jenis == HariLibur.Jenis.CUTI_BERSAMA),
    }
    return render(request, "attendance/kalender/libur_list.html", context)


@pemda_keeper_required
def libur_create(request):
    return form_page(
        request,
        LiburForm(posted(request), user=request.user),
        kalender.hari_libur_create,
        template="attendance/kalender/libur_create.html",
        message=lambda libur: _("Hari libur %(l)s sudah ditambahkan.") % {"l": str(libur)},
        next=lambda libur: _list_url(libur.tanggal.year),
    )


def _list_url(tahun: int) -> str:
    return f"{reverse('presensi:libur_list')}?tahun={tahun}"


@require_http_methods(["GET", "POST"])
@pemda_keeper_required
def libur_impor(request):
    return import_page(
        request,
        LiburImporForm,
        template="attendance/kalender/libur_impor.html",
        run=kalender.hari_libur_import,
        done=_libur_diimpor,
        context=lambda _request: {"max_mb": MAX_UPLOAD_BYTES // (1024 * 1024)},
        shown=ERRORS_SHOWN,
    )


def _libur_diimpor(request, hasil):
    messages.success(
        request,
        ngettext("%(n)d hari libur berhasil diimpor.", "%(n)d hari libur berhasil diimpor.", hasil.dibuat)
        % {"n": hasil.dibuat},
    )
    return redirect("presensi:libur_list")


@pemda_keeper_required
def jadwal_list(request):
    rows = JadwalKerja.objects.filter(pemda_id=request.user.pemda_id).select_related("unit").prefetch_related("hari")
    jadwal = [(j, [(NAMA_HARI[h.hari], h) for h in j.hari.all()]) for j in rows]
    return render(request, "attendance/kalender/jadwal_list.html", {"jadwal": jadwal})


@pemda_keeper_required
def jadwal_create(request):
    return form_page(
        request,
        JadwalForm(posted(request), user=request.user),
        kalender.jadwal_create,
        template="attendance/kalender/jadwal_create.html",
        message=lambda jadwal: _("Jadwal %(n)s sudah disimpan.") % {"n": jadwal.nama},
        next="presensi:jadwal_list",
    )
