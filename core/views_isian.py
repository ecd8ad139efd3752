"""No lost input (issue 8): the draft endpoint the forms autosave to, and the result of a key that
ekinerja.js asks for after it sent a form in the background."""

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from . import drafts, idempotency
from .pages import next_url


@require_POST
def draf(request):
    """Save the form's fields as the user's draft (htmx, debounced) and answer with the tiny status
    line; with `hapus`, throw the draft away and go back to the form."""
    kunci = request.POST.get(drafts.FIELD, "")
    if "hapus" in request.POST:
        drafts.draf_hapus(user=request.user, kunci=kunci)
        return redirect(next_url(request, "beranda"))
    try:
        saved = drafts.draf_simpan(user=request.user, kunci=kunci, post=request.POST)
    except ValidationError as e:
        return render(request, "core/_draf_status.html", {"gagal": " ".join(e.messages)})
    return render(request, "core/_draf_status.html", {"draf": saved})


@require_GET
def kunci_hasil(request, kunci):
    """Where a form sent with this key led (JSON), or 404 when it has not been processed."""
    hasil = idempotency.hasil_untuk(user=request.user, kunci=kunci)
    if hasil is None:
        return JsonResponse({"url": None}, status=404)
    return JsonResponse({"url": hasil.url})
