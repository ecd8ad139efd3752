"""Uang makan of a month: the service, the per-OPD screen, and the xlsx export job (RULES.md §4)."""

import os
from datetime import date
from io import BytesIO

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.choices import Golongan, StatusPegawai
from accounts.models import Pegawai, UnitKerja
from attendance.models import AturanPresensi, HariLibur, HariPresensi
from core.jobs import job_create
from core.models import Job
from tests.factories import JabatanFactory, PemdaFactory, UnitFactory, UserFactory, posted
from tests.helpers import TODAY, celery_worker, wait_for_job
from tpp.tasks import uang_makan_ekspor_task
from tpp.uang_makan import Total, pegawai_opd_bulan, total_of, uang_makan_bulan, uang_makan_ekspor_job

TAHUN, BULAN = 2026, 10  # October 2026: 22 weekdays, the 1st is a Thursday
WEEKDAYS = [date(2026, 10, d) for d in range(1, 32) if date(2026, 10, d).weekday() < 5]
URL = reverse("tpp:uang_makan")


def hari(pegawai: Pegawai, statuses: dict[date, str]) -> None:
    HariPresensi.objects.bulk_create(
        HariPresensi(pemda_id=pegawai.pemda_id, pegawai=pegawai, tanggal=d, status=s) for d, s in statuses.items()
    )


def month(pegawai: Pegawai, n_hadir: int, *, rest: str = "TANPA_KETERANGAN") -> None:
    hari(pegawai, {d: ("HADIR" if i < n_hadir else rest) for i, d in enumerate(WEEKDAYS)})


def rows_of(cast, opd=None) -> dict[str, object]:
    opd = opd or cast.dinas
    baris = uang_makan_bulan(
        pegawai_qs=pegawai_opd_bulan(opd=opd, tahun=TAHUN, bulan=BULAN),
        pemda_id=cast.pemda.pk,
        tahun=TAHUN,
        bulan=BULAN,
        opd_id=opd.pk,
    )
    return {b.nama: b for b in baris}


# --- the service -------------------------------------------------------------------------------


def test_weekdays_of_october_2026():
    assert len(WEEKDAYS) == 22


def test_it_counts_present_working_days_and_lists_people_without_rows_at_zero(cast):
    statuses = {d: "HADIR" for d in WEEKDAYS[:18]}
    statuses |= {WEEKDAYS[18]: "TERLAMBAT", WEEKDAYS[19]: "TERLAMBAT", WEEKDAYS[20]: "CUTI", WEEKDAYS[21]: "SAKIT"}
    statuses[date(2026, 10, 3)] = "LIBUR"  # a Saturday the schedule does not work
    hari(cast.pegawai, statuses)
    rows = rows_of(cast)
    b = rows["Pegawai Rajin"]
    assert (b.golongan, b.hari, b.tarif, b.bruto, b.pph, b.neto, b.galat) == (
        "III/a",
        20,
        37_000,
        740_000,
        37_000,
        703_000,
        "",
    )
    assert rows["Kasubag Teliti"].hari == 0 and rows["Kasubag Teliti"].neto == 0
    # everyone posted in the dinas; not the badan's pegawai
    assert set(rows) == {"Kadis Utama", "Sekretaris Sejati", "Kasubag Teliti", "Pegawai Rajin", "Admin Kepegawaian"}


def test_a_saturday_of_a_six_day_unit_counts(cast):
    # the day-status computation gives HADIR on a Saturday only where the unit's schedule works it
    hari(cast.pegawai, {date(2026, 10, 3): "HADIR", date(2026, 10, 10): "TERLAMBAT", date(2026, 10, 5): "HADIR"})
    assert rows_of(cast)["Pegawai Rajin"].hari == 3


def test_a_holiday_is_not_a_working_day_even_if_marked_present(cast):
    HariLibur.objects.create(pemda=cast.pemda, tanggal=WEEKDAYS[0], nama="Libur daerah")
    month(cast.pegawai, 22)
    assert rows_of(cast)["Pegawai Rajin"].hari == 21


def test_golongan_iv_is_capped_at_22_days_and_pays_15_percent(cast):
    cast.kadis.golongan = Golongan.IV_B
    cast.kadis.save()
    month(cast.kadis, 22)
    b = rows_of(cast)["Kadis Utama"]
    assert (b.hari, b.bruto, b.pph, b.neto) == (22, 902_000, 135_300, 766_700)


def test_golongan_ii_pays_no_pph(cast):
    cast.atasan.golongan = Golongan.II_C
    cast.atasan.save()
    month(cast.atasan, 10)
    b = rows_of(cast)["Kasubag Teliti"]
    assert (b.hari, b.bruto, b.pph, b.neto) == (10, 350_000, 0, 350_000)


def test_the_pemda_rule_set_overrides_rates_and_cap(cast):
    AturanPresensi.objects.create(
        pemda=cast.pemda,
        berlaku_mulai=date(2026, 1, 1),
        uang_makan_tarif={"III": 40_000},
        uang_makan_pph={"III": "10"},
        uang_makan_maks_hari=20,
    )
    AturanPresensi.objects.create(pemda=cast.pemda, berlaku_mulai=date(2026, 11, 1), uang_makan_tarif={"III": 1})
    month(cast.pegawai, 22)
    b = rows_of(cast)["Pegawai Rajin"]
    assert (b.hari, b.tarif, b.bruto, b.pph, b.neto) == (20, 40_000, 800_000, 80_000, 720_000)


def test_an_empty_rule_set_means_the_national_defaults(cast):
    AturanPresensi.objects.create(pemda=cast.pemda, berlaku_mulai=date(2026, 1, 1))
    month(cast.pegawai, 5)
    assert rows_of(cast)["Pegawai Rajin"].bruto == 185_000


def test_a_pppk_without_a_configured_rate_is_flagged_not_paid_as_pns(cast):
    cast.atasan.status, cast.atasan.golongan = StatusPegawai.PPPK, Golongan.PPPK_III
    cast.atasan.save()
    month(cast.atasan, 10)
    b = rows_of(cast)["Kasubag Teliti"]
    assert (b.hari, b.tarif, b.bruto, b.neto) == (10, None, 0, 0)
    assert "PPPK III belum diatur" in b.galat


def test_a_pppk_with_a_configured_rate_is_paid(cast):
    AturanPresensi.objects.create(
        pemda=cast.pemda,
        berlaku_mulai=date(2026, 1, 1),
        uang_makan_tarif={"PPPK IX": 37_000},
        uang_makan_pph={"PPPK IX": "5"},
    )
    cast.atasan.status, cast.atasan.golongan = StatusPegawai.PPPK, Golongan.PPPK_IX
    cast.atasan.save()
    month(cast.atasan, 20)
    b = rows_of(cast)["Kasubag Teliti"]
    assert (b.bruto, b.pph, b.neto, b.galat) == (740_000, 37_000, 703_000, "")


def test_a_posting_ended_during_the_month_still_appears_and_one_ended_before_does_not(cast):
    p = cast.atasan.penempatan.get()
    p.selesai = date(2026, 10, 10)
    p.save()
    assert "Kasubag Teliti" in rows_of(cast)
    p.selesai = date(2026, 9, 30)
    p.save()
    assert "Kasubag Teliti" not in rows_of(cast)


def _staff(cast, n: int) -> None:
    for i in range(n):
        month(posted(cast.j_staf, nama=f"Staf {i:02d}"), 15)


@pytest.mark.parametrize("n", [3, 30])
def test_the_number_of_queries_does_not_grow_with_the_staff(cast, n):
    _staff(cast, n)
    with CaptureQueriesContext(connection) as ctx:
        baris = rows_of(cast)
    assert len(baris) == n + 5
    assert len(ctx.captured_queries) == 5  # aturan, holidays, pegawai, postings, HariPresensi


# --- the screen --------------------------------------------------------------------------------


def test_anonymous_goes_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_plain_pegawai_is_refused(client, cast):
    client.force_login(cast.pegawai.user)
    assert client.get(URL).status_code == 403
    assert client.post(reverse("tpp:uang_makan_ekspor"), {"bulan": "2026-10"}).status_code == 403


def test_admin_opd_sees_their_opd_with_totals(client, cast):
    month(cast.pegawai, 20)
    month(cast.kadis, 1)
    client.force_login(cast.admin_opd)
    response = client.get(URL, {"bulan": "2026-10"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dinas Pendidikan Uji" in html and "Oktober 2026" in html
    assert "Pegawai Rajin" in html and "Kasubag Teliti" in html and "Pegawai Badan" not in html
    assert "Rp740.000" in html and "Rp703.000" in html
    assert response.context["total"].bruto == 777_000 and "Rp777.000" in html  # + kadis 1 day
    assert 'class="table table-striped align-middle bg-white table-responsive-stack"' in html
    assert "style=" not in html.split("<main", 1)[-1] and "onclick" not in html


def test_admin_opd_cannot_open_another_opd(client, cast):
    client.force_login(cast.admin_opd)
    assert client.get(URL, {"bulan": "2026-10", "opd": cast.badan.pk}).status_code == 404
    response = client.post(reverse("tpp:uang_makan_ekspor"), {"bulan": "2026-10", "opd": cast.badan.pk})
    assert response.status_code == 404 and not Job.objects.exists()


def test_hr_chooses_an_opd(client, cast):
    client.force_login(cast.hr)
    response = client.get(URL, {"bulan": "2026-10"})
    assert response.status_code == 200 and "Pilih OPD" in response.content.decode()
    response = client.get(URL, {"bulan": "2026-10", "opd": cast.badan.pk})
    assert [b.nama for b in response.context["baris"]] == ["Pegawai Badan"]


def test_hr_cannot_open_an_opd_of_another_pemda(client, cast):
    other = UnitFactory(pemda=PemdaFactory(), nama="Dinas Lain")
    client.force_login(cast.hr)
    assert client.get(URL, {"opd": other.pk}).status_code == 404


def test_a_wrong_month_falls_back_to_this_month(client, cast):
    client.force_login(cast.admin_opd)
    response = client.get(URL, {"bulan": "2026-13"})
    assert response.status_code == 200 and response.context["form"].errors


# --- the export job ----------------------------------------------------------------------------


def test_export_starts_a_job_after_commit_and_redirects_to_its_page(
    client, cast, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(uang_makan_ekspor_task, "delay", sent.append)
    client.force_login(cast.admin_opd)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("tpp:uang_makan_ekspor"), {"bulan": "2026-10"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("job_detail", args=[job.pk])
    assert (job.kind, job.params["opd"], job.params["tahun"], job.params["bulan"]) == (
        "uang_makan",
        cast.dinas.pk,
        2026,
        10,
    )
    assert job.created_by == cast.admin_opd and job.pemda == cast.pemda
    assert sent == [job.pk]


def _export_job(cast, user) -> Job:
    return Job.objects.create(
        kind="uang_makan", title="Uang makan", created_by=user, pemda=cast.pemda,
        params={"opd": cast.dinas.pk, "tahun": TAHUN, "bulan": BULAN},
    )  # fmt: skip


def _sheet(job: Job):
    with job.file.open("rb") as f:
        return load_workbook(BytesIO(f.read())).active


def test_the_export_job_writes_the_xlsx(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    month(cast.pegawai, 20)
    cast.kadis.golongan = Golongan.IV_B
    cast.kadis.save()
    month(cast.kadis, 22)
    job = _export_job(cast, cast.admin_opd)
    uang_makan_ekspor_job(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and (job.done, job.total) == (5, 5) and job.file.name.endswith(".xlsx")
    assert job.result == {"pegawai": 5, "neto": 703_000 + 766_700, "galat": 0}
    ws = _sheet(job)
    assert ws["A1"].value == "Daftar uang makan Oktober 2026"
    assert (ws["A2"].value, ws["A3"].value) == ("Pemerintah Kota Uji", "Dinas Pendidikan Uji")
    assert [c.value for c in ws[5]][:9] == [
        "No.",
        "NIP",
        "Nama",
        "Golongan",
        "Hari",
        "Tarif/hari",
        "Bruto",
        "PPh",
        "Neto",
    ]
    rows = {r[2]: r for r in ws.iter_rows(min_row=6, max_row=10, values_only=True)}
    assert rows["Pegawai Rajin"][1] == cast.pegawai.nip and isinstance(rows["Pegawai Rajin"][1], str)
    assert rows["Pegawai Rajin"][3:9] == ("III/a", 20, 37_000, 740_000, 37_000, 703_000)
    assert rows["Kadis Utama"][3:9] == ("IV/b", 22, 41_000, 902_000, 135_300, 766_700)
    assert rows["Kasubag Teliti"][4:9] == (0, 37_000, 0, 0, 0)
    total = [c.value for c in ws[11]]
    assert total[2] == "Jumlah" and total[4:9] == [42, None, 1_642_000, 172_300, 1_469_700]
    assert ws["G6"].number_format == "#,##0" and ws["I11"].number_format == "#,##0" and ws["B6"].number_format == "@"


def test_the_export_is_a_printable_list_signed_by_the_head_and_the_treasurer(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    month(cast.pegawai, 20)
    job = _export_job(cast, cast.admin_opd)
    uang_makan_ekspor_job(job.pk)
    job.refresh_from_db()
    ws = _sheet(job)
    assert ws.freeze_panes == "D6" and ws.print_title_rows == "$4:$5"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 14
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert [c.value for c in ws[11]][2] == "Jumlah"
    block = [[c for c in row if c] for row in ws.iter_rows(min_row=12, values_only=True)]
    block = [row for row in block if row]
    assert block == [
        ["Mengetahui,", f"{'.' * 30}, {'.' * 20} {TODAY.year}"],
        ["Kepala Dinas", "Bendahara Pengeluaran"],
        ["Kadis Utama", f"({'.' * 30})"],
        [f"NIP {cast.kadis.nip_tampil}", f"NIP {'.' * 30}"],
    ]
    assert ws["C18"].value == "Kadis Utama" and ws["C18"].font.b and ws["G14"].value == "Bendahara Pengeluaran"
    assert not list(tmp_path.glob(".tmp/*"))  # stored atomically: no temporary file left


def test_the_export_notes_people_without_a_rate(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cast.atasan.status, cast.atasan.golongan = StatusPegawai.PPPK, Golongan.PPPK_IX
    cast.atasan.save()
    job = _export_job(cast, cast.hr)
    uang_makan_ekspor_job(job.pk)
    job.refresh_from_db()
    assert job.result["galat"] == 1 and "belum bertarif" in job.message
    row = next(r for r in _sheet(job).iter_rows(min_row=6, values_only=True) if r[2] == "Kasubag Teliti")
    assert row[5] is None and "PPPK IX" in row[9]


def test_the_owner_downloads_the_file_from_the_job_page(client, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    job = _export_job(cast, cast.admin_opd)
    uang_makan_ekspor_job(job.pk)
    client.force_login(cast.admin_opd)
    assert "Unduh hasil" in client.get(reverse("job_detail", args=[job.pk])).content.decode()
    response = client.get(reverse("job_download", args=[job.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content)[:2] == b"PK"
    client.force_login(cast.hr)
    assert client.get(reverse("job_download", args=[job.pk])).status_code == 404


def test_a_failing_export_is_marked_failed(cast):
    job = Job.objects.create(
        kind="uang_makan", title="x", created_by=cast.hr, params={"opd": 0, "tahun": 2026, "bulan": 10}
    )
    with pytest.raises(UnitKerja.DoesNotExist):
        uang_makan_ekspor_job(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (make test provides it)")
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_builds_the_export(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pemda = PemdaFactory(nama="Pemerintah Kota Uji")
    opd = UnitFactory(pemda=pemda, nama="Dinas Uji")
    staf = posted(JabatanFactory(unit=opd), nama="Staf Uji")
    month(staf, 3)
    user = UserFactory()
    with celery_worker():
        with transaction.atomic():
            job = job_create(
                user=user, kind="uang_makan", title="Uang makan", task=uang_makan_ekspor_task,
                params={"opd": opd.pk, "tahun": TAHUN, "bulan": BULAN}, pemda=pemda,
            )  # fmt: skip
        wait_for_job(job)
    assert job.status == Job.Status.DONE, job.error
    assert _sheet(job)["G6"].value == 111_000


def test_total_of_an_empty_month():
    assert total_of([]) == Total(0, 0, 0, 0)


def test_a_mid_month_mutation_is_paid_by_each_opd_for_its_own_days_never_twice(cast):
    from accounts.models import Penempatan
    from tests.factories import PenempatanFactory

    month(cast.pegawai, 22, rest="HADIR")  # present every weekday of October
    Penempatan.objects.filter(pegawai=cast.pegawai).update(selesai=date(2026, 10, 15))
    PenempatanFactory(pegawai=cast.pegawai, jabatan=cast.j_badan_staf, mulai=date(2026, 10, 16))
    in_dinas = rows_of(cast)["Pegawai Rajin"]
    in_badan = rows_of(cast, cast.badan)["Pegawai Rajin"]
    assert (in_dinas.hari, in_badan.hari) == (11, 11)  # 1–15 Oct: 11 weekdays; 16–31 Oct: 11
    assert in_dinas.bruto + in_badan.bruto == 22 * 37_000
