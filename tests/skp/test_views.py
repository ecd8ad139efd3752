"""SKP pages: anonymous → login, out of scope → 404, wrong role → 403, the happy paths, the grid's
constant query count and the PDFs."""

import io
import uuid
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from skp.choices import Status
from skp.models import Penilaian, Rhk, Skp
from tests.factories import posted
from tests.helpers import TODAY, form_aktivitas
from tests.skp.conftest import TAHUN, add_rhk, approved, dibimbing, new_skp, validated

GRID = reverse("skp:penilaian_grid") + f"?tahun={TAHUN}&periode=TRIWULAN-4"


@pytest.fixture
def skp_pegawai(cast, rencana):
    skp = new_skp(cast.pegawai)
    add_rhk(skp, induk=rencana.rhk_atasan)
    return skp


def login(client, pegawai_or_user):
    client.force_login(getattr(pegawai_or_user, "user", pegawai_or_user))
    return client


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize("name", ["skp:saya", "skp:buat", "skp:pohon", "skp:penilaian_grid", "skp:pengaturan"])
def test_anonymous_goes_to_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_anonymous_cannot_open_an_skp(client, skp_pegawai):
    response = client.get(reverse("skp:detail", args=[skp_pegawai.pk]))
    assert response.status_code == 302


@pytest.mark.parametrize("who", ["pegawai", "atasan", "admin_opd", "hr"])
def test_those_in_scope_see_the_skp(client, cast, skp_pegawai, who):
    response = login(client, getattr(cast, who)).get(reverse("skp:detail", args=[skp_pegawai.pk]))
    assert response.status_code == 200
    assert "Pegawai Rajin" in response.content.decode()


@pytest.mark.parametrize("who", ["pegawai_lain", "kadis"])
def test_an_skp_out_of_scope_is_404(client, cast, skp_pegawai, who):
    client = login(client, getattr(cast, who))
    rhk = skp_pegawai.rhk.get()
    for url in [
        reverse("skp:detail", args=[skp_pegawai.pk]),
        reverse("skp:pdf", args=[skp_pegawai.pk]),
        reverse("skp:rhk_ubah", args=[rhk.pk]),
        reverse("skp:rencana_aksi", args=[rhk.pk]),
        reverse("skp:periode", args=[skp_pegawai.pk, "TRIWULAN-4"]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("skp:pindah", args=[skp_pegawai.pk]), {"aksi": "ajukan"}).status_code == 404


def test_the_penilai_cannot_change_the_plan_403(client, cast, skp_pegawai):
    client = login(client, cast.atasan)
    response = client.post(
        reverse("skp:rhk_tambah", args=[skp_pegawai.pk]),
        {"uraian": "x", "kuantitas_uraian": "y", "kuantitas_target": "3"},
    )
    assert response.status_code == 403
    assert client.post(reverse("skp:pindah", args=[skp_pegawai.pk]), {"aksi": "ajukan"}).status_code == 403


def test_pengaturan_is_for_hr_only(client, cast):
    assert login(client, cast.admin_opd).get(reverse("skp:pengaturan")).status_code == 403
    client.force_login(cast.hr)
    response = client.post(reverse("skp:pengaturan"), {"periodik": "BULANAN"})
    assert response.status_code == 302
    assert cast.pemda.pengaturan_skp.periodik == "BULANAN"


def test_the_pegawai_creates_an_skp_and_cascades_an_rhk(client, cast, rencana):
    client = login(client, cast.pegawai)
    response = client.post(reverse("skp:buat"), {"tahun": str(TODAY.year), "pendekatan": "KUANTITATIF"})
    assert response.status_code == 302
    skp = Skp.objects.get(pegawai=cast.pegawai)
    page = client.get(reverse("skp:rhk_tambah", args=[skp.pk])).content.decode()
    assert "Administrasi umum tertib" in page  # the atasan's RHK is offered
    assert "Mutu layanan pendidikan" not in page  # the kepala dinas's is not
    response = client.post(
        reverse("skp:rhk_tambah", args=[skp.pk]),
        {
            "induk": str(rencana.rhk_atasan.pk),
            "uraian": "Surat dinas tersusun",
            "kuantitas_uraian": "Jumlah surat",
            "kuantitas_target": "120",
            "kuantitas_satuan": "surat",
        },
    )
    assert response.status_code == 302
    assert Rhk.objects.get(skp=skp).induk == rencana.rhk_atasan


def test_an_rhk_form_with_a_foreign_induk_shows_an_error(client, cast, rencana):
    skp = new_skp(cast.pegawai)
    client = login(client, cast.pegawai)
    response = client.post(
        reverse("skp:rhk_tambah", args=[skp.pk]),
        {"induk": str(rencana.rhk_kadis.pk), "uraian": "x", "kuantitas_uraian": "y", "kuantitas_target": "abc"},
    )
    assert response.status_code == 200
    assert "Pilih RHK atasan yang ada di daftar." in response.content.decode()
    assert "Tulis target dengan angka" in response.content.decode()


def test_submit_and_approve_through_the_pages(client, cast, skp_pegawai):
    login(client, cast.pegawai).post(reverse("skp:pindah", args=[skp_pegawai.pk]), {"aksi": "ajukan"})
    client.force_login(cast.atasan.user)
    response = client.post(reverse("skp:pindah", args=[skp_pegawai.pk]), {"aksi": "kembalikan", "catatan": ""})
    assert response.status_code == 302
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == Status.DIAJUKAN  # a return without a note is refused with a message
    client.post(reverse("skp:pindah", args=[skp_pegawai.pk]), {"aksi": "setujui"})
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == Status.DISETUJUI


def _many(cast, rencana, n: int) -> None:
    for i in range(n):
        p = posted(cast.j_staf, nama=f"Staf {i:02d}")
        skp = new_skp(p)
        rhk = add_rhk(skp, induk=rencana.rhk_atasan)
        approved(skp)
        validated(p, rhk, tanggal=date(TAHUN, 10, 5))


def _grid_queries(client, cast) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(GRID)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_grid_costs_the_same_queries_for_2_or_12_people(client, cast, rencana):
    _many(cast, rencana, 2)
    client = login(client, cast.atasan)
    few = _grid_queries(client, cast)
    _many(cast, rencana, 10)
    assert _grid_queries(client, cast) == few


def test_the_grid_of_a_new_atasan_costs_the_same_queries_for_2_or_12_people(client, cast, rencana):
    """The grid follows the atasan in force (here a new holder of the kasubag post), found with
    bawahan_of on the evaluation day: still no query per person."""
    from accounts.models import Penempatan

    _many(cast, rencana, 2)
    Penempatan.objects.filter(pegawai=cast.atasan).update(selesai=date(TAHUN, 9, 30))
    baru = posted(cast.j_kasubag, mulai=date(TAHUN, 10, 1), nama="Kasubag Baru")
    client = login(client, baru)
    few = _grid_queries(client, cast)
    assert "Staf 00" in client.get(GRID).content.decode()
    _many(cast, rencana, 10)  # planned (and approved) with the old atasan, rated by the new one
    assert _grid_queries(client, cast) == few
    assert client.get(GRID).content.decode().count("Staf 0") >= 12


def test_the_grid_rates_everyone_and_shows_the_predikat(client, cast, rencana):
    _many(cast, rencana, 2)
    skps = list(Skp.objects.filter(penilai=cast.atasan).order_by("pegawai__nama"))
    client = login(client, cast.atasan)
    page = client.get(GRID).content.decode()
    assert "Staf 00" in page and "Staf 01" in page
    for skp in skps:  # a rating below Baik needs a coaching note in the period
        dibimbing(skp)
    # one activity of a 3-per-quarter target: the suggestion is "di bawah"
    data = {
        f"s{skps[0].pk}-hasil_kerja": "DI_BAWAH",
        f"s{skps[0].pk}-perilaku_kerja": "SESUAI",
        f"s{skps[1].pk}-hasil_kerja": "DI_ATAS",
        f"s{skps[1].pk}-perilaku_kerja": "DI_BAWAH",
    }
    response = client.post(GRID, data)
    assert response.status_code == 200  # the override without a reason is refused on its row
    assert "Tulis alasan" in response.content.decode()
    assert Penilaian.objects.get(skp=skps[0]).predikat == "BUTUH_PERBAIKAN"
    data[f"s{skps[1].pk}-alasan_beda_saran"] = "Kerja lapangan tidak tercatat"
    assert client.post(GRID, data).status_code == 302
    assert Penilaian.objects.get(skp=skps[1]).predikat == "KURANG"
    page = client.get(GRID).content.decode()
    assert "Predikat: Butuh Perbaikan" in page and "Predikat: Kurang/Misconduct" in page


def test_the_grid_warns_when_the_distribution_breaks_the_curve(client, cast, rencana):
    _many(cast, rencana, 2)
    client = login(client, cast.atasan)
    data = {}
    for s in Skp.objects.filter(penilai=cast.atasan):
        data |= {
            f"s{s.pk}-hasil_kerja": "SESUAI",
            f"s{s.pk}-perilaku_kerja": "SESUAI",
            f"s{s.pk}-alasan_beda_saran": "x",
        }
    client.post(GRID, data)
    page = client.get(GRID).content.decode()
    assert "paling banyak 70% pegawai berpredikat Baik" in page


def test_the_skp_pdf_names_both_parties(client, cast, skp_pegawai):
    response = login(client, cast.pegawai).get(reverse("skp:pdf", args=[skp_pegawai.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "SASARAN KINERJA PEGAWAI" in text
    assert "Pegawai Rajin" in text and cast.pegawai.nip_tampil in text
    assert "Kasubag Teliti" in text and cast.atasan.nip_tampil in text
    assert "Administrasi umum tertib" in text  # the RHK it intervenes


def test_the_same_pdf_asked_again_is_not_rendered_again_but_a_changed_skp_is(client, cast, skp_pegawai, monkeypatch):
    from weasyprint import HTML

    rendered = []
    write_pdf = HTML.write_pdf
    monkeypatch.setattr(HTML, "write_pdf", lambda self, *a, **k: rendered.append(1) or write_pdf(self, *a, **k))
    rhk = skp_pegawai.rhk.get()
    rhk.uraian = f"Administrasi umum tertib {uuid.uuid4()}"  # a document no earlier run has kept
    rhk.save()
    client = login(client, cast.pegawai)
    url = reverse("skp:pdf", args=[skp_pegawai.pk])
    first = client.get(url).content
    assert client.get(url).content == first and len(rendered) == 1  # the second click: the kept copy
    rhk.uraian = f"Arsip surat tertata {uuid.uuid4()}"
    rhk.save()
    changed = client.get(url).content
    assert len(rendered) == 2 and "Arsip surat tertata" in pdf_text(changed)


def test_the_evaluation_pdf_has_the_predikat(client, cast, skp_pegawai):
    from skp import services_penilaian as services

    approved(skp_pegawai)
    dibimbing(skp_pegawai)
    services.penilaian_save(
        actor=cast.atasan.user,
        skp=skp_pegawai,
        jenis="TRIWULAN",
        ke=4,
        hasil_kerja="DI_BAWAH",
        perilaku_kerja="DI_ATAS",
    )
    response = login(client, cast.atasan).get(reverse("skp:periode_pdf", args=[skp_pegawai.pk, "TRIWULAN-4"]))
    text = pdf_text(response.content)
    assert "EVALUASI KINERJA PEGAWAI" in text and "Butuh Perbaikan" in text and "Pegawai Rajin" in text


def test_the_period_page_shows_the_realisation(client, cast, skp_pegawai):
    approved(skp_pegawai)
    rhk = skp_pegawai.rhk.get()
    validated(cast.pegawai, rhk, tanggal=date(TAHUN, 11, 2), menit=45)
    page = login(client, cast.pegawai).get(reverse("skp:periode", args=[skp_pegawai.pk, "TRIWULAN-4"])).content.decode()
    assert "1 aktivitas, 45 menit" in page


def test_an_unknown_period_is_404(client, cast, skp_pegawai):
    client = login(client, cast.pegawai)
    assert client.get(reverse("skp:periode", args=[skp_pegawai.pk, "TRIWULAN-9"])).status_code == 404
    assert client.get(reverse("skp:data_dukung", args=[skp_pegawai.pk]) + "?periode=x").status_code == 404


def _disetujui_tahun_ini(skp: Skp) -> None:
    """Approve the SKP and move it to this year, so its RHK may be linked to today's entries."""
    today = TODAY
    approved(skp)
    if skp.tahun != today.year:
        Skp.objects.filter(pk=skp.pk).update(
            tahun=today.year, mulai=date(today.year, 1, 1), selesai=date(today.year, 12, 31)
        )


def test_the_activity_form_offers_only_rhk_of_the_approved_skp_and_links_one(client, cast, skp_pegawai):
    from activities.models import Aktivitas

    client = login(client, cast.pegawai)
    assert "Mendukung RHK SKP saya" not in client.get(reverse("aktivitas:tambah")).content.decode()  # still a draft
    _disetujui_tahun_ini(skp_pegawai)
    rhk = skp_pegawai.rhk.get()
    page = client.get(reverse("aktivitas:tambah")).content.decode()
    assert "Mendukung RHK SKP saya" in page and rhk.uraian in page
    response = client.post(reverse("aktivitas:tambah"), form_aktivitas(rhk=str(rhk.pk)))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Aktivitas.objects.get(pegawai=cast.pegawai).rhk == rhk


def test_a_refused_entry_without_an_rhk_is_drawn_again_with_the_rhk_field_only_if_there_is_one(
    client, cast, skp_pegawai
):
    """A POST without an RHK does not ask whether there are any (bench/peak.py); the form drawn again
    after a refusal still offers the RHK exactly when the pegawai has an approved one."""
    client = login(client, cast.pegawai)
    form = form_aktivitas(uraian="")  # refused: no output written
    refused = client.post(reverse("aktivitas:tambah"), form)
    assert refused.status_code == 200 and "rhk" not in refused.context["form"].fields  # SKP still a draft
    assert "Mendukung RHK SKP saya" not in refused.content.decode()
    _disetujui_tahun_ini(skp_pegawai)
    refused = client.post(reverse("aktivitas:tambah"), form)
    assert refused.status_code == 200 and "uraian" in refused.context["form"].errors
    page = refused.content.decode()
    assert "Mendukung RHK SKP saya" in page and skp_pegawai.rhk.get().uraian in page


def test_data_dukung_file_is_checked_and_served_only_in_scope(client, cast, skp_pegawai):
    from django.core.files.uploadedfile import SimpleUploadedFile

    approved(skp_pegawai)
    url = reverse("skp:data_dukung", args=[skp_pegawai.pk]) + "?periode=TRIWULAN-4"
    client = login(client, cast.pegawai)
    fake = SimpleUploadedFile("laporan.pdf", b"not a pdf", content_type="application/pdf")
    response = client.post(url, {"keterangan": "Laporan TW IV", "berkas": fake, "periode": "TRIWULAN-4"})
    assert response.status_code == 200 and "Isi berkas tidak sesuai" in response.content.decode()
    good = SimpleUploadedFile("laporan.pdf", b"%PDF-1.4 data", content_type="application/pdf")
    response = client.post(url, {"keterangan": "Laporan TW IV", "berkas": good, "periode": "TRIWULAN-4"})
    assert response.status_code == 302
    d = skp_pegawai.data_dukung.get()
    assert client.get(reverse("skp:data_dukung_unduh", args=[d.pk])).status_code == 200
    client.force_login(cast.pegawai_lain.user)
    assert client.get(reverse("skp:data_dukung_unduh", args=[d.pk])).status_code == 404
