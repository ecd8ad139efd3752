"""Migrations of issue 20 on rows already there: a log row takes its parent's pemda, the NIPs enter
the installation's index, a token's OPDs move to the link table with the pemda."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import PemdaFactory, UnitFactory

SEBELUM = [("tpp", "0005_aturan_satu_sumber"), ("accounts", "0010_pegawai_siasn_id"), ("attendance", "0010_token_izin")]
SESUDAH = [("tpp", "0007_unik_dengan_pemda"), ("accounts", "0011_pegawai_unik_per_pemda"),
           ("attendance", "0013_token_opd_dengan_pemda")]  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_existing_rows_get_their_pemda_and_the_index():
    pemda, lain = PemdaFactory(kode="MIG1"), PemdaFactory(kode="MIG2")
    opd = UnitFactory(pemda=lain)
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(SEBELUM)
        apps = executor.loader.project_state(SEBELUM).apps
        periode = apps.get_model("tpp", "PeriodeTpp").objects.create(pemda_id=lain.pk, tahun=2026, bulan=10)
        log = apps.get_model("tpp", "PeriodeTppLog").objects.create(periode=periode, ke="OPEN")
        pegawai = apps.get_model("accounts", "Pegawai").objects.create(
            pemda_id=pemda.pk, nip="198503122010011001", nama="Migrasi", jenis_kelamin="L",
            tanggal_lahir=date(1985, 3, 12), status="PNS", golongan="III/a",
        )  # fmt: skip
        token = apps.get_model("attendance", "TokenIntegrasi").objects.create(
            pemda_id=lain.pk, nama="Server", token_hash="b" * 64
        )
        token.opd.add(opd.pk)
        executor = MigrationExecutor(connection)
        executor.migrate(SESUDAH)
        apps = executor.loader.project_state(SESUDAH).apps
        assert apps.get_model("tpp", "PeriodeTppLog").objects.get(pk=log.pk).pemda_id == lain.pk
        indeks = apps.get_model("core", "Indeks").objects
        assert list(indeks.values_list("jenis", "kunci", "pemda_id", "objek_id").order_by("jenis")) == [
            ("NIP", "198503122010011001", pemda.pk, pegawai.pk),
            ("TOKEN", "b" * 64, lain.pk, token.pk),
        ]
        links = apps.get_model("attendance", "TokenOpd").objects.values_list("token_id", "opd_id", "pemda_id")
        assert list(links) == [(token.pk, opd.pk, lain.pk)]
    finally:
        call_command("migrate", verbosity=0)
