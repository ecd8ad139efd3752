"""The recaps HR files (issue 16): attendance per status and band, leave per type and the remaining
cuti tahunan, for a month, a quarter, a semester or a year, per unit and per person, on screen and
as xlsx; scoped (admin OPD their OPD, HR their pemda, a pegawai 403) in a fixed number of queries."""

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.choices import JenisPenempatan, Role
from attendance.choices import JenisPermohonan as J
from attendance.choices import StatusPermohonan as S
from attendance.models import HariLibur, HariPresensi, Permohonan
from attendance.selectors_cuti import saldo_cuti_tahunan, saldo_cuti_tahunan_banyak
from core.periode import Periode, periode_dari
from tests.factories import PemdaFactory, PenempatanFactory, UserFactory, posted

pytestmark = pytest.mark.django_db

REKAP = reverse("presensi:rekap_unit")
REKAP_XLSX = reverse("presensi:rekap_unit_ekspor")
CUTI = reverse("presensi:rekap_cuti")
CUTI_XLSX = reverse("presensi:rekap_cuti_ekspor")
TW1 = {"tahun": "2026", "periode": "triwulan-1"}
JAN, FEB, MAR = ({"tahun": "2026", "periode": f"bulan-{m}"} for m in (1, 2, 3))
KOLOM = ["HADIR", "TERLAMBAT", "CUTI", "SAKIT", "IZIN", "DINAS_LUAR", "TUGAS_BELAJAR", "TANPA_KETERANGAN",
         "TL1", "TL2", "TL3", "TL4", "PSW1", "PSW2", "PSW3", "PSW4"]  # fmt: skip


def hari(pegawai, tanggal, status, tl="", psw=""):
    return HariPresensi(pemda=pegawai.pemda, pegawai=pegawai, tanggal=tanggal, status=status, band_tl=tl, band_psw=psw)


def d(m, day):
    return date(2026, m, day)


@pytest.fixture
def bulan(cast):
    """Stored days of January–March 2026. A mover (subbag in January, badan from February) counts in
    each unit for their own days; the atasan's Plt posting in the badan does not move their days."""
    p, a, lain = cast.pegawai, cast.atasan, cast.pegawai_lain
    pindah = posted(cast.j_staf, nama="Pegawai Pindah")
    pindah.penempatan.update(selesai=d(1, 31))
    PenempatanFactory(pegawai=pindah, jabatan=cast.j_badan_staf, mulai=d(2, 1))
    PenempatanFactory(pegawai=a, jabatan=cast.j_badan_staf, mulai=d(1, 1), jenis=JenisPenempatan.PLT)
    HariPresensi.objects.bulk_create(
        [
            # pegawai, January: 2 hadir, 2 late (TL2; TL1 + PSW4), cuti, tanpa keterangan, a holiday
            hari(p, d(1, 5), "HADIR"), hari(p, d(1, 6), "HADIR"), hari(p, d(1, 7), "TERLAMBAT", tl="TL2"),
            hari(p, d(1, 8), "TERLAMBAT", tl="TL1", psw="PSW4"), hari(p, d(1, 9), "CUTI"),
            hari(p, d(1, 12), "TANPA_KETERANGAN"), hari(p, d(1, 1), "LIBUR"),
            # pegawai, February and March
            hari(p, d(2, 2), "HADIR"), hari(p, d(2, 3), "SAKIT"),
            hari(p, d(3, 2), "IZIN"), hari(p, d(3, 3), "DINAS_LUAR"), hari(p, d(3, 4), "TERLAMBAT", tl="TL4"),
            # atasan (subbag, Plt in the badan)
            hari(a, d(1, 5), "HADIR"), hari(a, d(1, 6), "HADIR"), hari(a, d(1, 7), "HADIR"),
            hari(a, d(3, 2), "TANPA_KETERANGAN"), hari(a, d(3, 3), "TANPA_KETERANGAN"),
            # badan
            *(hari(lain, d(1, x), "HADIR") for x in (5, 6, 7, 8)), hari(lain, d(1, 9), "TERLAMBAT", psw="PSW1"),
            # the mover
            hari(pindah, d(1, 5), "HADIR"), hari(pindah, d(2, 2), "HADIR"),
            hari(pindah, d(2, 3), "TERLAMBAT", tl="TL3"),
            # April: outside the quarter
            hari(p, d(4, 1), "TANPA_KETERANGAN"),
        ]
    )  # fmt: skip
    cast.pindah = pindah
    return cast


def counts(jumlah) -> dict:
    return {k: v for k, v in zip(KOLOM, jumlah.daftar(), strict=True) if v}


def per_unit(response) -> dict:
    return {b.unit.pk: counts(b.jumlah) for b in response.context["per_unit"]}


def per_orang(response) -> dict:
    return {(b.pegawai.pk, b.unit.pk): counts(b.jumlah) for b in response.context["baris"]}


# --- the period -------------------------------------------------------------------------------------


def test_the_period_is_read_from_the_query_string():
    today = date(2026, 11, 18)
    assert periode_dari({"tahun": "2026", "periode": "triwulan-2"}, today=today) == Periode(2026, "triwulan", 2)
    p = Periode(2026, "triwulan", 2)
    assert (p.awal, p.akhir, p.bulan) == (d(4, 1), d(6, 30), [4, 5, 6])
    assert p.label == "Triwulan II 2026 (April–Juni)"
    assert Periode(2026, "semester", 2).akhir == date(2026, 12, 31) and Periode(2026, "tahun").awal == d(1, 1)
    assert periode_dari({"bulan": "2026-03"}, today=today) == Periode(2026, "bulan", 3)
    # unreadable: this month; a year after this one: this year (never an error)
    for bad in ({"periode": "triwulan-5"}, {"periode": "x"}, {"tahun": "abc"}, {}):
        assert periode_dari(bad, today=today) == Periode(2026, "bulan", 11)
    assert periode_dari({"tahun": "2099", "periode": "bulan-2"}, today=today) == Periode(2026, "bulan", 2)
    assert periode_dari({"tahun": "2025", "periode": "tahun"}, today=today) == Periode(2025, "tahun", 1)


# --- attendance: counts ----------------------------------------------------------------------------


def test_a_month_per_opd_and_per_person_for_hr(client, bulan):
    c = bulan
    client.force_login(c.hr)
    r = client.get(REKAP, JAN)
    assert r.status_code == 200
    assert per_unit(r) == {
        c.dinas.pk: {"HADIR": 6, "TERLAMBAT": 2, "CUTI": 1, "TANPA_KETERANGAN": 1, "TL1": 1, "TL2": 1, "PSW4": 1},
        c.badan.pk: {"HADIR": 4, "TERLAMBAT": 1, "PSW1": 1},
    }
    assert r.context["total"].hari_kerja == 15  # a holiday is no working day
    assert per_orang(r) == {
        (c.atasan.pk, c.subbag.pk): {"HADIR": 3},
        (c.pegawai_lain.pk, c.badan.pk): {"HADIR": 4, "TERLAMBAT": 1, "PSW1": 1},
        (c.pindah.pk, c.subbag.pk): {"HADIR": 1},
        (c.pegawai.pk, c.subbag.pk): {"HADIR": 2, "TERLAMBAT": 2, "CUTI": 1, "TANPA_KETERANGAN": 1, "TL1": 1,
                                      "TL2": 1, "PSW4": 1},
    }  # fmt: skip
    assert [b.pegawai.nama for b in r.context["baris"]][0] == "Kasubag Teliti"  # by name
    html = r.content.decode()
    assert f'href="{reverse("presensi:pegawai_bulan", args=[c.pegawai.pk])}?bulan=2026-01"' in html


def test_a_quarter_is_its_three_months_summed(client, bulan):
    c = bulan
    client.force_login(c.hr)
    tw = client.get(REKAP, TW1)
    months = [client.get(REKAP, m) for m in (JAN, FEB, MAR)]
    for key in (c.dinas.pk, c.badan.pk):
        total = {}
        for m in months:
            for k, v in per_unit(m).get(key, {}).items():
                total[k] = total.get(k, 0) + v
        assert per_unit(tw)[key] == total
    assert per_unit(tw)[c.dinas.pk] == {"HADIR": 7, "TERLAMBAT": 3, "CUTI": 1, "SAKIT": 1, "IZIN": 1, "DINAS_LUAR": 1,
                                        "TANPA_KETERANGAN": 3, "TL1": 1, "TL2": 1, "TL4": 1, "PSW4": 1}  # fmt: skip
    # the mover: January in the subbag, February in the badan
    orang = per_orang(tw)
    assert orang[(c.pindah.pk, c.subbag.pk)] == {"HADIR": 1}
    assert orang[(c.pindah.pk, c.badan.pk)] == {"HADIR": 1, "TERLAMBAT": 1, "TL3": 1}
    assert (c.atasan.pk, c.badan.pk) not in orang  # a Plt posting does not move one's days
    assert "Triwulan I 2026 (Januari–Maret)" in tw.content.decode()


def test_a_unit_shows_its_sub_units(client, bulan):
    c = bulan
    client.force_login(c.admin_opd)
    r = client.get(REKAP, TW1)  # the admin OPD's own OPD by default
    assert r.context["unit"] == c.dinas
    assert set(per_unit(r)) == {c.subbag.pk}  # the days are of postings in the subbag
    assert {k[0] for k in per_orang(r)} == {c.pegawai.pk, c.atasan.pk, c.pindah.pk}
    assert "Semua OPD" not in r.content.decode()


def test_the_xlsx_holds_the_same_numbers(client, bulan):
    c = bulan
    client.force_login(c.hr)
    r = client.get(REKAP_XLSX, TW1)
    assert r.status_code == 200 and 'filename="rekap-presensi-2026-tw1.xlsx"' in r["Content-Disposition"]
    wb = load_workbook(io.BytesIO(r.content))
    unit = [list(row) for row in wb["Per unit"].iter_rows(values_only=True)]
    assert unit[0][0].startswith("Rekap presensi Triwulan I 2026")
    assert unit[1][:4] == ["OPD", "Hari kerja", "Hadir", "Terlambat/pulang cepat"]
    assert unit[2] == ["Badan Keuangan Uji", 7, 5, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0]  # the mover's February
    assert unit[3] == ["Dinas Pendidikan Uji", 17, 7, 3, 1, 1, 1, 1, 0, 3, 1, 1, 0, 1, 0, 0, 0, 1]
    assert unit[2][1] + unit[3][1] == unit[4][1] and unit[4][0] == "Jumlah"
    orang = {(row[0], row[2]): row for row in wb["Per pegawai"].iter_rows(min_row=3, values_only=True)}
    assert orang[(c.pindah.nama_lengkap, "Badan Keuangan Uji")][4:] == (
        2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0)  # fmt: skip
    p = orang[(c.pegawai.nama_lengkap, "Subbagian Umum")]
    assert p[1] == c.pegawai.nip and isinstance(p[1], str) and p[3] == "Dinas Pendidikan Uji"
    assert p[4:6] == (11, 3)


# --- attendance: scope and cost ---------------------------------------------------------------------


def test_scope(client, bulan):
    c = bulan
    client.force_login(c.admin_opd)
    assert client.get(REKAP, {**TW1, "unit": c.badan.pk}).status_code == 404
    assert client.get(REKAP_XLSX, {**TW1, "unit": c.badan.pk}).status_code == 404
    assert client.get(CUTI, {**TW1, "unit": c.badan.pk}).status_code == 404
    lain = PemdaFactory(nama="Pemerintah Kabupaten Lain", kode="LAIN")
    hr_lain = UserFactory(username="hr.lain", role=Role.HR_PEMDA, pemda=lain)
    client.force_login(hr_lain)
    for url in (REKAP, REKAP_XLSX, CUTI, CUTI_XLSX):
        assert client.get(url, {**TW1, "unit": c.dinas.pk}).status_code == 404
    r = client.get(REKAP, TW1)  # their own pemda: nothing of the other one
    assert r.status_code == 200 and not r.context["per_unit"] and not r.context["baris"]
    client.force_login(c.pegawai.user)
    for url in (REKAP, REKAP_XLSX, CUTI, CUTI_XLSX):
        assert client.get(url, TW1).status_code == 403


def test_a_superadmin_chooses_the_pemda(client, bulan):
    c = bulan
    lain = PemdaFactory(nama="Pemerintah Kabupaten Lain", kode="LAIN")
    client.force_login(c.superadmin)
    r = client.get(REKAP, TW1)
    assert [t.name for t in r.templates][0] == "core/pemda_pilih.html"
    r = client.get(REKAP, {**TW1, "pemda": c.pemda.pk})
    assert set(per_unit(r)) == {c.dinas.pk, c.badan.pk}
    assert not client.get(REKAP, {**TW1, "pemda": lain.pk}).context["per_unit"]
    assert client.get(REKAP, {**TW1, "pemda": lain.pk, "unit": c.dinas.pk}).status_code == 404


def _banyak(cast, n):
    for i in range(n):
        p = posted(cast.j_badan_staf if i % 2 else cast.j_staf, nama=f"Staf {i:03d}")
        HariPresensi.objects.bulk_create(
            [hari(p, d(1, 5) + timedelta(days=k), s) for k, s in enumerate(["HADIR", "TANPA_KETERANGAN", "CUTI"])]
        )
        Permohonan.objects.create(pemda=p.pemda, pegawai=p, jenis=J.CUTI_TAHUNAN, mulai=d(1, 7), selesai=d(1, 7),
                                  alasan="x", status=S.DISETUJUI)  # fmt: skip


@pytest.mark.parametrize("n", [3, 60])
@pytest.mark.parametrize("url", [REKAP, CUTI, REKAP_XLSX, CUTI_XLSX])
def test_the_query_count_is_fixed(client, cast, django_assert_max_num_queries, n, url):
    _banyak(cast, n)
    client.force_login(cast.hr)
    with django_assert_max_num_queries(20):  # the same for 3 or 60 people
        r = client.get(url, TW1)
    assert r.status_code == 200
    if url == REKAP:
        assert len(r.context["baris"]) == min(n, 50) and r.context["page"].paginator.count == n
        assert r.context["total"].nilai["CUTI"] == n


# --- leave ------------------------------------------------------------------------------------------


def izin(pegawai, jenis, mulai, selesai, status=S.DISETUJUI):
    return Permohonan.objects.create(
        pemda=pegawai.pemda, pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai, alasan="x", status=status
    )


@pytest.fixture
def cuti(cast):
    p, lain = cast.pegawai, cast.pegawai_lain
    HariLibur.objects.create(pemda=cast.pemda, tanggal=d(1, 6), nama="Libur uji")
    izin(p, J.CUTI_TAHUNAN, date(2025, 3, 3), date(2025, 3, 12))  # 8 days in 2025: 6 carry over
    izin(p, J.CUTI_TAHUNAN, d(1, 5), d(1, 9))  # Mon–Fri, the 6th a holiday: 4 days
    izin(p, J.IZIN, d(3, 30), d(4, 2))  # 2 days in March, 2 in April
    izin(p, J.CUTI_TAHUNAN, d(2, 9), d(2, 10), status=S.DITOLAK)  # refused: not counted
    izin(p, J.CUTI_TAHUNAN, d(6, 1), d(6, 2), status=S.DIAJUKAN)  # waiting: 2
    izin(lain, J.SAKIT, d(2, 2), d(2, 3))
    return cast


def test_leave_per_type_per_unit_and_the_remaining_cuti_tahunan(client, cuti):
    c = cuti
    client.force_login(c.hr)
    r = client.get(CUTI, TW1)
    assert r.status_code == 200
    assert [str(j) for j in r.context["jenis"]] == ["Cuti tahunan", "Izin", "Sakit (dengan surat dokter)"]
    assert {b.unit.pk: b.kolom for b in r.context["per_unit"]} == {c.dinas.pk: [4, 2, 0], c.badan.pk: [0, 0, 2]}
    assert r.context["total"] == [4, 2, 2] and r.context["total_jumlah"] == 8
    baris = {b.pegawai.pk: b for b in r.context["baris"]}
    assert set(baris) == {c.kadis.pk, c.atasan_atasan.pk, c.atasan.pk, c.pegawai.pk, c.pegawai_lain.pk,
                          c.admin_opd.pegawai.pk}  # fmt: skip
    b = baris[c.pegawai.pk]
    assert b.kolom == [4, 2, 0]
    assert (b.saldo.hak, b.saldo.terpakai, b.saldo.menunggu, b.saldo.sisa) == (18, 4, 2, 14)
    assert b.saldo == saldo_cuti_tahunan(c.pegawai, 2026)  # the pegawai's own page says the same
    html = r.content.decode()
    assert f'data-testid="sisa-{c.pegawai.pk}"><strong>14</strong>' in html
    april = client.get(CUTI, {"tahun": "2026", "periode": "bulan-4"})
    assert {b.unit.pk: b.kolom for b in april.context["per_unit"]} == {c.dinas.pk: [0, 2]}
    # an approved leave still to come is counted in its period (attendance stops at today)
    izin(c.pegawai_lain, J.DINAS_LUAR, d(12, 1), d(12, 2))
    desember = client.get(CUTI, {"tahun": "2026", "periode": "bulan-12"})
    assert {b.unit.pk: b.kolom for b in desember.context["per_unit"]} == {c.badan.pk: [0, 2]}


def test_leave_xlsx(client, cuti):
    c = cuti
    client.force_login(c.admin_opd)
    r = client.get(CUTI_XLSX, {"tahun": "2026", "periode": "semester-1"})
    assert r.status_code == 200 and 'filename="rekap-cuti-2026-s1.xlsx"' in r["Content-Disposition"]
    wb = load_workbook(io.BytesIO(r.content))
    unit = [list(row) for row in wb["Per unit"].iter_rows(values_only=True)]
    assert unit[1][0] == "Unit kerja" and unit[1][1] == "Cuti tahunan" and unit[1][-1] == "Jumlah"
    assert unit[2][0] == "Subbagian Umum" and unit[2][1] == 4 and unit[2][8] == 4 and unit[2][-1] == 8
    assert len(unit) == 4  # the admin OPD's OPD only: no badan row
    head = list(next(wb["Per pegawai"].iter_rows(min_row=2, max_row=2, values_only=True)))
    assert head[-4:] == ["Hak cuti tahunan 2026", "Dipakai 2026", "Menunggu persetujuan", "Sisa cuti tahunan 2026"]
    orang = {row[1]: row for row in wb["Per pegawai"].iter_rows(min_row=3, values_only=True)}
    p = orang[c.pegawai.nip]
    assert p[0] == c.pegawai.nama_lengkap and p[3] == 4 and p[10] == 4 and p[-5:] == (8, 18, 4, 2, 14)
    assert c.pegawai_lain.nip not in orang


def test_the_bulk_balance_agrees_with_the_single_one(cuti):
    c = cuti
    baru = posted(c.j_staf, nama="Baru", mulai=date(2025, 6, 1), status="PPPK")
    people = [c.pegawai, c.atasan, baru]
    bulk = saldo_cuti_tahunan_banyak(people, 2026)
    for p in people:
        assert bulk[p.pk] == saldo_cuti_tahunan(p, 2026)
    assert bulk[baru.pk].hak == 12 and saldo_cuti_tahunan_banyak([baru], 2025)[baru.pk].hak == 0


def test_formula_looking_names_stay_text_in_both_workbooks(client, bulan):
    from accounts.models import Pegawai, UnitKerja
    from tests.test_xlsx_text import assert_all_text

    c = bulan
    nama = '=HYPERLINK("http://x","klik")'
    Pegawai.objects.filter(pk=c.pegawai.pk).update(nama=nama, gelar_depan="", gelar_belakang="")
    UnitKerja.objects.filter(pk=c.dinas.pk).update(nama="=1+1", singkatan="")
    izin(c.pegawai, J.IZIN, d(1, 5), d(1, 5))
    client.force_login(c.hr)
    for url in (REKAP_XLSX, CUTI_XLSX):
        wb = load_workbook(io.BytesIO(client.get(url, TW1).content))
        assert_all_text(wb, nama, "=1+1")
