"""Kelola › Koreksi presensi and Gangguan mesin absen (issue 16): admin OPD, HR pemda and superadmin
list and filter the correction requests of their scope (xlsx too; each row opens the request, where
an admin OPD of the pegawai's OPD may decide it), and record a machine outage that marks a unit's
people present in one action."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.permissions import admin_required
from core.pages import ACTIONS, Column, ListPage, posted, submit
from core.xlsx import tabel_unduh

from . import selectors_koreksi as selectors
from .filters import KoreksiFilter
from .forms_koreksi import GangguanForm
from .services import gangguan_mesin as gangguan_svc
from .services.gangguan_mesin import ATASAN, SENDIRI

EKSPOR_MAKS = 50_000

KELOLA_LIST = ListPage(
    "attendance/koreksi/kelola.html",
    filter=KoreksiFilter,
    columns=(
        gettext_lazy("Pegawai"),
        Column(gettext_lazy("OPD"), when="multi_opd"),
        gettext_lazy("Koreksi"),
        gettext_lazy("Tanggal"),
        gettext_lazy("Status"),
        gettext_lazy("Diajukan"),
        ACTIONS,
    ),
    caption=gettext_lazy("Koreksi presensi pegawai, terbaru di atas"),
)


@admin_required
def kelola(request):
    return KELOLA_LIST.render(request, selectors.koreksi_lingkup_admin(request.user))


def _baris(k) -> list[str]:
    return [
        k.pegawai.nama_lengkap,
        k.pegawai.nip,
        k.pegawai.opd.nama if k.pegawai.opd_id else "",
        str(k.get_jenis_display()),
        k.mulai.isoformat(),
        k.selesai.isoformat(),
        k.jam_masuk.strftime("%H:%M") if k.jam_masuk else "",
        k.jam_pulang.strftime("%H:%M") if k.jam_pulang else "",
        str(k.get_status_display()),
        timezone.localtime(k.dibuat).strftime("%Y-%m-%d %H:%M"),
        k.diajukan_oleh.get_username() if k.atas_nama and k.diajukan_oleh_id else "",
        k.alasan,
        str(k.diputus_oleh.get_username()) if k.diputus_oleh_id else "",
        k.catatan,
        str(k.hari_diubah),
    ]


JUDUL = (
    gettext_lazy("Nama"),
    gettext_lazy("NIP"),
    gettext_lazy("OPD"),
    gettext_lazy("Koreksi"),
    gettext_lazy("Mulai"),
    gettext_lazy("Sampai"),
    gettext_lazy("Jam masuk"),
    gettext_lazy("Jam pulang"),
    gettext_lazy("Status"),
    gettext_lazy("Diajukan"),
    gettext_lazy("Diajukan admin"),
    gettext_lazy("Alasan"),
    gettext_lazy("Diputus oleh"),
    gettext_lazy("Catatan pemutus"),
    gettext_lazy("Hari diubah"),
)


@admin_required
def kelola_ekspor(request):
    """The rows the filter shows, as xlsx (every value as text: no formula runs when opened)."""
    f = KoreksiFilter(request.GET, user=request.user)
    rows = f.filter(selectors.koreksi_lingkup_admin(request.user))[:EKSPOR_MAKS]
    return tabel_unduh(
        nama_file="koreksi-presensi.xlsx",
        sheet=_("Koreksi presensi"),
        judul=JUDUL,
        baris=(_baris(k) for k in rows.iterator(chunk_size=2000)),
    )


# --- machine outages --------------------------------------------------------------------------

GANGGUAN_LIST = ListPage(
    "attendance/koreksi/gangguan_list.html",
    columns=(
        gettext_lazy("Unit kerja"),
        gettext_lazy("Tanggal"),
        gettext_lazy("Mesin"),
        gettext_lazy("Alasan"),
        gettext_lazy("Hari ditandai hadir"),
        ACTIONS,
    ),
    caption=gettext_lazy("Gangguan mesin absen, terbaru di atas"),
)


@admin_required
def gangguan_list(request):
    return GANGGUAN_LIST.render(request, selectors.gangguan_visible_to(request.user).order_by("-mulai", "-pk"))


def _pesan_hasil(request, hasil) -> None:
    messages.success(
        request,
        _("%(n)d hari presensi ditandai hadir karena gangguan mesin absen %(g)s.")
        % {"n": hasil.hari_diubah, "g": hasil.gangguan},
    )
    if hasil.dilewati.get(SENDIRI):
        messages.warning(
            request,
            _(
                "%(n)d hari presensi Anda sendiri tidak diubah: mintalah kepada admin lain atau HR/BKPSDM untuk "
                "menerapkan gangguan ini bagi Anda."
            )
            % {"n": hasil.dilewati[SENDIRI]},
        )
    if hasil.dilewati.get(ATASAN):
        messages.warning(
            request,
            _(
                "%(n)d hari presensi atasan Anda (langsung atau di atasnya) tidak diubah: mintalah kepada HR/BKPSDM "
                "untuk menerapkan gangguan ini bagi mereka."
            )
            % {"n": hasil.dilewati[ATASAN]},
        )


@admin_required
def gangguan_create(request):
    form = GangguanForm(posted(request), user=request.user)
    if hasil := submit(request, form, gangguan_svc.gangguan_create):
        _pesan_hasil(request, hasil)
        return redirect("presensi:gangguan_mesin_list")
    return render(request, "attendance/koreksi/gangguan_create.html", {"form": form})


@admin_required
@require_POST
def gangguan_terapkan(request, pk):
    """Apply a recorded outage again (new postings, punches that turned out missing); a day already
    marked is left alone, so nothing changes twice."""
    g = get_object_or_404(selectors.gangguan_visible_to(request.user), pk=pk)
    try:
        hasil = gangguan_svc.gangguan_terapkan(actor=request.user, gangguan=g)
    except ValidationError as e:
        for msg in dict.fromkeys(e.messages):
            messages.error(request, msg)
    else:
        _pesan_hasil(request, hasil)
    return redirect("presensi:gangguan_mesin_list")
