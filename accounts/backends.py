"""Sign in with a NIP (spaces allowed, as printed on an SK) or a username; and the login throttle.

The throttle (django-axes, issue 15): five wrong passwords for one account, from any address, lock
that account for the cool-off (`AXES_FAILURE_LIMIT`); a separate, higher count of wrong passwords
from one address locks that address (`AXES_IP_FAILURE_LIMIT`: an office behind one NAT address
shares it). The account key folds case and turns a NIP into its account's username, so `Budi`,
`budi` and Budi's NIP are one account. Behind the proxy (`BEHIND_PROXY`), the client address is the
one the proxy saw (the right-most `X-Forwarded-For` entry), never a header the client typed.
"""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessFailureLog
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.shortcuts import render
from django.utils import timezone

from .models import User
from .selectors import MEMO_ATTR, user_by_nip


def normalise_login(value: str | None) -> str:
    """An 18-digit NIP typed with spaces becomes the bare NIP; anything else is kept as typed."""
    value = (value or "").strip()
    compact = "".join(value.split())
    return compact if compact.isdigit() else value


_KUNCI_MEMO = "_ekinerja_kunci_akun"


def kunci_akun(login: str) -> str:
    """The throttle's key of an account: the username in lower case, whether a NIP or any case variant
    of the name was typed (a login nobody has is kept, folded, as typed)."""
    login = normalise_login(login)
    if login.isdigit():
        user = user_by_nip(login)
        if user:
            login = user.username
    return login.casefold()


def axes_username(request, credentials) -> str | None:
    """Axes counts failures per account (`kunci_akun`), read once per request."""
    raw = (credentials or {}).get("username") if credentials else None
    if raw is None and request is not None and hasattr(request, "POST"):
        raw = request.POST.get("username")
    if raw is None:
        return None
    memo = request.__dict__.setdefault(_KUNCI_MEMO, {}) if request is not None else {}
    if raw not in memo:
        memo[raw] = kunci_akun(raw)
    return memo[raw]


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind our one proxy (`BEHIND_PROXY`) the address it
    appended last to X-Forwarded-For (the entries before it are whatever the client sent)."""
    remote = request.META.get("REMOTE_ADDR")
    if not getattr(settings, "BEHIND_PROXY", False):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    last = forwarded.split(",")[-1].strip() if forwarded else ""
    try:
        return str(ipaddress.ip_address(last))
    except ValueError:
        return remote


def gagal_dari_alamat(ip_address: str | None) -> int:
    """Wrong passwords from one address within the cool-off, whatever the account (axes' failure log)."""
    if not ip_address:
        return 0
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessFailureLog.objects.filter(ip_address=ip_address, attempt_time__gte=since).count()


def _alamat_terkunci(request) -> bool:
    terkunci = gagal_dari_alamat(getattr(request, "axes_ip_address", None)) >= settings.AXES_IP_FAILURE_LIMIT
    if terkunci:
        request.axes_per_alamat = True
    return terkunci


class ThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler with a second limit per address on top of its per-account one."""

    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        if _alamat_terkunci(request):
            return max(failures, get_failure_limit(request, credentials))
        return failures

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        # the failure just logged may be the one that reaches the address's limit
        if request is None or getattr(request, "axes_locked_out", False) or not _alamat_terkunci(request):
            return
        request.axes_locked_out = True
        request.axes_credentials = credentials
        user_locked_out.send(
            "axes", request=request, username=axes_username(request, credentials), ip_address=request.axes_ip_address
        )


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page in Indonesian: which lock (the account or the address) and for how long."""
    context = {
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "per_alamat": getattr(request, "axes_per_alamat", False),
    }
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=429)


class NipOrUsernameBackend(ModelBackend):
    def user_can_authenticate(self, user):
        """An account not yet activated (new, or its password reset) opens for nobody, with any password
        and through any session kept from before: only its activation code leads in (DESIGN.md §4)."""
        return super().user_can_authenticate(user) and not getattr(user, "wajib_ganti_password", False)

    def get_user(self, user_id):
        """The signed-in user of every request, with their Pegawai and Pemda in the same query (almost
        every page reads `request.user.pegawai`; the pemda's time zone is set for every request)."""
        try:
            user = User._default_manager.select_related("pegawai", "pemda").get(pk=user_id)
        except User.DoesNotExist:
            return None
        pegawai = getattr(user, "pegawai", None)
        if pegawai is not None:
            setattr(pegawai, MEMO_ATTR, {})  # per-request memo of the main posting (accounts.selectors)
        return user if self.user_can_authenticate(user) else None

    def authenticate(self, request, username=None, password=None, **kwargs):
        login = normalise_login(username)
        if not login or password is None:
            return None
        user = user_by_nip(login) if login.isdigit() else None
        if user is None:
            user = User.objects.filter(username__iexact=login).first()
        if user is None:
            User().set_password(password)  # same work as a real check: no timing hint
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
