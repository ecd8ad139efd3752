"""The landing page after login: who I am, my day, and my month's attendance and TPP panels."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.pemda_pilih import konteks_pemda, pemda_aktif, pemda_dipilih
from accounts.permissions import hr_required, pegawai_halaman
from accounts.selectors import profil_of
from activities.selectors import ringkasan_hari
from attendance.selectors_bulan import bulan_presensi
from core.dates import today
from tpp.selectors import rincian_bulan

from .persiapan import persiapan_pemda


def beranda(request):
    """Who I am, where I work, who approves my work today and my day's activities. My attendance of
    the month and my TPP estimate load into their panels once shown (`beranda_presensi`,
    `beranda_tpp`), so that the landing page after login stays a handful of queries."""
    hari_ini = today()
    profil = profil_of(request.user, hari_ini)
    ctx = {
        "profil": profil,
        "hari_ini": hari_ini,
        "aktivitas": ringkasan_hari(profil.pegawai, hari_ini) if profil.pegawai else None,
    }
    return render(request, "beranda/beranda.html", ctx)


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
