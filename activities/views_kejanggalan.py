"""Anomaly flag pages (namespace `aktivitas`, issue 18): the approver dismisses a flag with a note
(from the queue or the entry's page); HR and the admin OPD read a month's flags ("Kejanggalan
aktivitas"); HR reads the approvers' monthly figures ("Persetujuan kilat"). Both reports download as
xlsx with the same filter.

Flags are found through the entries the user may see (`aktivitas_visible_to`: out of scope → 404);
the service refuses one who may see but not act (403)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.permissions import HALAMAN_ADMIN, hr_required, may_view_opd_reports, requires
from core.pages import ACTIONS, Column, ListPage, next_url, tombol
from core.xlsx import tabel_unduh

from . import selectors, selectors_kejanggalan, services_kejanggalan
from .filters import KejanggalanFilter, PersetujuanKilatFilter

EKSPOR_MAKS = 50_000

laporan_required = requires(may_view_opd_reports, HALAMAN_ADMIN)


# --- dismissing a flag ----------------------------------------------------------------------------


@require_POST
def kejanggalan_abaikan(request, pk):
    """ "Abaikan tanda ini" → the note → back to where the button was (the queue or the entry's page)."""
    qs = selectors_kejanggalan.kejanggalan_dapat_dibuka(selectors.aktivitas_visible_to(request.user))
    k = get_object_or_404(qs, pk=pk)
    if not selectors.aktivitas_terbuka(request.user, [k.aktivitas]):
        raise Http404  # a former approver
    return tombol(
        request,
        lambda: services_kejanggalan.kejanggalan_abaikan(
            actor=request.user, kejanggalan=k, catatan=request.POST.get("catatan", "")
        ),
        message=_("Tanda “%(jenis)s” pada %(kegiatan)s sudah diabaikan dengan catatan Anda.")
        % {"jenis": k.get_jenis_display(), "kegiatan": k.aktivitas.nama_kegiatan},
        next=next_url(request, reverse("aktivitas:detail", args=[k.aktivitas_id])),
    )


# --- HR and the admin OPD: the month's flags --------------------------------------------------------

KEJANGGALAN_LIST = ListPage(
    "activities/kejanggalan/kejanggalan_list.html",
    KejanggalanFilter,
    columns=(
        gettext_lazy("Pegawai"),
        Column(gettext_lazy("OPD"), when="multi_opd"),
        gettext_lazy("Tanggal"),
        gettext_lazy("Tanda"),
        gettext_lazy("Keadaan"),
        ACTIONS,
    ),
    caption=gettext_lazy("Kejanggalan aktivitas pada bulan yang dipilih, terbaru di atas"),
)


@laporan_required
def kejanggalan_list(request):
    return KEJANGGALAN_LIST.render(request, selectors_kejanggalan.kejanggalan_visible_to(request.user))


def _waktu(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _oleh(user) -> str:
    if user is None:
        return ""
    pegawai = getattr(user, "pegawai", None)
    return pegawai.nama_lengkap if pegawai is not None else user.get_username()


JUDUL_KEJANGGALAN = (
    gettext_lazy("Nama"),
    gettext_lazy("NIP"),
    gettext_lazy("OPD"),
    gettext_lazy("Unit kerja"),
    gettext_lazy("Tanggal"),
    gettext_lazy("Kegiatan"),
    gettext_lazy("Jenis"),
    gettext_lazy("Penjelasan"),
    gettext_lazy("Ditemukan"),
    gettext_lazy("Diabaikan"),
    gettext_lazy("Diabaikan oleh"),
    gettext_lazy("Catatan"),
)


def _baris_kejanggalan(k) -> list:
    return [
        k.pegawai.nama_lengkap,
        k.pegawai.nip,
        k.pegawai.opd.nama if k.pegawai.opd_id else "",
        k.unit_nama or "",
        k.tanggal.isoformat(),
        k.aktivitas.nama_kegiatan,
        str(k.get_jenis_display()),
        k.penjelasan,
        _waktu(k.ditemukan),
        _waktu(k.diabaikan),
        _oleh(k.diabaikan_oleh),
        k.catatan_abai,
    ]


@laporan_required
def kejanggalan_ekspor(request):
    """The rows the filter shows, as xlsx (every value as text: no formula runs when opened)."""
    f = KejanggalanFilter(request.GET, user=request.user)
    rows = f.filter(selectors_kejanggalan.kejanggalan_visible_to(request.user))[:EKSPOR_MAKS]
    tahun, bulan = f.tahun_bulan
    return tabel_unduh(
        nama_file=f"kejanggalan-aktivitas-{tahun}-{bulan:02d}.xlsx",
        sheet=_("Kejanggalan aktivitas"),
        judul=JUDUL_KEJANGGALAN,
        baris=(_baris_kejanggalan(k) for k in rows.iterator(chunk_size=2000)),
    )


# --- HR: the approvers' month ----------------------------------------------------------------------

PERSETUJUAN_LIST = ListPage(
    "activities/kejanggalan/persetujuan_kilat.html",
    PersetujuanKilatFilter,
    columns=(
        gettext_lazy("Penyetuju"),
        Column(gettext_lazy("OPD"), when="multi_opd"),
        gettext_lazy("Disetujui"),
        gettext_lazy("Dalam kelompok kilat"),
        gettext_lazy("Dikembalikan"),
        gettext_lazy("Tanda"),
    ),
    caption=gettext_lazy("Persetujuan per penyetuju pada bulan yang dipilih, yang ditandai di atas"),
)


@hr_required
def persetujuan_kilat(request):
    return PERSETUJUAN_LIST.render(request, selectors_kejanggalan.rekap_persetujuan_visible_to(request.user))


JUDUL_PERSETUJUAN = (
    gettext_lazy("Nama"),
    gettext_lazy("NIP"),
    gettext_lazy("OPD"),
    gettext_lazy("Unit kerja"),
    gettext_lazy("Bulan"),
    gettext_lazy("Disetujui"),
    gettext_lazy("Dalam kelompok kilat"),
    gettext_lazy("Jumlah kelompok kilat"),
    gettext_lazy("Dikembalikan"),
    gettext_lazy("Ditandai"),
    gettext_lazy("Penjelasan"),
    gettext_lazy("Dihitung"),
)


def _baris_persetujuan(r) -> list:
    return [
        r.penyetuju.nama_lengkap,
        r.penyetuju.nip,
        r.penyetuju.opd.nama if r.penyetuju.opd_id else "",
        r.unit_nama or "",
        f"{r.tahun}-{r.bulan:02d}",
        r.disetujui,
        r.kilat,
        r.kelompok_kilat,
        r.dikembalikan,
        _("Ya") if r.tanda else _("Tidak"),
        r.penjelasan,
        _waktu(r.dihitung),
    ]


@hr_required
def persetujuan_kilat_ekspor(request):
    f = PersetujuanKilatFilter(request.GET, user=request.user)
    rows = f.filter(selectors_kejanggalan.rekap_persetujuan_visible_to(request.user))[:EKSPOR_MAKS]
    tahun, bulan = f.tahun_bulan
    return tabel_unduh(
        nama_file=f"persetujuan-kilat-{tahun}-{bulan:02d}.xlsx",
        sheet=_("Persetujuan kilat"),
        judul=JUDUL_PERSETUJUAN,
        baris=(_baris_persetujuan(r) for r in rows.iterator(chunk_size=2000)),
    )
