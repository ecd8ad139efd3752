"""The pegawai's own activity pages (DESIGN.md §5): anonymous → login, out of scope → 404, an
approver who may see but not act → 403, happy paths checked in the database, bad input kept on the
form with an Indonesian message, text escaped, and a query count that does not grow with the rows."""

import re
from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from activities import selectors, services
from activities.choices import LingkupKatalog, Status
from activities.forms import BEBAS, KATALOG
from activities.models import Aktivitas, AktivitasLog, AturanAktivitas, KegiatanKatalog
from attendance.selectors_jadwal import hari_kerja_bulan
from tests.helpers import TODAY

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def entry(cast, *, tanggal=None, mulai=time(8), selesai=time(9), menit=60, status=Status.DRAFT, **extra) -> Aktivitas:
    """An entry written straight to the table (the services are tested on their own)."""
    data = {
        "pemda": cast.pemda,
        "pegawai": cast.pegawai,
        "tanggal": tanggal or TODAY,
        "jam_mulai": mulai,
        "jam_selesai": selesai,
        "nama_kegiatan": "Menyusun surat",
        "uraian": "3 surat undangan",
        "menit_diajukan": menit,
        "menit": menit,
        "status": status,
    }
    return Aktivitas.objects.create(**(data | extra))


def submitted(cast, **kw) -> Aktivitas:
    return services.aktivitas_submit(actor=cast.pegawai.user, aktivitas=entry(cast, **kw))


@pytest.fixture
def katalog(cast) -> KegiatanKatalog:
    return KegiatanKatalog.objects.create(
        pemda=cast.pemda,
        lingkup=LingkupKatalog.JABATAN,
        jabatan=cast.j_staf,
        opd=cast.dinas,
        nama="Menyusun konsep surat dinas",
        satuan="surat",
        menit_per_satuan=30,
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def flash(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def url(name: str, a: Aktivitas | None = None) -> str:
    return reverse(f"aktivitas:{name}", args=[a.pk] if a else None)


def hari_ini_url(day) -> str:
    return f"{url('hari_ini')}?tanggal={day:%Y-%m-%d}"


def form_data(**over) -> dict:
    data = {
        "tanggal": TODAY.isoformat(),
        "jam_mulai": "08:00",
        "jam_selesai": "09:00",
        "mode": BEBAS,
        "nama_kegiatan": "Rapat koordinasi",
        "menit_diajukan": "60",
        "uraian": "Notula rapat selesai",
        "bukti_link": "",
    }
    return {k: v for k, v in (data | over).items() if v is not None}


def errors(response) -> dict[str, list[str]]:
    return response.context["form"].errors


# --- access -----------------------------------------------------------------------------------

GET_PAGES = ["hari_ini", "tambah", "kalender"]
POST_PAGES = ["ajukan_hari", "salin_kemarin"]
ENTRY_PAGES = ["detail", "ubah"]
ENTRY_ACTIONS = ["hapus", "ajukan"]


@pytest.mark.parametrize("name", GET_PAGES + ENTRY_PAGES)
def test_anonymous_is_sent_to_login(client, cast, name):
    a = entry(cast) if name in ENTRY_PAGES else None
    response = client.get(url(name, a))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", POST_PAGES + ENTRY_ACTIONS)
def test_anonymous_cannot_post(client, cast, name):
    a = entry(cast) if name in ENTRY_ACTIONS else None
    response = client.post(url(name, a), {"tanggal": TODAY.isoformat()})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert Aktivitas.objects.count() == (1 if a else 0)
    if a:
        assert Aktivitas.objects.get().status == Status.DRAFT


@pytest.mark.parametrize("name", ENTRY_PAGES)
def test_another_pegawais_entry_is_404(client, cast, name):
    a = entry(cast)
    client.force_login(cast.pegawai_lain.user)
    assert client.get(url(name, a)).status_code == 404
    assert client.get(url("detail", a) + "?unduh=1").status_code == 404


@pytest.mark.parametrize("name", ENTRY_ACTIONS)
def test_another_pegawai_cannot_act_on_an_entry(client, cast, name):
    a = entry(cast)
    client.force_login(cast.pegawai_lain.user)
    assert client.post(url(name, a)).status_code == 404
    a.refresh_from_db()
    assert a.status == Status.DRAFT


def test_it_does_not_add_again_from_another_pegawais_entry(client, cast):
    theirs = entry(cast, pegawai=cast.pegawai_lain, pemda=cast.pemda)
    client.force_login(cast.pegawai.user)
    assert client.get(f"{url('tambah')}?dari={theirs.pk}").status_code == 404


@pytest.mark.parametrize("name", ENTRY_ACTIONS)
def test_actions_are_post_only(client, cast, name):
    a = entry(cast)
    client.force_login(cast.pegawai.user)
    assert client.get(url(name, a)).status_code == 405
    assert Aktivitas.objects.filter(pk=a.pk, status=Status.DRAFT).exists()


def test_the_approver_sees_the_entry_but_cannot_change_it(client, cast):
    a = submitted(cast)
    for approver in (cast.atasan, cast.atasan_atasan):
        client.force_login(approver.user)
        response = client.get(url("detail", a))
        assert response.status_code == 200
        assert cast.pegawai.nama_lengkap in response.content.decode()
        assert client.get(url("ubah", a)).status_code == 403
        assert client.post(url("hapus", a)).status_code == 403
    assert Aktivitas.objects.filter(pk=a.pk, status=Status.SUBMITTED).exists()


def test_an_account_without_pegawai_has_no_day_to_fill(client, cast):
    client.force_login(cast.hr)
    assert client.get(url("hari_ini")).status_code == 403
    assert client.get(url("kalender")).status_code == 403


# --- hari ini ---------------------------------------------------------------------------------


def test_hari_ini_shows_the_running_total_against_the_pemdas_standard(client, cast):
    AturanAktivitas.objects.create(pemda=cast.pemda, berlaku_mulai=TODAY - timedelta(days=400), menit_per_hari=330)
    entry(cast, mulai=time(8), selesai=time(9), menit=60)
    entry(cast, mulai=time(9), selesai=time(10, 30), menit=90, status=Status.VALIDATED)
    entry(cast, tanggal=TODAY - timedelta(days=1), menit=45)  # another day: not counted
    client.force_login(cast.pegawai.user)
    response = client.get(url("hari_ini"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>150</strong> dari 330 menit" in html
    assert 'max="330" value="150"' in html
    assert "Kurang 180 menit lagi." in html
    assert "Sudah divalidasi: 90 menit." in html
    assert "08.00–09.00" in html and "09.00–10.30" in html
    assert "Divalidasi" in html and "Draf" in html  # status as words, not colour only


def test_hari_ini_shows_the_deadline_and_the_recent_items(client, cast, katalog):
    old = entry(cast, tanggal=TODAY - timedelta(days=1), katalog=katalog, volume=2, nama_kegiatan=katalog.nama)
    client.force_login(cast.pegawai.user)
    html = client.get(url("hari_ini")).content.decode()
    assert "Batas pengisian:" in html and "pukul" in html
    assert f"{url('tambah')}?dari={old.pk}&amp;tanggal={TODAY:%Y-%m-%d}" in html
    assert "2 surat · 60 menit" in html


def test_hari_ini_names_a_holiday_and_still_lets_the_day_be_filled(client, cast):
    from attendance.models import HariLibur

    client.force_login(cast.pegawai.user)
    assert "Hari libur:" not in client.get(url("hari_ini")).content.decode()
    HariLibur.objects.create(pemda=cast.pemda, tanggal=TODAY, nama="Hari Ulang Tahun Kota")
    html = client.get(url("hari_ini")).content.decode()
    assert "Hari libur: Hari Ulang Tahun Kota." in html and "Aktivitas tetap boleh dicatat" in html


def test_hari_ini_highlights_a_returned_entry_with_the_note_and_a_fix_link(client, cast):
    a = submitted(cast)
    services.aktivitas_return(actor=cast.atasan.user, aktivitas=a, catatan="Lampirkan notulanya")
    client.force_login(cast.pegawai.user)
    html = client.get(url("hari_ini")).content.decode()
    assert "is-returned" in html
    assert "Lampirkan notulanya" in html
    assert f'href="{url("ubah", a)}"' in html and "Perbaiki" in html


def test_a_day_past_the_window_is_read_only(client, cast):
    old = TODAY - timedelta(days=30)
    entry(cast, tanggal=old)
    client.force_login(cast.pegawai.user)
    html = client.get(hari_ini_url(old)).content.decode()
    assert "Batas pengisian sudah lewat" in html
    assert "Menyusun surat" in html
    assert f"{url('tambah')}?tanggal=" not in html
    assert url("ajukan_hari") not in html


def test_a_future_day_shows_today(client, cast):
    client.force_login(cast.pegawai.user)
    response = client.get(hari_ini_url(TODAY + timedelta(days=3)))
    assert response.status_code == 200 and response.context["tanggal"] == TODAY
    assert client.get(f"{url('hari_ini')}?tanggal=kemarin").context["tanggal"] == TODAY


def test_the_day_navigation_stops_at_today(client, cast):
    client.force_login(cast.pegawai.user)
    html = client.get(url("hari_ini")).content.decode()
    assert hari_ini_url(TODAY - timedelta(days=1)) in html
    assert hari_ini_url(TODAY + timedelta(days=1)) not in html
    html = client.get(hari_ini_url(TODAY - timedelta(days=2))).content.decode()
    assert hari_ini_url(TODAY - timedelta(days=1)) in html


def test_ajukan_hari_submits_every_draft_of_the_day(client, cast):
    a = entry(cast, mulai=time(8), selesai=time(9))
    b = entry(cast, mulai=time(9), selesai=time(10))
    other_day = entry(cast, tanggal=TODAY - timedelta(days=1))
    client.force_login(cast.pegawai.user)
    response = client.post(url("ajukan_hari"), {"tanggal": TODAY.isoformat()})
    assert response.status_code == 302
    for x in (a, b):
        x.refresh_from_db()
        assert (x.status, x.verifikator, x.validator) == (Status.SUBMITTED, cast.atasan, cast.atasan_atasan)
    other_day.refresh_from_db()
    assert other_day.status == Status.DRAFT
    assert any("2 aktivitas sudah diajukan" in m for m in flash(response))


def test_salin_kemarin_copies_the_previous_working_day_as_drafts(client, cast):
    before = selectors.hari_kerja_sebelumnya(cast.pegawai, TODAY)
    entry(cast, tanggal=before, mulai=time(8), selesai=time(9), status=Status.VALIDATED)
    entry(cast, tanggal=before, mulai=time(9), selesai=time(10), nama_kegiatan="Rapat", status=Status.SUBMITTED)
    entry(cast, mulai=time(9), selesai=time(9, 30))  # today 09.00–09.30 is taken: "Rapat" is skipped
    client.force_login(cast.pegawai.user)
    response = client.post(url("salin_kemarin"), {"tanggal": TODAY.isoformat()})
    assert response.status_code == 302 and response.url == url("hari_ini")
    copies = Aktivitas.objects.filter(tanggal=TODAY).exclude(jam_mulai=time(9))
    assert [(c.jam_mulai, c.nama_kegiatan, c.status) for c in copies] == [(time(8), "Menyusun surat", Status.DRAFT)]
    assert any("1 aktivitas dari" in m for m in flash(response))


def test_salin_kemarin_says_so_when_there_is_nothing_to_copy(client, cast):
    client.force_login(cast.pegawai.user)
    response = client.post(url("salin_kemarin"), {"tanggal": TODAY.isoformat()})
    assert not Aktivitas.objects.exists()
    assert any("Tidak ada yang disalin" in m for m in flash(response))


# --- the entry form: happy paths ---------------------------------------------------------------


def test_it_adds_a_catalog_entry_with_volume_times_standard(client, cast, katalog):
    client.force_login(cast.pegawai.user)
    data = form_data(mode=KATALOG, katalog=katalog.pk, volume="2", nama_kegiatan="", menit_diajukan="")
    response = client.post(url("tambah"), data)
    assert response.status_code == 302 and response.url == url("hari_ini")
    a = Aktivitas.objects.get()
    assert (a.katalog, a.volume, a.nama_kegiatan, a.menit, a.status) == (
        katalog,
        2,
        katalog.nama,
        60,
        Status.DRAFT,
    )


def test_simpan_dan_ajukan_submits_to_the_atasan_and_their_atasan(client, cast):
    client.force_login(cast.pegawai.user)
    response = client.post(url("tambah"), form_data(ajukan="1"))
    assert response.status_code == 302
    a = Aktivitas.objects.get()
    assert (a.status, a.menit, a.verifikator, a.validator) == (
        Status.SUBMITTED,
        60,
        cast.atasan,
        cast.atasan_atasan,
    )
    assert AktivitasLog.objects.filter(aktivitas=a, ke=Status.SUBMITTED).exists()


def test_it_keeps_an_uploaded_evidence_file_and_serves_it_only_in_scope(client, cast, media):
    client.force_login(cast.pegawai.user)
    upload = SimpleUploadedFile("foto kegiatan.png", PNG, content_type="image/png")
    assert client.post(url("tambah"), form_data(bukti_file=upload)).status_code == 302
    a = Aktivitas.objects.get()
    assert a.bukti_file.name.endswith(".png")
    response = client.get(url("detail", a) + "?unduh=1")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert "attachment" in response["Content-Disposition"]
    client.force_login(cast.pegawai_lain.user)
    assert client.get(url("detail", a) + "?unduh=1").status_code == 404


def test_add_again_prefills_the_form_in_the_next_free_slot(client, cast, katalog):
    src = entry(
        cast,
        tanggal=TODAY - timedelta(days=1),
        mulai=time(10),
        selesai=time(11, 30),
        katalog=katalog,
        volume=3,
        nama_kegiatan=katalog.nama,
        uraian="3 surat edaran",
        menit=90,
    )
    entry(cast, mulai=time(8), selesai=time(9, 15))
    client.force_login(cast.pegawai.user)
    form = client.get(f"{url('tambah')}?dari={src.pk}").context["form"]
    assert form["tanggal"].value() == TODAY
    assert (form["jam_mulai"].value(), form["jam_selesai"].value()) == (time(9, 15), time(10, 45))
    assert (form["mode"].value(), form["katalog"].value(), form["volume"].value()) == (KATALOG, katalog.pk, 3)
    assert form["uraian"].value() == "3 surat edaran"


def test_the_catalog_select_offers_only_the_pegawais_items_with_their_minutes(client, cast, katalog):
    KegiatanKatalog.objects.create(
        pemda=cast.pemda,
        lingkup=LingkupKatalog.JABATAN,
        jabatan=cast.j_badan_staf,
        opd=cast.badan,
        nama="Menyusun laporan keuangan",
        satuan="laporan",
        menit_per_satuan=120,
    )
    client.force_login(cast.pegawai.user)
    html = client.get(url("tambah")).content.decode()
    assert "Menyusun konsep surat dinas — 30 menit per surat" in html
    assert 'data-menit="30"' in html and 'data-satuan="surat"' in html
    assert "Menyusun laporan keuangan" not in html


def test_without_catalog_items_the_form_is_free_text_only(client, cast):
    client.force_login(cast.pegawai.user)
    form = client.get(url("tambah")).context["form"]
    assert "katalog" not in form.fields and "mode" not in form.fields
    assert client.post(url("tambah"), form_data(mode=None)).status_code == 302
    assert Aktivitas.objects.get().menit == 60


def test_it_changes_a_draft(client, cast):
    a = entry(cast)
    client.force_login(cast.pegawai.user)
    assert client.get(url("ubah", a)).context["form"]["uraian"].value() == "3 surat undangan"
    response = client.post(url("ubah", a), form_data(uraian="4 surat undangan", menit_diajukan="50"))
    assert response.status_code == 302
    a.refresh_from_db()
    assert (a.uraian, a.menit, a.status) == ("4 surat undangan", 50, Status.DRAFT)


def test_a_returned_entry_is_fixed_and_resubmitted(client, cast):
    a = submitted(cast)
    services.aktivitas_return(actor=cast.atasan.user, aktivitas=a, catatan="Menitnya terlalu banyak")
    client.force_login(cast.pegawai.user)
    assert "Menitnya terlalu banyak" in client.get(url("ubah", a)).content.decode()
    response = client.post(url("ubah", a), form_data(menit_diajukan="45", ajukan="1"))
    assert response.status_code == 302
    a.refresh_from_db()
    assert (a.status, a.menit, a.catatan) == (Status.SUBMITTED, 45, "")


def test_a_submitted_entry_cannot_be_changed(client, cast):
    a = submitted(cast)
    client.force_login(cast.pegawai.user)
    response = client.get(url("ubah", a))
    assert response.status_code == 302 and response.url == url("detail", a)
    assert any("tidak dapat diubah" in m for m in flash(response))
    response = client.post(url("ubah", a), form_data(uraian="diam-diam"))
    a.refresh_from_db()
    assert a.uraian == "3 surat undangan"


def test_it_submits_one_draft(client, cast):
    a = entry(cast)
    client.force_login(cast.pegawai.user)
    response = client.post(url("ajukan", a))
    assert response.status_code == 302 and response.url == url("hari_ini")
    a.refresh_from_db()
    assert (a.status, a.verifikator, a.validator) == (Status.SUBMITTED, cast.atasan, cast.atasan_atasan)


def test_it_deletes_a_draft_but_not_a_submitted_entry(client, cast):
    draft = entry(cast, mulai=time(8), selesai=time(9))
    sent = submitted(cast, mulai=time(9), selesai=time(10))
    client.force_login(cast.pegawai.user)
    assert client.post(url("hapus", draft)).status_code == 302
    assert not Aktivitas.objects.filter(pk=draft.pk).exists()
    response = client.post(url("hapus", sent))
    assert response.status_code == 302 and response.url == url("hari_ini")
    assert Aktivitas.objects.filter(pk=sent.pk, status=Status.SUBMITTED).exists()
    assert any("tidak dapat dihapus" in m for m in flash(response))


def test_submitting_a_day_past_the_window_is_refused_with_a_message(client, cast):
    old = TODAY - timedelta(days=30)
    a = entry(cast, tanggal=old)
    client.force_login(cast.pegawai.user)
    response = client.post(url("ajukan", a))
    assert response.url == hari_ini_url(old)
    assert any("sudah lewat" in m for m in flash(response))
    a.refresh_from_db()
    assert a.status == Status.DRAFT


# --- the entry form: bad input ------------------------------------------------------------------


def _refused(client, cast, **over):
    client.force_login(cast.pegawai.user)
    before = Aktivitas.objects.count()
    response = client.post(url("tambah"), form_data(**over))
    assert response.status_code == 200
    assert Aktivitas.objects.count() == before
    assert "Aktivitas belum tersimpan" in response.content.decode()
    return response


@pytest.mark.parametrize("volume", ["0", "-2"])
def test_it_refuses_zero_or_negative_volume_and_keeps_what_was_typed(client, cast, katalog, volume):
    response = _refused(
        client, cast, mode=KATALOG, katalog=katalog.pk, volume=volume, uraian="Surat untuk sekolah", menit_diajukan=""
    )
    assert errors(response)["volume"] == ["Volume harus 1 atau lebih."]
    form = response.context["form"]
    assert (form["mode"].value(), form["katalog"].value(), form["volume"].value()) == (
        KATALOG,
        str(katalog.pk),
        volume,
    )
    html = response.content.decode()
    assert f'value="{volume}"' in html and "Surat untuk sekolah" in html
    assert 'value="KATALOG"' in html and "checked" in html.split('value="KATALOG"')[1].split(">")[0]


def test_it_refuses_free_text_without_minutes(client, cast, katalog):
    response = _refused(client, cast, mode=BEBAS, menit_diajukan="", nama_kegiatan="Piket kantor")
    assert errors(response)["menit_diajukan"] == ["Isi berapa menit kegiatan ini."]
    form = response.context["form"]
    assert (form["mode"].value(), form["nama_kegiatan"].value()) == (BEBAS, "Piket kantor")


def test_it_refuses_an_end_before_the_start(client, cast):
    response = _refused(client, cast, jam_mulai="10:00", jam_selesai="09:00")
    assert errors(response)["jam_selesai"] == ["Jam selesai harus sesudah jam mulai."]
    assert 'value="10:00"' in response.content.decode()


def test_it_refuses_minutes_that_do_not_fit_between_the_times(client, cast):
    response = _refused(client, cast, menit_diajukan="90")
    assert "tidak muat" in errors(response)["jam_selesai"][0]


def test_it_refuses_times_overlapping_another_entry(client, cast):
    entry(cast, mulai=time(8), selesai=time(9))
    response = _refused(client, cast, jam_mulai="08:30", jam_selesai="09:30", menit_diajukan="60")
    assert "bertabrakan" in errors(response)["jam_mulai"][0]
    assert Aktivitas.objects.count() == 1


def test_it_refuses_a_future_date(client, cast):
    tomorrow = TODAY + timedelta(days=1)
    response = _refused(client, cast, tanggal=tomorrow.isoformat())
    assert errors(response)["tanggal"] == ["Aktivitas tidak boleh untuk tanggal yang akan datang."]
    assert f'value="{tomorrow:%Y-%m-%d}"' in response.content.decode()


def test_it_refuses_a_date_past_the_window(client, cast):
    response = _refused(client, cast, tanggal=(TODAY - timedelta(days=30)).isoformat())
    assert "sudah lewat" in errors(response)["tanggal"][0]
    assert "dispensasi" in errors(response)["tanggal"][0]


def test_it_refuses_an_oversized_file(client, cast, media):
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.7\n" + b"0" * (5 * 1024 * 1024), content_type="application/pdf")
    response = _refused(client, cast, bukti_file=big)
    assert "paling besar 5 MB" in errors(response)["bukti_file"][0]
    assert "Pilih berkasnya sekali lagi" not in response.content.decode()  # the file itself was the problem
    assert "Notula rapat selesai" in response.content.decode()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("setup.exe", b"MZ\x90\x00", "Jenis berkas .exe tidak diterima"),
        ("foto.jpg", b"MZ\x90\x00not a jpeg", "Isi berkas tidak sesuai"),
    ],
)
def test_it_refuses_a_wrong_file_type(client, cast, media, name, content, message):
    response = _refused(client, cast, bukti_file=SimpleUploadedFile(name, content))
    assert message in errors(response)["bukti_file"][0]
    assert not any(media.rglob("*.*"))


def test_a_chosen_file_must_be_picked_again_after_another_error(client, cast, media):
    upload = SimpleUploadedFile("foto.png", PNG)
    response = _refused(client, cast, bukti_file=upload, uraian="")
    assert errors(response)["uraian"] == ["Tulis hasil atau output kegiatan ini."]
    assert "Pilih berkasnya sekali lagi" in response.content.decode()


def test_it_refuses_a_link_that_is_not_a_url(client, cast):
    response = _refused(client, cast, bukti_link="folder di drive")
    assert "alamat tautan" in errors(response)["bukti_link"][0]


# --- escaping -----------------------------------------------------------------------------------


def test_script_in_typed_text_is_shown_escaped(client, cast):
    a = submitted(cast, uraian="<script>alert('x')</script> selesai", nama_kegiatan="<b>Rapat</b>")
    services.aktivitas_return(actor=cast.atasan.user, aktivitas=a, catatan="<img src=x onerror=alert(1)>")
    client.force_login(cast.pegawai.user)
    for page in (url("hari_ini"), url("detail", a), url("ubah", a)):
        html = client.get(page).content.decode()
        assert "<script>alert" not in html and "<b>Rapat</b>" not in html and "<img src=x" not in html, page
        assert "&lt;script&gt;alert" in html or "&lt;script&gt;" in html, page
        assert "&lt;img src=x onerror=alert(1)&gt;" in html, page


# --- detail ---------------------------------------------------------------------------------------


def test_detail_shows_the_history_and_the_owners_buttons(client, cast):
    a = submitted(cast)
    services.aktivitas_return(actor=cast.atasan.user, aktivitas=a, catatan="Tambahkan bukti")
    client.force_login(cast.pegawai.user)
    html = client.get(url("detail", a)).content.decode()
    assert "Draf → <strong>Diajukan</strong>" in html
    assert "Diajukan → <strong>Dikembalikan</strong>" in html
    assert cast.atasan.nama_lengkap in html and "Tambahkan bukti" in html
    assert url("ubah", a) in html and url("hapus", a) in html and url("ajukan", a) in html
    assert "data-confirm" in html


def test_detail_shows_claimed_and_acknowledged_minutes(client, cast):
    a = submitted(cast, menit=60)
    services.aktivitas_verify(actor=cast.atasan.user, aktivitas=a, menit=40, catatan="Rapat selesai lebih cepat")
    client.force_login(cast.pegawai.user)
    html = client.get(url("detail", a)).content.decode()
    assert "Diajukan 60 menit, diakui 40 menit" in html
    assert url("ubah", a) not in html  # verified: nothing to change


# --- kalender -------------------------------------------------------------------------------------


def _previous_month():
    return (TODAY.replace(day=1) - timedelta(days=1)).replace(day=1)


def test_kalender_shows_the_month_totals(client, cast):
    bulan = _previous_month()
    for day in range(1, 5):  # 4 × 300 validated
        entry(cast, tanggal=bulan.replace(day=day), mulai=time(7), selesai=time(12), menit=300, status=Status.VALIDATED)
    entry(cast, tanggal=bulan.replace(day=5), menit=60, status=Status.VERIFIED)
    entry(cast, tanggal=bulan.replace(day=6), menit=45, status=Status.SUBMITTED)
    entry(cast, tanggal=bulan.replace(day=7), menit=30, status=Status.DRAFT)
    hari_kerja = len(hari_kerja_bulan(pemda_id=cast.pemda.pk, tahun=bulan.year, bulan=bulan.month))
    client.force_login(cast.pegawai.user)
    response = client.get(f"{url('kalender')}?bulan={bulan:%Y-%m}")
    html = response.content.decode()
    rekap = response.context["rekap"]
    assert (rekap.diajukan, rekap.diverifikasi, rekap.divalidasi) == (1305, 1260, 1200)
    assert 'data-testid="diajukan">1.305 menit' in html
    assert 'data-testid="diverifikasi">1.260 menit' in html
    assert 'data-testid="divalidasi">1.200 menit' in html
    assert f'data-testid="hari-kerja">{hari_kerja} hari' in html
    target = hari_kerja * 300
    assert f'data-testid="target">{target:,} menit'.replace(",", ".") in html
    persen = (Decimal(1200) * 100 / target).quantize(Decimal("0.01"))
    assert f"<strong>{str(persen).replace('.', ',')}%</strong>" in html
    # each day: minutes and a word for its state, and a link to that day
    assert hari_ini_url(bulan.replace(day=1)) in html
    assert "Divalidasi" in html and "Menunggu" in html and "Belum diajukan" in html


def test_kalender_defaults_to_this_month_and_ignores_garbage(client, cast):
    client.force_login(cast.pegawai.user)
    for q in ("", "?bulan=2026-13", "?bulan=abc", f"?bulan={TODAY.year + 1}-01"):
        response = client.get(url("kalender") + q)
        assert response.status_code == 200
        assert response.context["bulan"] == TODAY.replace(day=1)


def test_kalender_marks_a_returned_day_and_an_empty_working_day(client, cast):
    bulan = _previous_month()
    a = entry(cast, tanggal=bulan.replace(day=10), status=Status.RETURNED, catatan="x")
    client.force_login(cast.pegawai.user)
    response = client.get(f"{url('kalender')}?bulan={bulan:%Y-%m}")
    states = {d["h"].tanggal: d["keadaan"] for d in response.context["hari"]}
    assert states[a.tanggal] == "dikembalikan"
    working = [d["h"] for d in response.context["hari"] if d["h"].hari_kerja and d["h"].tanggal != a.tanggal]
    assert states[working[0].tanggal] == "kosong"
    assert "Dikembalikan" in response.content.decode() and "Belum diisi" in response.content.decode()


# --- queries ------------------------------------------------------------------------------------


def _fill(cast, n: int, tanggal) -> None:
    for i in range(n):
        start = 6 * 60 + i * 20
        entry(
            cast,
            tanggal=tanggal,
            mulai=time(start // 60, start % 60),
            selesai=time(start // 60, start % 60 + 15),
            menit=15,
            nama_kegiatan=f"Kegiatan {i}",
        )


def test_hari_ini_queries_do_not_grow_with_the_entries(client, cast, django_assert_max_num_queries):
    client.force_login(cast.pegawai.user)
    _fill(cast, 3, TODAY)
    with django_assert_max_num_queries(25) as few:
        client.get(url("hari_ini"))
    Aktivitas.objects.all().delete()
    _fill(cast, 30, TODAY)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(url("hari_ini")).context["entries"]) == 30


def test_kalender_queries_do_not_grow_with_the_entries(client, cast, django_assert_max_num_queries):
    client.force_login(cast.pegawai.user)
    bulan = _previous_month()
    _fill(cast, 3, bulan.replace(day=3))
    with django_assert_max_num_queries(20) as few:
        client.get(f"{url('kalender')}?bulan={bulan:%Y-%m}")
    for day in range(4, 14):
        _fill(cast, 3, bulan.replace(day=day))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(f"{url('kalender')}?bulan={bulan:%Y-%m}").context["rekap"].diajukan == 0


def test_the_pages_need_no_inline_script_or_style(client, cast, katalog):
    """The CSP allows only files from this site: no <script> body, no style attribute."""
    a = entry(cast)
    client.force_login(cast.pegawai.user)
    for page in (url("hari_ini"), url("tambah"), url("ubah", a), url("detail", a), url("kalender")):
        html = client.get(page).content.decode()
        assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) is None, page
        assert " style=" not in html and "onclick" not in html, page
        # the file names carry a content hash under the production static storage
        for ext in ("js", "css"):
            assert re.search(rf"/aktivitas(\.[0-9a-f]+)?\.{ext}", html), page
