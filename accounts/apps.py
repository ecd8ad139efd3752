from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(_faktor_kedua_catat, dispatch_uid="faktor_kedua_catat")
        user_logged_in.connect(_batas_diam_catat, dispatch_uid="batas_diam_catat")
        user_logged_in.connect(_masuk_catat, dispatch_uid="masuk_catat")


def _faktor_kedua_catat(sender, request, user, **kwargs):
    """At every login, note in the session whether a second-factor code is due."""
    from .faktor_kedua import sesi_catat

    if request is not None and hasattr(request, "session"):
        sesi_catat(request, user)


def _batas_diam_catat(sender, request, user, **kwargs):
    """At every login, note in the session the idle limit of a role holder (accounts.middleware)."""
    from .middleware import sesi_batas_catat

    if request is not None and hasattr(request, "session"):
        sesi_batas_catat(request, user)


def _masuk_catat(sender, request, user, **kwargs):
    """A sign-in of a role holder (admin OPD, HR, superadmin: those who need a second factor) at the
    login page goes on the audit trail ("user:masuk"); a pegawai's own does not, nor a session opened
    in code without an HTTP request (a shell, the test client's force_login)."""
    from core import audit

    from .faktor_kedua import faktor_kedua_wajib

    if getattr(request, "method", None) and faktor_kedua_wajib(user):
        audit.catat("user:masuk", user, actor=user)
