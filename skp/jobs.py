"""Morning job of the SKP (the Celery task in `skp.tasks` is thin): the decider of an objection hears,
on the working day before their deadline, that it is still waiting (PP 30/2019 Pasal 59; the deadline
is `rules.KEBERATAN_PUTUS_HARI_KERJA` working days of the pemda). One query for the objections and one
for the holidays per pemda; a rerun the same day writes nothing new (the key names the objection)."""

from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from attendance.rules import is_hari_kerja
from attendance.selectors_jadwal import libur_antara
from notifikasi.choices import Jenis
from notifikasi.services import Baru, notifikasi_buat_banyak

from .choices import StatusKeberatan
from .forms import periode_label
from .models import Keberatan


def hari_kerja_sebelum(day: date, libur) -> date:
    """The working day before `day`."""
    day -= timedelta(days=1)
    while not is_hari_kerja(day, libur):
        day -= timedelta(days=1)
    return day


def keberatan_pengingat(*, today: date, pemda_id: int | None = None) -> int:
    """Remind each decider whose objection's deadline is the next working day (today is the day before);
    `pemda_id`: that pemda's objections only."""
    rows = Keberatan.objects.filter(
        status=StatusKeberatan.DIAJUKAN, batas_putus__gt=today, batas_putus__lte=today + timedelta(days=31)
    )
    if pemda_id is not None:
        rows = rows.filter(pemda_id=pemda_id)
    rows = list(rows.select_related("pegawai", "penilaian__skp").order_by("pemda_id", "pk"))
    libur: dict[int, set[date]] = {}
    for pk in {k.pemda_id for k in rows}:
        libur[pk] = libur_antara(pemda_id=pk, start=today, end=today + timedelta(days=31))
    besok = [k for k in rows if hari_kerja_sebelum(k.batas_putus, libur[k.pemda_id]) == today]
    users = {
        u.pegawai.pk: u
        for u in User.objects.filter(pegawai__pk__in=[k.pemutus_id for k in besok], is_active=True).select_related(
            "pegawai"
        )
    }
    pesan = []
    with translation.override(settings.LANGUAGE_CODE):
        for k in besok:
            if k.pemutus_id not in users:
                continue
            p = k.penilaian
            judul = _("Besok batas keputusan keberatan %(nama)s") % {"nama": k.pegawai.nama_lengkap}
            isi = _("Keberatan atas penilaian %(periode)s menunggu keputusan Anda sampai %(d)s.") % {
                "periode": periode_label(p.jenis, p.ke, p.skp.tahun),
                "d": k.batas_putus.strftime("%d-%m-%Y"),
            }
            url = reverse("skp:keberatan_detail", args=[k.pk])
            pesan.append(Baru(users[k.pemutus_id], judul, isi, url, f"keberatan:{k.pk}:pengingat"))
    return len(notifikasi_buat_banyak(jenis=Jenis.KEBERATAN, pesan=pesan))
