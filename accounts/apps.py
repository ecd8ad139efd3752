from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(_faktor_kedua_catat, dispatch_uid="faktor_kedua_catat")
        user_logged_in.connect(_batas_diam_catat, dispatch_uid="batas_diam_catat")


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
