"""The supervisors' pages (issue 4: Workflow, Figures, Performance): queues, bulk and single moves,
the month figures. Entries are made directly in the state a test needs; moves go through the views."""

from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from activities import services, views_antrean
from activities.choices import LingkupKatalog, Status
from activities.models import Aktivitas, AktivitasLog, KegiatanKatalog
from attendance.selectors_jadwal import hari_kerja_bulan
from tests.factories import JabatanFactory, posted
from tests.helpers import TODAY

pytestmark = pytest.mark.django_db

VERIF = reverse("aktivitas:antrean_verifikasi")
VALID = reverse("aktivitas:antrean_validasi")
MASSAL = reverse("aktivitas:tindakan_massal")
REKAP = reverse("aktivitas:rekap")
REKAP_UNIT = reverse("aktivitas:rekap_unit")


def buat(pegawai, *, verifikator, validator=None, status=Status.SUBMITTED, tanggal=None, jam=8, menit=60, **extra):
    """An entry straight in the state the test needs (the services are tested on their own)."""
    mulai = time(jam)
    selesai = time(jam + (menit - 1) // 60 + 1)
    data = {
        "pemda_id": pegawai.pemda_id,
        "pegawai": pegawai,
        "tanggal": tanggal or TODAY,
        "jam_mulai": mulai,
        "jam_selesai": selesai,
        "nama_kegiatan": "Rapat koordinasi",
        "uraian": "Notulen rapat",
        "menit_diajukan": menit,
        "menit": menit,
        "status": status,
        "verifikator": verifikator,
        "validator": validator,
    }
    return Aktivitas.objects.create(**(data | extra))


def milik_pegawai(cast, **kw):
    """An entry of the cast's pegawai: the kasubag verifies, the sekretaris validates."""
    return buat(cast.pegawai, verifikator=cast.atasan, validator=cast.atasan_atasan, **kw)


def flash(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def queue_ids(response) -> list[int]:
    return [a["pk"] for k in response.context["kelompok"] for h in k.hari for a in h.entri]


def status_of(*entries) -> list[str]:
    return [Aktivitas.objects.get(pk=a.pk).status for a in entries]


def staf_baru(cast, n: int, *, prefix="Staf"):
    """`n` more people whose atasan langsung is the kasubag (each on their own post)."""
    return [
        posted(JabatanFactory(unit=cast.subbag, parent=cast.j_kasubag, nama=f"{prefix} {i}"), nama=f"{prefix} {i:02d}")
        for i in range(n)
    ]


# --- access -----------------------------------------------------------------------------------

PAGES = [VERIF, VALID, REKAP, REKAP_UNIT]


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_is_sent_to_login(client, cast, url):
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_anonymous_cannot_move_entries(client, cast):
    a = milik_pegawai(cast)
    for url, data in [(MASSAL, {"aksi": "verifikasi", "ids": [a.pk]}), (reverse("aktivitas:tindak", args=[a.pk]), {})]:
        response = client.post(url, data | {"aksi": "verifikasi"})
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert status_of(a) == [Status.SUBMITTED]


def test_moves_need_a_post(client, cast):
    a = milik_pegawai(cast)
    client.force_login(cast.atasan.user)
    assert client.get(MASSAL).status_code == 405
    assert client.get(reverse("aktivitas:tindak", args=[a.pk])).status_code == 405


@pytest.mark.parametrize("url", [VERIF, VALID])
def test_a_plain_pegawai_has_an_empty_queue_and_never_someone_elses(client, cast, url):
    milik_pegawai(cast)
    milik_pegawai(cast, status=Status.VERIFIED, jam=10)
    client.force_login(cast.pegawai.user)
    response = client.get(url)
    assert response.status_code == 200
    assert queue_ids(response) == []
    assert "Tidak ada aktivitas yang menunggu" in response.content.decode()


def test_the_atasan_sees_only_their_peoples_submitted_entries(client, cast):
    waiting = milik_pegawai(cast, jam=8)
    milik_pegawai(cast, status=Status.DRAFT, jam=10)
    milik_pegawai(cast, status=Status.VERIFIED, jam=12)
    milik_pegawai(cast, status=Status.RETURNED, jam=14)
    buat(cast.pegawai_lain, verifikator=None)  # another unit's entry
    client.force_login(cast.atasan.user)
    response = client.get(VERIF)
    assert queue_ids(response) == [waiting.pk]
    [kelompok] = response.context["kelompok"]
    assert kelompok.pegawai == cast.pegawai and kelompok.jabatan == "Pengadministrasi Perkantoran"


def test_the_queue_shows_the_day_total_of_all_entries_and_the_evidence(client, cast):
    milik_pegawai(cast, jam=8, menit=120, nama_kegiatan="Rapat koordinasi", bukti_link="https://drive.example/folder")
    milik_pegawai(cast, jam=10, menit=90, bukti_file="bukti/1/2026/11/notulen rapat.pdf", nama_kegiatan="Notulen")
    milik_pegawai(cast, jam=13, menit=60, status=Status.DRAFT)  # counts in the day's total, not in the queue
    milik_pegawai(cast, jam=15, menit=100, status=Status.VALIDATED)
    client.force_login(cast.atasan.user)
    response = client.get(VERIF)
    [kelompok] = response.context["kelompok"]
    [hari] = kelompok.hari
    assert (hari.total, hari.menit_per_hari, len(hari.entri), hari.lebih) == (370, 300, 2, True)
    html = response.content.decode()
    assert "Jumlah hari itu: 370 dari 300 menit" in html
    assert 'href="https://drive.example/folder"' in html
    file_entry = hari.entri[1]
    assert f'href="{reverse("aktivitas:detail", args=[file_entry["pk"]])}?unduh=1"' in html
    assert "notulen rapat.pdf" in html
    assert "style=" not in html and "<script>" not in html and html.count("<h1") == 1


def test_the_validation_queue_names_the_verifier(client, cast):
    a = milik_pegawai(cast, status=Status.VERIFIED, diverifikasi_pada=timezone.now())
    milik_pegawai(cast, jam=10)  # still waiting for the kasubag
    client.force_login(cast.atasan_atasan.user)
    response = client.get(VALID)
    assert queue_ids(response) == [a.pk]
    assert "Diverifikasi oleh:" in response.content.decode() and "Kasubag Teliti" in response.content.decode()


def test_text_typed_by_the_pegawai_is_escaped(client, cast):
    milik_pegawai(cast, nama_kegiatan="<script>alert(1)</script>", uraian="<b>tebal</b>\nbaris dua")
    client.force_login(cast.atasan.user)
    html = client.get(VERIF).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>tebal" not in html and "&lt;b&gt;tebal&lt;/b&gt;<br>baris dua" in html


def test_ids_in_the_page_are_plain_numbers_above_a_thousand(client, cast):
    # Indonesian number format writes 12.345; a checkbox value and a URL must keep 12345.
    milik_pegawai(cast, pk=12345)
    client.force_login(cast.atasan.user)
    html = client.get(VERIF).content.decode()
    assert 'value="12345"' in html and 'href="/aktivitas/12345/"' in html and "12.345" not in html


def test_filters_narrow_by_person_date_and_unit(client, cast):
    [lain] = staf_baru(cast, 1)
    mine = milik_pegawai(cast, tanggal=TODAY - timedelta(days=1))
    old = milik_pegawai(cast, tanggal=TODAY - timedelta(days=8))
    other = buat(lain, verifikator=cast.atasan, validator=cast.atasan_atasan)
    client.force_login(cast.atasan.user)
    by_person = client.get(VERIF, {"pegawai": cast.pegawai.pk})
    assert sorted(queue_ids(by_person)) == sorted([mine.pk, old.pk])
    by_date = client.get(VERIF, {"dari": (TODAY - timedelta(days=2)).isoformat(), "sampai": TODAY.isoformat()})
    assert sorted(queue_ids(by_date)) == sorted([mine.pk, other.pk])
    # units offered are those of the people waiting; the dinas includes the subbag below it
    units = list(by_person.context["saring"].fields["unit"].queryset)
    assert units == [cast.subbag]
    assert len(queue_ids(client.get(VERIF, {"unit": cast.subbag.pk}))) == 3
    # a unit outside the choices is ignored and marked, never widening the queue
    response = client.get(VERIF, {"unit": cast.badan.pk})
    assert response.context["saring"].errors and len(queue_ids(response)) == 3
    wrong = client.get(VERIF, {"dari": TODAY.isoformat(), "sampai": (TODAY - timedelta(days=3)).isoformat()})
    assert "sampai" in wrong.context["saring"].errors


def test_a_long_queue_is_cut_at_a_whole_day_with_a_note(client, cast, monkeypatch):
    monkeypatch.setattr(views_antrean, "BATAS_TAMPIL", 5)
    for d in range(3):  # 3 days × 3 entries
        for jam in (8, 10, 13):
            milik_pegawai(cast, tanggal=TODAY - timedelta(days=d), jam=jam)
    client.force_login(cast.atasan.user)
    response = client.get(VERIF)
    assert response.context["tampil"] == 3 and response.context["jumlah"] == 9
    assert "Ada 9 aktivitas menunggu; yang tampil 3 pertama" in response.content.decode()


# --- bulk moves -------------------------------------------------------------------------------


def test_bulk_verify_moves_the_states_and_logs_each(client, cast):
    entries = [milik_pegawai(cast, jam=h) for h in (8, 10, 13)]
    client.force_login(cast.atasan.user)
    response = client.post(MASSAL, {"aksi": "verifikasi", "ids": [a.pk for a in entries], "kembali": "verifikasi"})
    assert response.status_code == 302 and response.url == VERIF
    assert flash(response) == ["3 aktivitas diverifikasi."]
    assert status_of(*entries) == [Status.VERIFIED] * 3
    logs = AktivitasLog.objects.filter(aktivitas__in=entries)
    assert sorted((g.aktivitas_id, g.dari, g.ke, g.oleh_id) for g in logs) == sorted(
        (a.pk, Status.SUBMITTED, Status.VERIFIED, cast.atasan.user.pk) for a in entries
    )


def test_bulk_keeps_the_queue_filters_on_the_way_back(client, cast):
    a = milik_pegawai(cast)
    client.force_login(cast.atasan.user)
    response = client.post(f"{MASSAL}?pegawai={cast.pegawai.pk}", {"aksi": "verifikasi", "ids": [a.pk]})
    assert response.url == f"{VERIF}?pegawai={cast.pegawai.pk}"


def test_an_entry_of_another_unit_in_a_bulk_post_is_not_acted_on(client, cast):
    mine = milik_pegawai(cast)
    theirs = buat(cast.pegawai_lain, verifikator=None)
    client.force_login(cast.atasan.user)
    response = client.post(MASSAL, {"aksi": "verifikasi", "ids": [mine.pk, theirs.pk], "kembali": "verifikasi"})
    assert status_of(mine, theirs) == [Status.VERIFIED, Status.SUBMITTED]
    assert flash(response) == [
        "1 aktivitas diverifikasi.",
        "1 aktivitas tidak ditemukan atau bukan wewenang Anda, jadi tidak diproses.",
    ]
    assert not AktivitasLog.objects.filter(aktivitas=theirs).exists()


def test_an_admin_who_sees_an_entry_but_is_not_its_atasan_is_refused_with_a_reason(client, cast):
    a = milik_pegawai(cast, nama_kegiatan="Rapat koordinasi", tanggal=TODAY)
    client.force_login(cast.admin_opd)  # sees the dinas' entries, approves nobody
    response = client.post(MASSAL, {"aksi": "verifikasi", "ids": [a.pk]})
    assert status_of(a) == [Status.SUBMITTED]
    [message] = flash(response)
    assert message.startswith("1 aktivitas tidak dapat diverifikasi:")
    assert "Rapat koordinasi (Pegawai Rajin, " in message and "Hanya atasan langsung" in message


def test_a_failure_report_escapes_what_the_pegawai_typed(client, cast):
    a = milik_pegawai(cast, nama_kegiatan="<script>alert(1)</script>")
    client.force_login(cast.admin_opd)
    response = client.post(MASSAL, {"aksi": "verifikasi", "ids": [a.pk]}, follow=True)
    html = response.content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; (Pegawai Rajin," in html
    assert '<ul class="mb-0"><li>' in html  # the list itself is markup


def test_bulk_return_needs_one_note(client, cast):
    entries = [milik_pegawai(cast, jam=h) for h in (8, 10)]
    ids = [a.pk for a in entries]
    client.force_login(cast.atasan.user)
    response = client.post(MASSAL, {"aksi": "kembalikan", "ids": ids, "catatan": "  ", "kembali": "verifikasi"})
    assert status_of(*entries) == [Status.SUBMITTED] * 2
    assert "Tulis catatan untuk pegawai" in flash(response)[0]
    client.get(response.url)  # the page shows (and uses up) the message
    response = client.post(
        MASSAL, {"aksi": "kembalikan", "ids": ids, "catatan": "Lampirkan notulen", "kembali": "verifikasi"}
    )
    assert flash(response) == ["2 aktivitas dikembalikan kepada pegawai."]
    assert status_of(*entries) == [Status.RETURNED] * 2
    assert set(Aktivitas.objects.filter(pk__in=ids).values_list("catatan", flat=True)) == {"Lampirkan notulen"}


def test_bulk_with_nothing_ticked_says_so(client, cast):
    client.force_login(cast.atasan.user)
    response = client.post(MASSAL, {"aksi": "verifikasi", "kembali": "verifikasi"})
    assert response.url == VERIF and "Belum ada aktivitas yang dipilih" in flash(response)[0]


def test_bulk_refuses_garbage_without_a_500(client, cast):
    client.force_login(cast.atasan.user)
    assert client.post(MASSAL, {"aksi": "hapus", "ids": ["1"]}).status_code == 302
    response = client.post(MASSAL, {"aksi": "verifikasi", "ids": ["satu"]})
    assert response.status_code == 302 and "Pilihan aktivitas tidak dikenali." in flash(response)


def test_the_validator_validates_in_bulk(client, cast):
    entries = [milik_pegawai(cast, jam=h, status=Status.VERIFIED) for h in (8, 10)]
    client.force_login(cast.atasan_atasan.user)
    response = client.post(MASSAL, {"aksi": "validasi", "ids": [a.pk for a in entries], "kembali": "validasi"})
    assert response.url == VALID and flash(response) == ["2 aktivitas divalidasi."]
    assert status_of(*entries) == [Status.VALIDATED] * 2


def test_the_verifier_cannot_validate(client, cast):
    a = milik_pegawai(cast, status=Status.VERIFIED)
    client.force_login(cast.atasan.user)
    response = client.post(MASSAL, {"aksi": "validasi", "ids": [a.pk], "kembali": "validasi"})
    assert status_of(a) == [Status.VERIFIED]
    assert "tidak dapat divalidasi" in flash(response)[0]


def test_the_validator_returns_a_verified_entry(client, cast):
    a = milik_pegawai(cast, status=Status.VERIFIED)
    client.force_login(cast.atasan_atasan.user)
    response = client.post(
        MASSAL, {"aksi": "kembalikan", "ids": [a.pk], "catatan": "Bukti kurang", "kembali": "validasi"}
    )
    assert response.url == VALID and status_of(a) == [Status.RETURNED]


def test_top_of_the_tree_verification_is_final(client, cast):
    # The sekretaris' atasan is the kadis; above the kadis nobody: the verification is the validation.
    a = buat(cast.atasan_atasan, verifikator=cast.kadis, validator=None)
    client.force_login(cast.kadis.user)
    response = client.get(VERIF)
    assert queue_ids(response) == [a.pk]
    assert "Verifikasi Anda langsung final" in response.content.decode()
    response = tindak(client, a, aksi="verifikasi", dari=Status.SUBMITTED)
    assert status_of(a) == [Status.VALIDATED]
    assert "langsung final" in response.flash[0]
    log = AktivitasLog.objects.get(aktivitas=a)
    assert (log.dari, log.ke) == (Status.SUBMITTED, Status.VALIDATED)


def test_two_supervisors_at_once_the_second_is_told(cast):
    # e.g. the kasubag and a Plh on the same post, both with the page open
    a = milik_pegawai(cast)
    first, second = Aktivitas.objects.get(pk=a.pk), Aktivitas.objects.get(pk=a.pk)
    services.aktivitas_verify(actor=cast.atasan.user, aktivitas=first)
    with pytest.raises(ValidationError) as exc:
        services.aktivitas_return(actor=cast.atasan.user, aktivitas=second, catatan="Kurang jelas")
    assert "baru saja diproses" in exc.value.messages[0]
    assert status_of(a) == [Status.VERIFIED] and AktivitasLog.objects.filter(aktivitas=a).count() == 1


def test_a_bulk_post_from_a_stale_page_is_told_and_overwrites_nothing(client, cast):
    a = milik_pegawai(cast)
    services.aktivitas_verify(actor=cast.atasan.user, aktivitas=a)  # done in another tab meanwhile
    client.force_login(cast.atasan.user)
    response = client.post(MASSAL, {"aksi": "kembalikan", "ids": [a.pk], "catatan": "x", "kembali": "verifikasi"})
    assert status_of(a) == [Status.VERIFIED]
    assert "baru saja diproses" in flash(response)[0]
    assert AktivitasLog.objects.filter(aktivitas=a).count() == 1


# --- one entry --------------------------------------------------------------------------------


def tindak(client, a, **data):
    response = client.post(reverse("aktivitas:tindak", args=[a.pk]), data)
    if response.status_code == 302:
        messages = flash(response)
        client.get(response.url)  # as a browser would: the next page shows (and uses up) the messages
        response.flash = messages
    return response


def test_the_verifier_lowers_the_minutes_of_a_free_text_entry_with_a_note(client, cast):
    a = milik_pegawai(cast, menit=120)
    client.force_login(cast.atasan.user)
    response = tindak(client, a, aksi="verifikasi", menit=200, catatan="x")
    assert "Menit diakui harus antara 1 dan 120." in response.flash[0]
    response = tindak(client, a, aksi="verifikasi", menit=90)
    assert "Tulis alasan penyesuaian menit." in response.flash[0]
    assert status_of(a) == [Status.SUBMITTED]
    response = tindak(client, a, aksi="verifikasi", menit=90, catatan="Rapat selesai pukul 09.30")
    assert response.url == VERIF and "Menit diakui: 90 dari 120." in response.flash[0]
    a.refresh_from_db()
    assert (a.status, a.menit, a.menit_diajukan, a.catatan) == (Status.VERIFIED, 90, 120, "")
    assert AktivitasLog.objects.get(aktivitas=a).catatan == "Rapat selesai pukul 09.30"


def test_catalog_minutes_are_not_adjusted(client, cast):
    k = KegiatanKatalog.objects.create(
        pemda=cast.pemda, lingkup=LingkupKatalog.PEMDA, nama="Surat", satuan="surat", menit_per_satuan=5
    )
    a = milik_pegawai(cast, katalog=k, volume=4, menit=20)
    client.force_login(cast.atasan.user)
    response = tindak(client, a, aksi="verifikasi", menit=10, catatan="terlalu banyak")
    assert "mengikuti standar" in response.flash[0] and status_of(a) == [Status.SUBMITTED]
    html = client.get(VERIF).content.decode()
    assert f'id="menit-{a.pk}"' not in html  # no minutes box for a catalog item


def test_unverify_and_unvalidate(client, cast):
    verified = milik_pegawai(cast, status=Status.VERIFIED, jam=8)
    validated = milik_pegawai(cast, status=Status.VALIDATED, jam=10)
    client.force_login(cast.atasan.user)
    page = client.get(VERIF)
    assert [a.pk for a in page.context["baru"]] == [verified.pk]
    html = page.content.decode()  # the take-back list shows whose entry, which day, how long
    assert cast.pegawai.nama_lengkap in html and f"{verified.menit} menit" in html
    assert reverse("aktivitas:tindak", args=[verified.pk]) in html and "Batalkan verifikasi" in html
    response = tindak(client, verified, aksi="batal_verifikasi", dari=Status.VERIFIED)
    assert status_of(verified) == [Status.SUBMITTED] and "dibatalkan verifikasinya" in response.flash[0]
    client.force_login(cast.atasan_atasan.user)
    response = tindak(client, validated, aksi="batal_validasi", dari=Status.VALIDATED)
    assert response.url == VALID and status_of(validated) == [Status.VERIFIED]


def test_taking_back_someone_elses_move_is_403(client, cast):
    validated = milik_pegawai(cast, status=Status.VALIDATED)
    client.force_login(cast.atasan.user)  # the verifier, not the validator
    assert tindak(client, validated, aksi="batal_validasi").status_code == 403
    assert status_of(validated) == [Status.VALIDATED]


def test_the_validator_cannot_verify_in_the_verifiers_place(client, cast):
    a = milik_pegawai(cast)  # visible to the sekretaris (its validator)
    client.force_login(cast.atasan_atasan.user)
    assert tindak(client, a, aksi="verifikasi").status_code == 403
    assert status_of(a) == [Status.SUBMITTED]


def test_an_entry_out_of_scope_is_404(client, cast):
    theirs = buat(cast.pegawai_lain, verifikator=None)
    client.force_login(cast.atasan.user)
    assert tindak(client, theirs, aksi="verifikasi").status_code == 404


def test_a_stale_single_move_is_told(client, cast):
    a = milik_pegawai(cast, status=Status.VERIFIED)
    client.force_login(cast.atasan.user)
    response = tindak(client, a, aksi="kembalikan", catatan="x", dari=Status.SUBMITTED)
    assert response.status_code == 302 and "baru saja diproses" in response.flash[0]
    assert status_of(a) == [Status.VERIFIED]


def test_single_return_needs_a_note(client, cast):
    a = milik_pegawai(cast)
    client.force_login(cast.atasan.user)
    response = tindak(client, a, aksi="kembalikan", catatan="")
    assert status_of(a) == [Status.SUBMITTED] and "Tulis catatan" in response.flash[0]


def test_next_must_be_on_this_site(client, cast):
    a, b = milik_pegawai(cast, jam=8), milik_pegawai(cast, jam=10)
    client.force_login(cast.atasan.user)
    back = f"{VERIF}?pegawai={cast.pegawai.pk}"
    assert tindak(client, a, aksi="verifikasi", next=back).url == back
    assert tindak(client, b, aksi="verifikasi", next="https://evil.example/").url == VERIF


# --- figures ----------------------------------------------------------------------------------


def _expected(cast, valid: int) -> tuple[int, int, Decimal]:
    hk = len(hari_kerja_bulan(pemda_id=cast.pemda.pk, tahun=TODAY.year, bulan=TODAY.month))
    return hk, hk * 300, (Decimal(min(valid, hk * 300)) / Decimal(hk * 300) * 100).quantize(Decimal("0.01"))


def test_rekap_shows_my_month_and_my_bawahan(client, cast):
    tanggal = TODAY.replace(day=1)
    milik_pegawai(cast, status=Status.VALIDATED, tanggal=tanggal, jam=8, menit=150)
    milik_pegawai(cast, status=Status.VALIDATED, tanggal=tanggal, jam=11, menit=150)
    milik_pegawai(cast, status=Status.SUBMITTED, tanggal=tanggal, jam=14, menit=60)
    milik_pegawai(cast, status=Status.DRAFT, tanggal=tanggal, jam=16, menit=30)
    hk, target, capaian = _expected(cast, 300)
    client.force_login(cast.pegawai.user)
    saya = client.get(REKAP).context["saya"]
    assert (saya.diajukan, saya.diverifikasi, saya.divalidasi) == (360, 300, 300)
    assert (saya.hari_kerja, saya.target, saya.capaian_persen) == (hk, target, capaian)
    assert client.get(REKAP).context["baris"] == []
    client.force_login(cast.atasan.user)
    response = client.get(REKAP, {"bulan": TODAY.strftime("%Y-%m")})
    baris = {p.pk: r for p, r in response.context["baris"]}
    assert set(baris) == {cast.pegawai.pk, cast.admin_opd.pegawai.pk}  # both staf posts under the kasubag
    assert (baris[cast.pegawai.pk].divalidasi, baris[cast.pegawai.pk].capaian_persen) == (300, capaian)
    assert f'value="{capaian}"' in response.content.decode()  # 1.23 in a progress bar, not 1,23


def test_rekap_of_another_month_and_a_wrong_month(client, cast):
    last = TODAY.replace(day=1) - timedelta(days=1)
    milik_pegawai(cast, status=Status.VALIDATED, tanggal=last, menit=120)
    client.force_login(cast.pegawai.user)
    assert client.get(REKAP, {"bulan": last.strftime("%Y-%m")}).context["saya"].divalidasi == 120
    response = client.get(REKAP, {"bulan": "2026-13"})
    assert response.status_code == 200 and response.context["saya"].bulan == TODAY.month
    assert response.context["form"].errors


def test_rekap_unit_is_for_admins_only(client, cast):
    client.force_login(cast.pegawai.user)
    assert client.get(REKAP_UNIT).status_code == 403
    client.force_login(cast.atasan.user)
    assert client.get(REKAP_UNIT).status_code == 403


def test_rekap_unit_scope(client, cast):
    milik_pegawai(cast, status=Status.VALIDATED, menit=150)
    buat(cast.pegawai_lain, verifikator=None, status=Status.VALIDATED, menit=200)
    client.force_login(cast.admin_opd)
    people = {p.pk: r for p, r in client.get(REKAP_UNIT).context["baris"]}
    assert cast.pegawai_lain.pk not in people and cast.kadis.pk in people
    assert people[cast.pegawai.pk].divalidasi == 150
    # a unit: it and the units below it
    subbag = {p.pk for p, _r in client.get(REKAP_UNIT, {"unit": cast.subbag.pk}).context["baris"]}
    assert subbag == {cast.atasan.pk, cast.pegawai.pk, cast.admin_opd.pegawai.pk}
    sekretariat = {p.pk for p, _r in client.get(REKAP_UNIT, {"unit": cast.sekretariat.pk}).context["baris"]}
    assert sekretariat == subbag | {cast.atasan_atasan.pk}
    # another OPD's unit is not a choice: ignored, still only the own OPD
    response = client.get(REKAP_UNIT, {"unit": cast.badan.pk})
    assert response.context["saring"].errors
    assert cast.pegawai_lain.pk not in {p.pk for p, _r in response.context["baris"]}
    client.force_login(cast.hr)
    everyone = {p.pk: r for p, r in client.get(REKAP_UNIT).context["baris"]}
    assert everyone[cast.pegawai_lain.pk].divalidasi == 200 and cast.pegawai.pk in everyone


def test_the_rekap_links_managers_to_the_unit_table(client, cast):
    client.force_login(cast.admin_opd)
    assert f'href="{REKAP_UNIT}?bulan=' in client.get(REKAP).content.decode()
    client.force_login(cast.pegawai.user)
    assert REKAP_UNIT not in client.get(REKAP).content.decode()


def test_a_manager_without_a_pegawai_goes_to_the_unit_table(client, cast):
    client.force_login(cast.hr)
    response = client.get(REKAP, {"bulan": "2026-10"})
    assert response.status_code == 302 and response.url == f"{REKAP_UNIT}?bulan=2026-10"


# --- the query bound (issue 4, Performance) -----------------------------------------------------


def _isi(cast, people, n):
    """`n` waiting entries spread over the people and the last days (before today, as most of a
    queue is: a past day also has its stored attendance read for the marker of issue 13)."""
    for i in range(n):
        who = people[i % len(people)]
        day = i // len(people)
        buat(
            who,
            verifikator=cast.atasan,
            validator=cast.atasan_atasan,
            tanggal=TODAY - timedelta(days=1 + day // 4),
            jam=8 + 2 * (day % 4),
        )


def test_the_queue_costs_the_same_queries_for_5_or_50_entries(client, cast, django_assert_max_num_queries):
    people = [cast.pegawai, *staf_baru(cast, 4)]
    client.force_login(cast.atasan.user)
    _isi(cast, people[:2], 5)
    with django_assert_max_num_queries(20) as few:
        assert len(queue_ids(client.get(VERIF))) == 5
    _isi(cast, people, 45)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = client.get(VERIF)
    assert len(queue_ids(response)) == 50 and len(response.context["kelompok"]) == 5
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_validation_queue_costs_the_same_queries_for_5_or_50_entries(client, cast, django_assert_max_num_queries):
    people = [cast.pegawai, *staf_baru(cast, 4)]
    client.force_login(cast.atasan_atasan.user)
    _isi(cast, people[:2], 5)
    Aktivitas.objects.update(status=Status.VERIFIED)
    with django_assert_max_num_queries(20) as few:
        assert len(queue_ids(client.get(VALID))) == 5
    _isi(cast, people, 45)
    Aktivitas.objects.update(status=Status.VERIFIED)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(queue_ids(client.get(VALID))) == 50


def test_rekap_costs_the_same_queries_for_5_or_50_entries(client, cast, django_assert_max_num_queries):
    # The rows are the kasubag's bawahan (found by accounts.selectors.bawahan_of, whose cost grows with
    # the number of bawahan, not of entries); the figures of all of them are one query.
    people = [cast.pegawai, *staf_baru(cast, 4)]
    client.force_login(cast.atasan.user)
    _isi(cast, people, 5)
    with django_assert_max_num_queries(40) as few:
        assert len(client.get(REKAP).context["baris"]) == 6
    _isi(cast, people, 45)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(REKAP)


def test_rekap_unit_costs_the_same_queries_for_5_or_50_rows(client, cast, django_assert_max_num_queries):
    client.force_login(cast.admin_opd)
    _isi(cast, [cast.pegawai], 5)
    with django_assert_max_num_queries(20) as few:
        client.get(REKAP_UNIT)
    people = staf_baru(cast, 45)
    _isi(cast, people, 50)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(REKAP_UNIT).context["baris"]) == 50  # one page


@pytest.mark.parametrize("n", [3, 30])
def test_the_rekap_of_my_people_does_not_grow_with_them(client, cast, n, django_assert_max_num_queries):
    from tests.factories import posted

    for i in range(n):
        posted(cast.j_staf, nama=f"Staf Rekap {i:02d}")
    client.force_login(cast.atasan.user)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("aktivitas:rekap"))
    assert response.status_code == 200 and f"Staf Rekap {n - 1:02d}" in response.content.decode()
