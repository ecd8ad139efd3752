"""Worked months: activities + attendance + rule set → exact rupiah (RULES.md §7)."""

from datetime import date

import pytest

from attendance.choices import StatusHari
from tests.tpp.util import HARI_OKTOBER, aturan, bulan_hadir, validated
from tpp.models import BarisTpp
from tpp.services import periode_ambil, tpp_periode_hitung

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("tpp.calculation.today", lambda: date(2026, 11, 22))


def test_a_worked_month_gives_the_exact_rupiah(cast):
    aturan(cast.pemda)
    p = cast.pegawai
    p.gaji_dasar = 5_000_000
    p.save()
    validated(p, 5_000)
    tl2 = {"menit_terlambat": 40, "band_tl": "TL2", "jam_masuk": None}
    late = {d: (StatusHari.TERLAMBAT, tl2) for d in HARI_OKTOBER[:3]}
    late[HARI_OKTOBER[3]] = (StatusHari.TANPA_KETERANGAN, {})
    bulan_hadir(p, late)
    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    tpp_periode_hitung(actor=cast.hr, periode=periode)
    row = BarisTpp.objects.get(periode=periode, pegawai=p)
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
    assert periode.status == "CALCULATED"
