from urllib.parse import urlencode

from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from .faktor_kedua import SESI_ADA, faktor_kedua_wajib


class WajibGantiPasswordMiddleware:
    """An account not yet activated is never signed in (accounts.backends refuses it, even from a
    session kept from before its reset); should one arrive here all the same, it is signed out and
    sent to the activation page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "wajib_ganti_password", False):
            logout(request)
            return redirect("aktivasi")
        return self.get_response(request)


# Pages a signed-in account may open before its second factor is checked (or set up).
_TANPA_FAKTOR = {"faktor_periksa", "faktor_pasang", "logout", "set_language", "favicon", "sehat", "aktivasi"}


class FaktorKeduaMiddleware:
    """After the password, nothing but the second-factor step (django-otp's OTPMiddleware runs first
    and marks the session verified): an account with a second factor types its code
    (`faktor_periksa`); an account that must have one (admin OPD, HR, superadmin) and has none sets it
    up (`faktor_pasang`) before any other page, the Django admin included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return self.get_response(request)
        if request.session.get(SESI_ADA):
            tujuan = "faktor_periksa"
        elif faktor_kedua_wajib(user):
            tujuan = "faktor_pasang"
        else:
            return self.get_response(request)
        match = _resolve(request.path_info)
        if match is not None and match.url_name in _TANPA_FAKTOR:
            return self.get_response(request)
        url = reverse(tujuan)
        if request.method == "GET" and tujuan == "faktor_periksa":
            url += "?" + urlencode({"next": request.get_full_path()})
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)


def _resolve(path):
    try:
        return resolve(path)
    except Resolver404:
        return None
