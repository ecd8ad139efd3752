"""HR pages of TPP (issue 6): rule-set versions, disciplinary sentences, and the month (its status,
dashboard, rows, and the jobs that calculate, close and recap it). Admin OPD read their own OPD."""

from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Pemda
from accounts.pemda_pilih import konteks_pemda, pemda_aktif, pemda_dipilih
from accounts.permissions import may_keep_tpp, tpp_keeper_required, tpp_viewer_required
from accounts.selectors import pegawai_visible_to
from activities.forms_antrean import RekapForm
from core.dates import today
from core.jobs import job_create
from core.lists import paginate
from core.months import month_value, next_month, next_month_start, previous_month
from core.pages import ListPage, form_page, posted

from . import recap, selectors, services
from .choices import StatusPeriode
from .forms import AKSI_BASIC, GALAT, TAHUN_BASIC, AturanForm, BarisFilter, BukaForm, HukdisForm, RekapTppForm
from .models import AturanTpp, PeriodeTpp
from .rincian import persen
from .tasks import tpp_hitung_task, tpp_tutup_task
from .uang_makan import judul_bulan
from .views_aturan import AKSI_PRATINJAU, halaman_pratinjau

# --- rule sets ---------------------------------------------------------------------------------


ATURAN_LIST = ListPage("tpp/aturan_list.html")
HUKDIS_LIST = ListPage("tpp/hukdis_list.html")


@tpp_keeper_required
@pemda_dipilih
def aturan_list(request):
    """Every version, newest first: from which date, for whom, who saved it, when and why."""
    pemda = pemda_aktif(request)
    berlaku = selectors.aturan_berlaku(pemda_id=pemda.pk)
    qs = selectors.aturan_visible_to(request.user).filter(pemda=pemda).order_by("-berlaku_mulai", "-pk")
    return ATURAN_LIST.render(request, qs, berlaku=berlaku, **konteks_pemda(request, pemda))


def _awal_bulan_depan(d: date) -> date:
    return next_month_start(d)


@require_http_methods(["GET", "POST"])
@tpp_keeper_required
@pemda_dipilih
def aturan_create(request):
    """A new version prefilled from the one in force; "Isi dari tabel Basic TPP" fills the amounts
    without saving and without losing anything typed."""
    pemda = pemda_aktif(request)
    if request.method == "POST" and request.POST.get("aksi") == AKSI_BASIC:
        initial, diisi = AturanForm.isi_basic(AturanForm.initial_from_data(request.POST))
        form = AturanForm(initial=initial, user=request.user, pemda_id=pemda.pk)
        messages.info(
            request,
            _("Besaran kelas %(a)s–%(b)s diisi dari tabel Basic TPP Kepmendagri 900-4700 TA %(t)s (belum disimpan). "
              "Kelas yang tidak ada di tabel tetap seperti isian Anda. Periksa, lalu tekan Simpan.")
            % {"a": diisi[0], "b": diisi[-1], "t": TAHUN_BASIC},
        )  # fmt: skip
        return render(request, "tpp/aturan_form.html", {"form": form, **konteks_pemda(request, pemda)})
    form = AturanForm(posted(request), user=request.user, pemda_id=pemda.pk, initial=_initial(request, pemda))
    if request.method == "POST" and request.POST.get("aksi") == AKSI_PRATINJAU:
        return halaman_pratinjau(
            request, form, services.aturan_tpp_calon, template="tpp/aturan_form.html", jenis="tpp", pemda=pemda,
            context=konteks_pemda(request, pemda),
        )  # fmt: skip
    return form_page(
        request,
        form,
        services.aturan_tpp_simpan,
        template="tpp/aturan_form.html",
        message=_("Aturan TPP versi baru tersimpan."),
        next="tpp:aturan_list",
        context=konteks_pemda(request, pemda),
        pemda=pemda,
    )


def _initial(request, pemda: Pemda) -> dict:
    opd_id = request.GET.get("opd", "")
    opd = selectors.opd_visible_to(request.user).filter(pemda=pemda, pk=opd_id).first() if opd_id.isdigit() else None
    row = selectors.aturan_berlaku(pemda_id=pemda.pk, opd=opd)
    initial = AturanForm.initial_from(row) if row is not None else AturanForm.initial_from(AturanTpp())
    initial |= {"opd": opd.pk if opd else None, "berlaku_mulai": _awal_bulan_depan(today()).isoformat()}
    return initial


# --- disciplinary sentences --------------------------------------------------------------------


@tpp_keeper_required
@pemda_dipilih
def hukdis_list(request):
    pemda = pemda_aktif(request)
    qs = selectors.hukdis_visible_to(request.user).filter(pemda=pemda).order_by("-mulai", "-pk")
    return HUKDIS_LIST.render(request, qs, **konteks_pemda(request, pemda))


class _HukdisPemdaForm(HukdisForm):
    """HukdisForm for the pemda the page acts on: a superadmin's NIP must be of that pemda."""

    def __init__(self, *args, pemda: Pemda, **kwargs):
        super().__init__(*args, **kwargs)
        self.pemda = pemda
        if self.user.is_superadmin:  # the POST carries the pemda shown (accounts.selectors.pemda_halaman)
            self.fields["pemda"] = forms.IntegerField(widget=forms.HiddenInput, initial=pemda.pk, required=False)

    def service_kwargs(self) -> dict:
        d = super().service_kwargs()
        d.pop("pemda", None)
        return d

    def clean_nip(self):
        digits = "".join(self.cleaned_data["nip"].split())
        qs = pegawai_visible_to(self.user).filter(pemda=self.pemda, nip=digits)
        pegawai = qs.first() if digits.isdigit() else None
        if pegawai is None:
            raise ValidationError(_("Pegawai dengan NIP ini tidak ditemukan di pemda Anda."), code="nip")
        return pegawai


@require_http_methods(["GET", "POST"])
@tpp_keeper_required
@pemda_dipilih
def hukdis_create(request):
    pemda = pemda_aktif(request)
    return form_page(
        request,
        _HukdisPemdaForm(posted(request), user=request.user, pemda=pemda),
        services.hukdis_simpan,
        template="tpp/hukdis_form.html",
        message=lambda hukdis: _("Hukuman disiplin %(n)s tersimpan.") % {"n": hukdis.pegawai.nama_lengkap},
        next="tpp:hukdis_list",
        context=konteks_pemda(request, pemda),
    )


# --- the month ---------------------------------------------------------------------------------


def konteks_bulan(tahun: int, bulan: int) -> dict:
    prev, nxt = previous_month(tahun, bulan), next_month(tahun, bulan)
    return {
        "tahun": tahun,
        "bulan": bulan,
        "judul": judul_bulan(tahun, bulan),
        "nilai": month_value(tahun, bulan),
        "sebelumnya": month_value(*prev),
        "sebelumnya_nama": judul_bulan(*prev),
        "berikutnya": month_value(*nxt) if date(*nxt, 1) <= today() else "",
        "berikutnya_nama": judul_bulan(*nxt),
    }


def _url_bulan(name: str, tahun: int, bulan: int) -> str:
    return reverse(name) + "?" + urlencode({"bulan": month_value(tahun, bulan)})


def _langkah(periode: PeriodeTpp) -> dict:
    """Which moves the month's workflow declares from its status (the page shows only those)."""
    aksi = services.WORKFLOW.actions(periode.status)
    return {
        "hitung": "hitung" in aksi,
        "tutup": "tutup" in aksi,
        "buka": "buka" in aksi,
        "rekap": periode.status != StatusPeriode.OPEN,
    }


@tpp_viewer_required
@pemda_dipilih
def bulan(request):
    """The TPP month: status, log, allowed moves, recap buttons and the per-OPD dashboard."""
    form = RekapForm(request.GET)
    tahun, bln = form.tahun_bulan
    pemda = pemda_aktif(request)
    periode = selectors.periode_of(request.user, pemda_id=pemda.pk, tahun=tahun, bulan=bln)
    dasbor = selectors.dasbor_bulan(request.user, periode)
    ctx = (
        {
            "form": form,
            "b": konteks_bulan(tahun, bln),
            "periode": periode,
            "dasbor": dasbor,
            "grafik": selectors.grafik(dasbor),
            "log": list(periode.log.select_related("oleh")) if periode.pk else [],
            "kelola": may_keep_tpp(request.user),
            "langkah": _langkah(periode),
            "opds": selectors.opd_visible_to(request.user).filter(pemda=pemda),
            "triwulan": (bln - 1) // 3 + 1,
        }
        | _konteks_galat(request.user, periode)
        | konteks_pemda(request, pemda)
    )
    return render(request, "tpp/bulan.html", ctx)


def _konteks_galat(user, periode: PeriodeTpp) -> dict:
    """The rows that could not be computed (name, NIP, OPD, reason): the first ones, their number, and
    the row list filtered to all of them."""
    qs = selectors.baris_galat(user, periode).select_related("opd")
    galat = list(qs[: selectors.GALAT_DI_HALAMAN + 1])
    jumlah = len(galat) if len(galat) <= selectors.GALAT_DI_HALAMAN else qs.count()
    url = _url_bulan("tpp:baris_list", periode.tahun, periode.bulan) + "&" + urlencode({"hasil": GALAT})
    return {"galat": galat[: selectors.GALAT_DI_HALAMAN], "galat_jumlah": jumlah, "galat_url": url}


def _periode_hr(request, tahun: int, bulan: int, *, buat: bool = False) -> PeriodeTpp:
    """The month for an HR move; a month that does not exist is a 404. Only the calculation (a POST)
    creates the month's row (`buat`); the other moves read it, and a month never calculated is an
    unsaved OPEN month, which they refuse: a GET never writes. The views that call it are gated
    by tpp_keeper_required."""
    if not 2000 <= tahun <= 2100:
        raise Http404
    pemda_id = pemda_aktif(request).pk
    try:
        if buat:
            return services.periode_ambil(pemda_id=pemda_id, tahun=tahun, bulan=bulan)
        return selectors.periode_of(request.user, pemda_id=pemda_id, tahun=tahun, bulan=bulan)
    except ValidationError:
        raise Http404 from None


def _mulai(request, periode: PeriodeTpp, *, kind: str, title: str, task, params: dict):
    params = params | {"kembali": _url_bulan("tpp:bulan", periode.tahun, periode.bulan)}
    job = job_create(user=request.user, kind=kind, title=title, task=task, params=params, pemda=periode.pemda)
    return redirect("job_detail", pk=job.pk)


def _tolak(request, periode: PeriodeTpp, pesan: str):
    messages.error(request, pesan)
    return redirect(_url_bulan("tpp:bulan", periode.tahun, periode.bulan))


@require_POST
@tpp_keeper_required
@pemda_dipilih
def bulan_hitung(request, tahun: int, bulan: int):
    """Start the calculation of every employee's TPP of the month (a background job)."""
    periode = _periode_hr(request, tahun, bulan, buat=True)
    if not _langkah(periode)["hitung"]:
        return _tolak(
            request, periode, _("Bulan ini sudah ditutup. Buka kembali dengan alasan untuk menghitung ulang.")
        )
    title = _("Hitung TPP %(b)s") % {"b": judul_bulan(tahun, bulan)}
    return _mulai(
        request, periode, kind="tpp_hitung", title=title, task=tpp_hitung_task, params={"periode": periode.pk}
    )


@require_http_methods(["GET", "POST"])
@tpp_keeper_required
@pemda_dipilih
def bulan_tutup(request, tahun: int, bulan: int):
    """Confirm, then close the month (a background job): the rows are frozen, the month locked."""
    periode = _periode_hr(request, tahun, bulan)
    if not _langkah(periode)["tutup"]:
        return _tolak(request, periode, _("Bulan ini belum dapat ditutup: hitung TPP lebih dulu."))
    galat = _konteks_galat(request.user, periode)
    if request.method == "POST":
        if galat["galat_jumlah"]:
            return _tolak(
                request,
                periode,
                _("Bulan ini belum dapat ditutup: TPP %(n)d pegawai belum dapat dihitung (lihat daftarnya).")
                % {"n": galat["galat_jumlah"]},
            )
        title = _("Tutup bulan TPP %(b)s") % {"b": judul_bulan(tahun, bulan)}
        return _mulai(
            request, periode, kind="tpp_tutup", title=title, task=tpp_tutup_task, params={"periode": periode.pk}
        )
    total = selectors.dasbor_bulan(request.user, periode).total
    ctx = {"periode": periode, "b": konteks_bulan(tahun, bulan), "total": total} | galat
    ctx |= konteks_pemda(request, periode.pemda)
    return render(request, "tpp/bulan_tutup.html", ctx)


@require_http_methods(["GET", "POST"])
@tpp_keeper_required
@pemda_dipilih
def bulan_buka(request, tahun: int, bulan: int):
    """Reopen a closed month with a reason; the frozen figures stay for the difference."""
    periode = _periode_hr(request, tahun, bulan)
    if not _langkah(periode)["buka"]:
        return _tolak(request, periode, _("Hanya bulan yang sudah ditutup yang dapat dibuka kembali."))
    form = BukaForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:  # the service returns nothing: success is the absence of a ValidationError
            services.tpp_periode_buka(actor=request.user, periode=periode, alasan=form.cleaned_data["alasan"])
        except ValidationError as e:
            form.add_service_errors(e)
        else:
            messages.success(request, _("Bulan %(b)s dibuka kembali.") % {"b": judul_bulan(tahun, bulan)})
            return redirect(_url_bulan("tpp:bulan", tahun, bulan))
    ctx = {"form": form, "periode": periode, "b": konteks_bulan(tahun, bulan)} | konteks_pemda(request, periode.pemda)
    return render(request, "tpp/bulan_buka.html", ctx)


@require_POST
@tpp_keeper_required
@pemda_dipilih
def bulan_rekap(request, tahun: int, bulan: int):
    """Start a recap xlsx: the month or its quarter, for the whole pemda or one OPD."""
    periode = _periode_hr(request, tahun, bulan)
    form = RekapTppForm(request.POST, opds=selectors.opd_visible_to(request.user).filter(pemda_id=periode.pemda_id))
    if not form.is_valid():
        return _tolak(request, periode, _("Pilih jenis rekap dan OPD dari daftar."))
    if periode.status == StatusPeriode.OPEN:
        return _tolak(request, periode, _("Hitung TPP bulan ini lebih dulu sebelum membuat rekap."))
    opd = form.cleaned_data["opd"]
    if form.cleaned_data["jenis"] == "triwulan":
        tw = (bulan - 1) // 3 + 1
        job = recap.rekap_triwulan_mulai(user=request.user, pemda=periode.pemda, tahun=tahun, triwulan=tw, opd=opd)
    else:
        job = recap.rekap_bulanan_mulai(user=request.user, periode=periode, opd=opd)
    return redirect("job_detail", pk=job.pk)


@tpp_viewer_required
@pemda_dipilih
def baris_list(request):
    """Every employee's TPP of the month, by OPD; a reopened month shows the change per employee."""
    form = RekapForm(request.GET)
    tahun, bln = form.tahun_bulan
    pemda = pemda_aktif(request)
    periode = selectors.periode_of(request.user, pemda_id=pemda.pk, tahun=tahun, bulan=bln)
    saring = BarisFilter(request.GET, user=request.user)
    qs = selectors.baris_visible_to(request.user).filter(periode_id=periode.pk) if periode.pk else None
    page = paginate(request, saring.filter(qs) if qs is not None else selectors.baris_visible_to(request.user).none())
    dibuka = periode.status == StatusPeriode.REOPENED
    for row in page:
        row.capaian_teks = persen(row.capaian, pecahan=True)
        row.beku_neto = int(row.beku["neto"]) if dibuka and row.beku else None
        row.selisih = row.neto - row.beku_neto if row.beku_neto is not None else None
    ctx = {
        "form": form,
        "saring": saring,
        "page": page,
        "periode": periode,
        "b": konteks_bulan(tahun, bln),
        "dibuka": dibuka,
    } | konteks_pemda(request, pemda)
    return render(request, "tpp/baris_list.html", ctx)
