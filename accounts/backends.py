"""Sign in with a NIP (spaces allowed, as printed on an SK) or a username."""

from django.contrib.auth.backends import ModelBackend

from .models import User
from .selectors import MEMO_ATTR


def normalise_login(value: str | None) -> str:
    """An 18-digit NIP typed with spaces becomes the bare NIP; anything else is kept as typed."""
    value = (value or "").strip()
    compact = "".join(value.split())
    return compact if compact.isdigit() else value


def axes_username(request, credentials) -> str | None:
    """Axes counts failures per normalised login, so `1986 0926…` and `19860926…` are one person."""
    raw = (credentials or {}).get("username") if credentials else None
    if raw is None and request is not None and hasattr(request, "POST"):
        raw = request.POST.get("username")
    return normalise_login(raw) if raw is not None else None


class NipOrUsernameBackend(ModelBackend):
    def user_can_authenticate(self, user):
        """An account not yet activated (new, or its password reset) opens for nobody, with any password
        and through any session kept from before: only its activation code leads in (DESIGN.md §4)."""
        return super().user_can_authenticate(user) and not getattr(user, "wajib_ganti_password", False)

    def get_user(self, user_id):
        """The signed-in user of every request, with their Pegawai in the same query (almost every
        page reads `request.user.pegawai`)."""
        try:
            user = User._default_manager.select_related("pegawai").get(pk=user_id)
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
        user = User.objects.filter(pegawai__nip=login).first() if login.isdigit() else None
        if user is None:
            user = User.objects.filter(username__iexact=login).first()
        if user is None:
            User().set_password(password)  # same work as a real check: no timing hint
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
