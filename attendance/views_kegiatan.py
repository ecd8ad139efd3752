"""Compulsory gatherings pages (namespace `presensi`, issue 16): HR keeps the pemda's list (apel,
upacara, senam and its own); HR (whole pemda or an OPD) and admin OPD (their OPD) call one off for a
day; admins list the recorded events of a month, the called-off ones marked. Writes are in
`attendance.services.kegiatan`. Admin OPD do not open the list of gatherings (403): they see the
active ones on the event form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.pemda_pilih import konteks_pemda, pemda_aktif, pemda_dipilih
from accounts.permissions import admin_required, hr_required
from accounts.selectors import pegawai_visible_to
from core.dates import today
from core.months import month_from_param, month_value
from core.pages import ACTIONS, ListPage, form_page, posted, tombol

from .forms_kegiatan import KegiatanForm, KegiatanUbahForm, PembatalanForm
from .models import KegiatanWajib, Kejadian, PembatalanKegiatan
from .selectors_kegiatan import kegiatan_pemda, kejadian_dengan_batal, pembatalan_visible_to
from .services import kegiatan as services

KEGIATAN_LIST = ListPage(
    "attendance/kegiatan/kegiatan_list.html",
    columns=(gettext_lazy("Kegiatan"), gettext_lazy("Kode"), gettext_lazy("Status"), ACTIONS),
    caption=gettext_lazy("Kegiatan wajib"),
)
PEMBATALAN_LIST = ListPage(
    "attendance/kegiatan/pembatalan_list.html",
    columns=(
        gettext_lazy("Tanggal"), gettext_lazy("Kegiatan"), gettext_lazy("Berlaku untuk"), gettext_lazy("Alasan"),
        gettext_lazy("Dicatat oleh"), ACTIONS,
    ),
    caption=gettext_lazy("Kegiatan yang dibatalkan"),
)  # fmt: skip
KEJADIAN_LIST = ListPage(
    "attendance/kegiatan/kejadian_list.html",
    columns=(gettext_lazy("Tanggal"), gettext_lazy("Pegawai"), gettext_lazy("Kejadian"), gettext_lazy("Status")),
    caption=gettext_lazy("Kejadian yang tercatat"),
)


@hr_required
@pemda_dipilih
def kegiatan_list(request):
    pemda = pemda_aktif(request)
    return KEGIATAN_LIST.render(request, kegiatan_pemda(pemda.pk), **konteks_pemda(request, pemda))


@require_http_methods(["GET", "POST"])
@hr_required
@pemda_dipilih
def kegiatan_create(request):
    pemda = pemda_aktif(request)
    return form_page(
        request,
        KegiatanForm(posted(request), user=request.user, pemda=pemda),
        services.kegiatan_create,
        template="attendance/kegiatan/kegiatan_form.html",
        message=lambda k: (
            _("Kegiatan “%(n)s” ditambahkan. Isi potongannya pada aturan TPP versi berikutnya.") % {"n": k.nama}
        ),
        next="presensi:kegiatan_list",
        context=konteks_pemda(request, pemda),
    )


def _kegiatan_of(request, pk: int) -> KegiatanWajib:
    """An event of the HR's own pemda (any pemda for a superadmin); another pemda's is a 404."""
    qs = KegiatanWajib.objects.select_related("pemda")
    if not request.user.is_superadmin:
        qs = qs.filter(pemda_id=request.user.pemda_id)
    return get_object_or_404(qs, pk=pk)


@require_http_methods(["GET", "POST"])
@hr_required
def kegiatan_update(request, pk: int):
    """Rename, reorder, (de)activate; `aksi=hapus` removes one never used."""
    kegiatan = _kegiatan_of(request, pk)
    konteks = {"kegiatan": kegiatan, **konteks_pemda(request, kegiatan.pemda)}
    if request.method == "POST" and request.POST.get("aksi") == "hapus":
        try:
            services.kegiatan_hapus(actor=request.user, kegiatan=kegiatan)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
            return redirect("presensi:kegiatan_update", pk=kegiatan.pk)
        messages.success(request, _("Kegiatan “%(n)s” dihapus.") % {"n": kegiatan.nama})
        return redirect("presensi:kegiatan_list")
    initial = {"nama": kegiatan.nama, "urutan": kegiatan.urutan, "aktif": kegiatan.aktif}
    form = KegiatanUbahForm(posted(request), user=request.user, pemda=kegiatan.pemda, initial=initial)
    return form_page(
        request,
        form,
        services.kegiatan_update,
        kegiatan=kegiatan,
        template="attendance/kegiatan/kegiatan_form.html",
        message=lambda k: _("Kegiatan “%(n)s” tersimpan.") % {"n": k.nama},
        next="presensi:kegiatan_list",
        context=konteks,
    )


# --- a gathering called off for a day --------------------------------------------------------------


@admin_required
@pemda_dipilih
def pembatalan_list(request):
    pemda = pemda_aktif(request)
    qs = pembatalan_visible_to(request.user, pemda.pk)
    return PEMBATALAN_LIST.render(request, qs, **konteks_pemda(request, pemda))


@require_http_methods(["GET", "POST"])
@admin_required
@pemda_dipilih
def pembatalan_create(request):
    pemda = pemda_aktif(request)
    if not request.user.is_superadmin and request.user.pemda_id != pemda.pk:
        raise Http404
    return form_page(
        request,
        PembatalanForm(posted(request), user=request.user, pemda=pemda),
        services.pembatalan_create,
        template="attendance/kegiatan/pembatalan_form.html",
        message=lambda b: (
            _("%(k)s tanggal %(t)s dibatalkan; kejadiannya pada hari itu tidak dihitung.")
            % {"k": b.kegiatan.nama, "t": b.tanggal.strftime("%d-%m-%Y")}
        ),
        next="presensi:pembatalan_list",
        context=konteks_pemda(request, pemda),
    )


@require_POST
@admin_required
def pembatalan_hapus(request, pk: int):
    """Undo a cancellation (the day's recorded events count again)."""
    row = get_object_or_404(PembatalanKegiatan.objects.select_related("kegiatan"), pk=pk)
    if not pembatalan_visible_to(request.user, row.pemda_id).filter(pk=row.pk).exists():
        raise Http404
    return tombol(
        request,
        lambda: services.pembatalan_hapus(actor=request.user, pembatalan=row),
        message=_("Pembatalan %(k)s tanggal %(t)s dicabut; kejadiannya pada hari itu dihitung lagi.")
        % {"k": row.kegiatan.nama, "t": row.tanggal.strftime("%d-%m-%Y")},
        next="presensi:pembatalan_list",
    )


# --- the recorded events of a month ----------------------------------------------------------------


@admin_required
@pemda_dipilih
def kejadian_list(request):
    """The recorded events of a month in the admin's scope; those of a called-off day are marked."""
    pemda = pemda_aktif(request)
    bulan = month_from_param(request.GET.get("bulan"), today=today())
    qs = Kejadian.objects.filter(
        pemda=pemda,
        pegawai__in=pegawai_visible_to(request.user),
        tanggal__year=bulan.year,
        tanggal__month=bulan.month,
    )
    qs = kejadian_dengan_batal(qs).select_related("pegawai", "pegawai__opd").order_by("-tanggal", "pegawai__nama")
    konteks = {"bulan": bulan, "nilai_bulan": month_value(bulan.year, bulan.month)}
    return KEJADIAN_LIST.render(request, qs, **konteks, **konteks_pemda(request, pemda))
