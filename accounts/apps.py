from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from core.indeks import indeks_daftar
        from core.models import Indeks

        from .models import Pegawai

        user_logged_in.connect(_saat_masuk, dispatch_uid="accounts_saat_masuk")
        indeks_daftar(Pegawai, Indeks.Jenis.NIP, "nip")


def _saat_masuk(sender, request, user, **kwargs):
    """At every login, the session notes whether a second-factor code is due and a role holder's idle
    limit (accounts.middleware); a role holder's sign-in at the login page (admin OPD, HR, superadmin:
    those who need a second factor) goes on the audit trail as "user:masuk", a session opened in code
    without an HTTP request (a shell, the test client's force_login) does not."""
    from core import audit

    from .faktor_kedua import faktor_kedua_wajib, sesi_catat
    from .middleware import sesi_batas_catat

    if request is None or not hasattr(request, "session"):
        return
    sesi_catat(request, user)
    sesi_batas_catat(request, user)
    if getattr(request, "method", None) and faktor_kedua_wajib(user):
        audit.catat("user:masuk", user, actor=user)
