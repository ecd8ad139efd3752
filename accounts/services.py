"""Every write to the organisation and its people (DESIGN.md §5: services for writes)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import notifications
from core.dates import format_tanggal

from . import aktivasi
from .choices import JenisJabatan, JenisPenempatan, JenisUnit, Role, StatusPegawai
from .models import Jabatan, KodeAktivasi, Pegawai, Pemda, Penempatan, RiwayatPerubahan, UnitKerja, User
from .permissions import BIDANG_GAJI, Kebijakan, Tindakan, check_manage, check_no_conflict
from .rules import parse_nip
from .signals import penempatan_changed

STRUCTURAL = {JenisJabatan.JPT, JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS}


def _log(actor: User | None, obj, aksi: str, perubahan: dict[str, Any] | None = None) -> None:
    RiwayatPerubahan.objects.create(
        pemda_id=obj.pemda_id,
        model=obj._meta.model_name,
        object_id=obj.pk,
        aksi=aksi,
        perubahan=perubahan or {},
        oleh=actor if actor and actor.pk else None,
    )


def _changes(obj, fields: dict[str, Any]) -> dict[str, list[str]]:
    diff = {}
    for name, value in fields.items():
        old = getattr(obj, name)
        if old != value:
            diff[name] = [str(old), str(value)]
            setattr(obj, name, value)
    return diff


# --- units ------------------------------------------------------------------------------------


@transaction.atomic
def unit_create(
    *,
    actor: User,
    pemda: Pemda,
    nama: str,
    jenis: str,
    parent: UnitKerja | None = None,
    singkatan: str = "",
    kode: str = "",
) -> UnitKerja:
    """Create a unit; an OPD (no parent) only by HR pemda or superadmin."""
    check_manage(actor, pemda_id=pemda.pk, opd_id=parent.opd_id if parent else None)
    unit = UnitKerja(pemda=pemda, parent=parent, nama=nama.strip(), jenis=jenis, singkatan=singkatan, kode=kode)
    if parent is None and jenis != JenisUnit.PERANGKAT_DAERAH:
        raise ValidationError({"parent": _("Unit selain Perangkat Daerah wajib memiliki unit induk.")})
    unit.opd = parent.opd if parent else None
    unit.full_clean(exclude=["opd"])
    unit.save()
    if parent is None:
        unit.opd = unit
        unit.save(update_fields=["opd"])
    _log(actor, unit, "buat", {"nama": unit.nama})
    return unit


@transaction.atomic
def unit_update(*, actor: User, unit: UnitKerja, **fields: Any) -> UnitKerja:
    """Rename a unit or move it within its OPD (its jabatan and people stay in that OPD)."""
    check_manage(actor, pemda_id=unit.pemda_id, opd_id=unit.opd_id)
    if "parent" in fields:
        parent = fields["parent"]
        if unit.is_opd and parent is not None:
            raise ValidationError({"parent": _("Perangkat Daerah (OPD) tidak memiliki unit induk.")})
        if not unit.is_opd and (parent is None or parent.opd_id != unit.opd_id):
            raise ValidationError(
                {"parent": _("Unit hanya dapat dipindah di dalam OPD yang sama. Untuk pindah OPD, buat unit baru.")}
            )
    diff = _changes(unit, fields)
    unit.full_clean(exclude=["opd"])
    unit.save()
    if diff:
        _log(actor, unit, "ubah", diff)
    return unit


# --- jabatan ----------------------------------------------------------------------------------


@transaction.atomic
def jabatan_create(
    *,
    actor: User,
    unit: UnitKerja,
    nama: str,
    jenis: str,
    kelas: int,
    eselon: str = "",
    parent: Jabatan | None = None,
) -> Jabatan:
    """Create a position in a unit; its atasan is the holder of `parent` (DESIGN.md §2)."""
    check_manage(actor, pemda_id=unit.pemda_id, opd_id=unit.opd_id)
    jabatan = Jabatan(
        pemda_id=unit.pemda_id,
        unit=unit,
        opd_id=unit.opd_id,
        parent=parent,
        nama=nama.strip(),
        jenis=jenis,
        kelas=kelas,
        eselon=eselon or "",
    )
    jabatan.full_clean()
    jabatan.save()
    _log(actor, jabatan, "buat", {"nama": jabatan.nama})
    return jabatan


@transaction.atomic
def jabatan_update(*, actor: User, jabatan: Jabatan, **fields: Any) -> Jabatan:
    """Change a position. Changing its parent changes who approves from today on, not the past."""
    check_manage(actor, pemda_id=jabatan.pemda_id, opd_id=jabatan.opd_id)
    if "unit" in fields:
        unit = fields["unit"]
        check_manage(actor, pemda_id=unit.pemda_id, opd_id=unit.opd_id)
        fields["opd_id"] = unit.opd_id
    diff = _changes(jabatan, fields)
    jabatan.full_clean()
    jabatan.save()
    if diff:
        _log(actor, jabatan, "ubah", diff)
    return jabatan


# --- pegawai ----------------------------------------------------------------------------------


def _check_nip_matches(pegawai: Pegawai) -> None:
    info = parse_nip(pegawai.nip)
    pegawai.nip = info.nip
    errors = {}
    if info.jenis == "PPPK" and pegawai.status != StatusPegawai.PPPK:
        errors["status"] = _("NIP ini berformat NI PPPK, tetapi status yang dipilih %(s)s.") % {
            "s": pegawai.get_status_display()
        }
    if info.jenis == "PNS" and pegawai.status == StatusPegawai.PPPK:
        errors["status"] = _("NIP ini berformat NIP PNS, tetapi status yang dipilih PPPK.")
    if pegawai.tanggal_lahir and pegawai.tanggal_lahir != info.tanggal_lahir:
        errors["tanggal_lahir"] = _("Tanggal lahir tidak sama dengan yang tertulis di NIP (%(t)s).") % {
            "t": info.tanggal_lahir.strftime("%d-%m-%Y")
        }
    if pegawai.jenis_kelamin and pegawai.jenis_kelamin != info.jenis_kelamin:
        errors["jenis_kelamin"] = _("Jenis kelamin tidak sama dengan yang tertulis di NIP.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def pegawai_create(
    *,
    actor: User,
    jabatan: Jabatan,
    mulai: date,
    jenis_penempatan: str = JenisPenempatan.DEFINITIF,
    nomor_sk: str = "",
    password: str | None = None,
    **fields: Any,
) -> Pegawai:
    """Register a pegawai with their first posting and a login (username = NIP).

    Without a password the account is not activated: nobody can log into it until its owner types a
    one-time activation code (`user_reset_password` issues one) and chooses a password. The NIP,
    printed on every SK, is never a password (DESIGN.md §4).
    """
    check_manage(actor, pemda_id=jabatan.pemda_id, opd_id=jabatan.opd_id)
    try:
        fields["nip"] = parse_nip(fields.get("nip", "")).nip
    except ValidationError as e:
        raise ValidationError({"nip": e.messages}) from None
    if Pegawai.objects.filter(nip=fields["nip"]).exists():
        raise ValidationError({"nip": _("NIP %(nip)s sudah terdaftar.") % {"nip": fields["nip"]}})
    if "tanggal_lahir" not in fields or fields["tanggal_lahir"] is None:
        fields["tanggal_lahir"] = parse_nip(fields["nip"]).tanggal_lahir
    if not fields.get("jenis_kelamin"):
        fields["jenis_kelamin"] = parse_nip(fields["nip"]).jenis_kelamin
    pegawai = Pegawai(pemda_id=jabatan.pemda_id, opd_id=jabatan.opd_id, **fields)
    _check_nip_matches(pegawai)
    pegawai.full_clean(exclude=["user"])
    user = User(username=pegawai.nip, pemda_id=pegawai.pemda_id, email=pegawai.email, role=Role.PEGAWAI)
    user.first_name = pegawai.nama[:150]
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.wajib_ganti_password = not password
    user.save()
    pegawai.user = user
    pegawai.save()
    _log(actor, pegawai, "buat", {"nip": pegawai.nip, "nama": pegawai.nama})
    penempatan_create(
        actor=actor, pegawai=pegawai, jabatan=jabatan, jenis=jenis_penempatan, mulai=mulai, nomor_sk=nomor_sk
    )
    return pegawai


@transaction.atomic
def pegawai_update(*, actor: User, pegawai: Pegawai, **fields: Any) -> Pegawai:
    """Change a pegawai's data; every change is logged with its old and new value. Golongan,
    kedudukan hukum and gaji dasar (what TPP is computed from) are never one's own to change, nor
    one's atasan chain's (accounts.permissions, separation of duties)."""
    check_manage(actor, pemda_id=pegawai.pemda_id, opd_id=pegawai.opd_id)
    if any(name in fields and fields[name] != getattr(pegawai, name) for name in BIDANG_GAJI):
        check_no_conflict(actor, pegawai, Tindakan.GAJI)
    fields.pop("nip", None)  # the NIP identifies the person; a wrong one is fixed by HR in admin
    diff = _changes(pegawai, fields)
    _check_nip_matches(pegawai)
    pegawai.full_clean(exclude=["user"])
    pegawai.save()
    if pegawai.user_id and "email" in diff:
        User.objects.filter(pk=pegawai.user_id).update(email=pegawai.email)
    if diff:
        _log(actor, pegawai, "ubah", diff)
    return pegawai


# --- penempatan -------------------------------------------------------------------------------


def _overlaps(qs, mulai: date, selesai: date | None):
    qs = qs.filter(Q(selesai__isnull=True) | Q(selesai__gte=mulai))
    if selesai is not None:
        qs = qs.filter(mulai__lte=selesai)
    return qs


def _refresh_opd(pegawai: Pegawai) -> None:
    """Keep Pegawai.opd on the OPD of the latest definitive posting (or the latest of any)."""
    rows = list(Penempatan.objects.filter(pegawai=pegawai).select_related("jabatan"))
    definitif = [p for p in rows if p.jenis == JenisPenempatan.DEFINITIF]
    chosen = max(definitif or rows, key=lambda p: (p.mulai, p.pk), default=None)
    opd_id = chosen.jabatan.opd_id if chosen else None
    if pegawai.opd_id != opd_id:
        pegawai.opd_id = opd_id
        Pegawai.objects.filter(pk=pegawai.pk).update(opd_id=opd_id)


def _announce(posting: Penempatan, since: date) -> None:
    """After commit, tell listeners (activities) that who approves whom may have changed from `since`."""
    pegawai = posting.pegawai
    opd_ids = sorted({posting.jabatan.opd_id, *([pegawai.opd_id] if pegawai.opd_id else [])})
    transaction.on_commit(
        lambda: penempatan_changed.send(
            sender=Penempatan, pemda_id=posting.pemda_id, pegawai_ids=[pegawai.pk], opd_ids=opd_ids, since=since
        )
    )


@transaction.atomic
def penempatan_create(
    *,
    actor: User,
    pegawai: Pegawai,
    jabatan: Jabatan,
    mulai: date,
    jenis: str = JenisPenempatan.DEFINITIF,
    selesai: date | None = None,
    nomor_sk: str = "",
    keterangan: str = "",
) -> Penempatan:
    """Post a pegawai to a jabatan from a date (mutasi, promosi, Plt/Plh).

    A new definitive posting ends the open one the day before (the history stays); a structural
    post has one definitive holder at a time, and one Plt and one Plh at most. Nobody posts
    themselves (accounts.permissions, separation of duties).
    """
    check_manage(actor, pemda_id=jabatan.pemda_id, opd_id=jabatan.opd_id)
    check_no_conflict(actor, pegawai, Tindakan.PENEMPATAN)
    if pegawai.pemda_id != jabatan.pemda_id:
        raise ValidationError({"jabatan": _("Jabatan harus dari pemda yang sama dengan pegawai.")})
    if not jabatan.aktif:
        raise ValidationError({"jabatan": _("Jabatan ini sudah tidak aktif.")})
    if selesai is not None and selesai < mulai:
        raise ValidationError({"selesai": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    Pegawai.objects.select_for_update().filter(pk=pegawai.pk).first()  # serialise postings per person

    own = Penempatan.objects.filter(pegawai=pegawai)
    if _overlaps(own.filter(jabatan=jabatan), mulai, selesai).exists():
        raise ValidationError({"jabatan": _("Pegawai ini sudah ditempatkan pada jabatan ini di tanggal tersebut.")})
    if jenis == JenisPenempatan.DEFINITIF:
        clash = _overlaps(own.filter(jenis=JenisPenempatan.DEFINITIF), mulai, selesai)
        for old in clash:
            if old.mulai < mulai and old.selesai is None:
                # mutasi: the old posting ends the day before the new one starts
                penempatan_end(actor=actor, penempatan=old, selesai=mulai - timedelta(days=1), keterangan="mutasi")
            else:
                raise ValidationError(
                    {
                        "mulai": _("Pegawai ini sudah memiliki jabatan definitif %(j)s mulai %(m)s.")
                        % {"j": old.jabatan.nama, "m": old.mulai.strftime("%d-%m-%Y")}
                    }
                )
    if jabatan.jenis in STRUCTURAL:
        holders = _overlaps(Penempatan.objects.filter(jabatan=jabatan, jenis=jenis), mulai, selesai).exclude(
            pegawai=pegawai
        )
        taken = holders.select_related("pegawai").first()
        if taken is not None:
            raise ValidationError(
                {
                    "jabatan": _("Jabatan %(j)s sudah diisi (%(jenis)s) oleh %(p)s mulai %(m)s.")
                    % {
                        "j": jabatan.nama,
                        "jenis": taken.get_jenis_display(),
                        "p": taken.pegawai.nama,
                        "m": taken.mulai.strftime("%d-%m-%Y"),
                    }
                }
            )
    posting = Penempatan(
        pemda_id=jabatan.pemda_id,
        pegawai=pegawai,
        jabatan=jabatan,
        jenis=jenis,
        mulai=mulai,
        selesai=selesai,
        nomor_sk=nomor_sk,
        keterangan=keterangan,
        dibuat_oleh=actor if actor.pk else None,
    )
    posting.full_clean(exclude=["dibuat_oleh"])
    posting.save()
    _refresh_opd(pegawai)
    _announce(posting, mulai)
    _log(actor, posting, "buat", {"jabatan": jabatan.nama, "jenis": jenis, "mulai": mulai.isoformat()})
    return posting


@transaction.atomic
def penempatan_end(*, actor: User, penempatan: Penempatan, selesai: date, keterangan: str = "") -> Penempatan:
    """End a posting on a date (inclusive), or earlier than planned; an ended posting is history."""
    check_manage(actor, pemda_id=penempatan.pemda_id, opd_id=penempatan.jabatan.opd_id)
    check_no_conflict(actor, penempatan.pegawai, Tindakan.PENEMPATAN)
    if selesai < penempatan.mulai:
        raise ValidationError(
            {
                "selesai": _("Tanggal selesai tidak boleh sebelum tanggal mulai (%(m)s).")
                % {"m": penempatan.mulai.strftime("%d-%m-%Y")}
            }
        )
    note = keterangan or penempatan.keterangan
    # An open posting, or one planned to end later (a Plh ended early), may be ended; a past end
    # is history and stays as it is.
    updated = (
        Penempatan.objects.filter(pk=penempatan.pk)
        .filter(Q(selesai__isnull=True) | Q(selesai__gt=selesai))
        .update(selesai=selesai, keterangan=note)
    )
    if updated != 1:
        raise ValidationError(_("Penempatan ini sudah diakhiri sebelumnya."))
    penempatan.selesai = selesai
    penempatan.keterangan = note
    _refresh_opd(penempatan.pegawai)
    _announce(penempatan, selesai + timedelta(days=1))
    _log(actor, penempatan, "akhiri", {"selesai": selesai.isoformat(), "keterangan": note})
    return penempatan


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
        _log(
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
    user = User.objects.filter(pegawai__nip=login).first() if login.isdigit() else None
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
                _log(user, pegawai, "aktivasi")
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
