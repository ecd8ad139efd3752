from django.core.management import call_command

from accounts.models import User
from activities.choices import Status
from activities.models import Aktivitas, KegiatanKatalog
from activities.selectors import antrean_validasi, antrean_verifikasi, katalog_for
from core.dates import today


def test_the_demo_has_filled_days_and_waiting_queues(db):
    call_command("seed_demo", verbosity=0)
    pegawai = User.objects.get(username="pegawai").pegawai
    atasan = User.objects.get(username="atasan").pegawai
    atasan2 = User.objects.get(username="atasan2").pegawai
    assert antrean_verifikasi(atasan).filter(pegawai=pegawai).count() == 5
    assert antrean_validasi(atasan2).filter(pegawai=pegawai).count() == 10
    assert Aktivitas.objects.filter(pegawai=pegawai, status=Status.VALIDATED).count() == 10
    assert Aktivitas.objects.filter(pegawai=pegawai, tanggal=today(), status=Status.DRAFT).count() == 2
    assert katalog_for(pegawai, today()).count() == KegiatanKatalog.objects.count() == 6
    # issue 17: the pegawai persona is the unit's helper; one colleague asked, and their entries waiting
    # for the atasan are the ones the pegawai typed, which the gate lets the pegawai open
    from activities.selectors_pembantu import izin_bantu, rekan_dibantu

    (rekan,) = rekan_dibantu(pegawai)
    assert rekan.alasan is None
    typed = Aktivitas.objects.filter(dicatat_oleh=pegawai.user)
    assert typed.count() == 5 and set(typed.values_list("status", flat=True)) == {Status.SUBMITTED}
    assert set(typed.values_list("pegawai_id", flat=True)) == {rekan.izin.pegawai_id}
    assert set(typed.values_list("verifikator_id", flat=True)) == {atasan.pk}
    assert izin_bantu(pegawai.user, rekan.izin.pegawai_id) == rekan.izin


def test_the_demo_shows_the_planted_anomaly_and_the_overdue_day(db):
    """Issue 18: one colleague repeats one archive text every day (flagged on each of the five days);
    the seeded late arrivals make the entries before them "outside the attendance hours" (more than
    15 minutes before the check-in, recomputed here from the stored days); nothing else is flagged;
    and another colleague's day waits past the three working days."""
    from datetime import date, datetime, timedelta

    from activities.demo import SALIN_TERUS
    from activities.models import Kejanggalan
    from activities.tunggakan import menunggu_dari
    from attendance.models import HariPresensi
    from attendance.selectors import hari_tercatat_pemda

    def hadir_pemda() -> int:
        return User.objects.get(username="pegawai").pegawai.pemda_id

    call_command("seed_demo", verbosity=0)
    teks = Kejanggalan.objects.filter(jenis="TEKS_BERULANG")
    assert set(teks.values_list("aktivitas__uraian", flat=True)) == {SALIN_TERUS}
    assert teks.count() == 5 and teks.values("pegawai_id").distinct().count() == 1
    hadir = {(h.pegawai_id, h.tanggal): h for h in HariPresensi.objects.filter(jam_masuk__isnull=False)}
    final = {
        k
        for k, h in hari_tercatat_pemda(pemda_id=hadir_pemda(), start=date(2000, 1, 1), end=today()).items()
        if h.final
    }

    def sebelum_masuk(a) -> bool:
        h = hadir.get((a.pegawai_id, a.tanggal)) if (a.pegawai_id, a.tanggal) in final else None
        masuk = h and datetime.combine(a.tanggal, h.jam_masuk) - timedelta(minutes=15)
        return bool(masuk) and datetime.combine(a.tanggal, a.jam_mulai) < masuk

    expected = {a.pk for a in Aktivitas.objects.exclude(status=Status.DRAFT) if sebelum_masuk(a)}
    assert (
        expected
        and set(Kejanggalan.objects.filter(jenis="DI_LUAR_JAM").values_list("aktivitas_id", flat=True)) == expected
    )
    assert set(Kejanggalan.objects.values_list("jenis", flat=True)) == {"TEKS_BERULANG", "DI_LUAR_JAM"}
    waiting = Aktivitas.objects.filter(status=Status.SUBMITTED)
    overdue = [w for w in menunggu_dari(list(waiting), today=today()) if w.lewat(today())]
    assert len(overdue) == 5 and len({w.aktivitas.pegawai_id for w in overdue}) == 1
