from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dates import di_zona

from .faktor_kedua import SESI_ADA, faktor_kedua_wajib
from .models import Pemda


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
_TANPA_FAKTOR = {
    *("faktor_periksa", "faktor_pasang", "logout", "set_language", "favicon", "sehat", "aktivasi"),
    # django-otp-webauthn's passkey ceremonies and their script texts (accounts.views_faktor.PASSKEY_URLS)
    *("credential-registration-begin", "credential-registration-complete", "js-i18n-catalog"),
    *("credential-authentication-begin", "credential-authentication-complete"),
}


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
        return _pindah(request, tujuan, keep_next=tujuan == "faktor_periksa")


def _pindah(request, name: str, *, keep_next: bool):
    """Send the browser to a whole page (htmx asking for a fragment gets HX-Redirect), with the page
    asked for as `next` when it can be opened again by a GET."""
    url = reverse(name)
    if keep_next and request.method == "GET" and not request.headers.get("HX-Request"):
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


# --- idle timeout (issue 15) ------------------------------------------------------------------

# Kept in the session at login (`sesi_batas_catat`): the pemda's idle limit in minutes for a role
# holder (0: none, a pegawai without a role), and when the last request came (epoch seconds).
SESI_BATAS = "batas_diam_menit"
SESI_TERAKHIR = "aktif_terakhir"
BATAS_BAWAAN = 30
# The last activity is written at most once a minute: most requests change nothing in the session.
LANGKAH_DETIK = 60


def _sekarang() -> int:
    return int(timezone.now().timestamp())


def sesi_batas_catat(request, user) -> None:
    """At login: the idle limit of a role holder (their pemda's, read once here) into the session.
    The session of a role holder also ends at an absolute time, SESSION_COOKIE_AGE after login, even
    though its last activity is written along the way."""
    menit = 0
    if faktor_kedua_wajib(user):
        menit = (
            Pemda.objects.filter(pk=user.pemda_id).values_list("batas_diam_menit", flat=True).first()
            if user.pemda_id
            else None
        ) or BATAS_BAWAAN
        request.session.set_expiry(timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE))
    request.session[SESI_BATAS] = menit
    request.session[SESI_TERAKHIR] = _sekarang()


class BatasDiamMiddleware:
    """A role holder (admin OPD, HR, superadmin) idle longer than the pemda's limit is signed out and
    told so on the login page; a pegawai without a role is not affected. No query per request: the
    limit is read at login, and the last activity lives in the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        session = request.session
        if SESI_BATAS not in session:  # a session from before this check
            sesi_batas_catat(request, user)
        menit = session.get(SESI_BATAS) or 0
        if menit:
            sekarang = _sekarang()
            terakhir = session.get(SESI_TERAKHIR) or sekarang
            if sekarang - terakhir > menit * 60:
                return self._keluar(request, menit)
            if sekarang - terakhir >= LANGKAH_DETIK:
                session[SESI_TERAKHIR] = sekarang
        return self.get_response(request)

    @staticmethod
    def _keluar(request, menit: int):
        logout(request)
        messages.info(
            request,
            _("Anda keluar otomatis karena tidak aktif selama lebih dari %(menit)d menit. Silakan masuk lagi.")
            % {"menit": menit},
        )
        return _pindah(request, "login", keep_next=True)


# --- the pemda's time zone (issue 16) -----------------------------------------------------------


class ZonaWaktuMiddleware:
    """Every request of a signed-in user runs in their pemda's time zone (Pemda.zona_waktu), so that
    "today" (core.dates.today), the entry window and the times shown are the pemda's wall clock; a
    visitor and a superadmin bound to no pemda stay in settings.TIME_ZONE. No query: the pemda comes
    with the user (accounts.backends)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        pemda = getattr(user, "pemda", None) if user is not None and user.is_authenticated else None
        with di_zona(pemda):
            return self.get_response(request)
