"""The notifications an activity's workflow writes (issue 17): an entry returned with a note reaches
its owner in their notification list (and, once the transaction commits, their channel).

One message per owner per action: a supervisor who returns five entries of one person at once sends
that person one message listing the five. A fixed number of queries per action, whatever its size.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Pegawai
from core.workflow import Move
from notifikasi.choices import Jenis
from notifikasi.services import Baru, notifikasi_buat_banyak

from .choices import Peran


def url_hari(tanggal) -> str:
    """The owner's day (`Hari ini` on that date), where a returned entry is fixed and sent again."""
    return f"{reverse('aktivitas:hari_ini')}?{urlencode({'tanggal': tanggal.isoformat()})}"


def _oleh(m: Move) -> str:
    """Who returned it: the verifier or validator the move checked (no query)."""
    who = m.ctx.atasan if m.role == Peran.ATASAN else m.ctx.atasan2
    return who.nama_lengkap if who is not None else ""


def kembali_beritahu(moves: list[Move]) -> list[int]:
    """Each owner of an entry returned by these moves gets one notification naming each entry's date,
    activity and note. Two queries for the owners' accounts and the check of earlier ones, two writes.

    The key names the action (the owner's first returned entry and the moment it was returned): a
    repeat of the same action writes nothing, a later return of the same entry is a new message."""
    if not moves:
        return []
    per_owner: dict[int, list[Move]] = {}
    for m in moves:
        per_owner.setdefault(m.obj.pegawai_id, []).append(m)
    owners = Pegawai.objects.filter(pk__in=list(per_owner), user__isnull=False, user__is_active=True)
    users = {p.pk: p.user for p in owners.select_related("user")}
    pesan = []
    with translation.override(settings.LANGUAGE_CODE):
        for pegawai_id, ms in per_owner.items():
            if pegawai_id not in users:
                continue
            ms.sort(key=lambda m: (m.obj.tanggal, m.obj.jam_mulai, m.obj.pk))
            pesan.append(_pesan(users[pegawai_id], ms))
    return notifikasi_buat_banyak(jenis=Jenis.AKTIVITAS_DIKEMBALIKAN, pesan=pesan)


def _pesan(user, ms: list[Move]) -> Baru:
    first = ms[0]
    tanggal = [date_format(d, "j F Y") for d in dict.fromkeys(m.obj.tanggal for m in ms)]
    if len(ms) == 1:
        judul = _("Aktivitas %(tanggal)s dikembalikan: %(nama)s") % {
            "tanggal": tanggal[0],
            "nama": first.obj.nama_kegiatan,
        }
    else:
        judul = ngettext(
            "%(n)d aktivitas dikembalikan (%(tanggal)s)", "%(n)d aktivitas dikembalikan (%(tanggal)s)", len(ms)
        ) % {"n": len(ms), "tanggal": ", ".join(tanggal)}
    baris = [
        _("%(tanggal)s, %(jam)s %(nama)s — catatan %(oleh)s: %(catatan)s")
        % {
            "tanggal": date_format(m.obj.tanggal, "j F Y"),
            "jam": m.obj.jam_mulai.strftime("%H.%M"),
            "nama": m.obj.nama_kegiatan,
            "oleh": _oleh(m),
            "catatan": m.note,
        }
        for m in ms
    ]
    isi = "\n".join([*baris, _("Perbaiki lalu ajukan kembali sebelum batas pengisiannya.")])
    return Baru(
        user=user,
        judul=judul,
        isi=isi,
        url=url_hari(first.obj.tanggal),
        kunci=f"aktivitas-kembali:{first.obj.pk}:{first.now:%Y%m%d%H%M%S%f}",
    )
