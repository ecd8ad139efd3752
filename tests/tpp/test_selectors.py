"""TPP reads by who asks: the HR dashboard aggregates, scopes, and the "Rincian TPP saya" figures."""

from datetime import date, time

import pytest
from django.http import Http404

from activities.choices import Status
from activities.models import Aktivitas
from tests.factories import JabatanFactory, UnitFactory, posted
from tests.tpp.util import aturan, validated
from tpp import selectors
from tpp.choices import StatusPeriode
from tpp.models import AturanTpp, BarisTpp
from tpp.services import periode_ambil, tpp_periode_buka, tpp_periode_hitung, tpp_periode_tutup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("tpp.calculation.today", lambda: date(2026, 11, 22))
    monkeypatch.setattr("tpp.selectors.today", lambda: date(2026, 11, 22))


def antre(pegawai, status, tanggal=date(2026, 10, 7)):
    Aktivitas.objects.create(
        pemda_id=pegawai.pemda_id, pegawai=pegawai, tanggal=tanggal, jam_mulai=time(8), jam_selesai=time(9),
        nama_kegiatan="Rapat", uraian="Rapat", menit_diajukan=60, menit=60, status=status,
    )  # fmt: skip


def oktober(cast):
    aturan(cast.pemda)
    validated(cast.pegawai, 6_600)  # 22 days × 300: the target reached
    antre(cast.atasan, Status.SUBMITTED)
    antre(cast.pegawai, Status.VERIFIED)
    antre(cast.pegawai_lain, Status.SUBMITTED)
    antre(cast.pegawai_lain, Status.SUBMITTED, tanggal=date(2026, 11, 2))  # another month
    antre(cast.pegawai_lain, Status.DRAFT)  # not waiting for anyone
    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    tpp_periode_hitung(actor=cast.hr, periode=periode)
    return periode


def test_the_dashboard_counts_people_target_queues_and_rupiah_per_opd(cast, django_assert_max_num_queries):
    periode = oktober(cast)
    with django_assert_max_num_queries(3):
        dasbor = selectors.dasbor_bulan(cast.hr, periode)
    rows = {r.opd.nama: r for r in dasbor.baris}
    dinas, badan = rows["Dinas Pendidikan Uji"], rows["Badan Keuangan Uji"]
    # dinas: kadis 14, sekretaris 11, kasubag 9, pegawai 5 (target reached), admin 5 (no minutes)
    assert (dinas.pegawai, dinas.capai_target, dinas.antrean) == (5, 1, 2)
    # bruto: 3.000.000 (full) + 40% of 3.000.000, 6.000.000, 8.000.000, 12.000.000 (discipline part only)
    assert dinas.bruto == 3_000_000 + 1_200_000 + 2_400_000 + 3_200_000 + 4_800_000
    assert dinas.neto == dinas.bruto - dinas.bruto // 100  # BPJS 1%, under the ceiling
    assert (badan.pegawai, badan.capai_target, badan.antrean, badan.bruto, badan.neto) == (
        1,
        0,
        1,
        1_400_000,
        1_386_000,
    )
    total = dasbor.total
    assert (total.pegawai, total.capai_target, total.antrean, total.bruto) == (6, 1, 3, 16_000_000)
    assert dinas.persen_capai == 20


def test_the_dashboard_costs_the_same_queries_for_more_opds_and_people(cast, django_assert_max_num_queries):
    periode = oktober(cast)
    for i in range(4):
        opd = UnitFactory(pemda=cast.pemda, nama=f"Dinas Tambahan {i}")
        jabatan = JabatanFactory(unit=opd, kelas=5)
        for _j in range(3):
            antre(posted(jabatan), Status.SUBMITTED)
    tpp_periode_hitung(actor=cast.hr, periode=periode)
    with django_assert_max_num_queries(3):
        dasbor = selectors.dasbor_bulan(cast.hr, periode)
    assert len(dasbor.baris) == 6
    assert dasbor.total.pegawai == 18 and dasbor.total.antrean == 15


def test_an_admin_opd_sees_only_their_own_opd(cast):
    periode = oktober(cast)
    dasbor = selectors.dasbor_bulan(cast.admin_opd, periode)
    assert [r.opd.nama for r in dasbor.baris] == ["Dinas Pendidikan Uji"]
    assert set(selectors.baris_visible_to(cast.admin_opd).values_list("opd__nama", flat=True)) == {
        "Dinas Pendidikan Uji"
    }
    assert selectors.baris_visible_to(cast.pegawai.user).count() == 0
    assert selectors.baris_visible_to(cast.hr).count() == 6


def test_the_chart_scales_bars_to_the_largest_total(cast):
    periode = oktober(cast)
    g = selectors.grafik(selectors.dasbor_bulan(cast.hr, periode), lebar=500)
    bars = {b.label: b for b in g["batang"]}
    assert bars["Dinas Pendidikan Uji"].lebar == 500
    assert bars["Badan Keuangan Uji"].lebar == round(1_386_000 * 500 / 14_454_000)
    assert bars["Badan Keuangan Uji"].nilai == "Rp1.386.000"


def test_who_may_read_whose_rincian(cast):
    args = {"tahun": 2026, "bulan": 10}
    assert selectors.pegawai_rincian_of(cast.pegawai.user, cast.pegawai.pk, **args) == cast.pegawai
    assert selectors.pegawai_rincian_of(cast.atasan.user, cast.pegawai.pk, **args) == cast.pegawai
    assert selectors.pegawai_rincian_of(cast.admin_opd, cast.atasan.pk, **args) == cast.atasan
    assert selectors.pegawai_rincian_of(cast.hr, cast.pegawai_lain.pk, **args) == cast.pegawai_lain
    for user, pid in [
        (cast.pegawai.user, cast.atasan.pk),  # my atasan
        (cast.atasan_atasan.user, cast.pegawai.pk),  # not a bawahan langsung
        (cast.admin_opd, cast.pegawai_lain.pk),  # another OPD
        (cast.pegawai_lain.user, cast.pegawai.pk),
    ]:
        with pytest.raises(Http404):
            selectors.pegawai_rincian_of(user, pid, **args)


def test_the_preview_equals_the_later_calculation(cast):
    aturan(cast.pemda)
    validated(cast.pegawai, 5_000)
    pratinjau = selectors.rincian_bulan(cast.pegawai, tahun=2026, bulan=10)
    assert pratinjau.perkiraan and pratinjau.periode is None
    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    tpp_periode_hitung(actor=cast.hr, periode=periode)
    periode.refresh_from_db()
    tpp_periode_tutup(actor=cast.hr, periode=periode)
    tetap = selectors.rincian_bulan(cast.pegawai, tahun=2026, bulan=10)
    assert not tetap.perkiraan and tetap.baris.pk is not None
    for f in ("capaian", "bagian_kinerja", "bagian_disiplin", "bruto", "bpjs_pegawai", "neto"):
        assert getattr(pratinjau.baris, f) == getattr(tetap.baris, f), f
    assert pratinjau.lines == tetap.lines
    assert tetap.baris.neto == 2_563_636 - 25_636  # 60% × 3.000.000 × 5.000/6.600 + 40% × 3.000.000


def test_a_pemda_without_rules_gets_the_default_set_and_a_clear_message(cast):
    assert not AturanTpp.objects.exists()
    hasil = selectors.rincian_bulan(cast.pegawai, tahun=2026, bulan=10)
    assert not AturanTpp.objects.exists()  # the default is used unsaved: a read never writes (issue 13)
    assert hasil.baris.aturan.berlaku_mulai == date(2000, 1, 1)
    assert hasil.masalah == (
        "TPP belum dapat dihitung: Besaran TPP kelas jabatan 5 belum diatur pada aturan TPP. "
        "Hubungi BKPSDM agar data ini dilengkapi."
    )


def test_a_month_not_started_has_nothing_to_show(cast):
    aturan(cast.pemda)
    assert selectors.rincian_bulan(cast.pegawai, tahun=2027, bulan=1).belum_mulai


def test_close_change_reopen_recalculate_shows_the_difference(cast):
    aturan(cast.pemda)
    validated(cast.pegawai, 3_300)  # capaian 50%
    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    tpp_periode_hitung(actor=cast.hr, periode=periode)
    tpp_periode_tutup(actor=cast.hr, periode=periode)
    beku = BarisTpp.objects.get(periode=periode, pegawai=cast.pegawai).neto
    assert beku == 2_100_000 - 21_000  # 60% × 3.000.000 × 50% + 40% × 3.000.000, − BPJS 1%
    tpp_periode_buka(actor=cast.hr, periode=periode, alasan="Aktivitas yang terlambat divalidasi")
    validated(cast.pegawai, 3_300, tanggal=date(2026, 10, 20))  # now 100%
    hasil = selectors.rincian_bulan(cast.pegawai, tahun=2026, bulan=10)
    assert hasil.periode.status == StatusPeriode.REOPENED and hasil.perkiraan
    assert hasil.beku["neto"] == beku
    assert hasil.baris.neto == 2_970_000
    assert hasil.selisih == 2_970_000 - 2_079_000
    tpp_periode_hitung(actor=cast.hr, periode=periode)
    row = BarisTpp.objects.get(periode=periode, pegawai=cast.pegawai)
    assert (row.neto, row.beku["neto"]) == (2_970_000, 2_079_000)


def test_the_demo_pays_the_basic_table_and_calculates_last_month(cast):
    from tpp.demo import seed_tpp

    assert seed_tpp(pemda=cast.pemda, today=date(2026, 11, 22)) == 6
    row = BarisTpp.objects.get(pegawai=cast.pegawai)
    assert (row.periode.tahun, row.periode.bulan, row.periode.status) == (2026, 10, StatusPeriode.CALCULATED)
    assert row.besaran == 2_793_557 and not row.galat
    assert selectors.rincian_bulan(cast.pegawai, tahun=2026, bulan=10).baris.neto == row.neto
