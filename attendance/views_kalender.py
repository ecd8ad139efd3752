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
from core.pages import import_result, posted, submit

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
    form = LiburForm(posted(request), user=request.user)
    if libur := submit(request, form, kalender.hari_libur_create):
        messages.success(request, _("Hari libur %(l)s sudah ditambahkan.") % {"l": str(libur)})
        return redirect(_list_url(libur.tanggal.year))
    return render(request, "attendance/kalender/libur_create.html", {"form": form})


def _list_url(tahun: int) -> str:
    return f"{reverse('presensi:libur_list')}?tahun={tahun}"


@require_http_methods(["GET", "POST"])
@pemda_keeper_required
def libur_impor(request):
    form = LiburImporForm(request.POST, request.FILES) if request.method == "POST" else LiburImporForm()
    hasil = None
    if form.is_valid():
        hasil = kalender.hari_libur_import(actor=request.user, tabel=form.cleaned_data["berkas"])
        if hasil.ok:
            messages.success(
                request,
                ngettext("%(n)d hari libur berhasil diimpor.", "%(n)d hari libur berhasil diimpor.", hasil.dibuat)
                % {"n": hasil.dibuat},
            )
            return redirect("presensi:libur_list")
    context = {
        "form": form,
        **import_result(hasil, shown=ERRORS_SHOWN),
        "max_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
    }
    return render(request, "attendance/kalender/libur_impor.html", context)


@pemda_keeper_required
def jadwal_list(request):
    rows = JadwalKerja.objects.filter(pemda_id=request.user.pemda_id).select_related("unit").prefetch_related("hari")
    jadwal = [(j, [(NAMA_HARI[h.hari], h) for h in j.hari.all()]) for j in rows]
    return render(request, "attendance/kalender/jadwal_list.html", {"jadwal": jadwal})


@pemda_keeper_required
def jadwal_create(request):
    form = JadwalForm(posted(request), user=request.user)
    if jadwal := submit(request, form, kalender.jadwal_create):
        messages.success(request, _("Jadwal %(n)s sudah disimpan.") % {"n": jadwal.nama})
        return redirect("presensi:jadwal_list")
    return render(request, "attendance/kalender/jadwal_create.html", {"form": form})
