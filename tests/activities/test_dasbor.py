"""The dashboards of issue 18: the atasan's calendar of bawahan and the unit dashboard of admin OPD/HR.

A seeded month (November 2026, pinned today Wednesday 18 November) with one planted case of every
day state, a holiday, leave, a final absence, waiting entries and anomaly flags (open, dismissed, of
another month, of another OPD); the figures, the xlsx cells and the constant query counts."""

import io
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Pegawai, Penempatan
from accounts.rules import build_nip
from activities import dasbor
from activities.choices import JenisKejanggalan, Status
from activities.models_kejanggalan import Kejanggalan
from attendance.models import HariLibur, HariPresensi, Permohonan
from core import grafik
from tests.helpers import TODAY, aktivitas_baru

BAWAHAN = reverse("aktivitas:dasbor_bawahan")
UNIT = reverse("aktivitas:dasbor_unit")
NOV = date(2026, 11, 1)


def _d(day: int, month: int = 11) -> date:
    return date(2026, month, day)


def _aware(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(10)))


@pytest.fixture
def bulan(cast):
    """November with one case of each state for Pegawai Rajin; the admin's pegawai at the standard."""
    assert TODAY == _d(18)
    p, a = cast.pegawai, cast.atasan
    rekan = Pegawai.objects.get(nama="Admin Kepegawaian")
    aktivitas_baru(p, tanggal=_d(2), status=Status.VALIDATED, menit=300, menit_diajukan=300)
    aktivitas_baru(p, tanggal=_d(3))  # a draft
    aktivitas_baru(p, tanggal=_d(4), status=Status.SUBMITTED, verifikator=a, diajukan_pada=_aware(_d(4)))
    aktivitas_baru(
        p,
        tanggal=_d(5),
        status=Status.VERIFIED,
        verifikator=a,
        validator=cast.atasan_atasan,
        diverifikasi_pada=_aware(_d(6)),
    )
    aktivitas_baru(p, tanggal=_d(6), status=Status.RETURNED)
    Permohonan.objects.create(
        pemda=cast.pemda,
        pegawai=p,
        jenis="CUTI_TAHUNAN",
        mulai=_d(9),
        selesai=_d(10),
        alasan="Cuti",
        status="DISETUJUI",
    )
    HariLibur.objects.create(pemda=cast.pemda, tanggal=_d(11), nama="Libur daerah")
    HariPresensi.objects.create(pemda=cast.pemda, pegawai=p, tanggal=_d(12), status="TANPA_KETERANGAN", manual=True)
    # the colleague: 12 working days so far (2–18 Nov minus the holiday) × 300 validated, and today's
    aktivitas_baru(rekan, tanggal=_d(2), status=Status.VALIDATED, menit=3600, menit_diajukan=3600)
    aktivitas_baru(rekan, tanggal=_d(17), status=Status.VALIDATED)
    aktivitas_baru(rekan, tanggal=TODAY)
    # October: both at the standard (22 working days × 300)
    for who in (p, rekan):
        aktivitas_baru(who, tanggal=_d(5, 10), status=Status.VALIDATED, menit=6600, menit_diajukan=6600)
    return p, rekan


def _kej(p, tanggal, jenis, *, diabaikan=None):
    a = aktivitas_baru(p, tanggal=tanggal, jam_mulai=time(13), jam_selesai=time(14))
    return Kejanggalan.objects.create(
        pemda_id=p.pemda_id,
        aktivitas=a,
        pegawai=p,
        tanggal=tanggal,
        jenis=jenis,
        penjelasan="x",
        diabaikan=diabaikan,
    )


def _cells(response, pegawai) -> dict[date, str]:
    b = next(b for b in response.context["page"] if b.pegawai.pk == pegawai.pk)
    return {h.tanggal: h.keadaan for h in b.hari}


# --- the atasan ------------------------------------------------------------------------------------


def test_each_day_of_a_bawahan_shows_its_state(client, cast, bulan):
    p, _rekan = bulan
    client.force_login(cast.atasan.user)
    response = client.get(BAWAHAN)
    assert response.status_code == 200
    hari = _cells(response, p)
    assert len(hari) == 30
    assert hari[_d(1)] == "libur"  # Sunday
    assert [hari[_d(n)] for n in (2, 3, 4, 5, 6)] == ["valid", "draf", "diajukan", "verifikasi", "dikembalikan"]
    assert hari[_d(9)] == hari[_d(10)] == "cuti"
    assert hari[_d(11)] == "libur"  # the pemda's holiday
    assert hari[_d(12)] == "absen"  # a final absence (a manual correction)
    assert hari[_d(13)] == "kosong"  # not final yet without machine data: missing, not absent
    assert hari[_d(17)] == hari[_d(18)] == "kosong"
    assert hari[_d(19)] == hari[_d(30)] == "nanti"
    html = response.content.decode()
    # not colour alone: a letter and words in each cell, and a legend
    assert 'data-tanggal="2026-11-02" data-keadaan="valid"><span aria-hidden="true">V</span>' in html
    assert '<span class="visually-hidden">Divalidasi</span>' in html
    assert "Tidak hadir tanpa keterangan" in html and "style=" not in html


def test_who_has_not_filled_in_today_or_on_the_last_working_day(client, cast, bulan):
    p, rekan = bulan
    client.force_login(cast.atasan.user)
    response = client.get(BAWAHAN)
    assert [x.pegawai.pk for x in response.context["belum_hari_ini"]] == [p.pk]
    assert [(x.pegawai.pk, x.tanggal) for x in response.context["belum_kemarin"]] == [(p.pk, _d(17))]
    # a past month: the list is about today, so it is not shown
    response = client.get(BAWAHAN, {"bulan": "2026-10"})
    assert response.context["belum_hari_ini"] == [] and "belum-hari-ini" not in response.content.decode()


def test_minutes_against_the_standard_so_far(client, cast, bulan):
    p, rekan = bulan
    client.force_login(cast.atasan.user)
    response = client.get(BAWAHAN)
    rows = {b.pegawai.pk: b for b in response.context["page"]}
    assert (rows[p.pk].rekap.hari_kerja, rows[p.pk].rekap.target, rows[p.pk].rekap.divalidasi) == (12, 3600, 300)
    assert rows[p.pk].rekap.capaian_persen == Decimal("8.33") and not rows[p.pk].di_standar
    assert (rows[rekan.pk].rekap.divalidasi, rows[rekan.pk].di_standar) == (3660, True)
    # a whole past month: October's 22 working days
    response = client.get(BAWAHAN, {"bulan": "2026-10"})
    rows = {b.pegawai.pk: b for b in response.context["page"]}
    assert (rows[p.pk].rekap.target, rows[p.pk].di_standar) == (6600, True)


def test_a_pegawai_without_bawahan_sees_a_note(client, cast):
    client.force_login(cast.pegawai.user)
    response = client.get(BAWAHAN)
    assert response.status_code == 200 and response.context["jumlah"] == 0
    assert "tidak memiliki bawahan langsung" in response.content.decode()


def _staf(cast, n: int, jabatan=None) -> list[Pegawai]:
    """`n` staff posted under the Kasubag (bulk: a 500-row test stays quick)."""
    jabatan = jabatan or cast.j_staf
    base = Pegawai.objects.count()
    people = Pegawai.objects.bulk_create(
        Pegawai(
            pemda=cast.pemda,
            opd_id=jabatan.opd_id,
            nip=build_nip(
                tanggal_lahir=date(1980 + i % 20, 1 + i % 12, 1 + i % 28),
                jenis_kelamin="L",
                nomor_urut=1 + (base + i) % 999,
                tmt_cpns=date(2005 + (base + i) // 999, 1, 1),
            ),
            nama=f"Staf Massal {i:03d}",
            jenis_kelamin="L",
            tanggal_lahir=date(1980 + i % 20, 1 + i % 12, 1 + i % 28),
            status="PNS",
            golongan="III/a",
            gaji_dasar=3_000_000,
        )
        for i in range(n)
    )
    Penempatan.objects.bulk_create(
        Penempatan(pemda=cast.pemda, pegawai=p, jabatan=jabatan, mulai=date(2020, 1, 1)) for p in people
    )
    for i, p in enumerate(people[:40]):  # some entries and flags, in every state
        a = aktivitas_baru(p, tanggal=_d(2 + i % 10), status=list(Status)[i % 5], verifikator=cast.atasan)
        Kejanggalan.objects.create(
            pemda=cast.pemda, aktivitas=a, pegawai=p, tanggal=a.tanggal, jenis=JenisKejanggalan.SALINAN, penjelasan="x"
        )
    return people


def _queries(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


def test_the_atasan_dashboard_costs_the_same_queries_for_3_or_500_bawahan(client, cast, bulan):
    client.force_login(cast.atasan.user)
    _staf(cast, 1)
    few = _queries(client, BAWAHAN)
    _staf(cast, 497)
    many = _queries(client, BAWAHAN)
    response = client.get(BAWAHAN)
    assert response.context["jumlah"] == 500 and len(response.context["page"]) == 50
    assert many == few


# --- the unit dashboard ------------------------------------------------------------------------------


@pytest.fixture
def janggal(cast, bulan):
    p, _rekan = bulan
    _kej(p, _d(3), JenisKejanggalan.TEKS_BERULANG)
    _kej(p, _d(4), JenisKejanggalan.TEKS_BERULANG)
    _kej(p, _d(5), JenisKejanggalan.BUKTI_BERULANG)
    _kej(p, _d(6), JenisKejanggalan.DI_LUAR_JAM, diabaikan=_aware(_d(7)))  # dismissed
    _kej(p, _d(20, 10), JenisKejanggalan.SALINAN)  # another month
    _kej(cast.pegawai_lain, _d(4), JenisKejanggalan.CUTI)  # another OPD
    return p


def test_the_admin_opd_sees_their_units(client, cast, janggal):
    client.force_login(cast.admin_opd)
    response = client.get(UNIT)
    assert response.status_code == 200 and not response.context["per_opd"]
    rows = {r.nama: r for r in response.context["unit"]}
    assert set(rows) == {"Dinas Pendidikan Uji", "Sekretariat", "Subbagian Umum"}
    sub = rows["Subbagian Umum"]
    assert (sub.orang, sub.di_standar, sub.persen) == (3, 1, Decimal("33.3"))
    assert sub.kejanggalan == {"TEKS_BERULANG": 2, "BUKTI_BERULANG": 1}
    assert rows["Sekretariat"].kejanggalan_total == 0
    total = response.context["total"]
    assert (total.orang, total.di_standar, total.persen, total.kejanggalan_total) == (5, 1, Decimal("20.0"), 3)
    html = response.content.decode()
    main = html.split('<main id="konten"')[1].split("</main>")[0]
    assert "<svg" in main and '<title id="grafik-unit-judul">' in main and "33,3%" in main, main
    assert "Pegawai Badan" not in main and "style=" not in main and "<script" not in main


def test_hr_sees_the_pemda_per_opd(client, cast, janggal):
    client.force_login(cast.hr)
    response = client.get(UNIT)
    assert response.context["per_opd"]
    rows = {r.nama: (r.orang, r.di_standar, r.kejanggalan_total) for r in response.context["unit"]}
    assert rows == {"Dinas Pendidikan Uji": (5, 1, 3), "Badan Keuangan Uji": (1, 0, 1)}
    # a unit chosen: the rows are its units
    response = client.get(UNIT, {"unit": cast.sekretariat.pk})
    assert not response.context["per_opd"]
    assert {r.nama: r.orang for r in response.context["unit"]} == {"Sekretariat": 1, "Subbagian Umum": 3}


def test_a_unit_out_of_scope_is_refused_by_the_filter(client, cast, janggal):
    client.force_login(cast.admin_opd)
    response = client.get(UNIT, {"unit": cast.badan.pk})
    assert response.context["saring"].errors.get("unit")
    assert "Badan Keuangan Uji" not in {r.nama for r in response.context["unit"]}


def test_the_queues_per_approver(client, cast, bulan):
    client.force_login(cast.hr)
    antrean = client.get(UNIT).context["antrean"]
    rows = {r.penyetuju.pk: (r.verifikasi, r.validasi, r.sejak, r.lama) for r in antrean}
    assert rows == {
        cast.atasan.pk: (1, 0, _d(4), 14),
        cast.atasan_atasan.pk: (0, 1, _d(6), 12),
    }
    assert [r.penyetuju.pk for r in antrean] == [cast.atasan.pk, cast.atasan_atasan.pk]  # oldest first


def test_the_trend_over_six_months(client, cast, bulan):
    client.force_login(cast.admin_opd)
    tren = client.get(UNIT).context["tren"]
    assert [(t.tahun, t.bulan) for t in tren] == [(2026, m) for m in range(6, 12)]
    assert [(t.orang, t.di_standar, t.persen) for t in tren[-2:]] == [(5, 2, Decimal("40.0")), (5, 1, Decimal("20.0"))]
    assert all(t.di_standar == 0 for t in tren[:-2])


def test_each_table_downloads_as_xlsx(client, cast, janggal):
    client.force_login(cast.admin_opd)

    def sheet(tabel):
        response = client.get(reverse("aktivitas:dasbor_unit_ekspor", args=[tabel]), {"bulan": "2026-11"})
        assert response.status_code == 200
        assert response["Content-Disposition"] == f'attachment; filename="dasbor-{tabel}-2026-11.xlsx"'
        return [list(r) for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]

    unit = sheet("unit")
    assert unit[0] == ["Unit kerja", "Pegawai", "Mencapai standar", "Persentase (%)", "Kejanggalan terbuka"]
    assert ["Subbagian Umum", 3, 1, 33.3, 3] in unit and len(unit) == 4
    kej = sheet("kejanggalan")
    assert kej[0][0] == "Unit kerja" and kej[0][-1] == "Jumlah" and len(kej[0]) == len(JenisKejanggalan) + 2
    sub = next(r for r in kej if r[0] == "Subbagian Umum")
    assert sub[1 + list(JenisKejanggalan.values).index("TEKS_BERULANG")] == 2 and sub[-1] == 3
    antrean = sheet("antrean")
    assert antrean[1][:4] == ["Kasubag Teliti", cast.atasan.nip, 1, 0] and antrean[1][5] == 14
    tren = sheet("tren")
    assert tren[-1] == ["November 2026", 5, 1, 20.0] and tren[-2] == ["Oktober 2026", 5, 2, 40.0]
    assert client.get(reverse("aktivitas:dasbor_unit_ekspor", args=["lain"])).status_code == 404


def test_the_unit_dashboard_costs_the_same_queries_for_a_few_or_500_people(client, cast, bulan):
    client.force_login(cast.admin_opd)
    few = _queries(client, UNIT)
    few_xlsx = _queries(client, reverse("aktivitas:dasbor_unit_ekspor", args=["antrean"]))
    _staf(cast, 500)
    many = _queries(client, UNIT)
    assert client.get(UNIT).context["total"].orang == 505
    assert many == few
    assert _queries(client, reverse("aktivitas:dasbor_unit_ekspor", args=["antrean"])) == few_xlsx


# --- the charts --------------------------------------------------------------------------------------


def test_the_charts_are_plain_svg_with_titles():
    svg = grafik.batang(
        [grafik.Nilai("Unit <A>", Decimal("50"), "50,0%"), grafik.Nilai("B", Decimal("150"), "150%")],
        judul="Judul",
        keterangan="Ket",
        ident="g",
    )
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and 'role="img"' in svg
    assert "<title>Unit &lt;A&gt;: 50,0%</title>" in svg  # escaped, one title per bar
    assert 'width="148.0"' in svg and 'width="296.0"' in svg  # half, and capped at the full length
    assert "style" not in svg
    kolom = grafik.kolom([grafik.Nilai("Jun 2026", 0, "0,0%")], judul="T", keterangan="K", ident="t")
    assert '<title id="t-judul">T</title>' in kolom and 'height="0.0"' in kolom


def test_a_day_state_is_what_is_wrong_first():
    from activities.selectors import Hari

    def k(menit, kerja=True, presensi=None, final=False):
        return dasbor.keadaan_hari(Hari(TODAY, kerja, menit), presensi=presensi, absen_final=final)

    assert k({Status.VALIDATED: 60, Status.RETURNED: 30}) == "dikembalikan"
    assert k({Status.VALIDATED: 60, Status.DRAFT: 30}) == "draf"
    assert k({}, kerja=False) == "libur" and k({}, presensi="SAKIT") == "cuti"
    assert k({}, presensi="TANPA_KETERANGAN") == "kosong" and k({}, presensi="TANPA_KETERANGAN", final=True) == "absen"
    assert k({}, presensi="DINAS_LUAR") == "kosong"
    assert k({Status.VALIDATED: 10}, presensi="CUTI") == "valid"  # work logged on a leave day shows
