""" "Rincian TPP saya": a pegawai's TPP of a month explained line by line, and the same page for the
people an atasan approves (issue 6). A closed month shows the stored row; any other month a live
preview, "as if the month closed today"."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.selectors import bawahan_of
from activities.forms_antrean import RekapForm
from core.dates import today

from . import selectors
from .calculation import bulan_range
from .views_hr import konteks_bulan


def _halaman(request, pegawai, tahun: int, bulan: int, *, saya: bool):
    hasil = selectors.rincian_bulan(pegawai, tahun=tahun, bulan=bulan)
    ctx = {"form": RekapForm(request.GET), "b": konteks_bulan(tahun, bulan), "r": hasil, "saya": saya}
    if saya:
        _start, end = bulan_range(tahun, bulan)
        ctx["bawahan"] = bawahan_of(pegawai, min(end, today()))
    return render(request, "tpp/rincian.html", ctx)


def rincian_saya(request):
    """My TPP of a month, explained; and links to the rincian of my bawahan langsung."""
    pegawai = getattr(request.user, "pegawai", None)
    if pegawai is None:
        raise PermissionDenied(_("Akun ini bukan akun pegawai, jadi tidak mempunyai TPP."))
    tahun, bulan = RekapForm(request.GET).tahun_bulan
    return _halaman(request, pegawai, tahun, bulan, saya=True)


def rincian_pegawai(request, pk: int):
    """Another pegawai's TPP, for their atasan langsung or an admin of their OPD; else 404."""
    tahun, bulan = RekapForm(request.GET).tahun_bulan
    pegawai = selectors.pegawai_rincian_of(request.user, pk, tahun=tahun, bulan=bulan)
    own = getattr(request.user, "pegawai", None)
    return _halaman(request, pegawai, tahun, bulan, saya=own is not None and own.pk == pegawai.pk)
