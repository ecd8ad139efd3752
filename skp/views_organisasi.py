"""SKP pages across many people: the atasan's rating grid for a period, the RHK tree, HR pemda's
SKP settings and the sebaran predikat per OPD. Writes go through `skp.services_penilaian` (wrong
role → 403, invalid → a message or form errors); one SKP's own pages are in `skp.views`."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Pegawai, Pemda
from accounts.pemda_pilih import pemda_aktif, pemda_dipilih
from accounts.permissions import ensure, is_hr, may_keep_pemda, may_view_opd_reports, pegawai_halaman, requires
from accounts.selectors import pemda_pilihan
from core.dates import today
from core.pages import posted, submit

from . import evaluation, forms, rules, selectors, services_penilaian
from .choices import PREDIKAT_ORGANISASI, Predikat
from .models import Penilaian, Skp
from .views import nilai_initial

# --- the grid: one atasan rates all their people for a period ---------------------------------


def penilaian_grid(request):
    pegawai = pegawai_halaman(request)
    tahun = forms.parse_tahun(request.GET.get("tahun"))
    jenis, ke = forms.parse_periode(request.GET.get("periode"), pegawai.pemda_id, tahun)
    start, end = rules.periode_range(tahun, jenis, ke)
    skps = list(selectors.skp_untuk_dinilai(pegawai, start=start, end=end))
    evs = evaluation.evaluasi_banyak(skps, start, end)
    nilai = {p.skp_id: p for p in Penilaian.objects.filter(skp__in=skps, jenis=jenis, ke=ke)}
    rows = [_grid_row(request, s, evs[s.pk], nilai.get(s.pk)) for s in skps]
    if request.method == "POST":
        saved = _grid_save(request, rows, jenis, ke)
        if saved is not None:
            messages.success(request, _("%(n)d penilaian sudah disimpan.") % {"n": saved})
            return redirect(request.get_full_path())
    context = {
        "rows": rows,
        "tahun": tahun,
        "periode": f"{jenis}-{ke}",
        "label": forms.periode_label(jenis, ke, tahun),
        "pilihan": forms.periode_choices(pegawai.pemda_id, tahun),
        "peringatan": _peringatan(pegawai, tahun, jenis, ke),
    }
    return render(request, "skp/penilaian_grid.html", context)


def _grid_row(request, skp: Skp, ev: evaluation.Evaluasi, nilai: Penilaian | None) -> dict:
    form = forms.NilaiForm(posted(request), user=request.user, prefix=f"s{skp.pk}", initial=nilai_initial(nilai, ev))
    return {"skp": skp, "ev": ev, "nilai": nilai, "form": form}


def _grid_save(request, rows: list[dict], jenis: str, ke: int) -> int | None:
    """Save every row that was filled in; None when a row has errors (the page shows them)."""
    saved, failed = 0, False
    for row in rows:
        form = row["form"]
        if form.kosong:
            continue
        result = submit(
            request,
            form,
            services_penilaian.penilaian_save,
            skp=row["skp"],
            jenis=jenis,
            ke=ke,
            saran=row["ev"].saran or "",
        )
        if result is None:
            failed = True
        else:
            row["nilai"], saved = result, saved + 1
    if failed:
        messages.error(request, _("Sebagian penilaian belum tersimpan. Periksa baris yang ditandai merah."))
        return None
    return saved


def _peringatan(pegawai: Pegawai, tahun: int, jenis: str, ke: int) -> list[str]:
    if pegawai.opd_id is None:
        return []
    jumlah = selectors.distribusi(opd_id=pegawai.opd_id, tahun=tahun, jenis=jenis, ke=ke)
    return rules.distribusi_peringatan(selectors.predikat_organisasi(opd_id=pegawai.opd_id, tahun=tahun), jumlah)


# --- the tree, the settings, the sebaran -----------------------------------------------------------


def pohon(request):
    tahun = forms.parse_tahun(request.GET.get("tahun"))
    return render(request, "skp/pohon.html", {"tahun": tahun, "pohon": selectors.pohon_rhk(request.user, tahun)})


@requires(may_keep_pemda, gettext_lazy("Halaman ini hanya untuk HR pemda."))
def pengaturan(request):
    current = selectors.pengaturan_for(request.user.pemda_id)
    initial = {"periodik": current.periodik}
    form = forms.PengaturanForm(posted(request), user=request.user, initial=initial)
    if submit(request, form, services_penilaian.pengaturan_save, pemda=request.user.pemda) is not None:
        messages.success(request, _("Pengaturan SKP sudah disimpan."))
        return redirect("skp:pengaturan")
    return render(request, "skp/pengaturan.html", {"form": form})


def _int(raw: str | None) -> int | None:
    try:
        return int(raw or "")
    except ValueError:
        return None


def _pemda_sebaran(request) -> tuple[list[Pemda], int]:
    """The pemda shown (accounts.pemda_pilih, as on the TPP pages): one's own; a superadmin's choice
    (`?pemda=`, the last one, their own, the only one; asked when there are several and none chosen)."""
    return pemda_pilihan(request.user), pemda_aktif(request).pk


@pemda_dipilih
def sebaran(request):
    """Sebaran predikat per OPD in one period against each OPD's own predikat (PermenPANRB 6/2022).
    HR pemda and superadmin see every OPD and set an OPD's predikat; an admin OPD reads their own."""
    user = request.user
    kelola = is_hr(user)
    ensure(may_view_opd_reports(user), _("Halaman ini hanya untuk HR pemda dan admin OPD."))
    ensure(request.method != "POST" or kelola, _("Hanya HR pemda yang dapat menetapkan predikat organisasi."))
    pemda_list, pemda_id = _pemda_sebaran(request)
    tahun = forms.parse_tahun(request.GET.get("tahun"))
    pilihan = forms.periode_choices(pemda_id or 0, tahun)
    jenis, ke = forms.parse_periode(request.GET.get("periode"), pemda_id or 0, tahun)
    rows = selectors.sebaran_predikat(user=user, pemda_id=pemda_id or 0, tahun=tahun, jenis=jenis, ke=ke)
    form = None
    if kelola and rows:
        awal = next((r for r in rows if r.opd.pk == _int(request.GET.get("opd"))), None)
        initial = {"opd": awal.opd.pk, "predikat": awal.predikat_organisasi if awal.ditetapkan else ""} if awal else {}
        form = forms.PredikatOrganisasiForm(
            posted(request), user=user, opds=[r.opd for r in rows], tahun=tahun, initial=initial
        )
        hasil = submit(request, form, services_penilaian.predikat_organisasi_set)
        if hasil is not None:
            messages.success(
                request,
                _("Predikat %(opd)s tahun %(t)d sudah ditetapkan: %(p)s.")
                % {"opd": hasil.opd.nama, "t": hasil.tahun, "p": dict(PREDIKAT_ORGANISASI)[hasil.predikat]},
            )
            return redirect(request.get_full_path())
    ini = today().year
    context = {
        "rows": rows,
        "form": form,
        "kelola": kelola,
        "tahun": tahun,
        "tahun_pilihan": sorted({*range(ini - 4, ini + 2), tahun}, reverse=True),
        "periode": f"{jenis}-{ke}",
        "pilihan": pilihan,
        "label": forms.periode_label(jenis, ke, tahun),
        "pemda_list": pemda_list,
        "pemda_id": pemda_id,
        "predikat": Predikat.choices,
    }
    return render(request, "skp/sebaran.html", context)
