"""The notification list (the bell) and Akun › Pemberitahuan. Every row is fetched through the user's
own selector: another person's notification is 404."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.lists import paginate
from core.pages import posted, submit

from . import selectors, services
from .forms import PemberitahuanForm

FIELDS = ("kanal", "telegram_chat_id", "no_wa", "jam_tenang_mulai", "jam_tenang_selesai")


@require_GET
def daftar(request):
    """The user's notifications, newest first, unread ones marked."""
    page = paginate(request, selectors.notifikasi_of(request.user))
    return render(request, "notifikasi/notifikasi_list.html", {"page": page})


@require_POST
def buka(request, pk: int):
    """Open one notification: it is read from now on, and the user goes where it points."""
    n = get_object_or_404(selectors.notifikasi_of(request.user), pk=pk)
    services.notifikasi_baca(user=request.user, notifikasi=n)
    aman = n.url and url_has_allowed_host_and_scheme(n.url, {request.get_host()}, require_https=request.is_secure())
    return redirect(n.url if aman else "notifikasi:daftar")


@require_POST
def baca_semua(request):
    jumlah = services.notifikasi_baca_semua(user=request.user)
    if jumlah:
        messages.success(request, _("%(n)d pemberitahuan ditandai sudah dibaca.") % {"n": jumlah})
    return redirect("notifikasi:daftar")


@require_http_methods(["GET", "POST"])
def pemberitahuan(request):
    """Akun › Pemberitahuan: the channel of notifications and of the daily digest, quiet hours, the digest."""
    user = request.user
    pref = selectors.preferensi_of(user)
    initial = {f: getattr(pref, f) for f in FIELDS} | {"terima_pengingat": user.terima_pengingat}
    form = PemberitahuanForm(posted(request), user=user, pilihan=selectors.kanal_tersedia(), initial=initial)
    if submit(request, form, services.preferensi_simpan):
        messages.success(request, _("Pengaturan pemberitahuan sudah disimpan."))
        return redirect("pengingat")
    pegawai = getattr(user, "pegawai", None)
    if "no_wa" in form.fields and pegawai and pegawai.no_hp:
        form.fields["no_wa"].widget.attrs["placeholder"] = pegawai.no_hp
    zona = user.pemda.get_zona_waktu_display() if user.pemda_id else ""
    return render(request, "notifikasi/pemberitahuan.html", {"form": form, "email": user.email, "zona": zona})
