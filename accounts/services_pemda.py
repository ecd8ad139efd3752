"""Onboarding a pemda without the Django admin (issue 16): a superadmin creates a pemda and its first
HR account (with a one-time activation code); HR gives and takes the admin OPD and HR roles.

Roles are the one `User.role` field (accounts.models): giving admin OPD sets the role and the OPD it
manages, taking a role sets the account back to pegawai. Every change is on the audit trail.
Nobody gives or takes a role on their own account, a superadmin is never made or unmade here, and a
pemda never loses its last HR: another HR is given the role first (by HR, or by a superadmin, who
can also create an HR account for a person who is not a pegawai yet).
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit

from . import aktivasi
from .choices import Role
from .models import Pegawai, Pemda, UnitKerja, User
from .permissions import is_hr_of
from .rules import parse_nip
from .selectors import nip_terdaftar
from .services_akun import kode_simpan, sessions_end

PEMDA_FIELDS = ("nama", "jenis", "kode", "zona_waktu", "batas_diam_menit")
PERAN_DIBERIKAN = (Role.ADMIN_OPD, Role.HR_PEMDA)  # what the roles page gives; never superadmin


def _superadmin(actor: User) -> None:
    if not actor.is_superadmin:
        raise PermissionDenied(_("Hanya superadmin yang dapat membuat dan mengubah pemda."))


# --- pemda ----------------------------------------------------------------------------------------


@transaction.atomic
def pemda_buat(*, actor: User, nama: str, jenis: str, kode: str, zona_waktu: str, **fields) -> Pemda:
    """A new pemda (superadmin). The apps that keep per-pemda defaults seed them from the pemda's
    post_save (attendance's compulsory gatherings), in this transaction: a failure rolls it back."""
    _superadmin(actor)
    pemda = Pemda(nama=nama.strip(), jenis=jenis, kode=kode.strip().upper(), zona_waktu=zona_waktu, **fields)
    pemda.full_clean()
    pemda.save()
    audit.catat("pemda:buat", pemda, actor=actor, pemda_id=pemda.pk, sesudah=audit.nilai(pemda, PEMDA_FIELDS))
    return pemda


@transaction.atomic
def pemda_ubah(*, actor: User, pemda: Pemda, **fields) -> Pemda:
    """Change a pemda's name, time zone or idle limit (superadmin); the code and kind stay."""
    _superadmin(actor)
    sebelum = audit.nilai(pemda, PEMDA_FIELDS)
    for name in ("nama", "zona_waktu", "batas_diam_menit"):
        if name in fields:
            setattr(pemda, name, fields[name].strip() if name == "nama" else fields[name])
    pemda.full_clean()
    pemda.save()
    lama, baru = audit.beda(sebelum, audit.nilai(pemda, PEMDA_FIELDS))
    if baru:
        audit.catat("pemda:ubah", pemda, actor=actor, pemda_id=pemda.pk, sebelum=lama, sesudah=baru)
    return pemda


# --- an HR account for a person who is not a pegawai (yet) -----------------------------------------


@dataclass(frozen=True)
class KodeAkun:
    """A new account's activation code: the plain text exists only in this object (shown once)."""

    user: User
    kode: str
    berlaku_sampai: datetime

    @property
    def kode_tampil(self) -> str:
        return aktivasi.kode_tampil(self.kode)


@transaction.atomic
def akun_hr_buat(
    *, actor: User, pemda: Pemda, nama: str, nip: str = "", username: str = "", email: str = ""
) -> KodeAkun:
    """An HR account of a pemda for a named person (superadmin): the first HR of a new pemda, whose
    organisation is not imported yet. It opens only with the one-time code returned here (shown once,
    on the letter to print); at activation its owner chooses the password, then sets up the second
    factor (accounts.faktor_kedua, required for every role holder). With a NIP the login is the NIP,
    and the pegawai registered later with that NIP takes this account (accounts.services.pegawai_create)."""
    _superadmin(actor)
    if nip:
        try:
            nip = parse_nip(nip).nip
        except ValidationError as e:
            raise ValidationError({"nip": e.messages}) from None
        if nip_terdaftar(nip):
            raise ValidationError(
                {"nip": _("NIP ini sudah terdaftar sebagai pegawai. Berikan peran HR lewat halaman Peran pengguna.")}
            )
        username = nip
    username = (username or "").strip().lower()
    if not username:
        raise ValidationError({"username": _("Isi NIP atau nama pengguna.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"nip" if nip else "username": _("Nama pengguna ini sudah dipakai akun lain.")})
    user = User(username=username, pemda=pemda, role=Role.HR_PEMDA, email=email, first_name=nama.strip()[:150])
    user.set_unusable_password()
    user.wajib_ganti_password = True
    user.full_clean(exclude=["password"])
    user.save()
    kode = aktivasi.kode_baru()
    berlaku_sampai = timezone.now() + aktivasi.BERLAKU
    kode_simpan({user.pk: kode}, actor=actor, berlaku_sampai=berlaku_sampai)
    audit.catat(
        "user:akun_hr",
        user,
        actor=actor,
        sesudah={"username": username, "nama": user.first_name, "role": user.role, "berlaku_sampai": berlaku_sampai},
    )
    return KodeAkun(user=user, kode=kode, berlaku_sampai=berlaku_sampai)


# --- roles ----------------------------------------------------------------------------------------


def hr_aktif(pemda_id: int):
    """The active HR accounts of a pemda."""
    return User.objects.filter(pemda_id=pemda_id, role=Role.HR_PEMDA, is_active=True)


def _periksa(actor: User, user: User) -> None:
    """Who may change this account's role: HR of its pemda or a superadmin, never on their own
    account, never a superadmin's."""
    if not is_hr_of(actor, user.pemda_id):
        raise PermissionDenied(_("Peran hanya dapat diatur oleh HR/BKPSDM pemda ini atau superadmin."))
    if actor.pk == user.pk:
        raise PermissionDenied(
            _("Peran akun Anda sendiri tidak dapat Anda ubah. Mintalah kepada HR lain atau superadmin.")
        )
    if user.is_superadmin:
        raise PermissionDenied(_("Peran superadmin tidak diatur di halaman ini."))


def _jangan_hr_terakhir(user: User, role_baru: str) -> None:
    """A pemda keeps at least one HR: the HR rows are locked first, so two HR taking the role from
    each other at the same moment cannot both succeed."""
    if not user.is_hr_pemda or role_baru == Role.HR_PEMDA:
        return
    hr = list(hr_aktif(user.pemda_id).select_for_update().order_by("pk").values_list("pk", flat=True))
    if not [pk for pk in hr if pk != user.pk]:
        raise ValidationError(
            _("%(nama)s adalah HR terakhir pemda ini. Berikan dulu peran HR kepada orang lain.")
            % {"nama": nama_akun(user)},
            code="hr_terakhir",
        )


def nama_akun(user: User) -> str:
    pegawai = getattr(user, "pegawai", None)
    return pegawai.nama_lengkap if pegawai is not None else (user.get_full_name() or user.username)


def _ubah_peran(actor: User, user: User, role: str, opd: UnitKerja | None, aksi: str) -> User:
    sebelum = {"role": user.role, "opd": user.opd_id, "is_active": user.is_active}
    user.role, user.opd = role, opd
    if role == Role.PEGAWAI and getattr(user, "pegawai", None) is None:
        user.is_active = False  # an account made only for the role: nothing left to sign in to
    user.save(update_fields=["role", "opd", "is_active"])
    pegawai = getattr(user, "pegawai", None)
    audit.catat(
        aksi,
        user,
        actor=actor,
        pemda_id=user.pemda_id,
        pegawai_id=pegawai.pk if pegawai else None,
        objek_repr=f"{nama_akun(user)} ({user.username})",
        sebelum=sebelum,
        sesudah={"role": user.role, "opd": user.opd_id, "is_active": user.is_active},
    )
    # signed in afresh: a new role holder sets up the second factor and gets the idle limit
    transaction.on_commit(lambda: sessions_end(user))
    return user


@transaction.atomic
def peran_beri(*, actor: User, pegawai: Pegawai, role: str, opd: UnitKerja | None = None) -> User:
    """Give a pegawai the admin OPD role (for an OPD of their pemda) or the HR pemda role."""
    user = pegawai.user
    if user is None:
        raise ValidationError({"pegawai": _("Pegawai ini belum memiliki akun.")})
    user = User.objects.select_for_update(of=("self",)).select_related("pegawai").get(pk=user.pk)
    _periksa(actor, user)
    if role not in PERAN_DIBERIKAN:
        raise ValidationError({"role": _("Peran ini tidak dapat diberikan di halaman ini.")})
    if role == Role.ADMIN_OPD:
        if opd is None:
            raise ValidationError({"opd": _("Pilih OPD yang dikelola admin ini.")})
        if opd.pemda_id != pegawai.pemda_id or opd.parent_id is not None:
            raise ValidationError({"opd": _("Pilih OPD dari pemda pegawai ini.")})
    else:
        opd = None
    if user.role == role and user.opd_id == (opd.pk if opd else None):
        raise ValidationError(_("%(nama)s sudah memegang peran ini.") % {"nama": pegawai.nama_lengkap})
    _jangan_hr_terakhir(user, role)
    return _ubah_peran(actor, user, role, opd, "user:peran_beri")


@transaction.atomic
def peran_cabut(*, actor: User, user: User) -> User:
    """Take the admin OPD or HR role away: the account is a pegawai's again (an HR account with no
    pegawai behind it is closed). Never the last HR of a pemda."""
    user = User.objects.select_for_update(of=("self",)).select_related("pegawai").get(pk=user.pk)
    _periksa(actor, user)
    if user.role not in PERAN_DIBERIKAN:
        raise ValidationError(_("Akun ini tidak memegang peran admin."))
    _jangan_hr_terakhir(user, Role.PEGAWAI)
    return _ubah_peran(actor, user, Role.PEGAWAI, None, "user:peran_cabut")
