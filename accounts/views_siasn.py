"""HR's comparison with SIASN (issue 19): upload an Export Data ASN file, see who differs on jabatan,
unit and golongan, filter, download as xlsx. A comparison, not an import: no pegawai is written; the
compared fields of the last file are kept in the session so filtering and downloading need no
second upload."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.xlsx import tabel_unduh

from .forms_import import BandingSiasnForm
from .permissions import is_hr, requires
from .siasn_banding import ASPEK, siasn_banding, siasn_baris

SESSION_KEY = "siasn_banding"


@require_http_methods(["GET", "POST"])
@requires(is_hr, gettext_lazy("Perbandingan dengan SIASN hanya untuk HR pemda."))
def banding(request):
    form = BandingSiasnForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            baris = siasn_baris(form.cleaned_data["berkas"])
            request.session[SESSION_KEY] = {"nama": request.FILES["berkas"].name, "baris": baris}
        except ValidationError as e:
            form.add_error("berkas", e)
        else:
            messages.success(request, _("File SIASN sudah dibaca. Tidak ada data E-Kinerja yang diubah."))
            return redirect("org:siasn_banding")
    simpanan = request.session.get(SESSION_KEY)
    aspek = request.GET.get("aspek", "")
    beda = None
    if simpanan:
        beda = siasn_banding(user=request.user, baris=simpanan["baris"], on=timezone.localdate())
        if aspek in ASPEK:
            beda = [b for b in beda if b.aspek == aspek]
        if request.GET.get("unduh") == "xlsx":
            return tabel_unduh(
                nama_file="banding-siasn.xlsx",
                sheet=_("Beda SIASN"),
                judul=[_("NIP"), _("Nama"), _("Beda"), _("E-Kinerja"), _("SIASN")],
                baris=([b.nip, b.nama, b.aspek_label, b.ekinerja, b.siasn] for b in beda),
            )
    context = {
        "form": form,
        "simpanan": simpanan,
        "beda": beda,
        "aspek": aspek,
        "pilihan_aspek": [(k, str(v)) for k, v in ASPEK.items()],
    }
    return render(request, "accounts/org/siasn_banding.html", context)
