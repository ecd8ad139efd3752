from django.core.management import call_command

from accounts.models import User
from skp.models import Penilaian, Skp


def test_the_demo_has_a_cascade_of_approved_skp_and_a_rated_quarter(db):
    call_command("seed_demo", verbosity=0)
    pegawai = User.objects.get(username="pegawai").pegawai
    skp = Skp.objects.get(pegawai=pegawai)
    rhk = skp.rhk.get()
    assert skp.status == "DISETUJUI" and skp.penilai == User.objects.get(username="atasan").pegawai
    assert rhk.induk.skp.pegawai == skp.penilai
    assert rhk.aktivitas.exists()
    assert Skp.objects.filter(status="DISETUJUI").count() == 3
    assert Penilaian.objects.filter(skp=skp).exclude(predikat="").count() <= 1
