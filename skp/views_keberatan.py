"""Objection pages (PP 30/2019 Pasal 59): the pegawai files one from a rated period and follows it; the
atasan of the pejabat penilai lists those to decide and decides. Objects come through
`selectors.keberatan_visible_to` (out of scope → 404); writes through `skp.services_keberatan`."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import ensure, is_self
from core.pages import posted, submit

from . import forms, forms_keberatan, rules, selectors, services_keberatan
from .choices import StatusKeberatan
from .models import Keberatan, Penilaian
from .views import _skp_periode


def daftar(request):
    """My objections, and those I decide (open ones first)."""
    context = selectors.keberatan_daftar(request.user)
    return render(request, "skp/keberatan_daftar.html", context)


def ajukan(request, pk, periode):
    """The owner of a rated period files an objection (403 for anyone else who sees the period)."""
    skp, jenis, ke, _start, _end, _menilai = _skp_periode(request, pk, periode)
    ensure(is_self(request.user, skp.pegawai_id), _(rules.KEBERATAN_ROLE_MESSAGES["PEGAWAI"]))
    nilai = get_object_or_404(Penilaian, skp=skp, jenis=jenis, ke=ke)
    if (ada := Keberatan.objects.filter(penilaian=nilai).values_list("pk", flat=True).first()) is not None:
        return redirect("skp:keberatan_detail", pk=ada)  # one objection per rating: show where it stands
    form = forms_keberatan.KeberatanForm(posted(request), user=request.user)
    if k := submit(request, form, services_keberatan.keberatan_ajukan, penilaian=nilai):
        # the name comes last with no full stop after it: a degree ("M.Pd.") already ends with one
        pesan = _("Keberatan Anda sudah diajukan. Yang memutuskan: %(n)s") % {"n": k.pemutus.nama_lengkap}
        messages.success(request, pesan)
        return redirect("skp:keberatan_detail", pk=k.pk)
    context = {
        "skp": skp,
        "nilai": nilai,
        "periode": periode,
        "label": forms.periode_label(jenis, ke, skp.tahun),
        "batas": services_keberatan.batas_ajukan_of(nilai),
        "form": form,
    }
    return render(request, "skp/keberatan_ajukan.html", context)


def detail(request, pk):
    """The objection's state for the pegawai, the penilai and HR; the decide form for the decider."""
    k = get_object_or_404(selectors.keberatan_visible_to(request.user), pk=pk)
    pemutus = k.status == StatusKeberatan.DIAJUKAN and bool(services_keberatan.WORKFLOW.allowed_moves(k, request.user))
    form = None
    if pemutus:
        form = forms_keberatan.PutusanKeberatanForm(posted(request), user=request.user)
        if submit(request, form, services_keberatan.keberatan_putus, keberatan=k):
            messages.success(request, _("Keputusan atas keberatan ini sudah disimpan."))
            return redirect("skp:keberatan_detail", pk=k.pk)
    elif request.method == "POST":
        ensure(False, _(rules.KEBERATAN_ROLE_MESSAGES["PEMUTUS"]))
    p = k.penilaian
    context = {
        "k": k,
        "p": p,
        "label": forms.periode_label(p.jenis, p.ke, p.skp.tahun),
        "periode": f"{p.jenis}-{p.ke}",
        "form": form,
        "log": k.log.select_related("oleh").all(),
    }
    return render(request, "skp/keberatan_detail.html", context)
