"""Every write to SKP's plan: the plan and its cascading RHK, the workflow, evidence and feedback
(DESIGN.md §3 and §5); the evaluation writes are in `skp.services_penilaian`. Messages are
Indonesian; tests assert them."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Pegawai, User
from accounts.selectors import atasan_of, pegawai_of, penempatan_utama_of
from core import workflow

from . import pemberitahuan, rules, selectors
from .choices import Aspek, JenisPeriode, Peran, Status
from .models import (
    DataDukung,
    Indikator,
    Komentar,
    RencanaAksi,
    Rhk,
    Skp,
    SkpLog,
)

# --- helpers ----------------------------------------------------------------------------------


def _check_not_locked(skp: Skp) -> None:
    """An approved SKP of a closed year is part of the record: nothing in it changes."""
    if skp.status == Status.DISETUJUI and selectors.tahun_tertutup(pemda_id=skp.pemda_id, tahun=skp.tahun):
        raise ValidationError(_("Tahun %(t)s sudah ditutup; SKP yang disetujui tidak dapat diubah.") % {"t": skp.tahun})


def _require_owner_editable(actor: User, skp: Skp) -> None:
    if skp.pegawai_id != pegawai_of(actor).pk:
        raise PermissionDenied(_("Hanya pegawai pemilik SKP yang dapat mengubahnya."))
    if skp.status not in rules.EDITABLE:
        raise ValidationError(
            _("SKP berstatus %(s)s tidak dapat diubah. Minta pejabat penilai mengembalikannya bila perlu direvisi.")
            % {"s": Status(skp.status).label}
        )


def _require_pimpinan(actor: User, skp: Skp) -> Pegawai:
    """The stored penilai, or the atasan langsung in force today within the SKP's dates (a new
    holder of the post, a Plt or a Plh): both lead the pegawai now (PermenPANRB 6/2022)."""
    pegawai = pegawai_of(actor)
    if not selectors.memimpin(pegawai, skp):
        raise PermissionDenied(_("Hanya pejabat penilai atau atasan langsung pegawai ini yang dapat melakukannya."))
    return pegawai


# --- the plan ---------------------------------------------------------------------------------


@transaction.atomic
def skp_create(*, actor: User, tahun: int, pendekatan: str, jenjang: str = "", mulai: date | None = None) -> Skp:
    """Start one's SKP for a year, or for the rest of it after a posting change (PermenPANRB 6/2022).

    The period runs from `mulai` (default: 1 January, or the start of the current posting if later)
    to 31 December; an earlier SKP of the same year that is still open ends the day before. The
    jabatan and the pejabat penilai are those on `mulai`, derived from the jabatan tree.
    """
    pegawai = pegawai_of(actor)
    awal, akhir = date(tahun, 1, 1), date(tahun, 12, 31)
    if mulai is None:
        utama = penempatan_utama_of(pegawai, min(max(timezone.localdate(), awal), akhir))
        mulai = max(awal, utama.mulai) if utama is not None else awal
    if not awal <= mulai <= akhir:
        raise ValidationError({"mulai": _("Tanggal mulai harus di dalam tahun %(t)s.") % {"t": tahun}})
    utama = penempatan_utama_of(pegawai, mulai)
    if utama is None:
        raise ValidationError(
            _("Anda belum mempunyai jabatan pada %(d)s. Hubungi admin kepegawaian OPD Anda.")
            % {"d": mulai.strftime("%d-%m-%Y")}
        )
    earlier = Skp.objects.filter(pegawai=pegawai, tahun=tahun, selesai__gte=mulai).order_by("mulai")
    for other in earlier:
        if other.mulai >= mulai:
            raise ValidationError(
                _("Sudah ada SKP tahun %(t)s yang mulai %(d)s. SKP baru harus mulai sesudahnya.")
                % {"t": tahun, "d": other.mulai.strftime("%d-%m-%Y")}
            )
        _check_not_locked(other)
        other.selesai = mulai.fromordinal(mulai.toordinal() - 1)
        other.save(update_fields=["selesai", "diubah"])
    skp = Skp(
        pemda_id=pegawai.pemda_id,
        pegawai=pegawai,
        tahun=tahun,
        mulai=mulai,
        selesai=akhir,
        jabatan=utama.jabatan,
        penilai=atasan_of(pegawai, mulai),
        pendekatan=pendekatan,
        jenjang=jenjang,
    )
    skp.full_clean()
    skp.save()
    return skp


@transaction.atomic
def skp_lampiran_save(
    *,
    actor: User,
    skp: Skp,
    pendekatan: str,
    jenjang: str,
    dukungan_sumber_daya: str,
    skema_pertanggungjawaban: str,
    konsekuensi: str,
) -> Skp:
    """The pegawai fills the SKP header and lampiran (PermenPANRB 6/2022) while the plan is theirs."""
    _require_owner_editable(actor, skp)
    skp.pendekatan, skp.jenjang = pendekatan, jenjang
    skp.dukungan_sumber_daya = dukungan_sumber_daya.strip()
    skp.skema_pertanggungjawaban = skema_pertanggungjawaban.strip()
    skp.konsekuensi = konsekuensi.strip()
    skp.full_clean()
    skp.save()
    return skp


@transaction.atomic
def skp_ekspektasi_save(*, actor: User, skp: Skp, ekspektasi: dict[str, str]) -> Skp:
    """The leader states the ekspektasi khusus pimpinan per BerAKHLAK aspect (SE MenPANRB 20/2021):
    the pejabat penilai, or the atasan in force now."""
    _require_pimpinan(actor, skp)
    _check_not_locked(skp)
    skp.ekspektasi_khusus = rules.ekspektasi_valid(ekspektasi)
    skp.save(update_fields=["ekspektasi_khusus", "diubah"])
    return skp


def _check_induk(skp: Skp, induk: Rhk | None) -> None:
    """Cascading (matriks peran hasil): the RHK must support a real RHK of the current penilai's SKP."""
    if induk is None:
        return
    if not selectors.rhk_induk_choices(skp).filter(pk=induk.pk).exists():
        raise ValidationError(
            {"induk": _("RHK atasan yang dipilih bukan RHK dari SKP pejabat penilai Anda pada periode ini.")}
        )


@transaction.atomic
def rhk_save(
    *,
    actor: User,
    skp: Skp,
    rhk: Rhk | None = None,
    uraian: str,
    induk: Rhk | None = None,
    perspektif: str = "",
    indikator: list[dict[str, Any]],
) -> Rhk:
    """Add or change an RHK with its indicators (IKI) and targets; it cascades from the penilai's RHK."""
    _require_owner_editable(actor, skp)
    if rhk is not None and rhk.skp_id != skp.pk:
        raise PermissionDenied(_("RHK ini bukan bagian dari SKP tersebut."))
    if not (uraian or "").strip():
        raise ValidationError({"uraian": _("Tulis rencana hasil kerja.")})
    _check_induk(skp, induk)
    rows = [i for i in indikator if (i.get("uraian") or "").strip()]
    if not rows:
        raise ValidationError({"indikator": _("Tulis sedikitnya satu indikator kinerja individu beserta targetnya.")})
    for i in rows:
        if i.get("target") is not None and i["target"] < 0:
            raise ValidationError({"indikator": _("Target tidak boleh negatif.")})
    if skp.pendekatan == "KUANTITATIF" and not any(
        i.get("aspek", Aspek.KUANTITAS) == Aspek.KUANTITAS and i.get("target") for i in rows
    ):
        raise ValidationError(
            {"indikator": _("SKP kuantitatif memerlukan indikator kuantitas dengan target angka, misalnya 12 laporan.")}
        )
    if rhk is None:
        rhk = Rhk(pemda_id=skp.pemda_id, skp=skp, urutan=skp.rhk.count() + 1)
    rhk.uraian, rhk.induk, rhk.perspektif = uraian.strip(), induk, perspektif
    rhk.full_clean()
    rhk.save()
    rhk.indikator.all().delete()
    for i in rows:
        ind = Indikator(
            rhk=rhk,
            aspek=i.get("aspek") or Aspek.KUANTITAS,
            uraian=i["uraian"].strip(),
            target=i.get("target"),
            satuan=(i.get("satuan") or "").strip(),
        )
        ind.full_clean()
        ind.save()
    return rhk


@transaction.atomic
def rhk_delete(*, actor: User, rhk: Rhk) -> None:
    """Remove an RHK of a plan still being drafted; one that others cascade from stays."""
    _require_owner_editable(actor, rhk.skp)
    if rhk.turunan.exists():
        raise ValidationError(_("RHK ini sudah diturunkan oleh bawahan Anda; ubah isinya saja, jangan dihapus."))
    rhk.delete()


@transaction.atomic
def rencana_aksi_add(*, actor: User, rhk: Rhk, bulan: int, uraian: str, target: str = "") -> RencanaAksi:
    """A rencana aksi for a month of the SKP period under an RHK."""
    _require_owner_editable(actor, rhk.skp)
    skp = rhk.skp
    if not skp.mulai.month <= bulan <= skp.selesai.month:
        raise ValidationError({"bulan": _("Bulan harus di dalam periode SKP.")})
    aksi = RencanaAksi(rhk=rhk, bulan=bulan, uraian=(uraian or "").strip(), target=(target or "").strip())
    aksi.full_clean()
    aksi.save()
    return aksi


@transaction.atomic
def rencana_aksi_delete(*, actor: User, aksi: RencanaAksi) -> None:
    _require_owner_editable(actor, aksi.rhk.skp)
    aksi.delete()


# --- the workflow -----------------------------------------------------------------------------


class KonteksSkp(workflow.Context):
    """What the SKP workflow's rules ask of the database, for one move."""

    _penilai: Pegawai | None = None
    _penilai_dicari = False

    def has_role(self, role: str) -> bool:
        """The owner submits; the penilai stored on the SKP decides."""
        m = self.move
        me = pegawai_of(m.actor)
        return (m.obj.pegawai_id if role == Peran.PEGAWAI else m.obj.penilai_id) == me.pk

    def penilai(self) -> Pegawai | None:
        if not self._penilai_dicari:
            skp = self.move.obj
            self._penilai, self._penilai_dicari = atasan_of(skp.pegawai, skp.mulai), True
        return self._penilai

    def rhk(self) -> list[Rhk]:
        return list(Rhk.objects.filter(skp=self.move.obj))

    def check_not_locked(self) -> None:
        _check_not_locked(self.move.obj)


WORKFLOW = workflow.Workflow(
    model=Skp,
    transitions=rules.TRANSITIONS,
    guards=rules.GUARDS,
    effects=rules.EFFECTS,
    after=(pemberitahuan.skp_diputus,),  # the owner hears the penilai's decision (issue 17)
    log_model=SkpLog,
    log_fk="skp",
    context=KonteksSkp,
    role_messages=rules.ROLE_MESSAGES,
    not_in_table=rules.NOT_IN_TABLE,
    stale=rules.STALE,
    note_message=rules.NOTE_MESSAGE,
    refresh=True,
)


def skp_move(*, actor: User, skp: Skp, to: str, catatan: str = "") -> Skp:
    """Every move of an SKP, through the one engine (core.workflow, rules.TRANSITIONS): the table, the
    actor's role on the SKP's dates, the closed-year lock, then a conditional UPDATE and a log row."""
    return workflow.move(skp, to, actor=actor, note=catatan)


def skp_submit(*, actor: User, skp: Skp) -> Skp:
    return skp_move(actor=actor, skp=skp, to=Status.DIAJUKAN)


def skp_approve(*, actor: User, skp: Skp) -> Skp:
    return skp_move(actor=actor, skp=skp, to=Status.DISETUJUI)


def skp_return(*, actor: User, skp: Skp, catatan: str) -> Skp:
    return skp_move(actor=actor, skp=skp, to=Status.DIKEMBALIKAN, catatan=catatan)


# --- doing: evidence and feedback ---------------------------------------------------------------


def check_periode(skp: Skp, jenis: str, ke: int) -> tuple[date, date]:
    start, end = rules.periode_range(skp.tahun, jenis, ke)
    allowed = {selectors.periodik_jenis(skp.pemda_id), JenisPeriode.TAHUNAN}
    if jenis not in allowed or rules.overlap((skp.mulai, skp.selesai), (start, end)) is None:
        raise ValidationError(_("Periode ini tidak termasuk periode penilaian SKP tersebut."))
    return start, end


@transaction.atomic
def data_dukung_add(
    *,
    actor: User,
    skp: Skp,
    jenis: str,
    ke: int,
    keterangan: str,
    tautan: str = "",
    berkas=None,
    rhk: Rhk | None = None,
) -> DataDukung:
    """The pegawai adds the periodic evidence (data dukung): a link or a file checked by the form."""
    if skp.pegawai_id != pegawai_of(actor).pk:
        raise PermissionDenied(_("Hanya pegawai pemilik SKP yang dapat menambah data dukung."))
    if skp.status != Status.DISETUJUI:
        raise ValidationError(_("Data dukung ditambahkan setelah SKP disetujui."))
    check_periode(skp, jenis, ke)
    if selectors.periode_terkunci(pemda_id=skp.pemda_id, tahun=skp.tahun, jenis=jenis, ke=ke):
        raise ValidationError(_("Periode ini sudah ditutup."))
    if rhk is not None and rhk.skp_id != skp.pk:
        raise ValidationError({"rhk": _("RHK ini bukan bagian dari SKP tersebut.")})
    if not (tautan or berkas):
        raise ValidationError({"tautan": _("Isi tautan atau pilih berkas.")})
    if not (keterangan or "").strip():
        raise ValidationError({"keterangan": _("Tulis keterangan singkat, misalnya: Laporan triwulan III.")})
    d = DataDukung(
        skp=skp, rhk=rhk, jenis=jenis, ke=ke, keterangan=keterangan.strip(), tautan=tautan or "", berkas=berkas or ""
    )
    d.full_clean()
    d.save()
    return d


@transaction.atomic
def komentar_add(*, actor: User, skp: Skp, isi: str) -> Komentar:
    """Continuous feedback (umpan balik berkelanjutan, PermenPANRB 6/2022): the pegawai, the penilai
    and the atasan in force now."""
    pegawai = pegawai_of(actor)
    if pegawai.pk != skp.pegawai_id:
        try:
            _require_pimpinan(actor, skp)
        except PermissionDenied:
            raise PermissionDenied(_("Hanya pegawai dan pejabat penilainya yang dapat menulis di sini.")) from None
    if not (isi or "").strip():
        raise ValidationError({"isi": _("Tulis pesan Anda.")})
    k = Komentar(skp=skp, penulis=pegawai, isi=isi.strip())
    k.full_clean()
    k.save()
    pemberitahuan.komentar_baru(k, actor)
    return k
