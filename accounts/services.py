"""Every write to the organisation and its people (DESIGN.md §5: services for writes): units, jabatan,
pegawai and their postings. A person's account (password, activation codes) is `accounts.services_akun`;
the change history row of every write is `accounts.riwayat`."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from core.dates import today

from .choices import JenisJabatan, JenisPenempatan, JenisUnit, Role, StatusPegawai
from .models import Jabatan, Pegawai, Pemda, Penempatan, UnitKerja, User
from .permissions import BIDANG_GAJI, Tindakan, check_manage, check_no_conflict
from .riwayat import catat_riwayat
from .rules import parse_nip
from .selectors import nip_terdaftar

# The account writes live in services_akun; the pegawai pages and their tests call these here.
from .services_akun import akun_tutup
from .signals import penempatan_changed

STRUCTURAL = {JenisJabatan.JPT, JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS}


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
    catat_riwayat(actor, unit, "buat", {"nama": unit.nama})
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
        catat_riwayat(actor, unit, "ubah", diff)
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
    catat_riwayat(actor, jabatan, "buat", {"nama": jabatan.nama})
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
        catat_riwayat(actor, jabatan, "ubah", diff)
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
    if nip_terdaftar(fields["nip"]):
        raise ValidationError({"nip": _("NIP %(nip)s sudah terdaftar.") % {"nip": fields["nip"]}})
    if "tanggal_lahir" not in fields or fields["tanggal_lahir"] is None:
        fields["tanggal_lahir"] = parse_nip(fields["nip"]).tanggal_lahir
    if not fields.get("jenis_kelamin"):
        fields["jenis_kelamin"] = parse_nip(fields["nip"]).jenis_kelamin
    pegawai = Pegawai(pemda_id=jabatan.pemda_id, opd_id=jabatan.opd_id, **fields)
    _check_nip_matches(pegawai)
    pegawai.full_clean(exclude=["user"])
    user = akun_menunggu(pegawai.nip, pegawai.pemda_id)
    if user is None:  # the usual case: a new login, not activated
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
    catat_riwayat(actor, pegawai, "buat", {"nip": pegawai.nip, "nama": pegawai.nama})
    penempatan_create(
        actor=actor, pegawai=pegawai, jabatan=jabatan, jenis=jenis_penempatan, mulai=mulai, nomor_sk=nomor_sk
    )
    return pegawai


def akun_menunggu(nip: str, pemda_id: int) -> User | None:
    """An account already made under this NIP for a person who was not a pegawai yet (the first HR of
    a new pemda, accounts.services_pemda.akun_hr_buat): their pegawai record takes it, role and all."""
    return User.objects.filter(username=nip, pemda_id=pemda_id, pegawai__isnull=True).first()


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
        catat_riwayat(actor, pegawai, "ubah", diff)
    return pegawai


def pegawai_siasn_id_set(*, actor: User, pegawai: Pegawai, siasn_id: str) -> bool:
    """Record SIASN's id of the ASN (the "PNS ID" of a SIASN export; the BKN bridge's pnsDinilaiId),
    logged like any change of the pegawai's data. True when it changed."""
    check_manage(actor, pemda_id=pegawai.pemda_id, opd_id=pegawai.opd_id)
    if pegawai.siasn_id == siasn_id:
        return False
    catat_riwayat(actor, pegawai, "ubah", {"siasn_id": [pegawai.siasn_id, siasn_id]})
    Pegawai.objects.filter(pk=pegawai.pk).update(siasn_id=siasn_id)
    pegawai.siasn_id = siasn_id
    return True


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
                akhir = mulai - timedelta(days=1)
                penempatan_end(actor=actor, penempatan=old, selesai=akhir, keterangan="mutasi", akhiri_akun=False)
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
    catat_riwayat(actor, posting, "buat", {"jabatan": jabatan.nama, "jenis": jenis, "mulai": mulai.isoformat()})
    return posting


@transaction.atomic
def penempatan_end(
    *, actor: User, penempatan: Penempatan, selesai: date, keterangan: str = "", akhiri_akun: bool = True
) -> Penempatan:
    """End a posting on a date (inclusive), or earlier than planned; an ended posting is history.

    Ending a person's last posting on a day already past closes their login (`akun_tutup`); a mutasi
    (`akhiri_akun=False`, a new posting follows) does not."""
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
    catat_riwayat(actor, penempatan, "akhiri", {"selesai": selesai.isoformat(), "keterangan": note})
    if akhiri_akun and selesai < today() and not _penempatan_sesudah(penempatan.pegawai_id, selesai):
        akun_tutup(actor=actor, pegawai=penempatan.pegawai)
    return penempatan


def _penempatan_sesudah(pegawai_id: int, tanggal: date) -> bool:
    """Whether the pegawai holds (or will hold) a posting on some day after `tanggal`."""
    return Penempatan.objects.filter(Q(selesai__isnull=True) | Q(selesai__gt=tanggal), pegawai_id=pegawai_id).exists()
