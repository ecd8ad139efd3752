"""The read API's endpoints (issue 19), described in api/openapi.py.

`Authorization: Bearer <token>` of an active integration token with the read permission ("baca"):
401 otherwise; 404 for a pegawai outside the token's pemda or OPDs; 400 with a JSON message in
Indonesian for a bad parameter. Lists are paged (`halaman`, `per_halaman` up to 100).
"""

import re
from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from attendance.models import TokenIntegrasi
from attendance.services.absen import token_autentikasi
from core.dates import di_zona

from . import selectors
from .openapi import dokumen

PER_HALAMAN = 50
PER_HALAMAN_MAKS = 100
NIP = re.compile(r"\d{18}")


class ParameterSalah(Exception):
    """A query parameter the API cannot use: answered 400 with the message."""


def _error(status: int, pesan: str) -> JsonResponse:
    return JsonResponse({"error": pesan}, status=status)


def _api(view: Callable) -> Callable:
    """Token check (read permission), bad parameters as 400, GET only, no session or CSRF."""

    @login_not_required
    @require_GET
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        scheme, _sep, raw = request.headers.get("Authorization", "").partition(" ")
        token = token_autentikasi(raw.strip(), izin=TokenIntegrasi.IZIN_BACA) if scheme.lower() == "bearer" else None
        if token is None:
            response = _error(401, "Token tidak sah, tidak aktif, sudah habis masa berlakunya, atau tanpa izin baca.")
            response["WWW-Authenticate"] = 'Bearer realm="ekinerja"'
            return response
        try:
            with di_zona(token.pemda):  # "today" (the jabatan held, the open months) is the pemda's
                return view(request, token, *args, **kwargs)
        except ParameterSalah as e:
            return _error(400, str(e))

    return wrapped


def _angka(request, nama: str, *, minimum: int, maksimum: int, default: int | None = None) -> int | None:
    raw = request.GET.get(nama, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not minimum <= int(raw) <= maksimum:
        raise ParameterSalah(f"Parameter {nama} harus bilangan bulat {minimum} sampai {maksimum}.")
    return int(raw)


def _wajib(request, nama: str, *, minimum: int, maksimum: int) -> int:
    nilai = _angka(request, nama, minimum=minimum, maksimum=maksimum)
    if nilai is None:
        raise ParameterSalah(f"Parameter {nama} wajib diisi.")
    return nilai


def _nip(request) -> str | None:
    raw = request.GET.get("nip", "").replace(" ", "")
    if raw and not NIP.fullmatch(raw):
        raise ParameterSalah("Parameter nip harus 18 angka.")
    return raw or None


def _halaman(request, qs) -> tuple[list, dict]:
    """One page of `qs` and the paging block: two queries (count and the page)."""
    halaman = _angka(request, "halaman", minimum=1, maksimum=1_000_000, default=1)
    per = _angka(request, "per_halaman", minimum=1, maksimum=PER_HALAMAN_MAKS, default=PER_HALAMAN)
    jumlah = qs.count()
    awal = (halaman - 1) * per
    rows = list(qs[awal : awal + per])
    berikutnya = halaman + 1 if awal + per < jumlah else None
    return rows, {"halaman": halaman, "per_halaman": per, "jumlah": jumlah, "halaman_berikutnya": berikutnya}


def _opd(unit) -> dict | None:
    return {"id": unit.pk, "nama": unit.nama} if unit is not None else None


def _pegawai(p, jabatan: dict[int, str]) -> dict:
    return {
        "nip": p.nip,
        "nama": p.nama,
        "nama_lengkap": p.nama_lengkap,
        "jenis_kelamin": p.jenis_kelamin,
        "status": p.status,
        "golongan": p.golongan,
        "kedudukan_hukum": p.kedudukan_hukum,
        "opd": _opd(p.opd),
        "jabatan": jabatan.get(p.pk),
    }


def _pegawai_filtered(request, token):
    qs = selectors.pegawai_for_token(token)
    opd = _angka(request, "opd", minimum=1, maksimum=2**31 - 1)
    if opd is not None:
        qs = qs.filter(opd_id=opd)
    nip = _nip(request)
    if nip is not None:
        qs = qs.filter(nip=nip)
    return qs


@_api
def pegawai_list(request, token):
    rows, paging = _halaman(request, _pegawai_filtered(request, token))
    jabatan = selectors.jabatan_names(rows)
    return JsonResponse({**paging, "data": [_pegawai(p, jabatan) for p in rows]})


@_api
def pegawai_detail(request, token, nip: str):
    pegawai = selectors.pegawai_for_token(token).filter(nip=nip).first()
    if pegawai is None:
        return _error(404, "Pegawai tidak ditemukan dalam cakupan token ini.")
    return JsonResponse(_pegawai(pegawai, selectors.jabatan_names([pegawai])))


@_api
def rekap_aktivitas(request, token):
    tahun = _wajib(request, "tahun", minimum=2000, maksimum=2100)
    bulan = _wajib(request, "bulan", minimum=1, maksimum=12)
    rows, paging = _halaman(request, _pegawai_filtered(request, token))
    rekap = selectors.rekap_for(rows, pemda_id=token.pemda_id, tahun=tahun, bulan=bulan)

    def item(p) -> dict:
        r = rekap[p.pk]
        return {
            "nip": p.nip,
            "nama": p.nama_lengkap,
            "opd": _opd(p.opd),
            "tahun": tahun,
            "bulan": bulan,
            "hari_kerja": r.hari_kerja,
            "menit_per_hari": r.menit_per_hari,
            "target_menit": r.target,
            "menit_diajukan": r.diajukan,
            "menit_diverifikasi": r.diverifikasi,
            "menit_divalidasi": r.divalidasi,
            "capaian_persen": str(r.capaian_persen),
        }

    return JsonResponse({**paging, "data": [item(p) for p in rows]})


@_api
def penilaian_skp(request, token):
    qs = selectors.penilaian_for_token(token)
    tahun = _angka(request, "tahun", minimum=2000, maksimum=2100)
    if tahun is not None:
        qs = qs.filter(skp__tahun=tahun)
    nip = _nip(request)
    if nip is not None:
        qs = qs.filter(skp__pegawai__nip=nip)
    rows, paging = _halaman(request, qs)

    def item(n) -> dict:
        return {
            "id": n.pk,
            "nip": n.skp.pegawai.nip,
            "nama": n.skp.pegawai.nama_lengkap,
            "tahun": n.skp.tahun,
            "jenis_periode": n.jenis,
            "periode_ke": n.ke,
            "hasil_kerja": n.hasil_kerja,
            "perilaku_kerja": n.perilaku_kerja,
            "predikat": n.predikat,
            "angka_kredit": None if n.angka_kredit is None else str(n.angka_kredit),
            "dinilai_pada": n.dinilai_pada.isoformat() if n.dinilai_pada else None,
            "penilai_nip": n.penilai.nip if n.penilai else None,
        }

    return JsonResponse({**paging, "data": [item(n) for n in rows]})


UANG = ("besaran", "bagian_kinerja", "bagian_disiplin", "bruto", "potongan_hukdis")
UANG += ("bpjs_pegawai", "bpjs_pemda", "pph", "neto")


@_api
def tpp_list(request, token):
    qs = selectors.baris_tpp_for_token(token)
    tahun = _angka(request, "tahun", minimum=2000, maksimum=2100)
    bulan = _angka(request, "bulan", minimum=1, maksimum=12)
    if bulan is not None and tahun is None:
        raise ParameterSalah("Parameter bulan hanya dapat dipakai bersama parameter tahun.")
    if tahun is not None:
        qs = qs.filter(periode__tahun=tahun)
    if bulan is not None:
        qs = qs.filter(periode__bulan=bulan)
    nip = _nip(request)
    if nip is not None:
        qs = qs.filter(pegawai__nip=nip)
    rows, paging = _halaman(request, qs)

    def item(b) -> dict:
        return {
            "nip": b.pegawai.nip,
            "nama": b.pegawai.nama_lengkap,
            "tahun": b.periode.tahun,
            "bulan": b.periode.bulan,
            "ditutup": b.periode.ditutup.isoformat() if b.periode.ditutup else None,
            "opd": _opd(b.opd),
            "nama_jabatan": b.nama_jabatan,
            "kelas": b.kelas,
            "golongan": b.golongan,
            "hari_kerja": b.hari_kerja,
            "capaian": str(b.capaian),
            **{k: getattr(b, k) for k in UANG},
            "batal": b.batal,
        }

    return JsonResponse({**paging, "data": [item(b) for b in rows]})


@login_not_required
@require_GET
def openapi(request):
    """The OpenAPI 3.1 document of this API (public: it holds no data)."""
    return JsonResponse(dokumen(), json_dumps_params={"ensure_ascii": False})
