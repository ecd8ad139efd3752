"""The notifications the SKP writes (issue 17): a plan approved or returned by its penilai reaches its
owner; a new feedback message (the continuous thread, or the umpan balik of a period's evaluation,
as a whole or per RHK) reaches the person it is about, and the owner's reply in the thread reaches the penilai.
Each is written in the action's transaction."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.models import User
from core.workflow import Move
from notifikasi.choices import Jenis
from notifikasi.services import isi_keputusan, notifikasi_buat

from .choices import Peran, Status
from .forms import periode_label
from .models import Komentar, Penilaian, Rhk, Skp


def _user_of(pegawai_id: int | None) -> User | None:
    if pegawai_id is None:
        return None
    return User.objects.filter(pegawai__pk=pegawai_id, is_active=True).first()


def _nama(user: User) -> str:
    pegawai = getattr(user, "pegawai", None)
    return pegawai.nama_lengkap if pegawai is not None else user.get_username()


def skp_diputus(m: Move) -> None:
    """The penilai approved or returned the plan: its owner hears it, with the note of a return."""
    if m.role != Peran.PENILAI or m.to not in (Status.DISETUJUI, Status.DIKEMBALIKAN):
        return
    skp: Skp = m.obj
    user = _user_of(skp.pegawai_id)
    if user is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        if m.to == Status.DISETUJUI:
            judul = _("SKP %(tahun)s Anda disetujui") % {"tahun": skp.tahun}
        else:
            judul = _("SKP %(tahun)s Anda dikembalikan untuk diperbaiki") % {"tahun": skp.tahun}
        isi = isi_keputusan(_nama(m.actor), m.note)
    notifikasi_buat(
        users=[user],
        jenis=Jenis.SKP_DIPUTUS,
        judul=judul,
        isi=isi,
        url=reverse("skp:detail", args=[skp.pk]),
        kunci=f"skp:{skp.pk}:{m.to}:{m.now:%Y%m%d%H%M%S%f}",  # a plan may be returned again after a revision
    )


def komentar_baru(k: Komentar, actor: User) -> None:
    """A message in the feedback thread reaches the other side: the owner, or (for the owner's own
    message) the SKP's penilai."""
    skp = k.skp
    kepada = skp.penilai_id if k.penulis_id == skp.pegawai_id else skp.pegawai_id
    if kepada is None or kepada == k.penulis_id:
        return
    user = _user_of(kepada)
    if user is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        judul = _("Umpan balik baru pada SKP %(tahun)s dari %(oleh)s") % {"tahun": skp.tahun, "oleh": _nama(actor)}
    notifikasi_buat(
        users=[user],
        jenis=Jenis.UMPAN_BALIK,
        judul=judul,
        isi=Truncator(k.isi).chars(500),
        url=f"{reverse('skp:detail', args=[skp.pk])}#umpan-balik",
        kunci=f"skp-komentar:{k.pk}",
    )


def umpan_balik_penilaian(
    p: Penilaian, actor: User, sebelum: dict, rhk: dict[int, tuple[str, str]] | None = None
) -> None:
    """The rater wrote or changed the umpan balik of a period's evaluation, as a whole (`sebelum`: the
    evaluation's values before the save) or on some of its RHK (`rhk`: RHK id → its umpan balik before
    and after): the owner hears it, in one message per save however many RHK it touched."""
    baru = {"umpan_balik": p.umpan_balik, "umpan_balik_perilaku": p.umpan_balik_perilaku}
    umum = any(baru.values()) and any(sebelum.get(f) != v for f, v in baru.items())
    per_rhk = {pk: teks for pk, (lama, teks) in (rhk or {}).items() if teks and teks != lama}
    if not umum and not per_rhk:
        return
    skp = p.skp
    user = _user_of(skp.pegawai_id)
    if user is None:
        return
    bagian = []
    if umum:
        bagian.append(p.umpan_balik or "\n".join(v for v in p.umpan_balik_perilaku.values() if v))
    if per_rhk:
        uraian = dict(Rhk.objects.filter(pk__in=per_rhk).values_list("pk", "uraian"))
        bagian += [f"{Truncator(uraian.get(pk, '')).chars(80)}: {teks}" for pk, teks in sorted(per_rhk.items())]
    with translation.override(settings.LANGUAGE_CODE):
        label = periode_label(p.jenis, p.ke, skp.tahun)
        judul = _("Umpan balik penilaian %(periode)s dari %(oleh)s") % {"periode": label, "oleh": _nama(actor)}
    notifikasi_buat(
        users=[user],
        jenis=Jenis.UMPAN_BALIK,
        judul=judul,
        isi=Truncator("\n".join(bagian)).chars(500),
        url=reverse("skp:periode", args=[skp.pk, f"{p.jenis}-{p.ke}"]),
        kunci=f"penilaian:{p.pk}:umpan-balik:{p.dinilai_pada:%Y%m%d%H%M%S%f}",
    )


def keberatan_bergerak(m: Move) -> None:
    """An objection filed reaches the decider (the atasan of the pejabat penilai) and the penilai; a
    decision reaches the pegawai (PP 30/2019 Pasal 59)."""
    from .choices import StatusKeberatan

    k = m.obj
    url = reverse("skp:keberatan_detail", args=[k.pk])
    with translation.override(settings.LANGUAGE_CODE):
        p = k.penilaian
        label = periode_label(p.jenis, p.ke, p.skp.tahun)
        if m.to == StatusKeberatan.DIAJUKAN:
            users = [u for u in (_user_of(k.pemutus_id), _user_of(k.penilai_id)) if u is not None]
            judul = _("Keberatan atas penilaian %(periode)s dari %(nama)s") % {
                "periode": label,
                "nama": k.pegawai.nama_lengkap,
            }
            isi = _("Putuskan paling lambat %(d)s.") % {"d": k.batas_putus.strftime("%d-%m-%Y")}
        else:
            users = [u for u in (_user_of(k.pegawai_id),) if u is not None]
            judul = _("Keberatan Anda atas penilaian %(periode)s sudah diputus: %(s)s") % {
                "periode": label,
                "s": StatusKeberatan(m.to).label,
            }
            isi = isi_keputusan(_nama(m.actor), m.note)
    notifikasi_buat(users=users, jenis=Jenis.KEBERATAN, judul=judul, isi=isi, url=url, kunci=f"keberatan:{k.pk}:{m.to}")
