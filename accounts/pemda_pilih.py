"""Pemda-scoped pages: which pemda a page acts on, and asking a superadmin who has not chosen one.

HR pemda and admin OPD always act on their own pemda; a superadmin chooses (accounts.selectors.
pemda_halaman). Wrap the view in `pemda_dipilih` and read the pemda with `pemda_aktif(request)`.
"""

from functools import wraps

from django.http import Http404
from django.shortcuts import render

from .models import Pemda
from .selectors import pemda_halaman, pemda_pilihan


class _PilihPemda(Exception):
    """A superadmin opened a pemda-scoped page with several pemda and none chosen."""


def pemda_aktif(request) -> Pemda:
    """The pemda the page acts on (pemda_halaman): the user's own; a superadmin chooses (`?pemda=`, a
    POST form's hidden field, their last choice, their own, the only one)."""
    pemda = pemda_halaman(request)
    if pemda is None:
        if request.user.is_superadmin and Pemda.objects.exists():
            raise _PilihPemda
        raise Http404
    return pemda


def pemda_dipilih(view):
    """A pemda-scoped view: when the superadmin has not chosen a pemda, a GET asks which one (a small
    form that keeps the other query parameters); a POST without one is a 404 (nothing is guessed)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _PilihPemda:
            if request.method != "GET":
                raise Http404 from None
            return render(request, "core/pemda_pilih.html", {"pemda_pilihan": pemda_pilihan(request.user)})

    return wrapper


def konteks_pemda(request, pemda: Pemda) -> dict:
    """What core/_pemda_pilih.html and core/_pemda_isian.html need."""
    return {"pemda": pemda, "pemda_pilihan": pemda_pilihan(request.user)}
