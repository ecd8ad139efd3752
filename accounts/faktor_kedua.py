"""The second factor (issue 15): an authenticator app (TOTP) or a passkey (WebAuthn), with printed
backup codes, on django-otp and django-otp-webauthn.

- Who must have one: every account that can change pay or access (admin OPD, HR, superadmin,
  `faktor_kedua_wajib`). For a pegawai it is optional; once set up it is asked at every login.
- Enrolment: an unconfirmed TOTP device is made, shown as a QR code and as a key to type; the first
  code read from the phone confirms it, and ten one-time backup codes are made at the same moment.
- Passkeys: django-otp-webauthn's views register one (from the set-up page or the account page) and
  check one at login (`faktor_periksa`); a passkey is a confirmed django-otp device like the app, so
  `faktor_kedua_aktif` counts it. Only after the password: passwordless login is off (settings).
  The first factor of an account, app or passkey, comes with ten backup codes.
- Phone clocks drift: a code of the step before or after is accepted (`TOLERANSI`); django-otp
  slows repeated wrong codes down (its throttling) on top of the login lockout.
- Lost phone: HR of the pemda (a superadmin for HR) removes the person's devices
  (`faktor_kedua_reset`), after the access policy's checks; the person is told and sets it up again
  at the next login.
"""

import base64

import segno
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from core import audit, notifications

from .models import User
from .permissions import check_reset_faktor

# One 30-second step before or after: a phone a minute off still signs in (RFC 6238 §5.2).
TOLERANSI = 1
JUMLAH_CADANGAN = 10
NAMA_APLIKASI = "E-Kinerja"


def faktor_kedua_wajib(user: User) -> bool:
    """Accounts that can change pay or access must prove themselves with a second factor."""
    return bool(user.is_superadmin or user.is_hr_pemda or user.is_admin_opd)


def faktor_kedua_aktif(user: User) -> bool:
    """Whether the account has a confirmed second factor (then it is asked at every login)."""
    return user_has_device(user, confirmed=True)


# Whether the account had a second factor when it signed in, kept in the session so that the pages of
# a pegawai without one cost no query for it (accounts.middleware.FaktorKeduaMiddleware).
SESI_ADA = "faktor_kedua_ada"


def sesi_catat(request, user: User) -> None:
    """At login (and after setting up or turning off): note in the session whether a code is due."""
    request.session[SESI_ADA] = faktor_kedua_aktif(user)


def passkey_rp_id(request) -> str:
    """The WebAuthn relying party: the host the page came from (checked against ALLOWED_HOSTS), without
    the port. A passkey made on one host answers only there."""
    host = request.get_host()
    return host.rsplit(":", 1)[0] if not host.endswith("]") else host


def passkeys(user: User):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")


def punya_passkey(user: User) -> bool:
    return passkeys(user).exists()


def punya_aplikasi(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def passkey_terpasang(request) -> list[str] | None:
    """After django-otp-webauthn registered a passkey (and marked this session verified): the account's
    first backup codes when it had none (returned once, to show and print), else None."""
    user = request.user
    if not user.is_verified() or not punya_passkey(user):
        raise PermissionDenied(_("Belum ada passkey yang tersimpan."))
    request.session[SESI_ADA] = True
    if StaticDevice.objects.filter(user=user, confirmed=True).exists():
        return None
    return cadangan_generate(user)


def totp_enrol_start(user: User) -> TOTPDevice:
    """The device being set up: the unconfirmed one already made (a reload shows the same QR code),
    or a new one."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Aplikasi autentikator"), confirmed=False)
    if device.tolerance != TOLERANSI:
        device.tolerance = TOLERANSI
        device.save(update_fields=["tolerance"])
    return device


def totp_qr_svg(device: TOTPDevice) -> str:
    """The QR code of the device's otpauth:// address (issuer `OTP_TOTP_ISSUER`), as SVG markup with
    no style attribute (the strict CSP)."""
    qr = segno.make(device.config_url, error="m")
    return qr.svg_inline(scale=5, border=2, title=_("Kode QR untuk aplikasi autentikator"))


def kunci_ketik(device: TOTPDevice) -> str:
    """The key for typing into the app by hand, in groups of four (base32, as every app expects)."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def totp_enrol_confirm(request, device: TOTPDevice, token: str) -> list[str] | None:
    """The first code from the phone confirms the device: older devices of the account go, ten new
    backup codes are made (returned once, to show and print), and this session counts as verified.
    None when the code is wrong."""
    if device.confirmed or not device.verify_token(_bersih(token)):
        return None
    user = device.user
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    kode = cadangan_generate(user)
    otp_login(request, device)
    request.session[SESI_ADA] = True
    return kode


def cadangan_generate(user: User) -> list[str]:
    """Ten new one-time backup codes (the old ones stop working); returned once, never shown again."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Kode cadangan"), confirmed=True)
    kode = [StaticToken.random_token() for _i in range(JUMLAH_CADANGAN)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=k) for k in kode])
    return kode


@transaction.atomic
def faktor_kedua_off(user: User) -> None:
    """A pegawai without a role turns the optional second factor off (from a verified session)."""
    if faktor_kedua_wajib(user):
        raise PermissionDenied(_("Akun dengan peran admin atau HR wajib memakai verifikasi dua langkah."))
    _hapus_semua(user)


def _hapus_semua(user: User) -> None:
    """Every second-factor device of the account: the app, the backup codes and the passkeys."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    WebAuthnCredential.objects.filter(user=user).delete()


def cadangan_sisa(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _bersih(token: str) -> str:
    """What people type: spaces and dashes between digit groups do not matter."""
    return "".join((token or "").split()).replace("-", "").lower()


def _devices_for(user: User, token: str) -> list:
    """Six digits are a code of the authenticator app, anything else a backup code: each is tried
    only on its own kind, so a backup code never counts as a wrong app code (and slows it down)."""
    kind = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
    return list(kind.objects.devices_for_user(user, confirmed=True))


def faktor_kedua_verify(request, token: str) -> bool | None:
    """Check a code from the authenticator app or a backup code; on success this session counts as
    verified (django-otp's login). None while wrong codes have slowed the devices down (django-otp's
    back-off: one second after the first, doubling with each)."""
    token = _bersih(token)
    devices = _devices_for(request.user, token)
    if devices and all(not d.verify_is_allowed()[0] for d in devices):
        return None
    for device in devices:
        if device.verify_token(token):
            otp_login(request, device)
            return True
    return False


@transaction.atomic
def faktor_kedua_reset(*, actor: User, target: User) -> None:
    """Lost phone: remove every second-factor device of `target` (HR of the pemda, a superadmin for
    HR; never oneself or one's atasan chain). The person sets a new one up at the next login, and is
    told by e-mail that this happened."""
    check_reset_faktor(actor, target)
    _hapus_semua(target)
    pegawai = getattr(target, "pegawai", None)
    audit.catat("user:reset_faktor", target, actor=actor, pegawai_id=pegawai.pk if pegawai else None)
    transaction.on_commit(lambda: _beri_tahu_reset(target))


def _beri_tahu_reset(target: User) -> None:
    pesan = notifications.Pesan(
        user=target,
        subject=_("Verifikasi dua langkah akun Anda diatur ulang"),
        text=_(
            "Verifikasi dua langkah akun E-Kinerja Anda baru saja diatur ulang oleh admin kepegawaian. "
            "Saat masuk berikutnya, pasang lagi aplikasi autentikator atau passkey. Bila Anda tidak "
            "memintanya, segera hubungi BKPSDM."
        ),
    )
    notifications.kirim([pesan])


def tanpa_faktor_kedua(users):
    """Those of a User queryset with no confirmed second factor (app or passkey), in one query."""
    app = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    passkey = WebAuthnCredential.objects.filter(user=OuterRef("pk"), confirmed=True)
    return users.exclude(Exists(app)).exclude(Exists(passkey))
