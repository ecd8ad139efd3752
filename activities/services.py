"""Every write to one's activities: entries, the verify → validate workflow, re-deriving the approvers
after a posting change, and the overdue queue records. The entry checks are `activities.checks`; the
admin writes (catalog, dispensations, outages) are `activities.services_admin`."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from accounts.selectors import pegawai_of
from core import audit, workflow

from . import pemberitahuan, rules
from .alur import WORKFLOW
from .checks import check_hari_presensi, check_open_month, check_window
from .choices import Status
from .kejanggalan import bukti_hash
from .models import Aktivitas, AktivitasLog, IzinPembantu, Tunggakan
from .selectors import katalog_tersedia

# --- entries ----------------------------------------------------------------------------------

EDIT_FIELDS = (
    "tanggal",
    "jam_mulai",
    "jam_selesai",
    "katalog",
    "volume",
    "nama_kegiatan",
    "uraian",
    "menit_diajukan",
    "bukti_file",
    "bukti_link",
    "rhk",
)


def _validate_entry(a: Aktivitas) -> None:  # noqa: C901 - one check per entry rule; split with the workflow refactor of this file (issue 14)
    errors: dict[str, list[str]] = {}

    def add(name, msg):
        errors.setdefault(name, []).append(msg)

    if a.jam_mulai and a.jam_selesai and a.jam_selesai <= a.jam_mulai:
        add("jam_selesai", _("Jam selesai harus sesudah jam mulai."))
    if a.katalog_id:
        if a.katalog_id not in {k.pk for k in katalog_tersedia(a.pegawai, a.tanggal)}:
            add("katalog", _("Kegiatan ini tidak tersedia untuk jabatan Anda pada tanggal tersebut."))
        if not a.volume or a.volume < 1:
            add("volume", _("Volume harus 1 atau lebih."))
        else:
            a.nama_kegiatan = a.katalog.nama
            a.menit_diajukan = rules.menit_katalog(a.volume, a.katalog.menit_per_satuan)
    else:
        a.volume = None
        if not (a.nama_kegiatan or "").strip():
            add("nama_kegiatan", _("Tulis nama kegiatan, atau pilih dari daftar kegiatan."))
        if not a.menit_diajukan or a.menit_diajukan < 1:
            add("menit_diajukan", _("Menit harus 1 atau lebih."))
    if not (a.uraian or "").strip():
        add("uraian", _("Tulis hasil atau output kegiatan ini."))
    if not errors and a.menit_diajukan > rules.durasi_menit(a.jam_mulai, a.jam_selesai):
        add(
            "jam_selesai",
            _("%(m)d menit tidak muat dalam %(d)d menit antara jam mulai dan jam selesai.")
            % {"m": a.menit_diajukan, "d": rules.durasi_menit(a.jam_mulai, a.jam_selesai)},
        )
    if not errors:
        others = Aktivitas.objects.filter(pegawai=a.pegawai, tanggal=a.tanggal).exclude(pk=a.pk)
        clash = (
            others.filter(jam_mulai__lt=a.jam_selesai, jam_selesai__gt=a.jam_mulai)
            .values_list("nama_kegiatan", "jam_mulai", "jam_selesai")
            .first()
        )
        if clash:
            nama, mulai, selesai = clash
            add(
                "jam_mulai",
                _("Waktunya bertabrakan dengan aktivitas lain Anda: %(k)s (%(m)s–%(s)s).")
                % {"k": nama, "m": mulai.strftime("%H.%M"), "s": selesai.strftime("%H.%M")},
            )
    if errors:
        raise ValidationError(errors)
    a.menit = a.menit_diajukan


class TersimpanBelumDiajukan(ValidationError):
    """The entry was saved as a draft, but submitting it failed (the reason is in the messages)."""

    def __init__(self, aktivitas: Aktivitas, error: ValidationError):
        super().__init__(error.messages)
        self.aktivitas = aktivitas


def _cek_izin(actor: User, izin: IzinPembantu) -> None:
    """The consent a helper acts under: the one `selectors_pembantu.izin_bantu` found for this very
    request (which checked every limit); here only that it is the actor's and still standing."""
    pegawai = pegawai_of(actor)
    if izin.pembantu.pegawai_id != pegawai.pk or izin.dicabut is not None:
        raise PermissionDenied(_("Anda tidak mendapat izin untuk mengisi aktivitas atas nama pegawai ini."))


def aktivitas_save(
    *,
    actor: User,
    aktivitas: Aktivitas | None = None,
    ajukan: bool = False,
    izin: IzinPembantu | None = None,
    **data: Any,
) -> Aktivitas:
    """Create or change one's own entry (a draft, or a returned one); optionally submit it at once.
    With `izin` a named helper enters it for the colleague who asked (issue 17): it records who typed
    it (`dicatat_oleh`) and goes on the audit trail (actor: the helper; whose record: the owner).

    What was typed is never lost: if the submission fails, the draft stays saved and
    `TersimpanBelumDiajukan` says why it was not submitted.
    """
    baru = aktivitas is None
    if izin is not None:
        _cek_izin(actor, izin)
    try:
        with transaction.atomic():
            # A new entry sent with "Simpan dan ajukan" is inserted already submitted (the same checks
            # and fields as aktivitas_move's DRAFT → SUBMITTED, without a second write).
            aktivitas = _save_entry(actor, aktivitas, data, ajukan=ajukan and baru, izin=izin)
            if izin is not None:
                kolom = ("status", "tanggal", "jam_mulai", "jam_selesai", "nama_kegiatan", "menit_diajukan")
                audit.catat("aktivitas:catat_atas_nama", aktivitas, actor=actor, sesudah=audit.nilai(aktivitas, kolom))
    except IntegrityError as e:
        # full_clean leaves the CHECK constraints to the database (see _save_entry)
        error = _constraint_error(e)
        if error is None:
            raise
        raise error from e
    if ajukan and baru:
        if aktivitas.status != Status.SUBMITTED:
            raise TersimpanBelumDiajukan(aktivitas, ValidationError(_(rules.TANPA_ATASAN)))
    elif ajukan:
        try:
            # the month, the window and the presensi day were checked by _save_entry just now
            aktivitas_move(actor=actor, aktivitas=aktivitas, to=Status.SUBMITTED, izin=izin, _dicek=True)
        except ValidationError as e:
            raise TersimpanBelumDiajukan(aktivitas, e) from e
    return aktivitas


# The entry's CHECK constraints (Aktivitas.Meta), as the form would have said it.
_CONSTRAINT_MESSAGES = {
    "aktivitas_jam_order": ("jam_selesai", gettext_noop("Jam selesai harus sesudah jam mulai.")),
    "aktivitas_menit_positive": ("menit_diajukan", gettext_noop("Menit harus 1 atau lebih.")),
    "aktivitas_volume": ("volume", gettext_noop("Volume harus 1 atau lebih.")),
}


def _constraint_error(e: IntegrityError) -> ValidationError | None:
    """An entry the database refused because of one of its CHECK constraints, as a ValidationError
    (None for any other refusal)."""
    name = getattr(getattr(e.__cause__, "diag", None), "constraint_name", None) or ""
    if name not in _CONSTRAINT_MESSAGES:
        name = next((n for n in _CONSTRAINT_MESSAGES if n in str(e)), "")
    if not name:
        return None
    field_name, message = _CONSTRAINT_MESSAGES[name]
    return ValidationError({field_name: _(message)})


def _save_entry(
    actor: User, aktivitas: Aktivitas | None, data: dict[str, Any], *, ajukan: bool = False, izin=None
) -> Aktivitas:
    """Check and save one's own entry (or, with `izin`, the colleague's, typed by their helper); with
    `ajukan` (a new entry only) save it submitted to the verifier and validator of its date when there
    is one, else as a draft."""
    pegawai = izin.pegawai if izin is not None else pegawai_of(actor)
    if aktivitas is None:
        aktivitas = Aktivitas(pegawai=pegawai, pemda_id=pegawai.pemda_id, status=Status.DRAFT)
    elif aktivitas.pegawai_id != pegawai.pk:
        raise PermissionDenied(_("Hanya pemilik yang dapat mengubah aktivitas ini."))
    elif izin is not None and aktivitas.dicatat_oleh_id != actor.pk:
        raise PermissionDenied(_("Sebagai pembantu, Anda hanya dapat mengubah aktivitas yang Anda catat sendiri."))
    elif aktivitas.status not in rules.EDITABLE:
        raise ValidationError(_("Aktivitas yang sudah diajukan tidak dapat diubah; minta atasan mengembalikannya."))
    else:
        check_open_month(pegawai.pemda_id, aktivitas.tanggal)
    for name in EDIT_FIELDS:
        if name in data:
            setattr(aktivitas, name, data[name])
    if "bukti_file" in data:
        # the file's content, for the evidence-reuse flag (issue 18); "" when the file is removed
        aktivitas.bukti_sha256 = bukti_hash(data["bukti_file"]) if data["bukti_file"] else ""
    # who typed it last: the helper, or (the owner changing it) nobody else
    aktivitas.dicatat_oleh = actor if izin is not None else None
    check_open_month(pegawai.pemda_id, aktivitas.tanggal)
    check_window(pegawai, aktivitas.tanggal)
    check_hari_presensi(pegawai, aktivitas.tanggal)
    _validate_entry(aktivitas)
    # The CHECK constraints are not validated by query here: _validate_entry says the same in words
    # and the database enforces them on save (aktivitas_save translates a refusal). Nor is the catalog
    # item's existence: _validate_entry has just found it among those the pegawai may pick.
    exclude = ["pegawai", "pemda", "verifikator", "validator", *(["katalog"] if aktivitas.katalog_id else [])]
    aktivitas.full_clean(exclude=exclude, validate_constraints=False)
    langkah = None
    if ajukan:
        try:
            # the DRAFT → SUBMITTED move of the engine, inserted at once (the checks above are its own)
            langkah = WORKFLOW.prepare(aktivitas, Status.SUBMITTED, actor=actor, dicek=True, izin=izin)
        except ValidationError:
            langkah = None  # nobody to verify yet: saved as a draft, and aktivitas_save says why
    if langkah is not None:
        WORKFLOW.apply(langkah)
    else:
        aktivitas.save()
    return aktivitas


@transaction.atomic
def aktivitas_delete(*, actor: User, aktivitas: Aktivitas) -> None:
    """The owner removes a draft or a returned entry; sent entries stay (they are in someone's queue).
    An entry with a history (a move in its log, an overdue record) is only marked deleted, its log and
    the supervisor's overdue record kept; a draft never sent is deleted. Either way it is audited."""
    if aktivitas.pegawai_id != pegawai_of(actor).pk:
        raise PermissionDenied(_("Hanya pemilik yang dapat menghapus aktivitas ini."))
    check_open_month(aktivitas.pemda_id, aktivitas.tanggal)
    row = Aktivitas.objects.select_for_update().filter(pk=aktivitas.pk, status__in=rules.EDITABLE).first()
    if row is None:
        raise ValidationError(_("Aktivitas yang sudah diajukan tidak dapat dihapus."))
    sebelum = audit.nilai(row, ("status", "tanggal", "jam_mulai", "jam_selesai", "nama_kegiatan", "menit"))
    waktu = timezone.now()
    audit.catat("aktivitas:hapus", row, actor=actor, sebelum=sebelum, sesudah={"dihapus": waktu})
    if AktivitasLog.objects.filter(aktivitas=row).exists() or Tunggakan.objects.filter(aktivitas=row).exists():
        Aktivitas.objects.filter(pk=row.pk).update(dihapus=waktu, dihapus_oleh=actor)
        aktivitas.dihapus, aktivitas.dihapus_oleh = waktu, actor
    else:
        row.delete()


# --- the workflow (declared in rules.TRANSITIONS, run by activities.alur.WORKFLOW) ---------------


def aktivitas_move(
    *,
    actor: User,
    aktivitas: Aktivitas,
    to: str,
    catatan: str = "",
    menit: int | None = None,
    memo: dict | None = None,
    kembali: list | None = None,
    izin: IzinPembantu | None = None,
    _dicek: bool = False,
) -> Aktivitas:
    """Every move of an entry, through the one engine (core.workflow, rules.TRANSITIONS): the actor's
    role on the entry's date, the table, the lock, then a conditional UPDATE; if someone else moved it
    first, nothing is overwritten.

    `menit`: a verifier's adjustment; `memo` shares the approval chains across a bulk move; `kembali`
    collects the returns of a bulk move, whose owners are told once at its end (else at once);
    `izin`: a helper's consent (selectors_pembantu.izin_bantu) to submit for the owner, audited;
    `_dicek`: aktivitas_save has just checked the month lock and the input window of this entry."""
    if izin is None:
        return workflow.move(
            aktivitas, to, actor=actor, note=catatan, menit=menit, memo=memo, kembali=kembali, dicek=_dicek
        )
    _cek_izin(actor, izin)
    with transaction.atomic():
        dari = aktivitas.status
        hasil = workflow.move(aktivitas, to, actor=actor, note=catatan, memo=memo, dicek=_dicek, izin=izin)
        audit.catat("aktivitas:ajukan_atas_nama", hasil, actor=actor, sebelum={"status": dari}, sesudah={"status": to})
    return hasil


def aktivitas_submit(*, actor: User, aktivitas: Aktivitas) -> Aktivitas:
    return aktivitas_move(actor=actor, aktivitas=aktivitas, to=Status.SUBMITTED)


def aktivitas_verify(*, actor: User, aktivitas: Aktivitas, catatan: str = "", menit: int | None = None) -> Aktivitas:
    return aktivitas_move(actor=actor, aktivitas=aktivitas, to=Status.VERIFIED, catatan=catatan, menit=menit)


def aktivitas_validate(*, actor: User, aktivitas: Aktivitas, catatan: str = "") -> Aktivitas:
    return aktivitas_move(actor=actor, aktivitas=aktivitas, to=Status.VALIDATED, catatan=catatan)


def aktivitas_return(*, actor: User, aktivitas: Aktivitas, catatan: str) -> Aktivitas:
    return aktivitas_move(actor=actor, aktivitas=aktivitas, to=Status.RETURNED, catatan=catatan)


def aktivitas_unverify(*, actor: User, aktivitas: Aktivitas, catatan: str = "") -> Aktivitas:
    """The verifier takes a verification back (also a final one at the top of the tree)."""
    return aktivitas_move(actor=actor, aktivitas=aktivitas, to=Status.SUBMITTED, catatan=catatan)


def aktivitas_tarik(*, actor: User, aktivitas: Aktivitas) -> Aktivitas:
    """The owner takes back an entry a helper submitted for them, before the atasan acts (issue 17)."""
    return aktivitas_move(actor=actor, aktivitas=aktivitas, to=Status.DRAFT)


def aktivitas_unvalidate(*, actor: User, aktivitas: Aktivitas, catatan: str = "") -> Aktivitas:
    return aktivitas_move(actor=actor, aktivitas=aktivitas, to=Status.VERIFIED, catatan=catatan)


@dataclass
class HasilMassal:
    berhasil: int = 0
    gagal: list[tuple[Aktivitas, str]] = field(default_factory=list)


def aktivitas_bulk(
    *, actor: User, aktivitas: list[Aktivitas], to: str, catatan: str = "", izin: IzinPembantu | None = None
) -> HasilMassal:
    """One move for many entries; each succeeds or fails on its own, and each failure says why.

    One transaction (each move its own savepoint): the owners of the returned entries are told in it,
    one message per owner for the batch. `izin`: a helper submitting for the owner."""
    hasil = HasilMassal()
    memo: dict = {}
    kembali: list[workflow.Move] = []
    # no savepoint of its own: each move has one, and a failure that escapes them rolls all back
    with transaction.atomic(savepoint=False):
        for a in aktivitas:
            try:
                aktivitas_move(actor=actor, aktivitas=a, to=to, catatan=catatan, memo=memo, kembali=kembali, izin=izin)
                hasil.berhasil += 1
            except (ValidationError, PermissionDenied) as exc:
                messages = exc.messages if isinstance(exc, ValidationError) else [str(exc.args[0] if exc.args else exc)]
                hasil.gagal.append((a, " ".join(messages)))
        pemberitahuan.kembali_beritahu(kembali)
    return hasil


@transaction.atomic
def aktivitas_copy_day(*, actor: User, dari: date, ke: date) -> int:
    """ "Salin kemarin": copy one's entries of a day as drafts onto another day; clashing times are skipped."""
    pegawai = pegawai_of(actor)
    check_open_month(pegawai.pemda_id, ke)
    check_window(pegawai, ke)
    copied = 0
    for src in Aktivitas.objects.filter(pegawai=pegawai, tanggal=dari).order_by("jam_mulai"):
        clash = Aktivitas.objects.filter(
            pegawai=pegawai, tanggal=ke, jam_mulai__lt=src.jam_selesai, jam_selesai__gt=src.jam_mulai
        ).exists()
        if clash:
            continue
        Aktivitas.objects.create(
            pemda_id=pegawai.pemda_id,
            pegawai=pegawai,
            tanggal=ke,
            jam_mulai=src.jam_mulai,
            jam_selesai=src.jam_selesai,
            katalog=src.katalog,
            volume=src.volume,
            nama_kegiatan=src.nama_kegiatan,
            uraian=src.uraian,
            menit_diajukan=src.menit_diajukan,
            menit=src.menit_diajukan,
            bukti_link=src.bukti_link,
            disalin_dari=src,  # a copy left unchanged is flagged (issue 18, activities.kejanggalan)
        )
        copied += 1
    return copied
