"""The HR page of the bridge to BKN (issue 19): choose a period and an OPD, start the export job
(zip of JSON, CSV and PDFs) or the push job, see the export log and where each record stands with
BKN. HR pemda and superadmin only; the jobs are core.jobs jobs (progress page, rerun)."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.pemda_pilih import konteks_pemda, pemda_aktif, pemda_dipilih
from accounts.permissions import is_hr, requires
from core.dates import today
from core.jobs import AntreanTidakTersedia
from core.lists import paginate
from core.models import Job

from . import bkn, bkn_jobs, forms, selectors

HANYA_HR = gettext_lazy("Halaman ini hanya untuk HR pemda.")


def _form(request, pemda, data):
    return forms.BknForm(data, pemda_id=pemda.pk, tahun=forms.parse_tahun(request.GET.get("tahun")))


def _url(pemda, request, cd=None) -> str:
    q = {}
    if request.user.is_superadmin:
        q["pemda"] = pemda.pk
    if cd:
        q |= {"tahun": cd["tahun"], "periode": cd["periode"]}
        if cd["opd"]:
            q["opd"] = cd["opd"].pk
    return reverse("skp:bkn") + ("?" + urlencode(q) if q else "")


@requires(is_hr, HANYA_HR)
@pemda_dipilih
def bkn_halaman(request):
    pemda = pemda_aktif(request)
    tahun = forms.parse_tahun(request.GET.get("tahun"))
    jenis, ke = forms.parse_periode(request.GET.get("periode"), pemda.pk, tahun)
    initial = {"tahun": tahun, "periode": f"{jenis}-{ke}"}
    form = forms.BknForm(None, pemda_id=pemda.pk, tahun=tahun, initial=initial)
    opd = None
    raw_opd = request.GET.get("opd")
    if raw_opd and raw_opd.isdigit():
        opd = form.fields["opd"].queryset.filter(pk=int(raw_opd)).first()
        form.initial["opd"] = opd.pk if opd else None
    status = selectors.bkn_status(pemda_id=pemda.pk, tahun=tahun, jenis=jenis, ke=ke, opd_id=opd.pk if opd else None)
    log = paginate(request, selectors.bkn_ekspor_visible_to(request.user).filter(pemda=pemda))
    kiriman = Job.objects.filter(pemda=pemda, kind=bkn_jobs.KIND_KIRIM).order_by("-created", "-pk")[:5]
    ini = today().year
    ctx = {
        "form": form,
        "tahun": tahun,
        "tahun_pilihan": sorted({*range(ini - 4, ini + 2), tahun}, reverse=True),
        "label": bkn.judul(tahun, jenis, ke),
        "opd": opd,
        "status": status,
        "page": log,
        "kiriman": kiriman,
    }
    return render(request, "skp/bkn.html", ctx | konteks_pemda(request, pemda))


def _mulai(request, mulai):
    pemda = pemda_aktif(request)
    form = _form(request, pemda, request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih tahun, periode dan OPD dari daftar."))
        return redirect(_url(pemda, request))
    cd = form.cleaned_data
    jenis, ke = form.periode_jenis_ke
    try:
        job = mulai(
            user=request.user,
            pemda=pemda,
            tahun=cd["tahun"],
            jenis=jenis,
            ke=ke,
            opd=cd["opd"],
            kembali=_url(pemda, request, cd),
        )
    except AntreanTidakTersedia as e:
        messages.error(request, e.message)
        return redirect(_url(pemda, request, cd))
    return redirect("job_detail", pk=job.pk)


@require_POST
@requires(is_hr, HANYA_HR)
@pemda_dipilih
def bkn_ekspor(request):
    """Start the export job of one period (and OPD); its page offers the zip when done."""
    return _mulai(request, bkn_jobs.bkn_ekspor_mulai)


@require_POST
@requires(is_hr, HANYA_HR)
@pemda_dipilih
def bkn_kirim(request):
    """Start the push job ("Kirim ke BKN"); its page reports sent, failed (with the reason), already sent."""
    return _mulai(request, bkn_jobs.bkn_kirim_mulai)


@requires(is_hr, HANYA_HR)
def bkn_unduh(request, pk: int):
    """One logged export's zip, for HR of its pemda (or a superadmin); another pemda's: 404."""
    ekspor = get_object_or_404(selectors.bkn_ekspor_visible_to(request.user).exclude(berkas=""), pk=pk)
    try:
        berkas = ekspor.berkas.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(berkas, as_attachment=True, filename=ekspor.berkas.name.rsplit("/", 1)[-1])
