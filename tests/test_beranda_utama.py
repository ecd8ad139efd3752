"""Issue 17: the beranda leads with each role's main job, and a first login shows a three-step
welcome until its owner closes it. (That each main control sits on a phone's first screen, and the
taps a job takes, are measured in Chromium: tests/browser/test_ketukan.py.)"""

from datetime import date, time, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from activities.choices import Status
from tests.helpers import TODAY, aktivitas_baru
from tpp.choices import StatusPeriode
from tpp.models import PeriodeTpp

pytestmark = pytest.mark.django_db


def _html(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("beranda")).content.decode()


def _menunggu(cast, pegawai, hari_lalu: int, n: int = 1) -> None:
    for i in range(n):
        aktivitas_baru(
            pegawai,
            tanggal=TODAY - timedelta(days=hari_lalu),
            jam_mulai=time(8 + i),
            jam_selesai=time(9 + i),
            status=Status.SUBMITTED,
            verifikator=cast.atasan,
            validator=cast.atasan_atasan,
        )


def test_the_pegawai_sees_the_days_task_before_who_they_are(client, cast):
    aktivitas_baru(cast.pegawai, status=Status.RETURNED, catatan="Lengkapi")
    aktivitas_baru(cast.pegawai, jam_mulai=time(9), jam_selesai=time(10))  # a draft
    html = _html(client, cast.pegawai.user)
    tugas = html.index("Isi aktivitas hari ini")
    assert tugas < html.index('id="judul-sambutan"') < html.index('id="judul-saya"') < html.index('id="judul-atasan"')
    assert "120 dari 300 menit" in html
    assert "1 aktivitas dikembalikan atasan" in html and "1 draf belum diajukan" in html
    assert "Menunggu pemeriksaan Anda" not in html and "Bulan TPP" not in html and "Tugas admin OPD" not in html


def test_the_atasan_sees_the_waiting_days_each_linked_to_its_place_in_the_queue(client, cast):
    _menunggu(cast, cast.pegawai, 2, n=2)
    _menunggu(cast, cast.pegawai, 1)
    _menunggu(cast, cast.admin_opd.pegawai, 1)  # "Admin Kepegawaian" sorts first, as in the queue
    html = _html(client, cast.atasan.user)
    assert html.index("Menunggu pemeriksaan Anda") < html.index("Isi aktivitas hari ini") < html.index("Data saya")
    assert "4 aktivitas bawahan perlu verifikasi." in html and "Buka antrean verifikasi (4)" in html
    antrean = reverse("aktivitas:antrean_verifikasi")
    hari = [
        (cast.admin_opd.pegawai, TODAY - timedelta(days=1)),
        (cast.pegawai, TODAY - timedelta(days=2)),
        (cast.pegawai, TODAY - timedelta(days=1)),
    ]
    anchors = [f'href="{antrean}#h-{p.pk}-{d:%Y%m%d}"' for p, d in hari]
    assert [html.index(a) for a in anchors] == sorted(html.index(a) for a in anchors)
    assert "Senin, 16 November · 2 aktivitas" in html
    # each anchor is a day block of the queue page
    queue = client.get(antrean).content.decode()
    for p, d in hari:
        assert f'id="h-{p.pk}-{d:%Y%m%d}"' in queue


def test_an_atasan_with_nothing_waiting_is_told_so(client, cast):
    html = _html(client, cast.atasan.user)
    assert "Tidak ada aktivitas bawahan yang menunggu Anda" in html
    assert "Buka antrean verifikasi" not in html


def test_the_atasan_atasan_is_offered_the_validation_queue(client, cast):
    aktivitas_baru(cast.pegawai, status=Status.VERIFIED, verifikator=cast.atasan, validator=cast.atasan_atasan)
    html = _html(client, cast.atasan_atasan.user)
    assert "Buka antrean validasi (1)" in html and reverse("aktivitas:antrean_validasi") in html


def test_the_beranda_of_an_atasan_costs_the_same_however_much_waits(client, cast, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast.atasan.user)
    _menunggu(cast, cast.pegawai, 1)
    client.get(reverse("beranda"))
    with CaptureQueriesContext(connection) as sedikit:
        client.get(reverse("beranda"))
    for hari in range(2, 9):
        _menunggu(cast, cast.pegawai, hari, n=3)
    _menunggu(cast, cast.admin_opd.pegawai, 1, n=3)
    with django_assert_num_queries(len(sedikit)):
        html = client.get(reverse("beranda")).content.decode()
    assert html.count("hari-menunggu") == 3  # the first three days; the button opens the rest


def test_hr_sees_last_month_and_this_month_with_their_state(client, cast):
    PeriodeTpp.objects.create(pemda=cast.pemda, tahun=2026, bulan=10, status=StatusPeriode.CALCULATED)
    PeriodeTpp.objects.create(pemda=cast.pemda, tahun=2026, bulan=9, status=StatusPeriode.CLOSED)  # not shown
    client.force_login(cast.hr)
    html = client.get(reverse("beranda")).content.decode()
    bulan = reverse("tpp:bulan")
    assert '<div data-testid="bulan-tpp-2026-10"><dt>Oktober 2026</dt><dd>Sudah dihitung</dd></div>' in html
    assert '<div data-testid="bulan-tpp-2026-11"><dt>November 2026</dt><dd>Terbuka</dd></div>' in html
    assert "Oktober 2026 belum ditutup" in html and f'href="{bulan}?bulan=2026-10"' in html
    assert "September" not in html and reverse("persiapan") in html
    assert "Akun ini bukan akun pegawai" in html and "sambutan" not in html  # no pegawai: no welcome


def test_once_last_month_is_closed_hr_is_sent_to_this_month(client, cast):
    PeriodeTpp.objects.create(pemda=cast.pemda, tahun=2026, bulan=10, status=StatusPeriode.CLOSED)
    client.force_login(cast.hr)
    html = client.get(reverse("beranda")).content.decode()
    assert "<dd>Ditutup</dd>" in html and "belum ditutup" not in html
    assert "Buka bulan TPP November 2026" in html and "Buka bulan TPP Oktober 2026" not in html


def test_hr_month_card_of_another_pemda_is_not_read(client, cast):
    from tests.factories import PemdaFactory

    lain = PemdaFactory(nama="Pemda Lain", kode="LAIN")
    PeriodeTpp.objects.create(pemda=lain, tahun=2026, bulan=10, status=StatusPeriode.CLOSED)
    client.force_login(cast.hr)
    assert "<dd>Ditutup</dd>" not in client.get(reverse("beranda")).content.decode()


def test_the_admin_opd_is_offered_the_days_import(client, cast):
    client.force_login(cast.admin_opd)
    html = client.get(reverse("beranda")).content.decode()
    assert "Tugas admin OPD" in html and reverse("presensi:impor") in html and reverse("org:aktivasi") in html
    assert html.index("Isi aktivitas hari ini") < html.index("Tugas admin OPD") < html.index("Data saya")


def test_the_welcome_shows_until_mengerti_and_then_never_again(client, cast):
    user = cast.pegawai.user
    html = _html(client, user)
    assert 'data-testid="sambutan"' in html
    for url in (
        reverse("panduan:tugas", args=["pegawai", "aktivitas-hari-ini"]),
        reverse("panduan:peran", args=["pegawai"]),
        reverse("panduan:tugas", args=["pegawai", "rincian-tpp"]),
    ):
        assert f'href="{url}"' in html
    response = client.post(reverse("sambutan_tutup"))
    assert response.status_code == 302 and response["Location"] == reverse("beranda")
    assert User.objects.get(pk=user.pk).sambutan_ditutup is not None
    assert 'data-testid="sambutan"' not in client.get(reverse("beranda")).content.decode()
    # another login, another browser: it stays closed
    other = Client()
    assert 'data-testid="sambutan"' not in _html(other, User.objects.get(pk=user.pk))
    # other people still see theirs
    assert 'data-testid="sambutan"' in _html(Client(), cast.atasan.user)


def test_closing_the_welcome_needs_a_post_with_its_csrf_token(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.pegawai.user)
    assert client.get(reverse("sambutan_tutup")).status_code == 405
    assert client.post(reverse("sambutan_tutup")).status_code == 403
    assert User.objects.get(pk=cast.pegawai.user.pk).sambutan_ditutup is None
    token = client.get(reverse("beranda")).context["csrf_token"]
    assert client.post(reverse("sambutan_tutup"), {"csrfmiddlewaretoken": str(token)}).status_code == 302
    assert User.objects.get(pk=cast.pegawai.user.pk).sambutan_ditutup is not None


def test_closing_twice_keeps_the_first_moment(client, cast):
    client.force_login(cast.pegawai.user)
    client.post(reverse("sambutan_tutup"))
    first = User.objects.get(pk=cast.pegawai.user.pk).sambutan_ditutup
    client.post(reverse("sambutan_tutup"))
    assert User.objects.get(pk=cast.pegawai.user.pk).sambutan_ditutup == first


def test_a_recent_activity_opens_the_form_summed_up_with_its_own_submit(client, cast):
    src = aktivitas_baru(
        cast.pegawai, tanggal=date(2026, 11, 17), nama_kegiatan="Mengarsipkan surat", menit_diajukan=60, menit=60
    )
    client.force_login(cast.pegawai.user)
    hari_ini = client.get(reverse("aktivitas:hari_ini")).content.decode()
    # under "Tambah aktivitas", before the day's list
    tambah, terakhir = hari_ini.index("Tambah aktivitas"), hari_ini.index("Mengarsipkan surat")
    assert tambah < terakhir < hari_ini.index("aktivitas tercatat")
    form = client.get(f"{reverse('aktivitas:tambah')}?dari={src.pk}").content.decode()
    assert 'data-testid="salinan"' in form and "Rabu, 18 November, pukul 07.30–08.30 · 60 menit" in form
    assert form.count('name="ajukan"') == 2
    assert 'data-testid="salinan"' not in client.get(reverse("aktivitas:tambah")).content.decode()
