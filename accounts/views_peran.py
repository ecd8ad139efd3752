"""Kelola › Peran pengguna (issue 16): HR of a pemda (a superadmin through the pemda picker) gives the
admin OPD and HR roles to people picked from the pegawai list, and takes them away; the changes are
on the audit trail and listed on the page (namespace `org`)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.models import AuditLog
from core.pages import posted, submit

from . import services_pemda
from .choices import Role
from .faktor_kedua import faktor_kedua_aktif
from .forms_pemda import PeranBeriForm
from .models import Pegawai, User
from .pemda_pilih import konteks_pemda, pemda_aktif, pemda_dipilih
from .permissions import hr_required

AKSI_PERAN = ("user:peran_beri", "user:peran_cabut", "user:akun_hr")
HASIL_CARI = 30  # pegawai offered for one search


def _pegawai_pemda(pemda):
    return Pegawai.objects.filter(pemda=pemda, user__isnull=False).select_related("opd", "user")


def _cari(pemda, q: str):
    """The pegawai of the pemda whose name or NIP matches the search, by name (none for no search)."""
    q = (q or "").strip()
    if not q:
        return Pegawai.objects.none()
    digits = "".join(ch for ch in q if ch.isdigit())
    cocok = Q(nama__icontains=q) | (Q(nip__startswith=digits) if digits and len(digits) >= 4 else Q(pk__in=[]))
    ids = list(_pegawai_pemda(pemda).filter(cocok).order_by("nama").values_list("pk", flat=True)[:HASIL_CARI])
    return _pegawai_pemda(pemda).filter(pk__in=ids).order_by("nama")


@hr_required
@pemda_dipilih
def peran(request):
    pemda = pemda_aktif(request)
    q = request.GET.get("q", "")
    pegawai_qs = _pegawai_pemda(pemda) if request.method == "POST" else _cari(pemda, q)
    form = PeranBeriForm(posted(request), user=request.user, pemda=pemda, pegawai_qs=pegawai_qs)
    if (user := submit(request, form, services_pemda.peran_beri)) is not None:
        messages.success(
            request,
            _("%(nama)s sekarang memegang peran %(peran)s.")
            % {"nama": services_pemda.nama_akun(user), "peran": user.get_role_display()},
        )
        return redirect(reverse("org:peran") + f"?pemda={pemda.pk}")
    pemegang = [
        {"user": u, "nama": services_pemda.nama_akun(u), "faktor": faktor_kedua_aktif(u), "sendiri": u == request.user}
        for u in User.objects.filter(pemda=pemda, role__in=services_pemda.PERAN_DIBERIKAN, is_active=True)
        .select_related("pegawai", "opd")
        .order_by("role", "opd__nama", "first_name", "username")
    ]
    label = dict(Role.choices)
    riwayat = [
        {"row": r, "peran": label.get((r.sesudah if r.aksi != "user:peran_cabut" else r.sebelum).get("role"), "")}
        for r in AuditLog.objects.filter(pemda_id=pemda.pk, aksi__in=AKSI_PERAN).order_by("-waktu", "-pk")[:20]
    ]
    ctx = {
        "form": form,
        "q": q,
        "cari": q and pegawai_qs.exists(),
        "pemegang": pemegang,
        "riwayat": riwayat,
        "hr_count": sum(1 for p in pemegang if p["user"].role == Role.HR_PEMDA),
    } | konteks_pemda(request, pemda)
    return render(request, "accounts/peran.html", ctx, status=400 if form.errors else 200)


@require_POST
@hr_required
@pemda_dipilih
def peran_cabut(request, pk: int):
    pemda = pemda_aktif(request)
    user = get_object_or_404(User.objects.select_related("pegawai"), pk=pk, pemda=pemda)
    try:
        services_pemda.peran_cabut(actor=request.user, user=user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Peran %(nama)s sudah dicabut.") % {"nama": services_pemda.nama_akun(user)})
    return redirect(reverse("org:peran") + f"?pemda={pemda.pk}")
