"""Superadmin › Pemda (issue 16): create a pemda, change it, and give it an HR account whose owner
activates it with a one-time code (namespace `org`)."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.pages import form_page, posted, submit

from . import services_akun, services_pemda
from .choices import Role
from .faktor_kedua import faktor_kedua_aktif
from .forms_pemda import AkunHrForm, PemdaBuatForm, PemdaUbahForm
from .models import Pemda, User
from .permissions import superadmin_required


@require_GET
@superadmin_required
def pemda_list(request):
    rows = Pemda.objects.annotate(
        jumlah_pegawai=Count("pegawai", distinct=True),
        jumlah_hr=Count("user", filter=Q(user__role=Role.HR_PEMDA, user__is_active=True), distinct=True),
    ).order_by("nama")
    return render(request, "accounts/pemda/list.html", {"rows": rows})


@superadmin_required
def pemda_create(request):
    form = PemdaBuatForm(posted(request), user=request.user, initial={"zona_waktu": Pemda().zona_waktu})
    return form_page(
        request,
        form,
        services_pemda.pemda_buat,
        template="accounts/pemda/form.html",
        message=lambda p: _("Pemda %(nama)s dibuat. Sekarang buat akun HR pertamanya.") % {"nama": p.nama},
        next=lambda p: reverse("org:pemda_hr", args=[p.pk]),
        context={"baru": True},
    )


@superadmin_required
def pemda_update(request, pk: int):
    pemda = get_object_or_404(Pemda, pk=pk)
    initial = {"nama": pemda.nama, "zona_waktu": pemda.zona_waktu, "batas_diam_menit": pemda.batas_diam_menit}
    form = PemdaUbahForm(posted(request), user=request.user, initial=initial)
    hr = [
        {"user": u, "nama": services_pemda.nama_akun(u), "faktor": faktor_kedua_aktif(u)}
        for u in User.objects.filter(pemda=pemda, role=Role.HR_PEMDA).select_related("pegawai").order_by("pk")
    ]
    return form_page(
        request,
        form,
        services_pemda.pemda_ubah,
        template="accounts/pemda/form.html",
        message=lambda p: _("Pemda %(nama)s disimpan.") % {"nama": p.nama},
        next="org:pemda_list",
        context={"pemda": pemda, "hr": hr},
        pemda=pemda,
    )


@superadmin_required
def pemda_hr(request, pk: int):
    """A new HR account of the pemda; its activation letter is shown this once (only a hash is kept)."""
    pemda = get_object_or_404(Pemda, pk=pk)
    form = AkunHrForm(posted(request), user=request.user)
    kode = submit(request, form, services_pemda.akun_hr_buat, pemda=pemda)
    if kode is None:
        return render(request, "accounts/pemda/hr_form.html", {"form": form, "pemda": pemda})
    user = kode.user
    ctx = {
        "kode": kode,
        "penerima": {
            "nama": user.first_name,
            "login_label": _("NIP") if user.username.isdigit() else _("Nama pengguna"),
            "login": user.username,
            "unit": _("HR/BKPSDM"),
            "pemda": pemda.nama,
        },
        "kembali": {"url": reverse("org:pemda_update", args=[pemda.pk]), "label": _("Kembali ke data pemda")},
        "pendahuluan": _("Akun HR %(nama)s untuk %(pemda)s dibuat.") % {"nama": user.first_name, "pemda": pemda.nama},
        "berlaku": services_akun.berlaku_tampil(kode.berlaku_sampai),
        "url": services_akun.aktivasi_url(),
        "dicetak": timezone.localtime(),
        "faktor_kedua": True,
    }
    response = render(request, "accounts/org/surat_aktivasi.html", ctx)
    add_never_cache_headers(response)
    return response
