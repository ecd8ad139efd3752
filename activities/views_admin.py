"""Admin pages of activities (namespace `aktivitas`): the catalog and its import, dispensations, outages.

Every object is fetched through a queryset scoped to the user (out of scope → 404) and every write
goes through `activities.services` (not allowed → 403; invalid → errors on the form), as on the
organisation pages (`accounts.views_org`), whose helpers these views share.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet, Value
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import User
from accounts.permissions import admin_required, hr_required, may_keep_pemda, pemda_keeper_required
from accounts.selectors import jabatan_visible_to, unit_visible_to
from attendance.selectors_jadwal import libur_antara
from core import imports as base
from core.dates import today
from core.lists import paginate
from core.pages import ACTIONS, ListPage, form_page, import_page, posted

from . import rules, services_admin
from .forms_admin import (
    DispensasiFilter,
    DispensasiForm,
    GangguanForm,
    KatalogFilter,
    KatalogForm,
    KatalogImporForm,
)
from .imports_rows import MAX_BARIS
from .imports_template import template_xlsx
from .imports_write import katalog_import
from .models import AturanAktivitas, Dispensasi, Gangguan, KegiatanKatalog
from .selectors import katalog_visible_to

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _lingkup(user: User) -> str:
    if user.is_superadmin:
        return user.pemda.nama if user.pemda_id else _("semua pemda")
    if user.is_hr_pemda:
        return user.pemda.nama if user.pemda_id else ""
    return user.opd.nama if user.opd_id else ""


# --- katalog ----------------------------------------------------------------------------------


def _katalog_editable(user: User) -> Q | None:
    """The items a user may change (None: all they see). An admin OPD sees the pemda-wide items but
    does not keep them: HR does."""
    if user.is_superadmin:
        return None
    if user.is_hr_pemda:
        return Q(pemda_id=user.pemda_id)
    return Q(pemda_id=user.pemda_id, opd_id=user.opd_id)


def _with_editable(qs: QuerySet[KegiatanKatalog], user: User) -> QuerySet[KegiatanKatalog]:
    cond = _katalog_editable(user)
    expr = Value(True) if cond is None else ExpressionWrapper(cond, output_field=BooleanField())
    return qs.annotate(bisa_diubah=expr)


KATALOG_LIST = ListPage(
    "activities/admin/katalog_list.html",
    KatalogFilter,
    columns=(gettext_lazy("Kegiatan"), gettext_lazy("Menit standar"), gettext_lazy("Berlaku untuk"), ACTIONS),
    caption=gettext_lazy("Daftar kegiatan katalog"),
)


@admin_required
def katalog_list(request):
    return KATALOG_LIST.render(request, _with_editable(katalog_visible_to(request.user), request.user))


@admin_required
def katalog_create(request):
    return form_page(
        request,
        KatalogForm(posted(request), user=request.user),
        services_admin.katalog_save,
        template="activities/admin/katalog_create.html",
        message=lambda item: _("Kegiatan %(nama)s sudah ditambahkan ke katalog.") % {"nama": item.nama},
        next="aktivitas:katalog_list",
    )


@admin_required
def katalog_update(request, pk):
    qs = _with_editable(katalog_visible_to(request.user), request.user)
    item = get_object_or_404(qs, pk=pk)
    if not item.bisa_diubah:
        raise PermissionDenied(
            _("Kegiatan untuk seluruh pemda dikelola oleh BKPSDM (HR pemda); admin OPD hanya dapat melihatnya.")
        )
    form = KatalogForm(posted(request), user=request.user, katalog=item)
    # the service changes the object it is given; the page keeps showing the saved one if it refuses
    fresh = KegiatanKatalog.objects.get(pk=item.pk) if request.method == "POST" else None
    return form_page(
        request,
        form,
        services_admin.katalog_save,
        template="activities/admin/katalog_update.html",
        message=lambda _saved: _("Perubahan kegiatan %(nama)s sudah disimpan.") % {"nama": fresh.nama},
        next="aktivitas:katalog_list",
        context={"katalog": item},
        katalog=fresh,
    )


@require_GET
@never_cache
@admin_required
def katalog_template(request):
    """The xlsx template, listing on their own sheets the jabatan and units the user may attach items to."""
    user = request.user
    jabatan = jabatan_visible_to(user).filter(aktif=True).order_by("opd__nama", "unit__nama", "nama")
    units = unit_visible_to(user).filter(aktif=True).order_by("opd__nama", "nama")
    content = template_xlsx(jabatan, units, may_pemda=may_keep_pemda(user))
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="template-impor-katalog.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
@admin_required
def katalog_impor(request):
    """Upload a filled template; every row is checked, and a file with any bad row imports nothing."""
    return import_page(
        request,
        KatalogImporForm,
        template="activities/admin/katalog_impor.html",
        run=katalog_import,
        done=_katalog_diimpor,
        context=_katalog_impor_konteks,
    )


def _katalog_diimpor(request, hasil):
    n = hasil.dibuat
    messages.success(
        request,
        ngettext("%(n)d kegiatan berhasil diimpor ke katalog.", "%(n)d kegiatan berhasil diimpor ke katalog.", n)
        % {"n": n},
    )
    return redirect("aktivitas:katalog_list")


def _katalog_impor_konteks(request) -> dict:
    return {
        "lingkup": _lingkup(request.user),
        "boleh_pemda": may_keep_pemda(request.user),
        "max_mb": base.MAX_UPLOAD_BYTES // (1024 * 1024),
        "max_baris": MAX_BARIS,
    }


# --- dispensasi -------------------------------------------------------------------------------


def dispensasi_visible_to(user: User) -> QuerySet[Dispensasi]:
    """Admin OPD: dispensations of the pegawai of their OPD; HR: the pemda; superadmin: all."""
    qs = Dispensasi.objects.select_related("pegawai__opd", "dibuat_oleh__pegawai")
    if user.is_superadmin:
        return qs
    if user.is_hr_pemda:
        return qs.filter(pemda_id=user.pemda_id)
    if user.is_admin_opd:
        return qs.filter(pemda_id=user.pemda_id, pegawai__opd_id=user.opd_id)
    return qs.none()


DISPENSASI_LIST = ListPage(
    "activities/admin/dispensasi_list.html",
    DispensasiFilter,
    columns=(
        gettext_lazy("Pegawai"),
        gettext_lazy("Tanggal aktivitas"),
        gettext_lazy("Boleh diisi sampai"),
        gettext_lazy("Alasan"),
        gettext_lazy("Diberikan oleh"),
    ),
    caption=gettext_lazy("Daftar dispensasi"),
)


@admin_required
def dispensasi_list(request):
    return DISPENSASI_LIST.render(request, dispensasi_visible_to(request.user), hari_ini=today())


def _dispensasi_dicatat(d: Dispensasi) -> str:
    return _(
        "Dispensasi untuk %(pegawai)s sudah dicatat: aktivitas tanggal %(mulai)s sampai %(selesai)s boleh "
        "diisi atau diajukan lagi sampai %(batas)s."
    ) % {
        "pegawai": d.pegawai.nama_lengkap,
        "mulai": date_format(d.tanggal_mulai, "j F Y"),
        "selesai": date_format(d.tanggal_selesai, "j F Y"),
        "batas": date_format(d.batas, "j F Y"),
    }


@admin_required
def dispensasi_create(request):
    return form_page(
        request,
        DispensasiForm(posted(request), user=request.user, pegawai_pk=request.GET.get("pegawai")),
        services_admin.dispensasi_create,
        template="activities/admin/dispensasi_create.html",
        message=_dispensasi_dicatat,
        next="aktivitas:dispensasi_list",
    )


# --- gangguan layanan -------------------------------------------------------------------------


def gangguan_visible_to(user: User) -> QuerySet[Gangguan]:
    qs = Gangguan.objects.select_related("dicatat_oleh__pegawai")
    if user.is_superadmin and user.pemda_id is None:
        return qs
    if user.is_hr_pemda or user.is_superadmin:
        return qs.filter(pemda_id=user.pemda_id)
    return qs.none()


def durasi_teks(delta: timedelta) -> str:
    """`2 jam 30 menit`, `1 hari 3 jam`: how much longer the entry windows stay open."""
    minutes = int(delta.total_seconds() // 60)
    hari, sisa = divmod(minutes, 24 * 60)
    jam, menit = divmod(sisa, 60)
    parts = []
    if hari:
        parts.append(ngettext("%(n)d hari", "%(n)d hari", hari) % {"n": hari})
    if jam:
        parts.append(ngettext("%(n)d jam", "%(n)d jam", jam) % {"n": jam})
    if menit:
        parts.append(ngettext("%(n)d menit", "%(n)d menit", menit) % {"n": menit})
    return " ".join(parts) or _("kurang dari 1 menit")


@dataclass
class Terdampak:
    """What an outage did to the entry windows, as the list page tells it."""

    perpanjangan: str
    dari: date | None
    sampai: date | None


def _naive(value: datetime) -> datetime:
    return timezone.localtime(value).replace(tzinfo=None)


def _terdampak(rows: list[Gangguan]) -> dict[int, Terdampak]:
    """For each outage: its length, and the activity dates whose entry window it extended.

    A date is affected when its deadline (`rules.batas_input`, with the pemda's holidays and the
    other recorded outages) moves when this outage is left out. Two queries per pemda on the page.
    """
    result: dict[int, Terdampak] = {}
    by_pemda: dict[int, list[Gangguan]] = {}
    for g in rows:
        by_pemda.setdefault(g.pemda_id, []).append(g)
    for pemda_id, items in by_pemda.items():
        start = min(_naive(g.mulai).date() for g in items) - timedelta(days=31)
        end = max(_naive(g.selesai).date() for g in items) + timedelta(days=60)
        libur = libur_antara(pemda_id=pemda_id, start=start, end=end)
        semua = [
            (g.pk, _naive(g.mulai), _naive(g.selesai))
            for g in Gangguan.objects.filter(
                pemda_id=pemda_id,
                selesai__gte=timezone.make_aware(datetime.combine(start, datetime.min.time())),
                mulai__lte=timezone.make_aware(datetime.combine(end, datetime.min.time())),
            )
        ]
        aturan = list(AturanAktivitas.objects.filter(pemda_id=pemda_id, berlaku_mulai__lte=end))  # newest first
        for g in items:
            in_force = next((a for a in aturan if a.berlaku_mulai <= _naive(g.mulai).date()), None)
            hari_kerja = (in_force or AturanAktivitas()).batas_input_hari_kerja  # no rule yet: the default
            with_g = [(a, b) for _pk, a, b in semua]
            without_g = [(a, b) for pk, a, b in semua if pk != g.pk]
            mulai, selesai = _naive(g.mulai), _naive(g.selesai)
            dates = []
            day = mulai.date() - timedelta(days=31)
            while datetime.combine(day, datetime.min.time()) < selesai:
                full = rules.batas_input(day, hari_kerja=hari_kerja, libur=libur, gangguan=with_g)
                if full != rules.batas_input(day, hari_kerja=hari_kerja, libur=libur, gangguan=without_g):
                    dates.append(day)
                day += timedelta(days=1)
            result[g.pk] = Terdampak(
                perpanjangan=durasi_teks(g.selesai - g.mulai),
                dari=dates[0] if dates else None,
                sampai=dates[-1] if dates else None,
            )
    return result


@pemda_keeper_required  # as gangguan_create: a superadmin bound to no pemda keeps no outages (403)
def gangguan_list(request):
    page = paginate(request, gangguan_visible_to(request.user).order_by("-mulai", "-pk"))
    dampak = _terdampak(list(page.object_list))
    rows = [(g, dampak[g.pk]) for g in page.object_list]
    ctx = {"page": page, "rows": rows}
    return render(request, "activities/admin/gangguan_list.html", ctx)


def _gangguan_dicatat(g: Gangguan) -> str:
    return _(
        "Gangguan layanan sudah dicatat. Batas pengisian aktivitas tanggal yang terdampak diperpanjang %(durasi)s."
    ) % {"durasi": durasi_teks(g.selesai - g.mulai)}


@hr_required
def gangguan_create(request):
    if request.user.pemda_id is None:
        raise PermissionDenied(_("Gangguan dicatat untuk satu pemda; akun ini tidak terikat pada pemda mana pun."))
    return form_page(
        request,
        GangguanForm(posted(request), user=request.user),
        services_admin.gangguan_create,
        template="activities/admin/gangguan_create.html",
        message=_gangguan_dicatat,
        next="aktivitas:gangguan_list",
    )
