"""The recaps HR files (issue 16), on screen and as xlsx: attendance (days per status, times per
TL/PSW band) and leave (approved working days per leave type, the cuti tahunan balance), for a
month, a quarter, a semester or a year, per unit and per person.

Scope: HR pemda their pemda (a superadmin picks one, accounts.pemda_pilih), admin OPD their OPD;
a unit out of scope is a 404, a plain pegawai a 403. Reads only (selectors_rekap, selectors_cuti).
"""

import io

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from openpyxl import Workbook

from accounts.filters import subtree_ids
from accounts.pemda_pilih import konteks_pemda, pemda_aktif, pemda_dipilih
from accounts.permissions import admin_required
from accounts.selectors import unit_visible_to
from core.dates import today
from core.lists import paginate
from core.periode import periode_dari, pilihan_periode, tahun_pilihan
from core.xlsx import text_row

from . import selectors_cuti as cuti
from . import selectors_rekap as rekap
from .choices import JenisPermohonan

PER_HALAMAN = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _lingkup(request) -> dict:
    """The pemda, the period and the unit the recap covers: `?unit=` among the units the user sees
    in that pemda (out of scope: 404); by default the admin OPD's own OPD, HR the whole pemda."""
    pemda = pemda_aktif(request)
    units = unit_visible_to(request.user).filter(pemda=pemda).order_by("opd__nama", "nama")
    raw = request.GET.get("unit", "")
    if raw.isdigit():
        unit = get_object_or_404(units, pk=raw)
    elif request.user.is_admin_opd:
        unit = get_object_or_404(units, pk=request.user.opd_id)
    else:
        unit = None
    periode = periode_dari(request.GET, today=today())
    return {
        "pemda": pemda,
        "units": units,
        "unit": unit,
        "unit_ids": subtree_ids(unit) if unit else None,
        "per_opd": unit is None,
        "periode": periode,
        "awal": periode.awal,
        "akhir": min(periode.akhir, today()),
        "belum": periode.awal > today(),
    }


def _konteks(request, ling: dict) -> dict:
    return {
        **{k: ling[k] for k in ("unit", "units", "periode", "belum")},
        **konteks_pemda(request, ling["pemda"]),
        "semua_opd": not request.user.is_admin_opd,
        "pilihan_periode": pilihan_periode(),
        "tahun_list": tahun_pilihan(today()),
        "query": request.GET.urlencode(),
    }


def _args(ling: dict, *, rencana: bool = False) -> dict:
    """The selectors' scope and dates: attendance up to today; leave (`rencana`) the whole period, as
    an approved leave still to come is already known."""
    end = ling["periode"].akhir if rencana else ling["akhir"]
    return {"pemda_id": ling["pemda"].pk, "unit_ids": ling["unit_ids"], "start": ling["awal"], "end": end}


def _xlsx(nama: str, sheets: list[tuple[str, list[list]]]) -> HttpResponse:
    """A workbook of sheets (title, rows); every string stays text (core.xlsx)."""
    wb = Workbook(write_only=True)
    for judul, rows in sheets:
        ws = wb.create_sheet(judul)
        for row in rows:
            ws.append(text_row(ws, row))
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


def _judul(ling: dict, apa: str) -> str:
    tempat = ling["unit"].nama if ling["unit"] else ling["pemda"].nama
    return f"{apa} {ling['periode'].label} — {tempat}"


# --- attendance ---------------------------------------------------------------------------------


@admin_required
@pemda_dipilih
def presensi(request):
    ling = _lingkup(request)
    per_unit, total = rekap.rekap_per_unit(**_args(ling), per_opd=ling["per_opd"])
    page = paginate(request, rekap.rekap_per_pegawai(**_args(ling)), per_page=PER_HALAMAN)
    context = {
        **_konteks(request, ling),
        "kolom": rekap.kolom_label(),
        "per_unit": per_unit,
        "total": total,
        "page": page,
        "baris": rekap.baris_pegawai(page.object_list),
        "satu_bulan": ling["periode"].jenis == "bulan",
    }
    return render(request, "attendance/rekap/presensi.html", context)


@admin_required
@pemda_dipilih
def presensi_ekspor(request):
    ling = _lingkup(request)
    judul = [_("Hari kerja"), *rekap.kolom_label()]
    per_unit, total = rekap.rekap_per_unit(**_args(ling), per_opd=ling["per_opd"])
    unit_rows = [[_judul(ling, _("Rekap presensi"))], [_("OPD") if ling["per_opd"] else _("Unit kerja"), *judul]]
    unit_rows += [[b.unit.nama, b.jumlah.hari_kerja, *b.jumlah.daftar()] for b in per_unit]
    unit_rows.append([_("Jumlah"), total.hari_kerja, *total.daftar()])
    orang = [[_judul(ling, _("Rekap presensi"))], [_("Nama"), _("NIP"), _("Unit kerja"), _("OPD"), *judul]]
    for b in rekap.baris_pegawai(rekap.rekap_per_pegawai(**_args(ling))):
        opd = b.unit.opd.nama if b.unit.opd_id else ""
        orang.append([b.pegawai.nama_lengkap, b.pegawai.nip, b.unit.nama, opd, b.jumlah.hari_kerja, *b.jumlah.daftar()])
    nama = f"rekap-presensi-{ling['periode'].slug}.xlsx"
    return _xlsx(nama, [(_("Per unit"), unit_rows), (_("Per pegawai"), orang)])


# --- leave --------------------------------------------------------------------------------------


def _jenis_tampil(total: cuti.HariCuti) -> list[str]:
    """The leave types with a day in the scope (cuti tahunan always), in JenisPermohonan's order."""
    return [j for j in cuti.JENIS if j == JenisPermohonan.CUTI_TAHUNAN or total.nilai.get(j)]


@admin_required
@pemda_dipilih
def cuti_rekap(request):
    ling = _lingkup(request)
    per_unit, total = cuti.rekap_cuti_per_unit(**_args(ling, rencana=True), per_opd=ling["per_opd"])
    jenis = _jenis_tampil(total)
    pegawai = cuti.pegawai_lingkup(**_args(ling, rencana=True)).select_related("opd")
    page = paginate(request, pegawai, per_page=PER_HALAMAN)
    baris = cuti.baris_pegawai_cuti(
        page.object_list, pemda_id=ling["pemda"].pk, start=ling["awal"], end=ling["periode"].akhir
    )
    for b in [*per_unit, *baris]:
        b.kolom = b.hari.daftar(jenis)
    context = {
        **_konteks(request, ling),
        "jenis": [JenisPermohonan(j).label for j in jenis],
        "per_unit": per_unit,
        "total": total.daftar(jenis),
        "total_jumlah": total.jumlah,
        "page": page,
        "baris": baris,
        "tahun": ling["awal"].year,
    }
    return render(request, "attendance/rekap/cuti.html", context)


@admin_required
@pemda_dipilih
def cuti_ekspor(request):
    ling = _lingkup(request)
    label = [str(j.label) for j in JenisPermohonan]
    per_unit, total = cuti.rekap_cuti_per_unit(**_args(ling, rencana=True), per_opd=ling["per_opd"])
    unit_rows = [
        [_judul(ling, _("Rekap cuti"))],
        [_("OPD") if ling["per_opd"] else _("Unit kerja"), *label, _("Jumlah")],
    ]
    unit_rows += [[b.unit.nama, *b.hari.daftar(), b.hari.jumlah] for b in per_unit]
    unit_rows.append([_("Jumlah"), *total.daftar(), total.jumlah])
    tahun = ling["awal"].year
    saldo = [
        _("Hak cuti tahunan %(t)s") % {"t": tahun},
        _("Dipakai %(t)s") % {"t": tahun},
        _("Menunggu persetujuan"),
        _("Sisa cuti tahunan %(t)s") % {"t": tahun},
    ]
    orang = [[_judul(ling, _("Rekap cuti"))], [_("Nama"), _("NIP"), _("OPD"), *label, _("Jumlah"), *saldo]]
    pegawai = cuti.pegawai_lingkup(**_args(ling, rencana=True)).select_related("opd")
    for b in cuti.baris_pegawai_cuti(pegawai, pemda_id=ling["pemda"].pk, start=ling["awal"], end=ling["periode"].akhir):
        s = b.saldo
        opd = b.pegawai.opd.nama if b.pegawai.opd_id else ""
        orang.append([b.pegawai.nama_lengkap, b.pegawai.nip, opd, *b.hari.daftar(), b.hari.jumlah,
                      s.hak, s.terpakai, s.menunggu, s.sisa])  # fmt: skip
    nama = f"rekap-cuti-{ling['periode'].slug}.xlsx"
    return _xlsx(nama, [(_("Per unit"), unit_rows), (_("Per pegawai"), orang)])
