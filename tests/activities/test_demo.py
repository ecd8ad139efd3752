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
