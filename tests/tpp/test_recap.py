"""TPP recaps: figures from the stored rows, the finance xlsx read back, the schedule, the rerun."""

import logging
from datetime import date, datetime, timedelta
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.choices import Role
from attendance.choices import StatusHari
from core.files import simpan_atomik
from core.jobs import JOB_TASKS, job_progress
from core.models import Job
from ekinerja.celery import app
from tests.factories import PemdaFactory, UserFactory
from tests.tpp.util import HARI_OKTOBER, aturan, bulan_hadir, hari, validated
from tpp import recap
from tpp.models import BarisTpp, HukumanDisiplin
from tpp.recap import rekap_bulanan_job, rekap_terjadwal, rekap_triwulan_job
from tpp.recap_figures import rekap_bulanan, rekap_triwulan
from tpp.services import periode_ambil, tpp_periode_hitung, tpp_periode_tutup

pytestmark = pytest.mark.django_db
UANG = ("bagian_kinerja", "bagian_disiplin", "bruto", "potongan_hukdis", "bpjs_pegawai", "pph", "neto")


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("tpp.calculation.today", lambda: date(2026, 11, 22))
    monkeypatch.setattr("tpp.recap.today", lambda: date(2026, 11, 22))


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def oktober(cast):
    """October 2026 with work and attendance that give every column a value: late arrivals, an
    absent day, a sentence, a PPh rate, salaries that reach the BPJS base."""
    aturan(cast.pemda, pph_metode="TARIF_GOLONGAN", pph_tarif={"III/a": "5", "IV/c": "15"})
    tl2 = {"menit_terlambat": 40, "band_tl": "TL2", "jam_masuk": None}
    for i, (p, menit) in enumerate(
        [(cast.pegawai, 5_000), (cast.atasan, 6_600), (cast.kadis, 3_000), (cast.pegawai_lain, 6_600)]
    ):
        p.gaji_dasar = 4_000_000 + i * 1_000_000
        p.save()
        validated(p, menit)
        override = {d: (StatusHari.TERLAMBAT, tl2) for d in HARI_OKTOBER[: i + 1]}
        override[HARI_OKTOBER[10]] = (StatusHari.TANPA_KETERANGAN, {})
        bulan_hadir(p, override)
    HukumanDisiplin.objects.create(
        pemda=cast.pemda, pegawai=cast.atasan, jenis="POTONG_TUKIN_25_6", persen=Decimal(25),
        mulai=date(2026, 9, 1), selesai=date(2027, 2, 28), nomor_sk="800/1/2026",
    )  # fmt: skip
    return periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)


def _sums(qs) -> dict[str, int]:
    return qs.aggregate(**{k: Sum(k) for k in UANG})


def _job(user, kind, params) -> Job:
    return Job.objects.create(kind=kind, title="Rekap", created_by=user, pemda=user.pemda, params=params)


def _book(job: Job):
    with job.file.open("rb") as f:
        return load_workbook(BytesIO(f.read()))


def _rows(ws, first=6):
    """Employee rows: from the first data row until the totals row (column A empty)."""
    out = []
    for row in ws.iter_rows(min_row=first, values_only=True):
        if row[0] is None:
            break
        out.append(row)
    return out


def _total_row(ws, first=6):
    return [c.value for c in ws[first + len(_rows(ws, first))]]


# --- the figures -------------------------------------------------------------------------------


def test_the_monthly_recap_is_the_sum_of_the_rows(cast, oktober):
    tpp_periode_hitung(actor=cast.hr, periode=oktober)
    rekap = rekap_bulanan(periode=oktober)
    rows = BarisTpp.objects.filter(periode=oktober)
    s = _sums(rows)
    j = rekap.jumlah
    assert j.pegawai == rows.count() == 6
    assert (j.kinerja, j.disiplin, j.bruto, j.hukdis, j.bpjs, j.pph, j.neto) == tuple(s[k] for k in UANG)
    assert j.neto > 0 and j.pph > 0 and j.hukdis > 0
    assert [r.opd.nama for r in rekap.opd] == ["Badan Keuangan Uji", "Dinas Pendidikan Uji"]
    dinas = rekap.opd[1]
    assert dinas.jumlah.neto == _sums(rows.filter(opd=cast.dinas))["neto"]
    assert [b.orang.kelas for b in dinas.baris] == [14, 11, 9, 5, 5]  # highest kelas first
    atasan = next(b for b in dinas.baris if b.orang.pegawai_id == cast.atasan.pk)
    assert "Hukuman disiplin 25%" in atasan.keterangan
    assert atasan.orang.nip == cast.atasan.nip


def test_the_monthly_recap_of_one_opd_has_only_its_rows(cast, oktober):
    tpp_periode_hitung(actor=cast.hr, periode=oktober)
    rekap = rekap_bulanan(periode=oktober, opd_id=cast.badan.pk)
    assert rekap.satu_opd and [r.opd.nama for r in rekap.opd] == ["Badan Keuangan Uji"]
    assert [b.orang.nama for b in rekap.opd[0].baris] == ["Pegawai Badan"]


def test_the_recap_reads_in_a_fixed_number_of_queries(cast, oktober, django_assert_max_num_queries):
    tpp_periode_hitung(actor=cast.hr, periode=oktober)
    with django_assert_max_num_queries(3):
        rekap_bulanan(periode=oktober)
    with django_assert_max_num_queries(2):
        rekap_triwulan(pemda=cast.pemda, tahun=2026, triwulan=4)


# --- the monthly job and its xlsx -------------------------------------------------------------------


def test_the_monthly_job_recalculates_an_open_month_and_writes_the_file(cast, oktober):
    assert not BarisTpp.objects.exists()
    job = _job(cast.hr, recap.KIND_BULANAN, {"periode": oktober.pk, "opd": cast.dinas.pk})
    rekap_bulanan_job(job.pk)
    job.refresh_from_db()
    oktober.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    assert oktober.status == "CALCULATED"
    s = _sums(BarisTpp.objects.filter(periode=oktober, opd=cast.dinas))
    assert job.result == {
        "pegawai": 5, "bruto": s["bruto"], "neto": s["neto"], "bpjs": s["bpjs_pegawai"], "pph": s["pph"],
        "ditutup": False, "dihitung_ulang": True,
    }  # fmt: skip
    assert (job.done, job.total) == (5, 5)
    assert job.message.startswith("Rekap TPP Oktober 2026 selesai: 5 pegawai, jumlah bersih Rp")
    assert job.file.name.startswith("jobs/") and job.file.name.endswith(".xlsx")


def test_the_xlsx_of_one_opd_is_a_signed_pay_list(cast, oktober):
    job = _job(cast.hr, recap.KIND_BULANAN, {"periode": oktober.pk, "opd": cast.dinas.pk})
    rekap_bulanan_job(job.pk)
    job.refresh_from_db()
    wb = _book(job)
    assert wb.sheetnames == ["Dinas Pendidikan Uji"]
    ws = wb.active
    assert ws["A1"].value == "Daftar TPP Oktober 2026 (belum ditutup: angka dapat berubah)"
    assert (ws["A2"].value, ws["A3"].value) == ("Pemerintah Kota Uji", "Dinas Pendidikan Uji")
    assert [c.value for c in ws[5]] == [
        "No.", "NIP", "Nama", "Gol.", "Jabatan", "Kelas", "Besaran TPP", "Capaian kinerja", "Bagian kinerja",
        "Bagian disiplin", "Bruto", "Potongan hukuman disiplin", "BPJS (iuran pegawai)", "PPh 21",
        "Neto (diterima)", "Keterangan",
    ]  # fmt: skip
    rows = _rows(ws)
    assert len(rows) == 5
    db = {b.pegawai.nip: b for b in BarisTpp.objects.filter(periode=oktober, opd=cast.dinas).select_related("pegawai")}
    for r in rows:
        assert isinstance(r[1], str) and len(r[1]) == 18 and r[1].isdigit()
        b = db[r[1]]
        assert r[6:15] == (
            b.besaran, float(b.capaian), b.bagian_kinerja, b.bagian_disiplin, b.bruto, b.potongan_hukdis,
            b.bpjs_pegawai, b.pph, b.neto,
        )  # fmt: skip
    total = _total_row(ws)
    assert total[2] == "Jumlah (5 pegawai)"
    for col in (6, 8, 9, 10, 11, 12, 13, 14):
        assert total[col] == sum(r[col] for r in rows)
    s = _sums(BarisTpp.objects.filter(periode=oktober, opd=cast.dinas))
    assert total[8:15] == [s[k] for k in UANG]
    # formats: NIP text, rupiah, percent; totals bold
    assert ws["B6"].number_format == "@" and ws["B6"].data_type == "s"
    assert ws["K6"].number_format == "#,##0" and ws["O11"].number_format == "#,##0"
    assert ws["H6"].number_format == "0.00%" and ws["O11"].font.b
    # frozen header, print setup
    assert ws.freeze_panes == "D6"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 14  # F4 by default
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$4:$5"
    # signature block: the head of the dinas with NIP; the treasurer with blank lines
    texts = [c for row in ws.iter_rows(min_row=12, values_only=True) for c in row if c]
    assert "Mengetahui," in texts and "Kepala Dinas" in texts and "Bendahara Pengeluaran" in texts
    assert "Kadis Utama" in texts and f"NIP {cast.kadis.nip_tampil}" in texts
    assert "(..............................)" in texts and "NIP .............................." in texts


def test_an_acting_head_signs_as_plt_and_a_vacant_post_leaves_blank_lines(cast, oktober, settings):
    from accounts.models import Penempatan
    from tests.factories import PenempatanFactory

    settings.EKSPOR_KERTAS = "A4"
    Penempatan.objects.filter(pegawai=cast.kadis).update(selesai=date(2026, 10, 31))
    PenempatanFactory(pegawai=cast.atasan_atasan, jabatan=cast.j_kadis, mulai=date(2026, 11, 1), jenis="PLT")
    job = _job(cast.hr, recap.KIND_BULANAN, {"periode": oktober.pk, "opd": None})
    rekap_bulanan_job(job.pk)
    job.refresh_from_db()
    wb = _book(job)
    dinas, badan = wb["Dinas Pendidikan Uji"], wb["Badan Keuangan Uji"]
    texts = [c for row in dinas.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "Plt. Kepala Dinas" in texts and "Sekretaris Sejati" in texts
    texts = [c for row in badan.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "Kepala OPD" in texts  # nobody holds Kepala Badan
    assert dinas.page_setup.paperSize == 9


def test_the_whole_pemda_has_a_summary_and_a_sheet_per_opd(cast, oktober):
    job = _job(cast.hr, recap.KIND_BULANAN, {"periode": oktober.pk, "opd": None})
    rekap_bulanan_job(job.pk)
    job.refresh_from_db()
    wb = _book(job)
    assert wb.sheetnames == ["Rekapitulasi", "Badan Keuangan Uji", "Dinas Pendidikan Uji"]
    summary = wb["Rekapitulasi"]
    lines = _rows(summary)
    assert [r[1] for r in lines] == ["Badan Keuangan Uji", "Dinas Pendidikan Uji"]
    for line, name in zip(lines, ["Badan Keuangan Uji", "Dinas Pendidikan Uji"], strict=True):
        sheet_total = _total_row(wb[name])
        assert line[2] == len(_rows(wb[name]))
        assert line[4:11] == tuple(sheet_total[8:15])
    total = _total_row(summary)
    s = _sums(BarisTpp.objects.filter(periode=oktober))
    assert total[1] == "Jumlah" and total[2] == 6 and total[4:11] == [s[k] for k in UANG]
    assert total[11] == BarisTpp.objects.filter(periode=oktober).aggregate(x=Sum("bpjs_pemda"))["x"]
    assert job.result["neto"] == s["neto"] and job.result["pegawai"] == 6


def test_a_closed_month_is_recapped_from_its_frozen_rows(cast, oktober):
    tpp_periode_tutup(actor=cast.hr, periode=oktober) if oktober.status == "CALCULATED" else None
    tpp_periode_hitung(actor=cast.hr, periode=oktober)
    tpp_periode_tutup(actor=cast.hr, periode=oktober)
    neto = _sums(BarisTpp.objects.filter(periode=oktober))["neto"]
    validated(cast.pegawai, 2_000, tanggal=date(2026, 10, 26))  # would change the figures if recalculated
    job = _job(cast.hr, recap.KIND_BULANAN, {"periode": oktober.pk, "opd": None})
    rekap_bulanan_job(job.pk)
    job.refresh_from_db()
    assert job.result["neto"] == neto and job.result["ditutup"] and not job.result["dihitung_ulang"]
    assert _book(job)["Rekapitulasi"]["A1"].value == "Daftar TPP Oktober 2026"


def test_running_it_twice_gives_identical_figures(cast, oktober):
    values = []
    for _i in range(2):
        job = _job(cast.hr, recap.KIND_BULANAN, {"periode": oktober.pk, "opd": None})
        rekap_bulanan_job(job.pk)
        job.refresh_from_db()
        wb = _book(job)
        values.append((job.result, [list(ws.iter_rows(values_only=True)) for ws in wb.worksheets]))
    assert values[0] == values[1]
    assert values[0][0]["pegawai"] == 6


def test_an_opd_admin_gets_the_last_calculation_without_recalculating(cast, oktober):
    tpp_periode_hitung(actor=cast.hr, periode=oktober)
    neto = _sums(BarisTpp.objects.filter(periode=oktober, opd=cast.dinas))["neto"]
    validated(cast.pegawai, 2_000, tanggal=date(2026, 10, 26))
    job = _job(cast.admin_opd, recap.KIND_BULANAN, {"periode": oktober.pk, "opd": cast.dinas.pk})
    rekap_bulanan_job(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.result["neto"] == neto and not job.result["dihitung_ulang"]


def test_an_opd_admin_is_told_when_the_month_was_never_calculated(cast, oktober):
    job = _job(cast.admin_opd, recap.KIND_BULANAN, {"periode": oktober.pk, "opd": cast.dinas.pk})
    rekap_bulanan_job(job.pk)
    job.refresh_from_db()
    assert job.result["pegawai"] == 0 and "belum pernah dihitung" in job.message
    assert not BarisTpp.objects.exists()


def test_an_opd_of_another_pemda_fails_the_job(cast, oktober):
    other = PemdaFactory()
    from tests.factories import UnitFactory

    job = _job(cast.hr, recap.KIND_BULANAN, {"periode": oktober.pk, "opd": UnitFactory(pemda=other).pk})
    with pytest.raises(Exception):  # noqa: B017 - whatever the error, the row must say failed
        rekap_bulanan_job(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and not job.file


# --- the quarter --------------------------------------------------------------------------------


@pytest.fixture
def triwulan(cast, oktober, monkeypatch):
    monkeypatch.setattr("tpp.calculation.today", lambda: date(2027, 1, 5))
    monkeypatch.setattr("tpp.recap.today", lambda: date(2027, 1, 5))
    tl1 = {"menit_terlambat": 10, "band_tl": "TL1", "jam_masuk": None}
    psw = {"menit_pulang_cepat": 20, "band_psw": "PSW1"}
    hari(cast.pegawai, date(2026, 11, 3), StatusHari.TERLAMBAT, **tl1)
    hari(cast.pegawai, date(2026, 11, 4), StatusHari.HADIR, **psw)
    hari(cast.pegawai, date(2026, 12, 1), StatusHari.TANPA_KETERANGAN)
    validated(cast.pegawai, 3_000, tanggal=date(2026, 11, 9))
    return cast


def test_the_quarterly_recap_has_each_month_and_the_quarter(triwulan):
    cast = triwulan
    job = _job(cast.hr, recap.KIND_TRIWULAN, {"pemda": cast.pemda.pk, "tahun": 2026, "triwulan": 4, "opd": None})
    rekap_triwulan_job(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    assert job.result["dihitung_ulang"] == [10, 11, 12]
    rows = BarisTpp.objects.filter(periode__pemda=cast.pemda, periode__tahun=2026, periode__bulan__in=[10, 11, 12])
    s = _sums(rows)
    assert (job.result["bruto"], job.result["neto"], job.result["pegawai"]) == (s["bruto"], s["neto"], 6)

    rekap = rekap_triwulan(pemda=cast.pemda, tahun=2026, triwulan=4)
    p = next(r for r in rekap.baris if r.orang.pegawai_id == cast.pegawai.pk)
    assert sorted(p.bulan) == [10, 11, 12]
    for m in (10, 11, 12):
        b = rows.get(pegawai=cast.pegawai, periode__bulan=m)
        assert (p.bulan[m].kinerja, p.bulan[m].neto, p.bulan[m].capaian) == (b.bagian_kinerja, b.neto, b.capaian)
    assert p.jumlah("neto") == sum(rows.filter(pegawai=cast.pegawai).values_list("neto", flat=True))
    # October: 1 late (TL2) and 1 day without notice; November: TL1 + PSW1; December: 1 day without notice
    assert (p.jumlah("tl"), p.jumlah("psw"), p.jumlah("tanpa_keterangan")) == (2, 1, 2)
    assert rekap.per_bulan[11].neto == _sums(rows.filter(periode__bulan=11))["neto"]

    ws = _book(job).active
    assert ws["A1"].value == "Rekap TPP Triwulan IV (Oktober–Desember 2026)"
    groups = {c.value: c.column for c in ws[4] if c.value}
    assert list(groups) == ["Oktober", "November", "Desember", "Jumlah triwulan"]
    assert [c.value for c in ws[5]][groups["Oktober"] - 1 : groups["Oktober"] + 4] == [
        "Capaian", "Kinerja", "Disiplin", "Bruto", "Neto",
    ]  # fmt: skip
    data = _rows(ws)
    assert len(data) == 6 and all(isinstance(r[1], str) and len(r[1]) == 18 for r in data)
    neto_col = groups["Jumlah triwulan"] - 1 + 7
    assert ws[5][neto_col].value == "Neto"
    total = _total_row(ws)
    assert total[neto_col] == sum(r[neto_col] for r in data) == s["neto"]
    row = next(r for r in data if r[1] == cast.pegawai.nip)
    assert row[neto_col + 1 : neto_col + 4] == (2, 2, 1)  # days without notice, TL, PSW
    assert ws.freeze_panes == "D6" and ws.page_setup.orientation == "landscape"


def test_the_quarterly_recap_of_an_opd_is_signed(triwulan):
    cast = triwulan
    params = {"pemda": cast.pemda.pk, "tahun": 2026, "triwulan": 4, "opd": cast.badan.pk}
    job = _job(cast.hr, recap.KIND_TRIWULAN, params)
    rekap_triwulan_job(job.pk)
    job.refresh_from_db()
    ws = _book(job).active
    assert ws["A3"].value == "Badan Keuangan Uji" and len(_rows(ws)) == 1
    texts = [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "Bendahara Pengeluaran" in texts and "Mengetahui," in texts


def test_a_quarter_that_has_not_begun_calculates_nothing(cast, oktober):
    params = {"pemda": cast.pemda.pk, "tahun": 2027, "triwulan": 1, "opd": None}
    job = _job(cast.hr, recap.KIND_TRIWULAN, params)
    rekap_triwulan_job(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.result["pegawai"] == 0 and job.result["dihitung_ulang"] == []


@pytest.mark.parametrize("triwulan", [0, 5])
def test_a_wrong_quarter_fails_clearly(cast, triwulan):
    job = _job(cast.hr, recap.KIND_TRIWULAN, {"pemda": cast.pemda.pk, "tahun": 2026, "triwulan": triwulan})
    with pytest.raises(Exception):  # noqa: B017
        rekap_triwulan_job(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED


# --- the schedule -------------------------------------------------------------------------------


@pytest.fixture
def sent(monkeypatch):
    """Task names handed to the queue (on commit) instead of a real broker."""
    names = []
    from tpp.tasks import tpp_rekap_bulanan_task, tpp_rekap_triwulan_task

    for task in (tpp_rekap_bulanan_task, tpp_rekap_triwulan_task):
        monkeypatch.setattr(task, "apply_async", lambda args, t=task, **kw: names.append((t.name, args)))
        monkeypatch.setattr(task, "delay", lambda *args, t=task: names.append((t.name, args)))
    return names


def _params(jobs):
    return sorted((j.kind, tuple(sorted(j.params.items()))) for j in jobs)


def test_the_schedule_starts_last_month_on_the_recap_day_once(cast, django_capture_on_commit_callbacks, sent):
    aturan(cast.pemda, hari_rekap=5)
    other = PemdaFactory()
    aturan(other, hari_rekap=6)
    UserFactory(role=Role.HR_PEMDA, pemda=other)
    assert rekap_terjadwal(hari=date(2026, 11, 4)) == []
    with django_capture_on_commit_callbacks(execute=True):
        jobs = rekap_terjadwal(hari=date(2026, 11, 5))
    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    assert _params(jobs) == [("tpp_rekap_bulanan", (("opd", None), ("periode", periode.pk)))]
    assert jobs[0].created_by == cast.hr and jobs[0].pemda == cast.pemda
    assert sent == [("tpp.tasks.tpp_rekap_bulanan_task", (jobs[0].pk,))]
    assert rekap_terjadwal(hari=date(2026, 11, 5)) == []  # once a day
    assert Job.objects.count() == 1


def test_after_a_quarter_the_quarterly_recap_starts_too(cast, sent):
    aturan(cast.pemda, hari_rekap=5)
    jobs = rekap_terjadwal(hari=date(2027, 1, 5))
    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=12)
    assert _params(jobs) == [
        ("tpp_rekap_bulanan", (("opd", None), ("periode", periode.pk))),
        ("tpp_rekap_triwulan", (("opd", None), ("pemda", cast.pemda.pk), ("tahun", 2026), ("triwulan", 4))),
    ]
    jobs = rekap_terjadwal(hari=date(2026, 4, 5))
    assert [j.params.get("triwulan") for j in jobs] == [None, 1]


def test_a_job_started_by_hand_today_is_not_repeated(cast, sent):
    aturan(cast.pemda, hari_rekap=5)
    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    recap.rekap_bulanan_mulai(user=cast.hr, periode=periode)
    Job.objects.update(created=timezone.make_aware(datetime(2026, 11, 5, 3, 0)))
    assert rekap_terjadwal(hari=date(2026, 11, 5)) == []


def test_a_pemda_without_an_active_hr_user_is_skipped_with_a_log_line(cast, sent, caplog):
    aturan(cast.pemda, hari_rekap=5)
    cast.hr.is_active = False
    cast.hr.save()
    with caplog.at_level(logging.WARNING, logger="tpp.recap"):
        assert rekap_terjadwal(hari=date(2026, 11, 5)) == []
    assert "no active HR user" in caplog.text


def test_the_recap_day_of_the_rule_set_in_force_counts(cast, sent):
    aturan(cast.pemda, hari_rekap=5)
    from tpp.models import AturanTpp

    AturanTpp.objects.create(pemda=cast.pemda, berlaku_mulai=date(2026, 11, 1), catatan="baru", hari_rekap=10)
    assert rekap_terjadwal(hari=date(2026, 11, 5)) == []
    assert len(rekap_terjadwal(hari=date(2026, 11, 10))) == 1
    # October still had the old day (and starts a quarter)
    assert [j.kind for j in rekap_terjadwal(hari=date(2026, 10, 5))] == ["tpp_rekap_bulanan", "tpp_rekap_triwulan"]


def test_the_beat_entry_names_a_registered_task(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["tpp-rekap-terjadwal"]
    assert entry["task"] == "accounts.tasks.jadwal_pemda" and entry["task"] in app.tasks  # per pemda
    assert entry["kwargs"]["tugas"] == "tpp.tasks.tpp_rekap_terjadwal" and entry["kwargs"]["tugas"] in app.tasks
    assert (entry["kwargs"]["jam"], entry["kwargs"]["menit"]) == ("4", 0)  # 04:00 on the pemda's clock
    # 04:00 WIB, WITA, WIT are 05:00, 04:00, 03:00 on the installation's clock (WITA)
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({3, 4, 5}, {0})


def test_the_recap_tasks_survive_a_dead_worker():
    from tpp.tasks import tpp_rekap_bulanan_task, tpp_rekap_triwulan_task

    for kind, task in (("tpp_rekap_bulanan", tpp_rekap_bulanan_task), ("tpp_rekap_triwulan", tpp_rekap_triwulan_task)):
        assert task.acks_late and task.reject_on_worker_lost
        assert JOB_TASKS[kind] == task.name  # what "Jalankan ulang" sends again


# --- files appear whole ---------------------------------------------------------------------------


def test_simpan_atomik_never_overwrites_and_leaves_no_temporary_file(tmp_path):
    a = simpan_atomik("jobs/2026/11/rekap.xlsx", b"first")
    b = simpan_atomik("jobs/2026/11/rekap.xlsx", b"second")
    assert a == "jobs/2026/11/rekap.xlsx" and b != a and b.startswith("jobs/2026/11/rekap")
    assert default_storage.open(a).read() == b"first" and default_storage.open(b).read() == b"second"
    assert list((tmp_path / ".tmp").iterdir()) == []
    assert oct(Path(default_storage.path(a)).stat().st_mode & 0o777) == "0o644"


def test_simpan_atomik_cleans_old_leftovers_of_a_killed_worker(tmp_path):
    (tmp_path / ".tmp").mkdir()
    old, fresh = tmp_path / ".tmp" / "x.part", tmp_path / ".tmp" / "y.part"
    old.write_bytes(b"half")
    fresh.write_bytes(b"half")
    stamp = (timezone.now() - timedelta(hours=2)).timestamp()
    import os

    os.utime(old, (stamp, stamp))
    now = timezone.now().timestamp()  # the files' times on the pinned clock, not the file system's
    os.utime(fresh, (now, now))
    simpan_atomik("jobs/a.xlsx", b"x")
    assert not old.exists() and fresh.exists()


# --- "Jalankan ulang" -----------------------------------------------------------------------------


def test_a_failed_job_can_be_rerun_with_the_same_params(client, cast, django_capture_on_commit_callbacks, sent):
    params = {"periode": 7, "opd": None}
    job = Job.objects.create(
        kind="tpp_rekap_bulanan", title="Rekap TPP", created_by=cast.hr, pemda=cast.pemda, params=params,
        status=Job.Status.FAILED, message="Terjadi gangguan",
    )  # fmt: skip
    client.force_login(cast.hr)
    page = client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "Jalankan ulang" in page and reverse("job_ulang", args=[job.pk]) in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("job_ulang", args=[job.pk]))
    new = Job.objects.exclude(pk=job.pk).get()
    assert response.status_code == 302 and response["Location"] == reverse("job_detail", args=[new.pk])
    assert (new.kind, new.params, new.title, new.status, new.created_by) == (
        job.kind, params, job.title, Job.Status.PENDING, cast.hr,
    )  # fmt: skip
    assert sent == [("tpp.tasks.tpp_rekap_bulanan_task", (new.pk,))]


def test_a_running_job_is_rerun_only_once_it_stopped_moving(client, cast, settings, sent):
    job = Job.objects.create(
        kind="tpp_rekap_bulanan", title="Rekap", created_by=cast.hr, params={"periode": 1},
        status=Job.Status.RUNNING, started=timezone.now() - timedelta(minutes=30),
    )  # fmt: skip
    job_progress(job, done=3)  # it moved just now
    client.force_login(cast.hr)
    assert "Jalankan ulang" not in client.get(reverse("job_detail", args=[job.pk])).content.decode()
    response = client.post(reverse("job_ulang", args=[job.pk]), follow=True)
    assert "hanya dapat dijalankan ulang" in response.content.decode() and Job.objects.count() == 1
    settings.JOB_MACET_MENIT = 0  # ten minutes have passed
    assert "Jalankan ulang" in client.get(reverse("job_detail", args=[job.pk])).content.decode()
    client.post(reverse("job_ulang", args=[job.pk]))
    job.refresh_from_db()
    new = Job.objects.exclude(pk=job.pk).get()
    assert job.status == Job.Status.FAILED and f"#{new.pk}" in job.message


def test_a_finished_job_or_a_kind_without_a_task_is_not_rerun(client, cast, sent):
    done = Job.objects.create(kind="tpp_rekap_bulanan", title="x", created_by=cast.hr, status=Job.Status.DONE)
    other = Job.objects.create(kind="pegawai_import", title="x", created_by=cast.hr, status=Job.Status.FAILED)
    client.force_login(cast.hr)
    for job in (done, other):
        assert "Jalankan ulang" not in client.get(reverse("job_detail", args=[job.pk])).content.decode()
        assert client.post(reverse("job_ulang", args=[job.pk])).status_code == 302
    assert Job.objects.count() == 2


def test_only_the_owner_may_rerun_and_only_by_post(client, cast, sent):
    job = Job.objects.create(kind="tpp_rekap_bulanan", title="x", created_by=cast.hr, status=Job.Status.FAILED)
    client.force_login(cast.admin_opd)
    assert client.post(reverse("job_ulang", args=[job.pk])).status_code == 404
    client.force_login(cast.hr)
    assert client.get(reverse("job_ulang", args=[job.pk])).status_code == 405
    assert Job.objects.count() == 1
