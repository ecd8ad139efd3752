"""HR pages of TPP: rule sets, sentences, the month with its dashboard, moves, recaps and rows."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import PeriodeTutup
from activities.choices import Status
from core.models import Job
from tests.factories import JabatanFactory, PemdaFactory, UnitFactory, UserFactory, posted
from tests.tpp.test_selectors import antre
from tests.tpp.util import aturan, validated
from tpp.choices import StatusPeriode
from tpp.jobs import tpp_hitung_job, tpp_tutup_job
from tpp.models import AturanTpp, BarisTpp, HukumanDisiplin, PeriodeTpp, PeriodeTppLog
from tpp.services import periode_ambil, tpp_periode_hitung, tpp_periode_tutup

pytestmark = pytest.mark.django_db
OKT = "2026-10"


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    for where in ("tpp.calculation.today", "tpp.selectors.today", "tpp.views_hr.today"):
        monkeypatch.setattr(where, lambda: date(2026, 11, 22))


def url(name, *args, bulan=OKT):
    return reverse(f"tpp:{name}", args=args) + (f"?bulan={bulan}" if bulan else "")


def hitung(cast, tahun=2026, bulan=10):
    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=tahun, bulan=bulan)
    tpp_periode_hitung(actor=cast.hr, periode=periode)
    return periode


GET_PAGES = ["aturan_list", "aturan_create", "hukdis_list", "hukdis_create", "bulan", "baris_list"]
POSTS = [
    ("bulan_hitung", {}),
    ("bulan_tutup", {}),
    ("bulan_buka", {"alasan": "x" * 20}),
    ("bulan_rekap", {"jenis": "bulanan"}),
]


@pytest.mark.parametrize("name", GET_PAGES)
def test_anonymous_goes_to_login(client, cast, name):
    response = client.get(reverse(f"tpp:{name}"))
    assert response.status_code == 302 and "/masuk/" in response["Location"]


@pytest.mark.parametrize(("name", "data"), POSTS)
def test_anonymous_posts_go_to_login(client, cast, name, data):
    response = client.post(reverse(f"tpp:{name}", args=[2026, 10]), data)
    assert response.status_code == 302 and "/masuk/" in response["Location"]
    assert not Job.objects.exists() and not PeriodeTpp.objects.exists()


@pytest.mark.parametrize("name", GET_PAGES)
def test_a_pegawai_gets_403(client, cast, name):
    client.force_login(cast.pegawai.user)
    assert client.get(reverse(f"tpp:{name}")).status_code == 403


@pytest.mark.parametrize("name", ["aturan_list", "aturan_create", "hukdis_list", "hukdis_create"])
def test_an_admin_opd_may_not_open_the_rule_pages(client, cast, name):
    client.force_login(cast.admin_opd)
    assert client.get(reverse(f"tpp:{name}")).status_code == 403


@pytest.mark.parametrize(("name", "data"), POSTS)
def test_an_admin_opd_may_not_move_the_month(client, cast, name, data):
    aturan(cast.pemda)
    hitung(cast)
    client.force_login(cast.admin_opd)
    assert client.post(reverse(f"tpp:{name}", args=[2026, 10]), data).status_code == 403
    assert not Job.objects.exists()
    assert PeriodeTpp.objects.get().status == StatusPeriode.CALCULATED


def test_a_month_that_does_not_exist_is_404(client, cast):
    client.force_login(cast.hr)
    assert client.post(reverse("tpp:bulan_hitung", args=[2026, 13])).status_code == 404
    assert client.get(reverse("tpp:bulan_tutup", args=[1, 1])).status_code == 404


# --- rule sets ----------------------------------------------------------------------------------


def _aturan_post(**over):
    data = {
        "berlaku_mulai": "2026-12-01", "catatan": "Perkada 12/2026", "opd": "",
        "bobot_kinerja": "60", "bobot_disiplin": "40", "menit_tanpa_keterangan": "300",
        "pengurang_menit_terlambat": "on", "bpjs_persen_pegawai": "1", "bpjs_persen_pemda": "4",
        "bpjs_batas": "12000000", "pph_metode": "TARIF_GOLONGAN", "pph_III": "5", "kaskade_persen": "1",
        "kaskade_maks": "10", "hari_rekap": "5", "kelas_5": "3100000", "kelas_9": "6000000",
        "cuti_tanpa_tpp": ["CUTI_BESAR", "CLTN"], "kedudukan_dibayar": ["01", "71"], "menit_IZIN": "-300",
        "menit_CUTI_TAHUNAN": "300",
    }  # fmt: skip
    data |= {f"potongan_{k}": "1" for k in ("TL1", "TL2", "TL3", "TL4", "PSW1", "PSW2", "PSW3", "PSW4")}
    data |= {"potongan_TIDAK_APEL": "2", "potongan_TIDAK_UPACARA": "2", "potongan_TIDAK_SENAM": "2"}
    data |= {"potongan_TANPA_KETERANGAN": "3"}
    return data | over


def test_the_new_version_form_is_prefilled_from_the_version_in_force(client, cast):
    aturan(cast.pemda)
    client.force_login(cast.hr)
    response = client.get(reverse("tpp:aturan_create"))
    form = response.context["form"]
    assert form.initial["kelas_5"] == 3_000_000 and form.initial["kelas_14"] == 12_000_000
    assert form.initial["bobot_kinerja"] == 60 and form.initial["potongan_TL2"] == 1
    assert form.initial["berlaku_mulai"] == "2026-12-01"
    assert 'value="3000000"' in response.content.decode()


def test_a_new_version_is_saved_with_percent_turned_into_fractions(client, cast):
    client.force_login(cast.hr)
    data = _aturan_post(kinerja_dari_predikat="on", predikat_BAIK="90")
    response = client.post(reverse("tpp:aturan_create"), data)
    assert response.status_code == 302 and response["Location"] == reverse("tpp:aturan_list")
    row = AturanTpp.objects.get()
    assert row.kinerja_dari_predikat and row.persen_predikat == {"BAIK": "90"}
    assert row.besaran_kelas == {"5": 3_100_000, "9": 6_000_000}
    assert (row.bobot_kinerja, row.bobot_disiplin) == (Decimal("0.6"), Decimal("0.4"))
    assert row.tabel_potongan["TANPA_KETERANGAN"] == "3" and row.tabel_potongan["TL1"] == "1"
    assert row.menit_permohonan["IZIN"] == -300 and row.pph_tarif == {"III": "5"}
    assert row.cuti_tanpa_tpp == ["CUTI_BESAR", "CLTN"] and row.dibuat_oleh == cast.hr
    page = client.get(reverse("tpp:aturan_list")).content.decode()
    assert "Perkada 12/2026" in page and "Berlaku sejak 1 Desember 2026" in page


def test_a_per_jabatan_amount_and_an_opd_override_are_saved(client, cast):
    client.force_login(cast.hr)
    data = _aturan_post(opd=str(cast.dinas.pk), jabatan_0=str(cast.j_kasubag.pk), besaran_jabatan_0="7000000")
    assert client.post(reverse("tpp:aturan_create"), data).status_code == 302
    row = AturanTpp.objects.get()
    assert row.opd == cast.dinas and row.besaran_jabatan == {str(cast.j_kasubag.pk): 7_000_000}


def test_the_service_refusal_is_shown_and_nothing_typed_is_lost(client, cast):
    aturan(cast.pemda)
    periode = hitung(cast)
    tpp_periode_tutup(actor=cast.hr, periode=periode)
    client.force_login(cast.hr)
    response = client.post(reverse("tpp:aturan_create"), _aturan_post(berlaku_mulai="2026-10-01", kelas_7="4444444"))
    assert response.status_code == 200
    assert "Bulan 10/2026 sudah ditutup" in response.context["form"].errors["berlaku_mulai"][0]
    html = response.content.decode()
    assert 'value="4444444"' in html and 'value="Perkada 12/2026"' in html
    assert AturanTpp.objects.count() == 1


def test_weights_over_100_percent_are_refused_on_the_form(client, cast):
    client.force_login(cast.hr)
    response = client.post(reverse("tpp:aturan_create"), _aturan_post(bobot_kinerja="70", bobot_disiplin="40"))
    assert response.status_code == 200 and not AturanTpp.objects.exists()
    assert response.context["form"].errors["bobot_disiplin"] == [
        "Bobot kinerja dan bobot disiplin berjumlah paling banyak 100%."
    ]


def test_basic_tpp_fills_the_amounts_without_saving_or_losing_input(client, cast):
    client.force_login(cast.hr)
    data = _aturan_post(aksi="basic_2023", catatan="Sedang disusun", kelas_16="20000000")
    response = client.post(reverse("tpp:aturan_create"), data)
    assert response.status_code == 200 and not AturanTpp.objects.exists()
    form = response.context["form"]
    assert not form.is_bound
    assert form.initial["kelas_5"] == 2_793_557 and form.initial["kelas_15"] == 17_019_369
    assert form.initial["kelas_16"] == "20000000" and form.initial["catatan"] == "Sedang disusun"
    html = response.content.decode()
    assert 'value="2793557"' in html and "Besaran kelas 1–15 diisi dari tabel Basic TPP" in html
    assert 'value="CLTN" checked' in html.replace("\n", " ") or "checked" in html


# --- disciplinary sentences ---------------------------------------------------------------------


def test_a_sentence_is_recorded_by_nip(client, cast):
    client.force_login(cast.hr)
    data = {"nip": cast.pegawai.nip_tampil, "jenis": "POTONG_TUKIN_25_6", "persen": "25", "mulai": "2026-12-01",
            "selesai": "2027-05-31", "nomor_sk": "800/12/2026"}  # fmt: skip
    response = client.post(reverse("tpp:hukdis_create"), data)
    assert response.status_code == 302
    h = HukumanDisiplin.objects.get()
    assert (h.pegawai, h.persen, h.dibuat_oleh) == (cast.pegawai, 25, cast.hr)
    assert "800/12/2026" in client.get(reverse("tpp:hukdis_list")).content.decode()


def test_a_sentence_for_an_unknown_nip_or_a_reversed_period_is_refused(client, cast):
    client.force_login(cast.hr)
    data = {"nip": "199901012020011001", "jenis": "TEGURAN", "persen": "10", "mulai": "2026-12-01",
            "selesai": "2026-11-01", "nomor_sk": "1"}  # fmt: skip
    form = client.post(reverse("tpp:hukdis_create"), data).context["form"]
    assert form.errors["nip"] == ["Pegawai dengan NIP ini tidak ditemukan di pemda Anda."]
    data["nip"] = cast.pegawai.nip
    form = client.post(reverse("tpp:hukdis_create"), data).context["form"]
    assert form.errors["selesai"] == ["Tanggal selesai tidak boleh sebelum tanggal mulai."]
    assert not HukumanDisiplin.objects.exists()


def test_a_nip_of_another_pemda_is_not_found(client, cast):
    other = posted(JabatanFactory(unit=UnitFactory(pemda=PemdaFactory())))
    client.force_login(cast.hr)
    data = {"nip": other.nip, "jenis": "TEGURAN", "persen": "10", "mulai": "2026-12-01", "selesai": "2026-12-31",
            "nomor_sk": "1"}  # fmt: skip
    assert "nip" in client.post(reverse("tpp:hukdis_create"), data).context["form"].errors


# --- the month ----------------------------------------------------------------------------------


def test_the_month_page_shows_the_dashboard_and_the_allowed_moves(client, cast):
    aturan(cast.pemda)
    validated(cast.pegawai, 6_600)
    antre(cast.atasan, Status.SUBMITTED)
    hitung(cast)
    client.force_login(cast.hr)
    response = client.get(url("bulan"))
    html = response.content.decode()
    assert response.context["periode"].status == StatusPeriode.CALCULATED
    rows = {r.opd.nama: r for r in response.context["dasbor"].baris}
    assert (rows["Dinas Pendidikan Uji"].pegawai, rows["Dinas Pendidikan Uji"].capai_target) == (5, 1)
    assert rows["Dinas Pendidikan Uji"].antrean == 1
    assert "Rp14.454.000" in html and "Rp15.840.000" in html  # dinas neto; the total with the badan
    assert "Hitung ulang TPP" in html and "Tutup bulan" in html and "Buka kembali" not in html
    assert "Rekap bulanan Oktober 2026" in html and "Rekap triwulan 4 tahun 2026" in html
    assert "<svg" in html and 'role="img"' in html and "style=" not in html.split("<svg", 1)[1].split("</svg>")[0]


def test_an_open_month_offers_only_the_calculation(client, cast):
    client.force_login(cast.hr)
    html = client.get(url("bulan")).content.decode()
    assert "Hitung TPP" in html and "Tutup bulan" not in html and "Rekap bulanan" not in html
    assert not PeriodeTpp.objects.exists()  # a GET creates nothing


def test_an_admin_opd_reads_only_their_opd_and_gets_no_buttons(client, cast):
    aturan(cast.pemda)
    hitung(cast)
    client.force_login(cast.admin_opd)
    response = client.get(url("bulan"))
    assert [r.opd.nama for r in response.context["dasbor"].baris] == ["Dinas Pendidikan Uji"]
    html = response.content.decode()
    assert "Badan Keuangan Uji" not in html and "Hitung ulang" not in html and "Rekap bulanan" not in html


def test_the_month_page_costs_the_same_queries_for_more_opds_and_people(client, cast):
    aturan(cast.pemda)
    hitung(cast)
    client.force_login(cast.hr)
    client.get(url("bulan"))  # warm the session and content types
    with CaptureQueriesContext(connection) as small:
        client.get(url("bulan"))
    for i in range(3):
        jabatan = JabatanFactory(unit=UnitFactory(pemda=cast.pemda, nama=f"Dinas Lain {i}"), kelas=5)
        for _j in range(4):
            antre(posted(jabatan), Status.SUBMITTED)
    hitung(cast)
    with CaptureQueriesContext(connection) as big:
        response = client.get(url("bulan"))
    assert len(response.context["dasbor"].baris) == 5
    assert len(big) == len(small)


def test_calculate_starts_a_job_whose_body_fills_the_rows(client, cast):
    aturan(cast.pemda)
    client.force_login(cast.hr)
    response = client.post(reverse("tpp:bulan_hitung", args=[2026, 10]))
    job = Job.objects.get()
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    periode = PeriodeTpp.objects.get()
    assert (job.kind, job.params["periode"], job.created_by) == ("tpp_hitung", periode.pk, cast.hr)
    assert job.params["kembali"] == url("bulan")
    tpp_hitung_job(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.message == "TPP 6 pegawai selesai dihitung."
    assert BarisTpp.objects.filter(periode=periode).count() == 6


def test_close_asks_first_then_starts_a_job(client, cast):
    aturan(cast.pemda)
    hitung(cast)
    client.force_login(cast.hr)
    page = client.get(reverse("tpp:bulan_tutup", args=[2026, 10]))
    assert "Tutup bulan TPP Oktober 2026?" in page.content.decode() and not Job.objects.exists()
    response = client.post(reverse("tpp:bulan_tutup", args=[2026, 10]))
    job = Job.objects.get(kind="tpp_tutup")
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    tpp_tutup_job(job.pk)
    assert PeriodeTpp.objects.get().status == StatusPeriode.CLOSED
    assert PeriodeTutup.objects.filter(pemda=cast.pemda, tahun=2026, bulan=10).exists()


def test_an_open_month_cannot_be_closed_and_a_closed_one_not_recalculated(client, cast):
    aturan(cast.pemda)
    client.force_login(cast.hr)
    response = client.post(reverse("tpp:bulan_tutup", args=[2026, 10]), follow=True)
    assert "Bulan ini belum dapat ditutup: hitung TPP lebih dulu." in response.content.decode()
    periode = hitung(cast)
    tpp_periode_tutup(actor=cast.hr, periode=periode)
    response = client.post(reverse("tpp:bulan_hitung", args=[2026, 10]), follow=True)
    assert "Bulan ini sudah ditutup. Buka kembali dengan alasan" in response.content.decode()
    assert not Job.objects.exists()


def test_reopen_needs_a_reason_and_is_logged(client, cast):
    aturan(cast.pemda)
    periode = hitung(cast)
    tpp_periode_tutup(actor=cast.hr, periode=periode)
    client.force_login(cast.hr)
    response = client.post(reverse("tpp:bulan_buka", args=[2026, 10]), {"alasan": "salah"})
    assert response.status_code == 200
    assert response.context["form"].errors["alasan"] == [
        "Tuliskan alasan membuka kembali bulan ini (paling sedikit 10 huruf)."
    ]
    assert PeriodeTpp.objects.get().status == StatusPeriode.CLOSED
    response = client.post(reverse("tpp:bulan_buka", args=[2026, 10]), {"alasan": "Validasi terlambat karena gangguan"})
    assert response["Location"] == url("bulan")
    assert PeriodeTpp.objects.get().status == StatusPeriode.REOPENED
    html = client.get(url("bulan")).content.decode()
    assert "Alasan: Validasi terlambat karena gangguan" in html and "dibuka kembali" in html


def test_recaps_start_the_monthly_and_quarterly_jobs(client, cast):
    aturan(cast.pemda)
    periode = hitung(cast)
    client.force_login(cast.hr)
    client.post(reverse("tpp:bulan_rekap", args=[2026, 10]), {"jenis": "bulanan", "opd": cast.dinas.pk})
    client.post(reverse("tpp:bulan_rekap", args=[2026, 10]), {"jenis": "bulanan", "opd": ""})
    client.post(reverse("tpp:bulan_rekap", args=[2026, 10]), {"jenis": "triwulan", "opd": ""})
    jobs = list(Job.objects.order_by("pk"))
    assert [j.kind for j in jobs] == ["tpp_rekap_bulanan", "tpp_rekap_bulanan", "tpp_rekap_triwulan"]
    assert jobs[0].params == {"periode": periode.pk, "opd": cast.dinas.pk}
    assert jobs[1].params["opd"] is None
    assert {k: jobs[2].params[k] for k in ("pemda", "tahun", "triwulan", "opd")} == {
        "pemda": cast.pemda.pk, "tahun": 2026, "triwulan": 4, "opd": None
    }  # fmt: skip
    assert jobs[0].title == "Rekap TPP Oktober 2026 – Dinas Pendidikan Uji"


def test_a_recap_of_an_uncalculated_month_or_a_foreign_opd_is_refused(client, cast):
    client.force_login(cast.hr)
    response = client.post(reverse("tpp:bulan_rekap", args=[2026, 10]), {"jenis": "bulanan"}, follow=True)
    assert "Hitung TPP bulan ini lebih dulu" in response.content.decode()
    aturan(cast.pemda)
    hitung(cast)
    foreign = UnitFactory(pemda=PemdaFactory())
    response = client.post(
        reverse("tpp:bulan_rekap", args=[2026, 10]), {"jenis": "bulanan", "opd": foreign.pk}, follow=True
    )
    assert "Pilih jenis rekap dan OPD dari daftar." in response.content.decode()
    assert not Job.objects.exists()


# --- rows ---------------------------------------------------------------------------------------


def test_the_rows_page_lists_every_component_and_searches(client, cast):
    aturan(cast.pemda)
    validated(cast.pegawai, 6_600)
    hitung(cast)
    client.force_login(cast.hr)
    response = client.get(url("baris_list") + "&q=Rajin")
    rows = list(response.context["page"])
    assert [r.pegawai for r in rows] == [cast.pegawai]
    html = response.content.decode()
    assert "Rp1.800.000" in html and "Rp1.200.000" in html and "Rp3.000.000" in html and "Rp2.970.000" in html
    assert rows[0].capaian_teks == "100%"
    by_nip = client.get(url("baris_list") + f"&q={cast.pegawai_lain.nip_tampil}").context["page"]
    assert [r.pegawai for r in by_nip] == [cast.pegawai_lain]
    by_opd = client.get(url("baris_list") + f"&opd={cast.badan.pk}").context["page"]
    assert [r.pegawai for r in by_opd] == [cast.pegawai_lain]


def test_an_admin_opd_sees_only_their_opd_rows(client, cast):
    aturan(cast.pemda)
    hitung(cast)
    client.force_login(cast.admin_opd)
    response = client.get(url("baris_list"))
    assert {r.opd for r in response.context["page"]} == {cast.dinas}
    assert len(response.context["page"].object_list) == 5
    assert client.get(url("baris_list") + f"&opd={cast.badan.pk}").context["page"].paginator.count == 5


def test_a_missing_amount_is_shown_as_text(client, cast):
    aturan(cast.pemda, besaran_kelas={"5": 3_000_000})
    hitung(cast)
    client.force_login(cast.hr)
    html = client.get(url("baris_list") + "&q=Kasubag").content.decode()
    assert "Belum dapat dihitung: Besaran TPP kelas jabatan 9 belum diatur pada aturan TPP." in html


def test_a_reopened_month_shows_the_difference_per_employee(client, cast):
    aturan(cast.pemda)
    validated(cast.pegawai, 3_300)
    periode = hitung(cast)
    tpp_periode_tutup(actor=cast.hr, periode=periode)
    client.force_login(cast.hr)
    client.post(reverse("tpp:bulan_buka", args=[2026, 10]), {"alasan": "Validasi terlambat karena gangguan"})
    validated(cast.pegawai, 3_300, tanggal=date(2026, 10, 20))
    periode.refresh_from_db()
    tpp_periode_hitung(actor=cast.hr, periode=periode)
    response = client.get(url("baris_list"))
    rows = {r.pegawai_id: r for r in response.context["page"]}
    assert (rows[cast.pegawai.pk].beku_neto, rows[cast.pegawai.pk].neto) == (2_079_000, 2_970_000)
    assert rows[cast.pegawai.pk].selisih == 891_000
    assert rows[cast.atasan.pk].selisih == 0
    html = response.content.decode()
    assert "+Rp891.000" in html and 'class="table-warning"' in html


def test_a_superadmin_without_a_pemda_sees_the_only_pemda(client, cast):
    """With one pemda there is nothing to choose (tests/tpp/test_pemda_picker.py: with several, one is chosen)."""
    aturan(cast.pemda)
    hitung(cast)
    client.force_login(cast.superadmin)
    assert client.get(url("bulan")).context["dasbor"].total.pegawai == 6


def test_hr_of_another_pemda_sees_nothing_of_this_one(client, cast):
    aturan(cast.pemda)
    hitung(cast)
    other = UserFactory(username="hr.lain", role="HR_PEMDA", pemda=PemdaFactory())
    client.force_login(other)
    assert client.get(url("baris_list")).context["page"].paginator.count == 0
    assert client.get(url("bulan")).context["dasbor"].baris == []


def test_an_opd_override_form_starts_from_the_opd_version_and_garbage_is_ignored(client, cast):
    aturan(cast.pemda)
    AturanTpp.objects.create(
        pemda=cast.pemda,
        opd=cast.badan,
        berlaku_mulai=date(2021, 1, 1),
        catatan="khusus",
        besaran_kelas={"6": 4_000_000},
    )
    client.force_login(cast.hr)
    form = client.get(reverse("tpp:aturan_create") + f"?opd={cast.badan.pk}").context["form"]
    assert (form.initial["opd"], form.initial["kelas_6"]) == (cast.badan.pk, 4_000_000)
    form = client.get(reverse("tpp:aturan_create") + "?opd=abc").context["form"]
    assert (form.initial["opd"], form.initial["kelas_6"]) == (None, 3_500_000)
    assert client.post(reverse("tpp:aturan_create"), {"kelas_5": "lima", "jabatan_x": "1"}).status_code == 200


# --- issue 13: rows that could not be computed block the closing; a GET never writes --------------


def _tanpa_kelas_5(cast):
    """A rule set without an amount for kelas 5: the pegawai and the admin of the dinas fail."""
    aturan(cast.pemda, besaran_kelas={"6": 3_500_000, "9": 6_000_000, "11": 8_000_000, "14": 12_000_000})
    return hitung(cast)


def _jumlah():
    return (
        PeriodeTpp.objects.count(), PeriodeTppLog.objects.count(), BarisTpp.objects.count(),
        AturanTpp.objects.count(), PeriodeTutup.objects.count(), Job.objects.count(),
    )  # fmt: skip


def test_the_month_page_lists_every_row_that_could_not_be_computed(client, cast):
    _tanpa_kelas_5(cast)
    client.force_login(cast.hr)
    response = client.get(url("bulan"))
    html = response.content.decode()
    assert response.context["galat_jumlah"] == 2
    assert "TPP 2 pegawai belum dapat dihitung" in html and html.count('data-testid="galat-baris"') == 2
    for p in (cast.pegawai, cast.admin_opd.pegawai):
        assert p.nama_lengkap in html and p.nip_tampil in html
    assert "Dinas Pendidikan Uji" in html and "Besaran TPP kelas jabatan 5 belum diatur pada aturan TPP." in html
    # the row list filtered to the same rows
    rows = client.get(url("baris_list") + "&hasil=galat").context["page"].object_list
    assert {r.pegawai_id for r in rows} == {cast.pegawai.pk, cast.admin_opd.pegawai.pk}


def test_the_month_page_of_a_month_without_errors_has_no_such_list(client, cast):
    aturan(cast.pemda)
    hitung(cast)
    client.force_login(cast.hr)
    assert 'data-testid="galat"' not in client.get(url("bulan")).content.decode()


def test_an_admin_opd_sees_only_the_failed_rows_of_their_opd(client, cast):
    aturan(cast.pemda, besaran_kelas={"5": 3_000_000, "9": 6_000_000, "11": 8_000_000, "14": 12_000_000})
    hitung(cast)  # kelas 6 of the badan has no amount
    client.force_login(cast.admin_opd)
    assert client.get(url("bulan")).context["galat_jumlah"] == 0
    client.force_login(cast.hr)
    assert client.get(url("bulan")).context["galat_jumlah"] == 1


def test_close_is_refused_with_the_list_while_rows_cannot_be_computed(client, cast):
    periode = _tanpa_kelas_5(cast)
    client.force_login(cast.hr)
    page = client.get(reverse("tpp:bulan_tutup", args=[2026, 10]))
    html = page.content.decode()
    assert page.status_code == 200 and 'data-testid="tutup-ditolak"' in html
    assert cast.pegawai.nama_lengkap in html and "Ya, tutup bulan ini" not in html
    response = client.post(reverse("tpp:bulan_tutup", args=[2026, 10]), follow=True)
    assert "belum dapat ditutup: TPP 2 pegawai belum dapat dihitung" in response.content.decode()
    assert not Job.objects.exists()
    periode.refresh_from_db()
    assert periode.status == StatusPeriode.CALCULATED and not PeriodeTutup.objects.exists()


def test_a_closing_job_that_meets_new_errors_fails_with_the_names(client, cast):
    """The stored rows were fine, but the recalculation at closing finds a row that fails."""
    aturan(cast.pemda)
    periode = hitung(cast)
    client.force_login(cast.hr)
    client.post(reverse("tpp:bulan_tutup", args=[2026, 10]))
    job = Job.objects.get(kind="tpp_tutup")
    j = cast.j_staf
    j.kelas = 7  # no amount for kelas 7
    j.save()
    tpp_tutup_job(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message.startswith("Bulan 10/2026 belum dapat ditutup: TPP 2 pegawai belum dapat dihitung.")
    assert cast.pegawai.nama_lengkap in job.message and "kelas jabatan 7" in job.message
    periode.refresh_from_db()
    assert periode.status == StatusPeriode.CALCULATED and not PeriodeTutup.objects.exists()
    assert client.get(url("bulan")).context["galat_jumlah"] == 2  # the month page now lists them


@pytest.mark.parametrize("name", ["bulan_tutup", "bulan_buka"])
def test_opening_a_move_of_an_untouched_month_writes_nothing(client, cast, name):
    aturan(cast.pemda)
    client.force_login(cast.hr)
    sebelum = _jumlah()
    response = client.get(reverse(f"tpp:{name}", args=[2026, 10]))
    assert response.status_code == 302 and response["Location"] == url("bulan")
    assert _jumlah() == sebelum and not PeriodeTpp.objects.exists()


@pytest.mark.parametrize(("name", "tutup"), [("bulan_tutup", False), ("bulan_buka", True), ("bulan_buka", False)])
def test_opening_a_move_of_a_calculated_or_closed_month_writes_nothing(client, cast, name, tutup):
    aturan(cast.pemda)
    periode = hitung(cast)
    if tutup:
        tpp_periode_tutup(actor=cast.hr, periode=periode)
    client.force_login(cast.hr)
    sebelum = _jumlah()
    assert client.get(reverse(f"tpp:{name}", args=[2026, 10])).status_code in (200, 302)
    assert _jumlah() == sebelum
