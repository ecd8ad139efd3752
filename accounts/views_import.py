"""Import pegawai and their first posting from the xlsx template or a SIASN export (issue 3)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.jobs import job_create, upload_store
from core.pages import import_page

from . import imports
from .forms_import import ImporPegawaiForm
from .lembar import lembar_siap, pesan_hasil
from .permissions import admin_required
from .selectors import jabatan_visible_to
from .tasks import pegawai_import_task

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _lingkup(user) -> str:
    if user.is_superadmin:
        return _("semua pemda")
    if user.is_hr_pemda:
        return user.pemda.nama if user.pemda_id else ""
    return user.opd.nama if user.opd_id else ""


def _start_background_import(request, form):
    nama = request.FILES["berkas"].name
    return job_create(
        user=request.user,
        kind="pegawai_import",
        title=_("Impor pegawai dari %(nama)s") % {"nama": nama},
        task=pegawai_import_task,
        params={"upload": upload_store(nama, form.berkas_data), "nama": nama, "kembali": reverse("org:impor")},
    )


@require_GET
@never_cache
@admin_required
def impor_template(request):
    """The xlsx template, listing on its own sheet the jabatan the user may fill."""
    jabatan = jabatan_visible_to(request.user).filter(aktif=True).order_by("opd__nama", "unit__nama", "nama")
    response = HttpResponse(imports.template_xlsx(jabatan), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="template-impor-pegawai.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
@admin_required
def impor(request):
    """Upload a file; every row is checked, and a file with any bad row imports nothing."""
    return import_page(
        request,
        ImporPegawaiForm,
        template="accounts/org/impor.html",
        run=imports.pegawai_import,
        done=_diimpor,
        context=_konteks,
        background=_start_background_import,
        inline_rows=imports.INLINE_ROWS,
    )


def _diimpor(request, hasil):
    """The pegawai are in: the activation sheet of their codes is made, and ready on its page."""
    lembar = imports.lembar_impor(actor=request.user, hasil=hasil)
    messages.success(
        request,
        ngettext(
            "%(n)d pegawai berhasil diimpor beserta jabatannya.",
            "%(n)d pegawai berhasil diimpor beserta jabatannya.",
            hasil.dibuat,
        )
        % {"n": hasil.dibuat}
        + " "
        + imports.pesan_diperbarui(hasil)
        + pesan_hasil(lembar),
    )
    return redirect("org:aktivasi" if lembar.lembar else "org:impor")


def _konteks(request) -> dict:
    return {
        "lingkup": _lingkup(request.user),
        "max_mb": imports.MAX_UPLOAD_BYTES // (1024 * 1024),
        "max_baris": imports.MAX_BARIS,
        "inline_rows": imports.INLINE_ROWS,
        "lembar_siap": lembar_siap(request.user),
    }
