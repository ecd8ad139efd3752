"""HR pages of the activity and attendance/uang makan rule sets (issue 16), like the TPP rule pages:
the versions newest first, and a new version prefilled from the one in force with a preview of its
effect on the current month ("Pratinjau") before it is saved ("Simpan"). HR pemda and the superadmin
(with the pemda picker) save; an admin OPD reads the versions."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.pemda_pilih import konteks_pemda, pemda_aktif, pemda_dipilih
from accounts.permissions import may_keep_tpp, tpp_keeper_required, tpp_viewer_required
from activities.models import AturanAktivitas
from activities.selectors import aturan_for
from attendance.models import AturanPresensi
from attendance.selectors import aturan_presensi_for
from core.dates import today
from core.lists import paginate
from core.months import next_month_start
from core.pages import form_page, posted

from . import services_aturan
from .forms_aturan import AKSI_PRATINJAU, AturanAktivitasForm, AturanPresensiForm
from .pratinjau import pratinjau


def halaman_pratinjau(request, form, calon, *, template: str, jenis: str, pemda, context: dict):
    """POST aksi=pratinjau: the form again (nothing lost) with the preview box, or its errors."""
    hasil = None
    if form.is_valid():
        try:
            row = calon(actor=request.user, pemda=pemda, **form.service_kwargs())
        except ValidationError as e:
            form.add_service_errors(e)
        else:
            hasil = pratinjau(pemda_id=pemda.pk, **{jenis: row})
    return render(request, template, {"form": form, "pratinjau": hasil, "dipratinjau": True, **context})


def _list(request, model, template: str, berlaku):
    pemda = pemda_aktif(request)
    qs = model.objects.filter(pemda=pemda).select_related("dibuat_oleh").order_by("-berlaku_mulai", "-pk")
    ctx = {
        "page": paginate(request, qs),
        "berlaku": berlaku(pemda_id=pemda.pk, on=today()),
        "kelola": may_keep_tpp(request.user),
    }
    return render(request, template, ctx | konteks_pemda(request, pemda))


def _create(request, form_class, *, berlaku, calon, service, template: str, jenis: str, message: str, next: str):
    pemda = pemda_aktif(request)
    row = berlaku(pemda_id=pemda.pk, on=today()) or form_class.model()
    initial = form_class.initial_from(row) | {"berlaku_mulai": next_month_start(today()).isoformat()}
    form = form_class(posted(request), user=request.user, initial=initial)
    ctx = konteks_pemda(request, pemda)
    if request.method == "POST" and request.POST.get("aksi") == AKSI_PRATINJAU:
        return halaman_pratinjau(request, form, calon, template=template, jenis=jenis, pemda=pemda, context=ctx)
    return form_page(request, form, service, template=template, message=message, next=next, context=ctx, pemda=pemda)


@tpp_viewer_required
@pemda_dipilih
def aktivitas_list(request):
    return _list(request, AturanAktivitas, "tpp/aturan_aktivitas_list.html", aturan_for)


@require_http_methods(["GET", "POST"])
@tpp_keeper_required
@pemda_dipilih
def aktivitas_create(request):
    return _create(
        request,
        AturanAktivitasForm,
        berlaku=aturan_for,
        calon=services_aturan.aturan_aktivitas_calon,
        service=services_aturan.aturan_aktivitas_simpan,
        template="tpp/aturan_aktivitas_form.html",
        jenis="aktivitas",
        message=_("Aturan aktivitas versi baru tersimpan."),
        next="tpp:aturan_aktivitas_list",
    )


@tpp_viewer_required
@pemda_dipilih
def presensi_list(request):
    return _list(request, AturanPresensi, "tpp/aturan_presensi_list.html", aturan_presensi_for)


@require_http_methods(["GET", "POST"])
@tpp_keeper_required
@pemda_dipilih
def presensi_create(request):
    return _create(
        request,
        AturanPresensiForm,
        berlaku=aturan_presensi_for,
        calon=services_aturan.aturan_presensi_calon,
        service=services_aturan.aturan_presensi_simpan,
        template="tpp/aturan_presensi_form.html",
        jenis="presensi",
        message=_("Aturan presensi dan uang makan versi baru tersimpan."),
        next="tpp:aturan_presensi_list",
    )
