"""A worked month end to end: activities + attendance + rule set → exact rupiah (RULES.md §7)."""

from datetime import date

import pytest

from tests.tpp.util import bulan_kerja

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("tpp.calculation.today", lambda: date(2026, 11, 22))


def test_a_worked_month_gives_the_exact_rupiah(cast):
    row = bulan_kerja(cast)
    assert row.hari_kerja == 22
    assert row.menit_valid == 5_000
    assert row.menit_pengurang == 300 + 3 * 40
    assert row.kejadian == {"TL2": 3, "TANPA_KETERANGAN": 1}
    assert row.potongan_disiplin_pct == 6
    assert row.bagian_kinerja == 1_363_636
    assert row.bagian_disiplin == 1_128_000
    assert row.bruto == 2_491_636
    assert (row.bpjs_pegawai, row.bpjs_pemda) == (24_916, 99_665)
    assert row.neto == 2_491_636 - 24_916
    assert row.periode.status == "CALCULATED"
