"""Admin OPD pages (namespace `org`): units, jabatan, pegawai and their postings.

Every object is fetched through `accounts.selectors.*_visible_to(request.user)` (out of scope → 404)
and every write goes through `accounts.services` (not allowed → 403; invalid → errors on the form).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.dates import today
from core.pages import ACTIONS, Column, ListPage, form_page, posted, submit

from . import permissions, services, services_akun
from .faktor_kedua import faktor_kedua_aktif, faktor_kedua_wajib
from .filters import JabatanFilter, PegawaiFilter, PenempatanFilter, UnitFilter, with_keadaan
from .forms_org import (
    JabatanCreateForm,
    JabatanUpdateForm,
    PegawaiCreateForm,
    PegawaiUpdateForm,
    PenempatanCreateForm,
    PenempatanEndForm,
    UnitCreateForm,
    UnitUpdateForm,
)
from .models import KodeAktivasi
from .permissions import admin_required
from .selectors import jabatan_visible_to, pegawai_visible_to, penempatan_visible_to, unit_visible_to

OPD = Column(gettext_lazy("OPD"), when="multi_opd")  # shown to those who see several OPDs

UNIT_LIST = ListPage(
    "accounts/org/unit_list.html",
    UnitFilter,
    columns=(
        gettext_lazy("Nama unit"),
        gettext_lazy("Jenis"),
        gettext_lazy("Unit induk"),
        OPD,
        gettext_lazy("Status"),
        ACTIONS,
    ),
    caption=gettext_lazy("Daftar unit kerja"),
)
JABATAN_LIST = ListPage(
    "accounts/org/jabatan_list.html",
    JabatanFilter,
    columns=(
        gettext_lazy("Nama jabatan"),
        gettext_lazy("Jenis"),
        gettext_lazy("Kelas"),
        gettext_lazy("Unit kerja"),
        gettext_lazy("Jabatan atasan"),
        gettext_lazy("Pemegang hari ini"),
        ACTIONS,
    ),
    caption=gettext_lazy("Daftar jabatan"),
)
PEGAWAI_LIST = ListPage(
    "accounts/org/pegawai_list.html",
    PegawaiFilter,
    columns=(
        gettext_lazy("Nama dan NIP"),
        gettext_lazy("Jabatan hari ini"),
        gettext_lazy("Golongan"),
        gettext_lazy("Status"),
        OPD,
        ACTIONS,
    ),
    caption=gettext_lazy("Daftar pegawai"),
)
PENEMPATAN_LIST = ListPage(
    "accounts/org/penempatan_list.html",
    PenempatanFilter,
    columns=(
        gettext_lazy("Pegawai"),
        gettext_lazy("Jabatan"),
        gettext_lazy("Jenis"),
        gettext_lazy("TMT"),
        gettext_lazy("Selesai"),
        gettext_lazy("Nomor SK"),
        ACTIONS,
    ),
    caption=gettext_lazy("Daftar penempatan"),
)


# --- unit kerja -------------------------------------------------------------------------------


@admin_required
def unit_list(request):
    return UNIT_LIST.render(request, unit_visible_to(request.user))


@admin_required
def unit_create(request):
    return form_page(
        request,
        UnitCreateForm(posted(request), user=request.user),
        services.unit_create,
        template="accounts/org/unit_create.html",
        message=lambda unit: _("Unit kerja %(nama)s sudah ditambahkan.") % {"nama": unit.nama},
        next="org:unit_list",
    )


@admin_required
def unit_update(request, pk):
    unit = get_object_or_404(unit_visible_to(request.user), pk=pk)
    return form_page(
        request,
        UnitUpdateForm(posted(request), user=request.user, unit=unit),
        services.unit_update,
        template="accounts/org/unit_update.html",
        message=lambda _saved: _("Perubahan unit kerja %(nama)s sudah disimpan.") % {"nama": unit.nama},
        next="org:unit_list",
        context={"unit": unit},
        unit=unit,
    )


# --- jabatan ----------------------------------------------------------------------------------


@admin_required
def jabatan_list(request):
    return JABATAN_LIST.render(request, jabatan_visible_to(request.user))


@admin_required
def jabatan_create(request):
    return form_page(
        request,
        JabatanCreateForm(posted(request), user=request.user),
        services.jabatan_create,
        template="accounts/org/jabatan_create.html",
        message=lambda jabatan: _("Jabatan %(nama)s sudah ditambahkan.") % {"nama": jabatan.nama},
        next="org:jabatan_list",
    )


@admin_required
def jabatan_update(request, pk):
    jabatan = get_object_or_404(jabatan_visible_to(request.user), pk=pk)
    return form_page(
        request,
        JabatanUpdateForm(posted(request), user=request.user, jabatan=jabatan),
        services.jabatan_update,
        template="accounts/org/jabatan_update.html",
        message=lambda _saved: _("Perubahan jabatan %(nama)s sudah disimpan.") % {"nama": jabatan.nama},
        next="org:jabatan_list",
        context={"jabatan": jabatan},
        jabatan=jabatan,
    )


# --- pegawai ----------------------------------------------------------------------------------


@admin_required
def pegawai_list(request):
    return PEGAWAI_LIST.render(request, pegawai_visible_to(request.user))


@admin_required
def pegawai_create(request):
    form = PegawaiCreateForm(posted(request), user=request.user)
    if pegawai := submit(request, form, services.pegawai_create):
        dibuat = _("Pegawai %(nama)s sudah didaftarkan; akunnya (nama pengguna NIP %(nip)s) belum aktif.") % {
            "nama": pegawai.nama_lengkap,
            "nip": pegawai.nip,
        }
        alasan = permissions.reset_password_refusal(request.user, pegawai.user)
        if alasan:  # e.g. the new pegawai is the admin's own atasan: the code comes from someone else
            messages.warning(request, f"{dibuat} {alasan}")
            return redirect("org:pegawai_detail", pk=pegawai.pk)
        kirim = services_akun.kode_bisa_dikirim(pegawai.user)
        kode = services_akun.user_reset_password(actor=request.user, pegawai=pegawai, kirim=kirim)
        return _kode_diserahkan(request, kode, dibuat)
    return render(request, "accounts/org/pegawai_create.html", {"form": form})


def _kode_diserahkan(request, kode: services_akun.KodeBaru, pendahuluan: str = ""):
    """A code sent to the pegawai: back to their page. Otherwise the activation letter, shown this once
    (only the code's hash is kept), never cached, to print and hand over."""
    pegawai = kode.pegawai
    if kode.terkirim:
        terkirim = _(
            "Kode aktivasi sudah dikirim ke %(alamat)s dan berlaku sampai %(berlaku)s. Pegawai membuka halaman "
            "Aktivasi akun, mengetik NIP dan kode itu, lalu membuat kata sandinya."
        ) % {
            "alamat": pegawai.email or _("nomor HP pegawai"),
            "berlaku": services_akun.berlaku_tampil(kode.berlaku_sampai),
        }
        messages.success(request, f"{pendahuluan} {terkirim}".strip())
        return redirect("org:pegawai_detail", pk=pegawai.pk)
    ctx = {
        "kode": kode,
        "penerima": {
            "nama": pegawai.nama_lengkap,
            "login_label": _("NIP"),
            "login": pegawai.nip,
            "login_tampil": pegawai.nip_tampil,
            "unit": pegawai.opd.nama if pegawai.opd_id else "",
            "pemda": pegawai.pemda.nama,
        },
        "kembali": {"url": reverse("org:pegawai_detail", args=[pegawai.pk]), "label": _("Kembali ke data pegawai")},
        "faktor_kedua": faktor_kedua_wajib(pegawai.user),
        "pendahuluan": pendahuluan,
        "berlaku": services_akun.berlaku_tampil(kode.berlaku_sampai),
        "url": services_akun.aktivasi_url(),
        "dicetak": timezone.localtime(),
        "gagal_kirim": services_akun.kode_bisa_dikirim(pegawai.user) and request.POST.get("cara") != "cetak",
    }
    response = render(request, "accounts/org/surat_aktivasi.html", ctx)
    add_never_cache_headers(response)
    return response


@admin_required
def pegawai_detail(request, pk):
    pegawai = get_object_or_404(pegawai_visible_to(request.user).select_related("user"), pk=pk)
    # The whole career of a pegawai in scope; a posting can be ended only when it is in scope too.
    may_end = Exists(penempatan_visible_to(request.user).filter(pk=OuterRef("pk"), selesai__isnull=True))
    riwayat = with_keadaan(pegawai.penempatan.select_related("jabatan__unit", "jabatan__opd"), today())
    riwayat = riwayat.annotate(bisa_diakhiri=may_end).order_by("-mulai", "-pk")
    ctx = {"pegawai": pegawai, "riwayat": riwayat}
    if pegawai.user is not None:
        ctx["reset_ditolak"] = permissions.reset_password_refusal(request.user, pegawai.user)
        ctx["faktor_aktif"] = faktor_kedua_aktif(pegawai.user)
        ctx["faktor_ditolak"] = permissions.reset_faktor_refusal(request.user, pegawai.user)
        if not pegawai.user.is_active:
            ctx["buka_ditolak"] = permissions.buka_akun_refusal(request.user, pegawai.user)
        ctx["bisa_dikirim"] = services_akun.kode_bisa_dikirim(pegawai.user)
        ctx["kode_berlaku"] = (
            KodeAktivasi.objects.filter(
                user=pegawai.user, dipakai__isnull=True, dibatalkan__isnull=True, berlaku_sampai__gt=timezone.now()
            )
            .values_list("berlaku_sampai", flat=True)
            .first()
        )
    return render(request, "accounts/org/pegawai_detail.html", ctx)


@admin_required
def pegawai_update(request, pk):
    pegawai = get_object_or_404(pegawai_visible_to(request.user), pk=pk)
    return form_page(
        request,
        PegawaiUpdateForm(posted(request), user=request.user, pegawai=pegawai),
        services.pegawai_update,
        template="accounts/org/pegawai_update.html",
        message=lambda _saved: _("Data %(nama)s sudah disimpan.") % {"nama": pegawai.nama_lengkap},
        next=reverse("org:pegawai_detail", args=[pegawai.pk]),
        context={"pegawai": pegawai},
        pegawai=pegawai,
    )


@require_POST
@admin_required
def pegawai_reset_password(request, pk):
    """A new one-time activation code (the old password and every session end); 403 when the access
    policy refuses (oneself, one's own atasan chain, a role holder without a higher role)."""
    pegawai = get_object_or_404(pegawai_visible_to(request.user).select_related("user"), pk=pk)
    user = pegawai.user
    kirim = request.POST.get("cara") != "cetak" and user is not None and services_akun.kode_bisa_dikirim(user)
    try:
        kode = services_akun.user_reset_password(actor=request.user, pegawai=pegawai, kirim=kirim)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("org:pegawai_detail", pk=pegawai.pk)
    return _kode_diserahkan(request, kode)


@require_POST
@admin_required
def pegawai_buka_akun(request, pk):
    """Open again a login closed when the person's last posting ended (403 when the policy refuses)."""
    pegawai = get_object_or_404(pegawai_visible_to(request.user).select_related("user"), pk=pk)
    try:
        services_akun.akun_buka(actor=request.user, pegawai=pegawai)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Akun %(nama)s aktif kembali.") % {"nama": pegawai.nama_lengkap})
    return redirect("org:pegawai_detail", pk=pegawai.pk)


# --- penempatan -------------------------------------------------------------------------------


@admin_required
def penempatan_list(request):
    return PENEMPATAN_LIST.render(request, penempatan_visible_to(request.user))


def _after_posting(request, penempatan) -> str:
    """Back to the pegawai's page when the actor may open it, else to the list of postings."""
    if pegawai_visible_to(request.user).filter(pk=penempatan.pegawai_id).exists():
        return reverse("org:pegawai_detail", args=[penempatan.pegawai_id])
    return reverse("org:penempatan_list")


def _berakhir(posting) -> str:
    return _("Penempatan %(pegawai)s sebagai %(jabatan)s berakhir pada %(selesai)s.") % {
        "pegawai": posting.pegawai.nama_lengkap,
        "jabatan": posting.jabatan.nama,
        "selesai": date_format(posting.selesai, "j F Y"),
    }


def _ditempatkan(posting) -> str:
    return _("%(pegawai)s ditempatkan sebagai %(jenis)s %(jabatan)s mulai %(mulai)s.") % {
        "pegawai": posting.pegawai.nama_lengkap,
        "jenis": posting.get_jenis_display(),
        "jabatan": posting.jabatan.nama,
        "mulai": date_format(posting.mulai, "j F Y"),
    }


@admin_required
def penempatan_create(request):
    return form_page(
        request,
        PenempatanCreateForm(posted(request), user=request.user, pegawai_pk=request.GET.get("pegawai")),
        services.penempatan_create,
        template="accounts/org/penempatan_create.html",
        message=_ditempatkan,
        next=lambda posting: _after_posting(request, posting),
    )


@admin_required
def penempatan_end(request, pk):
    posting = get_object_or_404(penempatan_visible_to(request.user), pk=pk)
    return form_page(
        request,
        PenempatanEndForm(posted(request), user=request.user, initial={"selesai": today()}),
        services.penempatan_end,
        template="accounts/org/penempatan_end.html",
        message=lambda _ended: _berakhir(posting),
        next=lambda _ended: _after_posting(request, posting),
        context={"penempatan": posting},
        penempatan=posting,
    )
