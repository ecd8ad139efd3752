"""Migration tpp.0005 (issue 16): the TPP rule set's own minutes per day move to the activity rules,
the one source, and the field is gone."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import PemdaFactory

SEBELUM = [("tpp", "0004_periodetpplog_peran"), ("activities", "0004_aturan_versi")]
SESUDAH = [("tpp", "0005_aturan_satu_sumber")]


@pytest.mark.django_db(transaction=True)
def test_the_tpp_minutes_become_activity_versions():
    pemda = PemdaFactory(nama="Pemerintah Kota Migrasi", kode="MIG")
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(SEBELUM)
        apps = executor.loader.project_state(SEBELUM).apps
        AturanTpp = apps.get_model("tpp", "AturanTpp")
        AturanAktivitas = apps.get_model("activities", "AturanAktivitas")
        AturanAktivitas.objects.create(pemda_id=pemda.pk, berlaku_mulai=date(2020, 1, 1), menit_per_hari=300,
                                       batas_input_hari_kerja=5)  # fmt: skip
        for mulai, menit in ((date(2024, 1, 1), None), (date(2025, 1, 1), 330), (date(2026, 1, 1), None)):
            AturanTpp.objects.create(pemda_id=pemda.pk, berlaku_mulai=mulai, menit_per_hari=menit, catatan="Perwali")
        # a version already starting that day is kept as it is
        AturanAktivitas.objects.create(pemda_id=pemda.pk, berlaku_mulai=date(2027, 1, 1), menit_per_hari=310)
        AturanTpp.objects.create(pemda_id=pemda.pk, berlaku_mulai=date(2027, 1, 1), menit_per_hari=320, catatan="x")
        executor = MigrationExecutor(connection)
        executor.migrate(SESUDAH)
        apps = executor.loader.project_state(SESUDAH).apps
        versi = apps.get_model("activities", "AturanAktivitas").objects.filter(pemda_id=pemda.pk)
        kolom = ("berlaku_mulai", "menit_per_hari", "batas_input_hari_kerja")
        assert list(versi.order_by("berlaku_mulai").values_list(*kolom)) == [
            (date(2020, 1, 1), 300, 5),
            (date(2025, 1, 1), 330, 5),  # the override, the other numbers of the version in force
            (date(2026, 1, 1), 300, 5),  # the TPP followed the activity rules again
            (date(2027, 1, 1), 310, 3),
        ]  # fmt: skip
        assert "menit_per_hari" not in {f.name for f in apps.get_model("tpp", "AturanTpp")._meta.get_fields()}
    finally:
        call_command("migrate", verbosity=0)
