"""Every write to a person's account: their password, activation codes (handed over, sent or used),
ending their sessions, and their reminder preference. The organisation and its postings are
`accounts.services`."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import notifications
from core.dates import format_tanggal
from core.models import AuditLog

from . import aktivasi
from .models import KodeAktivasi, Pegawai, Penempatan, User
from .permissions import Kebijakan, buka_akun_refusal, check_manage
from .riwayat import catat_riwayat
from .selectors import user_by_nip

# --- accounts ---------------------------------------------------------------------------------


@transaction.atomic
def user_set_password(*, user: User, password: str) -> User:
    """Set a new password chosen by the user; clears the first-login obligation."""
    user.set_password(password)
    user.wajib_ganti_password = False
    user.save(update_fields=["password", "wajib_ganti_password"])
    return user


@dataclass(frozen=True)
class KodeBaru:
    """A freshly issued activation code: the plain text exists only in this object (shown once)."""

    pegawai: Pegawai
    kode: str
    berlaku_sampai: datetime
    terkirim: bool = False

    @property
    def kode_tampil(self) -> str:
        return aktivasi.kode_tampil(self.kode)


def kode_simpan(codes: dict[int, str], *, actor: User | None, berlaku_sampai: datetime) -> None:
    """Keep new codes (user id → plain code) as hashes only, voiding every earlier code of those accounts."""
    KodeAktivasi.objects.filter(user__in=list(codes), dipakai__isnull=True, dibatalkan__isnull=True).update(
        dibatalkan=timezone.now()
    )
    KodeAktivasi.objects.bulk_create(
        [
            KodeAktivasi(
                user_id=user_id,
                kode_hash=aktivasi.kode_hash(user_id, kode),
                berlaku_sampai=berlaku_sampai,
                dibuat_oleh=actor if actor and actor.pk else None,
            )
            for user_id, kode in codes.items()
        ],
        batch_size=1000,
    )


def sessions_end(user: User) -> int:
    """Log a user out everywhere: delete every session of theirs (and its cached copy).

    Changing the password hash already invalidates them at their next request (Django checks the
    session's hash of the password); deleting them also leaves no session behind to be reused.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for row in Session.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=500):
        try:
            data = row.get_decoded()
        except Exception:  # a session written with another key: not readable, not theirs to keep
            continue
        if str(data.get("_auth_user_id")) == str(user.pk):
            store(session_key=row.session_key).delete()
            ended += 1
    return ended


def berlaku_tampil(berlaku_sampai: datetime) -> str:
    """`22 November 2026 pukul 09.00` in the installation's time zone (for letters and messages)."""
    local = timezone.localtime(berlaku_sampai)
    return _("%(tanggal)s pukul %(jam)s") % {"tanggal": format_tanggal(local.date()), "jam": f"{local:%H.%M}"}


def aktivasi_url() -> str:
    return settings.SITE_URL.rstrip("/") + reverse("aktivasi")


def kode_bisa_dikirim(user: User) -> bool:
    """Whether a notification channel (e-mail, a configured gateway) has an address for this account."""
    return any(channel.reaches(user) for channel in notifications.channels())


def _kode_kirim(user: User, pegawai: Pegawai, kode: str, berlaku_sampai: datetime) -> bool:
    """Send a code through the notification channels (e-mail, gateways); whether any reached the pegawai."""
    text = _(
        "Yth. %(nama)s,\n\n"
        "Akun E-Kinerja Anda siap diaktifkan.\n\n"
        "Nama pengguna: NIP %(nip)s\n"
        "Kode aktivasi: %(kode)s\n"
        "Berlaku sampai: %(berlaku)s, dan hanya dapat dipakai sekali.\n\n"
        "Buka %(url)s, ketik NIP dan kode di atas, lalu buat kata sandi Anda sendiri.\n\n"
        "Jika Anda tidak meminta kode ini, hubungi admin kepegawaian OPD Anda."
    ) % {
        "nama": pegawai.nama_lengkap,
        "nip": pegawai.nip_tampil,
        "kode": aktivasi.kode_tampil(kode),
        "berlaku": berlaku_tampil(berlaku_sampai),
        "url": aktivasi_url(),
    }
    pesan = notifications.Pesan(user=user, subject=_("Kode aktivasi akun E-Kinerja"), text=text)
    return user.pk in notifications.kirim([pesan])


def user_reset_password(*, actor: User, pegawai: Pegawai, kirim: bool = False) -> KodeBaru:
    """Reset a password (or give a new account its first code): the account gets no usable password
    and a one-time activation code, shown once or sent to the pegawai (`kirim`), and every session of
    it ends. The access policy decides who may (accounts.permissions: never oneself, never one's own
    atasan chain, a role holder only by a higher role). The reset is logged, never the code.
    """
    check_manage(actor, pemda_id=pegawai.pemda_id, opd_id=pegawai.opd_id)
    user = pegawai.user
    if user is None:
        raise ValidationError(_("Pegawai ini belum memiliki akun."))
    alasan = Kebijakan(actor).alasan_tolak(user)
    if alasan:
        raise PermissionDenied(alasan)
    with transaction.atomic():
        sudah_aktif = not user.wajib_ganti_password
        user.set_unusable_password()
        user.wajib_ganti_password = True
        user.save(update_fields=["password", "wajib_ganti_password"])
        kode = aktivasi.kode_baru()
        berlaku_sampai = timezone.now() + aktivasi.BERLAKU
        kode_simpan({user.pk: kode}, actor=actor, berlaku_sampai=berlaku_sampai)
        catat_riwayat(
            actor,
            pegawai,
            "reset_sandi" if sudah_aktif else "kode_aktivasi",
            {"peran": actor.role, "berlaku_sampai": berlaku_sampai.isoformat(), "dikirim": kirim},
        )
    sessions_end(user)
    terkirim = kirim and _kode_kirim(user, pegawai, kode, berlaku_sampai)
    return KodeBaru(pegawai=pegawai, kode=kode, berlaku_sampai=berlaku_sampai, terkirim=terkirim)


_KODE_SALAH = _(
    "NIP atau kode aktivasi salah. Periksa lagi huruf dan angkanya; kode berlaku 7 hari dan hanya sekali "
    "pakai. Jika masih gagal, mintalah kode baru kepada admin kepegawaian OPD Anda."
)


def _user_by_login(login: str) -> User | None:
    from .backends import normalise_login

    login = normalise_login(login)
    if not login:
        return None
    user = user_by_nip(login) if login.isdigit() else None
    return user or User.objects.filter(username__iexact=login).first()


def aktivasi_pakai(*, login: str, kode: str, password: str) -> User:
    """Activate an account: a valid code for this NIP (or user name) sets the password the owner chose.

    The code is used up; a wrong one counts against the account's code, which then waits a quarter
    of an hour after a few wrong tries. Every failure says the same (no hint which NIP exists).
    """
    kode = aktivasi.kode_bersih(kode)
    user = _user_by_login(login)
    if user is None or not user.is_active:
        aktivasi.kode_hash(0, kode)  # the same work as a real check
        raise ValidationError({"kode": _KODE_SALAH}, code="kode_salah")
    now = timezone.now()
    with transaction.atomic():
        row = (
            KodeAktivasi.objects.select_for_update()
            .filter(user=user, dipakai__isnull=True, dibatalkan__isnull=True, berlaku_sampai__gt=now)
            .order_by("-dibuat")
            .first()
        )
        if row is not None and row.gagal >= aktivasi.GAGAL_MAKS and row.gagal_terakhir > now - aktivasi.JEDA_GAGAL:
            raise ValidationError(
                {
                    "kode": _(
                        "Terlalu banyak kode salah untuk akun ini. Tunggu 15 menit, lalu coba lagi dengan "
                        "teliti, atau mintalah kode baru kepada admin kepegawaian OPD Anda."
                    )
                },
                code="kode_jeda",
            )
        if row is None or not aktivasi.kode_cocok(user.pk, kode, row.kode_hash):
            salah = row
        else:
            salah = None
            try:
                validate_password(password, user)
            except ValidationError as e:  # a weak password: said on the password, the code stays valid
                raise ValidationError({"password": e.error_list}) from None
            user.set_password(password)
            user.wajib_ganti_password = False
            user.save(update_fields=["password", "wajib_ganti_password"])
            KodeAktivasi.objects.filter(pk=row.pk).update(dipakai=now)
            pegawai = getattr(user, "pegawai", None)
            if pegawai is not None:
                catat_riwayat(user, pegawai, "aktivasi")
            return user
    lama = _kode_lama(user, kode)
    if lama:  # a real code of this account, used up, replaced or expired: say which
        raise ValidationError({"kode": lama}, code="kode_tidak_berlaku")
    if salah is not None:  # outside the transaction: a wrong try counts even though the request fails
        KodeAktivasi.objects.filter(pk=salah.pk).update(gagal=F("gagal") + 1, gagal_terakhir=now)
    raise ValidationError({"kode": _KODE_SALAH}, code="kode_salah")


def _kode_lama(user: User, kode: str) -> str | None:
    """When the typed code is right but no longer valid, say why (the owner holds it: nothing leaks)."""
    for row in KodeAktivasi.objects.filter(user=user).order_by("-dibuat")[:5]:
        if not aktivasi.kode_cocok(user.pk, kode, row.kode_hash):
            continue
        if row.dipakai:
            return _("Kode ini sudah pernah dipakai. Masuklah dengan kata sandi yang Anda buat waktu itu.")
        if row.dibatalkan:
            return _("Kode ini sudah diganti dengan kode yang lebih baru. Pakailah kode yang terakhir Anda terima.")
        return _("Kode ini sudah kedaluwarsa. Mintalah kode baru kepada admin kepegawaian OPD Anda.")
    return None


def user_set_pengingat(*, user: User, terima: bool) -> User:
    """The employee decides whether they get the daily reminder digest (issue 8: they may turn it off)."""
    user.terima_pengingat = terima
    user.save(update_fields=["terima_pengingat"])
    return user


# --- the login of a person without a posting (issue 15) ---------------------------------------


def akun_tutup(*, actor: User, pegawai: Pegawai) -> bool:
    """Close the login of a person whose last posting ended: inactive, and signed out everywhere
    (the sessions end once the transaction commits). False when there was nothing to close."""
    if pegawai.user_id is None:
        return False
    if not User.objects.filter(pk=pegawai.user_id, is_active=True).update(is_active=False):
        return False
    user = User.objects.get(pk=pegawai.user_id)
    transaction.on_commit(lambda: sessions_end(user))
    catat_riwayat(actor, pegawai, "akun_nonaktif", {"akun": user.username})
    return True


@transaction.atomic
def akun_buka(*, actor: User, pegawai: Pegawai) -> User:
    """An admin opens a closed login again (a posting ended by mistake, a return); never their own
    (accounts.permissions.buka_akun_refusal)."""
    user = pegawai.user
    if user is None:
        raise ValidationError(_("Pegawai ini belum memiliki akun."))
    alasan = buka_akun_refusal(actor, user)
    if alasan:
        raise PermissionDenied(alasan)
    if not User.objects.filter(pk=user.pk, is_active=False).update(is_active=True):
        raise ValidationError(_("Akun ini sudah aktif."))
    user.is_active = True
    catat_riwayat(actor, pegawai, "akun_aktif", {"akun": user.username})
    return user


def akun_tutup_berakhir(hari_ini: date, *, pemda_id: int | None = None) -> int:
    """Nightly: close the logins of people whose last posting ended in the past week on a day set in
    advance (an end already past when it was entered closed the login at once), unless an admin has
    opened the login again since. Returns how many were closed; `pemda_id`: that pemda's people only."""
    sejak = hari_ini - timedelta(days=7)
    ended = Penempatan.objects.filter(pegawai=OuterRef("pk"), selesai__gte=sejak, selesai__lt=hari_ini)
    holding = Penempatan.objects.filter(Q(selesai__isnull=True) | Q(selesai__gte=hari_ini), pegawai=OuterRef("pk"))
    reopened = AuditLog.objects.filter(
        pegawai_id=OuterRef("pk"), aksi="pegawai:akun_aktif", waktu__date__gte=OuterRef("akhir")
    )
    candidates = (
        Pegawai.objects.filter(user__is_active=True, **({"pemda_id": pemda_id} if pemda_id is not None else {}))
        .filter(Exists(ended), ~Exists(holding))
        .annotate(akhir=Subquery(ended.order_by("-selesai").values("selesai")[:1]))
        .filter(~Exists(reopened))
        .select_related("user")
    )
    return sum(akun_tutup(actor=None, pegawai=p) for p in candidates)
