"""Helper entry pages (namespace `aktivitas`, issue 17): HR and the admin OPD name helpers (Kelola →
Pembantu pengisian); a pegawai asks one and may revoke it ("Minta bantuan pengisian"); a helper sees
the colleagues who asked ("Bantu rekan") and enters for them on the colleague's own day page
(views_harian, `bantu_*` URLs, through the gate selectors_pembantu.izin_bantu).

Objects come through scoped querysets (out of scope → 404); every write through services_pembantu
(not allowed → 403; invalid → a message or errors on the form)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.permissions import admin_required, pegawai_halaman
from core.dates import today
from core.pages import ACTIONS, ListPage, form_page, posted, tombol

from . import selectors_pembantu, services_pembantu
from .forms_pembantu import MintaBantuanForm, PembantuFilter, PembantuForm
from .models import IzinPembantu, Pembantu

# --- HR / admin OPD: naming helpers ----------------------------------------------------------------

PEMBANTU_LIST = ListPage(
    "activities/pembantu/pembantu_list.html",
    PembantuFilter,
    columns=(
        gettext_lazy("Pembantu"),
        gettext_lazy("Membantu pegawai unit"),
        gettext_lazy("Berlaku"),
        gettext_lazy("Ditunjuk oleh"),
        ACTIONS,
    ),
    caption=gettext_lazy("Daftar pembantu pengisian"),
)


@admin_required
def pembantu_list(request):
    return PEMBANTU_LIST.render(request, selectors_pembantu.pembantu_visible_to(request.user), hari_ini=today())


def _ditunjuk(p: Pembantu) -> str:
    return _(
        "%(nama)s sudah ditunjuk sebagai pembantu pengisian untuk %(unit)s mulai %(mulai)s. Pegawai unit itu kini "
        "dapat memintanya mengisi aktivitas atas nama mereka."
    ) % {"nama": p.pegawai.nama_lengkap, "unit": p.unit.nama, "mulai": date_format(p.mulai, "j F Y")}


@admin_required
def pembantu_create(request):
    return form_page(
        request,
        PembantuForm(posted(request), user=request.user),
        services_pembantu.pembantu_create,
        template="activities/pembantu/pembantu_create.html",
        message=_ditunjuk,
        next="aktivitas:pembantu_list",
    )


@admin_required
@require_POST
def pembantu_akhiri(request, pk):
    p = get_object_or_404(selectors_pembantu.pembantu_visible_to(request.user), pk=pk)
    return tombol(
        request,
        lambda: services_pembantu.pembantu_akhiri(actor=request.user, pembantu=p),
        message=_(
            "Penunjukan %(nama)s sebagai pembantu pengisian sudah dinonaktifkan; izin dari rekan tidak berlaku lagi."
        )
        % {"nama": p.pegawai.nama_lengkap},
        next="aktivitas:pembantu_list",
    )


# --- a pegawai asks, and revokes ---------------------------------------------------------------------


def minta_bantuan(request):
    """The helpers I asked (revocable), and the form to ask one of my unit's named helpers."""
    pegawai = pegawai_halaman(request)
    tersedia = selectors_pembantu.pembantu_tersedia(pegawai)
    form = MintaBantuanForm(posted(request), tersedia=tersedia)
    if request.method == "POST" and form.is_valid():
        try:
            izin = services_pembantu.izin_beri(actor=request.user, pembantu=form.cleaned_data["pembantu"])
        except ValidationError as e:
            for msg in e.messages:
                form.add_error("pembantu", msg)
        else:
            messages.success(
                request,
                _(
                    "%(nama)s kini dapat mencatat dan mengajukan aktivitas atas nama Anda. Setiap catatannya "
                    "tertulis di Hari ini; izin ini dapat Anda cabut kapan saja."
                )
                % {"nama": izin.pembantu.pegawai.nama_lengkap},
            )
            return redirect("aktivitas:minta_bantuan")
    context = {
        "form": form,
        "izin": selectors_pembantu.izin_milik(pegawai),
        "ada_pilihan": bool(tersedia),
    }
    return render(request, "activities/pembantu/minta_bantuan.html", context)


@require_POST
def izin_cabut(request, pk):
    pegawai = pegawai_halaman(request)
    izin = get_object_or_404(IzinPembantu.objects.select_related("pembantu__pegawai"), pk=pk, pegawai=pegawai)
    return tombol(
        request,
        lambda: services_pembantu.izin_cabut(actor=request.user, izin=izin),
        message=_("Izin untuk %(nama)s sudah dicabut; ia tidak dapat lagi mengisi aktivitas atas nama Anda.")
        % {"nama": izin.pembantu.pegawai.nama_lengkap},
        next="aktivitas:minta_bantuan",
    )


# --- the helper -----------------------------------------------------------------------------------


def bantu_rekan(request):
    """The colleagues who asked me to enter for them; for each, their day page, or why not now."""
    pegawai = pegawai_halaman(request)
    context = {
        "rekan": selectors_pembantu.rekan_dibantu(pegawai),
        "penunjukan": list(
            Pembantu.objects.filter(pegawai=pegawai, berakhir__isnull=True).select_related("unit").order_by("pk")
        ),
    }
    return render(request, "activities/pembantu/bantu_rekan.html", context)
