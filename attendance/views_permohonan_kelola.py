"""Kelola › Cuti & izin pegawai (issue 16): admin OPD, HR pemda and superadmin list the leave
requests of their scope (`selectors.permohonan_lingkup_admin`), filter them and take the filtered
list as xlsx. Read only: each row opens the request's page; deciding stays with the approvers."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.permissions import admin_required
from core.pages import ACTIONS, Column, ListPage
from core.xlsx import tabel_unduh

from . import selectors
from .filters import PermohonanFilter

# how many rows one export holds (years of a pemda's requests fit)
EKSPOR_MAKS = 50_000

KELOLA_LIST = ListPage(
    "attendance/permohonan/kelola.html",
    filter=PermohonanFilter,
    columns=(
        _("Pegawai"),
        Column(_("OPD"), when="multi_opd"),
        _("Jenis"),
        _("Tanggal"),
        _("Status"),
        _("Diajukan"),
        ACTIONS,
    ),
    caption=_("Permohonan cuti dan izin pegawai, terbaru di atas"),
)


@admin_required
def kelola(request):
    return KELOLA_LIST.render(request, selectors.permohonan_lingkup_admin(request.user))


def _baris(p) -> list[str]:
    return [
        p.pegawai.nama_lengkap,
        p.pegawai.nip,
        p.pegawai.opd.nama if p.pegawai.opd_id else "",
        str(p.get_jenis_display()),
        p.mulai.isoformat(),
        p.selesai.isoformat(),
        str(p.hari_kerja),
        str(p.get_status_display()),
        timezone.localtime(p.dibuat).strftime("%Y-%m-%d %H:%M"),
        p.alasan,
        p.penyetuju.nama_lengkap if p.penyetuju_id else "",
        p.catatan,
    ]


JUDUL = (
    _("Nama"),
    _("NIP"),
    _("OPD"),
    _("Jenis"),
    _("Mulai"),
    _("Sampai"),
    _("Hari kerja"),
    _("Status"),
    _("Diajukan"),
    _("Alasan"),
    _("Atasan langsung"),
    _("Catatan atasan"),
)


@admin_required
def kelola_ekspor(request):
    """The rows the filter shows, as xlsx (every value as text: no formula runs when opened)."""
    f = PermohonanFilter(request.GET, user=request.user)
    rows = f.filter(selectors.permohonan_lingkup_admin(request.user))[:EKSPOR_MAKS]
    return tabel_unduh(
        nama_file="cuti-izin-pegawai.xlsx",
        sheet=_("Cuti dan izin"),
        judul=JUDUL,
        baris=(_baris(p) for p in rows.iterator(chunk_size=2000)),
    )
