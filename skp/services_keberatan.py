"""The objection to a rating (PP 30/2019 Pasal 59), through the one workflow engine (core.workflow,
`rules.KEBERATAN_TRANSITIONS`): the pegawai files it within 14 days of the rating; the atasan of the
pejabat penilai keeps or changes the rating, with a reason; the decision is final. A change goes to
the rating through `services_penilaian` (the one place that sets the predikat), to TPP through the
`predikat_berubah` signal, and every move is on the audit trail."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Pegawai, User
from accounts.selectors import atasan_of, pegawai_of
from attendance.rules import tambah_hari_kerja
from attendance.selectors_jadwal import libur_antara
from core import workflow

from . import pemberitahuan, rules, selectors, services_penilaian
from .choices import PeranKeberatan, StatusKeberatan
from .models import Keberatan, KeberatanLog, Penilaian
from .signals import predikat_berubah


def batas_putus(pemda_id: int, diajukan: date) -> date:
    """The decider's last day: `KEBERATAN_PUTUS_HARI_KERJA` working days of the pemda after filing."""
    n = rules.KEBERATAN_PUTUS_HARI_KERJA
    libur = libur_antara(pemda_id=pemda_id, start=diajukan, end=date.fromordinal(diajukan.toordinal() + 3 * n + 31))
    return tambah_hari_kerja(diajukan, n, libur)


def batas_ajukan_of(p: Penilaian) -> date | None:
    """The last day to object to a given rating; None while it is not given."""
    if not p.predikat or p.dinilai_pada is None:
        return None
    return rules.keberatan_batas_ajukan(timezone.localtime(p.dinilai_pada).date())


def bulan_predikat(p: Penilaian) -> list[int]:
    """The months whose monthly predikat (TPP) this rating is: a periodic rating of the pemda's rhythm."""
    if p.jenis != selectors.periodik_jenis(p.pemda_id):
        return []
    start, end = rules.periode_range(p.skp.tahun, p.jenis, p.ke)
    return list(range(start.month, end.month + 1))


class KonteksKeberatan(workflow.Context):
    """What the objection workflow's rules ask of the database, for one move."""

    _pemutus: Pegawai | None = None
    _dicari = False

    def has_role(self, role: str) -> bool:
        """The rated pegawai files; the stored atasan of the penilai decides, never the pegawai or penilai."""
        k, me = self.move.obj, getattr(self.move.actor, "pegawai", None)
        if me is None:
            return False
        if role == PeranKeberatan.PEGAWAI:
            return k.pegawai_id == me.pk
        return k.pemutus_id == me.pk and me.pk not in (k.pegawai_id, k.penilai_id)

    def pemutus(self) -> Pegawai | None:
        """The atasan of the pejabat penilai on the filing day, from the jabatan tree."""
        if not self._dicari:
            k = self.move.obj
            penilai = k.penilaian.penilai
            self._pemutus = atasan_of(penilai, timezone.localdate()) if penilai is not None else None
            self._dicari = True
        return self._pemutus

    def batas_putus(self) -> date:
        return batas_putus(self.move.obj.pemda_id, timezone.localtime(self.move.now).date())

    def check_penilaian(self) -> None:
        p = self.move.obj.penilaian
        if not p.predikat:
            raise ValidationError(_("Penilaian periode ini belum diberikan; belum ada yang dapat diajukan keberatan."))
        if Keberatan.objects.filter(penilaian=p).exists():
            raise ValidationError(_("Keberatan atas penilaian ini sudah diajukan."))

    def terapkan(self) -> None:
        """A change: the rating follows, then TPP (receivers of `predikat_berubah`), recorded on the objection."""
        m, k = self.move, self.move.obj
        p = services_penilaian.penilaian_keberatan_terapkan(actor=m.actor, keberatan=k)
        kalimat: list[str] = []
        bulan = bulan_predikat(p)
        if bulan and p.predikat != k.predikat_semula:
            for _receiver, jawaban in predikat_berubah.send(
                sender=Keberatan, pemda_id=k.pemda_id, pegawai_id=k.pegawai_id, tahun=p.skp.tahun, bulan=bulan,
                actor=m.actor,
            ):  # fmt: skip
                kalimat += jawaban or []
        k.dampak_tpp = "\n".join(kalimat)
        Keberatan.objects.filter(pk=k.pk).update(dampak_tpp=k.dampak_tpp)


def _setelah(m: workflow.Move) -> None:
    if m.to == StatusKeberatan.DIUBAH:
        m.ctx.terapkan()
    pemberitahuan.keberatan_bergerak(m)


WORKFLOW = workflow.Workflow(
    model=Keberatan,
    transitions=rules.KEBERATAN_TRANSITIONS,
    effects=rules.KEBERATAN_EFFECTS,
    after=(_setelah,),
    log_model=KeberatanLog,
    log_fk="keberatan",
    context=KonteksKeberatan,
    role_messages=rules.KEBERATAN_ROLE_MESSAGES,
    not_in_table=rules.keberatan_ditolak,
    stale=rules.KEBERATAN_STALE,
    note_message=rules.KEBERATAN_NOTE,
    audit=True,  # "keberatan:ajukan|pertahankan|ubah" on the audit trail, with the reasons
)


@transaction.atomic
def keberatan_ajukan(*, actor: User, penilaian: Penilaian, alasan: str) -> Keberatan:
    """The pegawai objects to a given rating, with reasons, within 14 days (PP 30/2019 Pasal 59 ayat (1))."""
    p = Penilaian.objects.select_for_update(of=("self",)).select_related("skp", "penilai").get(pk=penilaian.pk)
    if p.skp.pegawai_id != pegawai_of(actor).pk:
        raise PermissionDenied(_(rules.KEBERATAN_ROLE_MESSAGES[PeranKeberatan.PEGAWAI]))
    batas = batas_ajukan_of(p)
    if batas is None:
        raise ValidationError(_("Penilaian periode ini belum diberikan; belum ada yang dapat diajukan keberatan."))
    k = Keberatan(
        pemda_id=p.pemda_id,
        penilaian=p,
        pegawai_id=p.skp.pegawai_id,
        penilai_id=p.penilai_id,
        status="",
        hasil_kerja_semula=p.hasil_kerja,
        perilaku_kerja_semula=p.perilaku_kerja,
        predikat_semula=p.predikat,
        batas_ajukan=batas,
        batas_putus=batas,  # set by the move
    )
    if len((alasan or "").strip()) > 2000:
        raise ValidationError({"alasan": _("Alasan paling panjang 2000 huruf.")})
    return WORKFLOW.move(k, StatusKeberatan.DIAJUKAN, actor=actor, note=alasan)


def keberatan_pertahankan(*, actor: User, keberatan: Keberatan, alasan: str) -> Keberatan:
    """The decider keeps the rating, with a reason (Pasal 59 ayat (4)); final."""
    return WORKFLOW.move(keberatan, StatusKeberatan.DIPERTAHANKAN, actor=actor, note=alasan)


def keberatan_ubah(
    *, actor: User, keberatan: Keberatan, alasan: str, hasil_kerja: str, perilaku_kerja: str
) -> Keberatan:
    """The decider changes the rating, with a reason; the predikat follows the matrix; final."""
    return WORKFLOW.move(
        keberatan, StatusKeberatan.DIUBAH, actor=actor, note=alasan, hasil_kerja=hasil_kerja,
        perilaku_kerja=perilaku_kerja,
    )  # fmt: skip


def keberatan_putus(*, actor: User, keberatan: Keberatan, putusan: str, alasan: str, **rating) -> Keberatan:
    """The decide form: "pertahankan" or "ubah"."""
    if putusan == "ubah":
        return keberatan_ubah(actor=actor, keberatan=keberatan, alasan=alasan, **rating)
    if putusan == "pertahankan":
        return keberatan_pertahankan(actor=actor, keberatan=keberatan, alasan=alasan)
    raise ValidationError({"putusan": _("Pilih: pertahankan atau ubah penilaian.")})
