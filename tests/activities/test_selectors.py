"""The month figures take their working days from attendance: the unit's schedule, holidays, postings."""

from datetime import date, time

from accounts.models import Pegawai
from activities.selectors import rekap_bulan, rekap_pegawai_bulan
from attendance.models import HariLibur, JadwalHari, JadwalKerja
from tests.factories import posted

OKT = (2026, 10)  # October 2026: 22 weekdays, 5 Saturdays


def test_working_days_follow_the_default_schedule_and_holidays(cast):
    HariLibur.objects.create(pemda=cast.pemda, tanggal=date(2026, 10, 28), nama="Libur uji")
    assert rekap_bulan(cast.pegawai, *OKT).hari_kerja == 21
    assert rekap_bulan(cast.pegawai, *OKT).target == 21 * 300


def test_a_six_day_unit_works_on_saturdays(cast):
    jadwal = JadwalKerja.objects.create(
        pemda=cast.pemda, unit=cast.subbag, nama="Enam hari", berlaku_mulai=date(2026, 1, 1)
    )
    for d in range(6):
        JadwalHari.objects.create(jadwal=jadwal, hari=d, masuk=time(7, 30), pulang=time(14))
    assert rekap_bulan(cast.pegawai, *OKT).hari_kerja == 27
    assert rekap_bulan(cast.pegawai_lain, *OKT).hari_kerja == 22  # another unit keeps five days


def test_someone_posted_mid_month_has_a_smaller_target_in_the_unit_table(cast):
    baru = posted(cast.j_staf, mulai=date(2026, 10, 19), nama="Pegawai Baru")
    rows = {
        r.pegawai_id: r
        for r in rekap_pegawai_bulan(
            Pegawai.objects.filter(pk__in=[cast.pegawai.pk, baru.pk]), pemda_id=cast.pemda.pk, tahun=2026, bulan=10
        )
    }
    assert (rows[cast.pegawai.pk].hari_kerja, rows[baru.pk].hari_kerja) == (22, 10)
