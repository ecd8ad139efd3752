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
