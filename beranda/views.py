"""The landing page after login: who I am, my day, and my month's attendance and TPP panels."""

from functools import partial

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.pemda_pilih import konteks_pemda, pemda_aktif, pemda_dipilih
from accounts.permissions import hr_required, may_keep_pemda, pegawai_halaman
from accounts.selectors import profil_of
from activities.selectors import ringkasan_hari
from attendance.selectors_bulan import bulan_presensi
from core.dates import today
from tpp.selectors import rincian_bulan

from . import selectors, services
from .persiapan import persiapan_pemda


def beranda(request):
    """Each role's main job first, on the first screen of a phone (issue 17): the pegawai's day, the
    atasan's queue, HR's TPP months, the admin OPD's daily import; then who I am and who approves
    my work. My attendance of the month and my TPP estimate load into their panels once shown
    (`beranda_presensi`, `beranda_tpp`), so that the landing page stays a handful of queries."""
    hari_ini = today()
    user = request.user
    profil = profil_of(user, hari_ini)
    pegawai = profil.pegawai
    ctx = {
        "profil": profil,
        "hari_ini": hari_ini,
        "aktivitas": ringkasan_hari(pegawai, hari_ini) if pegawai else None,
        # called by the template only when the menu's count says something waits: no query otherwise
        "hari_menunggu": partial(selectors.hari_menunggu, pegawai) if pegawai else list,
        # issue 18: overdue in my queue this month and what it costs my TPP (read only for an atasan)
        "lewat_batas": partial(selectors.lewat_batas, pegawai, hari_ini) if pegawai else None,
        "bulan_tpp": selectors.bulan_tpp(user.pemda_id, hari_ini) if may_keep_pemda(user) else [],
        "admin_opd": user.is_admin_opd,
        "sambutan": pegawai is not None and user.sambutan_ditutup is None,
    }
    return render(request, "beranda/beranda.html", ctx)


@require_POST
def sambutan_tutup(request):
    """ "Mengerti": the three-step welcome stops showing on this person's beranda (works without JS)."""
    services.sambutan_tutup(user=request.user)
    return redirect("beranda")


@require_GET
def beranda_presensi(request):
    """The beranda's attendance panel: this month's counts, as "Presensi saya" shows them."""
    hari_ini = today()
    pegawai = pegawai_halaman(request)
    ctx = {"hari_ini": hari_ini, "presensi": bulan_presensi(pegawai, hari_ini).ringkas}
    return render(request, "beranda/beranda.html#presensi", ctx)


@require_GET
def beranda_tpp(request):
    """The beranda's TPP panel: this month's amount as "Rincian TPP" shows it (an estimate while the
    month is open; it writes nothing)."""
    hari_ini = today()
    pegawai = pegawai_halaman(request)
    ctx = {"tpp": rincian_bulan(pegawai, tahun=hari_ini.year, bulan=hari_ini.month)}
    return render(request, "beranda/beranda.html#tpp", ctx)


@require_GET
@hr_required
@pemda_dipilih
def persiapan(request):
    """Persiapan pemda (issue 16): what the pemda still lacks, each line linked to the page that fixes it."""
    pemda = pemda_aktif(request)
    baris = persiapan_pemda(pemda, today())
    ctx = {"baris": baris, "belum": sum(1 for b in baris if not b.siap)} | konteks_pemda(request, pemda)
    return render(request, "beranda/persiapan.html", ctx)
