"""Leave and absence requests (issue 5, Requests): filing rules, every allowed and refused move of the
transitions table, the cuti tahunan balance, the pages, and the activity block rule."""

from datetime import date

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.choices import StatusPegawai
from accounts.rules import build_nip
from attendance import selectors
from attendance.choices import JenisPermohonan as J
from attendance.choices import StatusHari
from attendance.choices import StatusPermohonan as S
from attendance.models import AturanPresensi, HariLibur, HariPresensi, Permohonan, PermohonanLog
from attendance.selectors_cuti import saldo_cuti_tahunan
from attendance.services import permohonan as svc
from tests.factories import posted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


# A plain week of March 2026: Monday 2 .. Friday 6.
SENIN, JUMAT = date(2026, 3, 2), date(2026, 3, 6)


def ajukan(pegawai, jenis=J.IZIN, mulai=SENIN, selesai=None, **kw):
    return svc.permohonan_create(
        actor=pegawai.user, jenis=jenis, mulai=mulai, selesai=selesai or mulai, alasan="Keperluan keluarga", **kw
    )


def dua_tingkat(cast):
    AturanPresensi.objects.create(pemda=cast.pemda, berlaku_mulai=date(2020, 1, 1), cuti_dua_tingkat=True)


def pegawai_baru(cast, *, tmt: date, status=StatusPegawai.PNS):
    nip = build_nip(tanggal_lahir=date(1995, 5, 5), jenis_kelamin="P", nomor_urut=7, tmt_cpns=tmt)
    return posted(cast.j_staf, mulai=tmt, nip=nip, status=status)


def disetujui(pegawai, mulai, selesai, jenis=J.CUTI_TAHUNAN):
    return Permohonan.objects.create(
        pemda=pegawai.pemda, pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai, alasan="x", status=S.DISETUJUI
    )


# --- filing -------------------------------------------------------------------------------------


def test_a_request_goes_to_the_atasan_of_its_start_date_with_its_working_days(cast):
    HariLibur.objects.create(pemda=cast.pemda, tanggal=date(2026, 3, 4), nama="Libur uji")
    p = ajukan(cast.pegawai, J.CUTI_TAHUNAN, SENIN, JUMAT)
    assert p.status == S.DIAJUKAN
    assert p.hari_kerja == 4  # Monday to Friday minus the holiday
    assert (p.penyetuju, p.penyetuju_kedua) == (cast.atasan, cast.atasan_atasan)
    assert list(p.log.values_list("dari", "ke")) == [("", S.DIAJUKAN)]


def test_a_weekend_is_not_counted(cast):
    p = ajukan(cast.pegawai, J.IZIN, date(2026, 3, 6), date(2026, 3, 9))  # Friday to Monday
    assert p.hari_kerja == 2


def test_overlapping_requests_are_refused(cast):
    ajukan(cast.pegawai, J.IZIN, SENIN, date(2026, 3, 3))
    with pytest.raises(ValidationError, match="bertabrakan"):
        ajukan(cast.pegawai, J.SAKIT, date(2026, 3, 3), JUMAT)


def test_a_refused_or_cancelled_request_frees_its_dates(cast):
    p = ajukan(cast.pegawai, J.IZIN, SENIN)
    svc.permohonan_batalkan(actor=cast.pegawai.user, permohonan=p)
    ajukan(cast.pegawai, J.IZIN, SENIN)  # no error


def test_another_persons_request_does_not_overlap(cast):
    ajukan(cast.pegawai, J.IZIN, SENIN)
    ajukan(cast.atasan, J.IZIN, SENIN)


def test_a_range_without_working_days_is_refused_for_leave_but_not_for_dinas(cast):
    with pytest.raises(ValidationError, match="tidak berisi hari kerja"):
        ajukan(cast.pegawai, J.IZIN, date(2026, 3, 7), date(2026, 3, 8))
    p = ajukan(cast.pegawai, J.DINAS_LUAR, date(2026, 3, 7), date(2026, 3, 8))  # working on a weekend
    assert p.hari_kerja == 0


def test_end_before_start_and_empty_reason_are_refused(cast):
    with pytest.raises(ValidationError) as e:
        svc.permohonan_create(actor=cast.pegawai.user, jenis=J.IZIN, mulai=JUMAT, selesai=SENIN, alasan=" ")
    assert set(e.value.message_dict) == {"selesai", "alasan"}


def test_cuti_tahunan_over_the_balance_is_refused(cast):
    baru = pegawai_baru(cast, tmt=date(2025, 1, 1))  # entitled from 2026: 12 days
    disetujui(baru, date(2026, 2, 2), date(2026, 2, 13))  # 10 days used
    with pytest.raises(ValidationError, match="sisa cuti tahunan 2026 Anda 2 hari"):
        ajukan(baru, J.CUTI_TAHUNAN, SENIN, date(2026, 3, 4))  # 3 days
    ajukan(baru, J.CUTI_TAHUNAN, SENIN, date(2026, 3, 3))  # 2 days fit


def test_waiting_requests_count_against_the_balance(cast):
    baru = pegawai_baru(cast, tmt=date(2025, 1, 1))
    ajukan(baru, J.CUTI_TAHUNAN, date(2026, 2, 2), date(2026, 2, 13))  # 10 days, waiting
    with pytest.raises(ValidationError, match="menunggu persetujuan"):
        ajukan(baru, J.CUTI_TAHUNAN, SENIN, date(2026, 3, 4))


def test_cuti_tahunan_before_one_year_of_service_is_refused(cast):
    baru = pegawai_baru(cast, tmt=date(2026, 1, 1))
    with pytest.raises(ValidationError, match="belum berhak"):
        ajukan(baru, J.CUTI_TAHUNAN, SENIN)


def test_cuti_tahunan_across_two_years_is_split(cast):
    with pytest.raises(ValidationError, match="per tahun"):
        ajukan(cast.pegawai, J.CUTI_TAHUNAN, date(2026, 12, 30), date(2027, 1, 4))


def test_cuti_besar_needs_five_years_as_pns(cast):
    baru = pegawai_baru(cast, tmt=date(2022, 1, 1))
    with pytest.raises(ValidationError, match="5 tahun"):
        ajukan(baru, J.CUTI_BESAR, SENIN, JUMAT)
    lama = pegawai_baru(cast, tmt=date(2015, 1, 1))
    assert ajukan(lama, J.CUTI_BESAR, SENIN, JUMAT).status == S.DIAJUKAN


def test_cuti_besar_is_refused_to_pppk(cast):
    nip = build_nip(tanggal_lahir=date(1990, 1, 1), jenis_kelamin="L", nomor_urut=3, tahun_pppk=2015)
    pppk = posted(cast.j_staf, nip=nip, status=StatusPegawai.PPPK)
    with pytest.raises(ValidationError, match="hanya untuk PNS"):
        ajukan(pppk, J.CUTI_BESAR, SENIN, JUMAT)


def test_without_an_atasan_nobody_can_decide(cast):
    with pytest.raises(ValidationError, match="Belum ada atasan"):
        ajukan(cast.kadis, J.IZIN, SENIN)


# --- the balance --------------------------------------------------------------------------------


def test_balance_first_year_of_service_has_no_entitlement(cast):
    baru = pegawai_baru(cast, tmt=date(2025, 6, 1))
    assert saldo_cuti_tahunan(baru, 2025).hak == 0
    assert saldo_cuti_tahunan(baru, 2026).hak == 12  # one year complete in June 2026


def test_balance_carries_over_at_most_six_days(cast):
    baru = pegawai_baru(cast, tmt=date(2023, 1, 1))  # entitled from 2024
    disetujui(baru, date(2024, 3, 4), date(2024, 3, 19))  # 12 days in 2024
    disetujui(baru, date(2025, 3, 3), date(2025, 3, 12))  # 8 days in 2025 → 4 left
    saldo = saldo_cuti_tahunan(baru, 2026)
    assert (saldo.hak, saldo.terpakai, saldo.sisa) == (16, 0, 16)


def test_balance_two_unused_years_give_24(cast):
    baru = pegawai_baru(cast, tmt=date(2023, 1, 1))
    assert saldo_cuti_tahunan(baru, 2026).hak == 24


def test_balance_counts_this_years_approved_days(cast):
    baru = pegawai_baru(cast, tmt=date(2025, 1, 1))
    disetujui(baru, SENIN, JUMAT)
    ajukan(baru, J.CUTI_TAHUNAN, date(2026, 4, 6), date(2026, 4, 7))
    saldo = saldo_cuti_tahunan(baru, 2026)
    assert (saldo.hak, saldo.terpakai, saldo.menunggu, saldo.sisa) == (12, 5, 2, 7)


def test_cuti_bersama_does_not_reduce_the_balance(cast):
    baru = pegawai_baru(cast, tmt=date(2025, 1, 1))
    HariLibur.objects.create(
        pemda=cast.pemda, tanggal=date(2026, 3, 3), nama="Cuti bersama", jenis=HariLibur.Jenis.CUTI_BERSAMA
    )
    disetujui(baru, SENIN, JUMAT)  # the cuti bersama day inside is not a cuti tahunan day
    disetujui(baru, date(2026, 4, 6), date(2026, 4, 6), jenis=J.CUTI_BERSAMA)
    assert saldo_cuti_tahunan(baru, 2026).terpakai == 4


# --- the workflow -------------------------------------------------------------------------------


def test_the_atasan_approves_a_one_level_request_and_it_is_logged(cast):
    p = ajukan(cast.pegawai)
    p = svc.permohonan_setujui(actor=cast.atasan.user, permohonan=p, catatan="Silakan")
    assert p.status == S.DISETUJUI and p.diputus is not None
    assert list(p.log.values_list("dari", "ke")) == [("", S.DIAJUKAN), (S.DIAJUKAN, S.DISETUJUI)]


def test_the_owner_cannot_approve_their_own_request(cast):
    p = ajukan(cast.pegawai)
    with pytest.raises(PermissionDenied):
        svc.permohonan_setujui(actor=cast.pegawai.user, permohonan=p)


@pytest.mark.parametrize("who", ["atasan_atasan", "kadis", "pegawai_lain"])
def test_only_the_atasan_decides_at_level_one(cast, who):
    p = ajukan(cast.pegawai)
    with pytest.raises(PermissionDenied):
        svc.permohonan_setujui(actor=getattr(cast, who).user, permohonan=p)
    with pytest.raises(PermissionDenied):
        svc.permohonan_tolak(actor=getattr(cast, who).user, permohonan=p, catatan="tidak")
    p.refresh_from_db()
    assert p.status == S.DIAJUKAN


def test_a_refusal_needs_a_note(cast):
    p = ajukan(cast.pegawai)
    with pytest.raises(ValidationError, match="Tulis catatan"):
        svc.permohonan_tolak(actor=cast.atasan.user, permohonan=p, catatan="  ")
    p = svc.permohonan_tolak(actor=cast.atasan.user, permohonan=p, catatan="Sedang audit")
    assert (p.status, p.catatan) == (S.DITOLAK, "Sedang audit")


def test_the_owner_cancels_while_waiting_and_the_atasan_withdraws_an_approval_with_a_note(cast):
    p = ajukan(cast.pegawai)
    with pytest.raises(PermissionDenied):
        svc.permohonan_batalkan(actor=cast.atasan.user, permohonan=p)
    svc.permohonan_setujui(actor=cast.atasan.user, permohonan=p)
    p.refresh_from_db()
    with pytest.raises(PermissionDenied):
        svc.permohonan_batalkan(actor=cast.pegawai.user, permohonan=p)
    with pytest.raises(ValidationError) as exc:
        svc.permohonan_batalkan(actor=cast.atasan.user, permohonan=p)
    assert "catatan" in exc.value.message_dict
    p = svc.permohonan_batalkan(actor=cast.atasan.user, permohonan=p, catatan="Sudah masuk kerja")
    assert p.status == S.DIBATALKAN
    assert HariPresensi.objects.get(pegawai=cast.pegawai, tanggal=SENIN).status == "TANPA_KETERANGAN"


def test_a_decided_request_cannot_be_decided_again(cast):
    p = svc.permohonan_tolak(actor=cast.atasan.user, permohonan=ajukan(cast.pegawai), catatan="tidak")
    with pytest.raises(ValidationError):
        svc.permohonan_setujui(actor=cast.atasan.user, permohonan=p)


def test_two_level_cuti_goes_through_the_atasans_atasan(cast):
    dua_tingkat(cast)
    p = ajukan(cast.pegawai, J.CUTI_SAKIT, SENIN, JUMAT)
    with pytest.raises(PermissionDenied):  # the second level cannot act first
        svc.permohonan_move(actor=cast.atasan_atasan.user, permohonan=p, to=S.DISETUJUI_ATASAN)
    with pytest.raises(ValidationError, match="tingkat kedua"):  # the atasan's approval is not final
        svc.permohonan_move(actor=cast.atasan.user, permohonan=p, to=S.DISETUJUI)
    p = svc.permohonan_setujui(actor=cast.atasan.user, permohonan=p)
    assert p.status == S.DISETUJUI_ATASAN
    with pytest.raises(PermissionDenied):  # the atasan cannot give the second level too
        svc.permohonan_setujui(actor=cast.atasan.user, permohonan=p)
    with pytest.raises(ValidationError):  # nor can the owner cancel any more
        svc.permohonan_batalkan(actor=cast.pegawai.user, permohonan=p)
    p = svc.permohonan_setujui(actor=cast.atasan_atasan.user, permohonan=p)
    assert p.status == S.DISETUJUI
    assert [k for _d, k in p.log.values_list("dari", "ke")] == [S.DIAJUKAN, S.DISETUJUI_ATASAN, S.DISETUJUI]


def test_the_second_level_may_refuse_with_a_note(cast):
    dua_tingkat(cast)
    p = svc.permohonan_setujui(actor=cast.atasan.user, permohonan=ajukan(cast.pegawai, J.CUTI_SAKIT))
    with pytest.raises(ValidationError):
        svc.permohonan_tolak(actor=cast.atasan_atasan.user, permohonan=p, catatan="")
    p = svc.permohonan_tolak(actor=cast.atasan_atasan.user, permohonan=p, catatan="Ganti tanggal")
    assert p.status == S.DITOLAK


def test_izin_stays_one_level_even_when_cuti_needs_two(cast):
    dua_tingkat(cast)
    p = ajukan(cast.pegawai, J.IZIN)
    with pytest.raises(ValidationError, match="satu tingkat"):
        svc.permohonan_move(actor=cast.atasan.user, permohonan=p, to=S.DISETUJUI_ATASAN)
    assert svc.permohonan_setujui(actor=cast.atasan.user, permohonan=p).status == S.DISETUJUI


def test_someone_else_got_there_first(cast):
    p = ajukan(cast.pegawai)
    stale = Permohonan.objects.get(pk=p.pk)
    svc.permohonan_batalkan(actor=cast.pegawai.user, permohonan=p)
    with pytest.raises(ValidationError, match="baru saja diproses"):
        svc.permohonan_setujui(actor=cast.atasan.user, permohonan=stale)
    assert PermohonanLog.objects.filter(permohonan=p).count() == 2


def test_approval_recomputes_the_days(cast, monkeypatch):
    calls = []
    monkeypatch.setattr(svc, "_recompute", lambda p: calls.append((p.pegawai_id, p.mulai, p.selesai)))
    p = ajukan(cast.pegawai, J.IZIN, SENIN, JUMAT)
    svc.permohonan_setujui(actor=cast.atasan.user, permohonan=p)
    assert calls == [(cast.pegawai.pk, SENIN, JUMAT)]


# --- pages ----------------------------------------------------------------------------------------

LIST = reverse("presensi:permohonan_list")
CREATE = reverse("presensi:permohonan_create")
ANTREAN = reverse("presensi:permohonan_antrean")


@pytest.mark.parametrize("url", [LIST, CREATE, ANTREAN])
def test_anonymous_goes_to_login(client, url):
    r = client.get(url)
    assert r.status_code == 302 and r.url.startswith(reverse(settings.LOGIN_URL))


def test_daftar_shows_my_requests_and_balance(client, cast):
    ajukan(cast.pegawai, J.IZIN, SENIN)
    client.force_login(cast.pegawai.user)
    r = client.get(LIST)
    assert r.status_code == 200
    assert "Ajukan cuti/izin" in r.text and "Izin" in r.text
    assert 'data-testid="sisa-cuti"' in r.text


def test_buat_files_a_request_with_an_attachment(client, cast):
    client.force_login(cast.pegawai.user)
    pdf = SimpleUploadedFile("surat.pdf", b"%PDF-1.4 surat dokter", content_type="application/pdf")
    r = client.post(
        CREATE, {"jenis": J.SAKIT, "mulai": "2026-03-02", "selesai": "2026-03-03", "alasan": "Demam", "lampiran": pdf}
    )
    p = Permohonan.objects.get(pegawai=cast.pegawai)
    assert r.status_code == 302 and r.url == reverse("presensi:permohonan_detail", args=[p.pk])
    assert p.lampiran.name.endswith(".pdf") and p.hari_kerja == 2


def test_buat_keeps_the_input_on_error(client, cast):
    ajukan(cast.pegawai, J.IZIN, SENIN)
    client.force_login(cast.pegawai.user)
    r = client.post(CREATE, {"jenis": J.SAKIT, "mulai": "2026-03-02", "selesai": "2026-03-02", "alasan": "Demam ku"})
    assert r.status_code == 200
    assert "bertabrakan" in r.text and "Demam ku" in r.text and 'value="2026-03-02"' in r.text


def test_buat_refuses_a_wrong_attachment(client, cast):
    client.force_login(cast.pegawai.user)
    exe = SimpleUploadedFile("surat.pdf", b"MZ\x90\x00 not a pdf")
    r = client.post(
        CREATE, {"jenis": J.SAKIT, "mulai": "2026-03-02", "selesai": "2026-03-02", "alasan": "D", "lampiran": exe}
    )
    assert r.status_code == 200 and "tidak sesuai dengan jenisnya" in r.text
    big = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"0" * (5 * 1024 * 1024 + 1))
    r = client.post(
        CREATE, {"jenis": J.SAKIT, "mulai": "2026-03-02", "selesai": "2026-03-02", "alasan": "D", "lampiran": big}
    )
    assert "paling besar 5 MB" in r.text
    assert not Permohonan.objects.exists()


def test_detail_for_owner_and_approvers_else_404(client, cast):
    p = ajukan(cast.pegawai)
    url = reverse("presensi:permohonan_detail", args=[p.pk])
    for who in (cast.pegawai, cast.atasan, cast.atasan_atasan):
        client.force_login(who.user)
        assert client.get(url).status_code == 200
    for who in (cast.pegawai_lain, cast.kadis):
        client.force_login(who.user)
        assert client.get(url).status_code == 404
        assert client.post(reverse("presensi:permohonan_tindak", args=[p.pk]), {"aksi": "setujui"}).status_code == 404


def test_the_antrean_lists_waiting_requests_and_approves_from_it(client, cast):
    p = ajukan(cast.pegawai)
    client.force_login(cast.atasan.user)
    r = client.get(ANTREAN)
    assert r.status_code == 200 and cast.pegawai.nama in r.text
    r = client.post(reverse("presensi:permohonan_tindak", args=[p.pk]), {"aksi": "setujui", "kembali": "antrean"})
    assert r.status_code == 302 and r.url == ANTREAN
    p.refresh_from_db()
    assert p.status == S.DISETUJUI
    assert cast.pegawai.nama not in client.get(ANTREAN).text


def test_tindak_refuse_without_note_shows_a_message(client, cast):
    p = ajukan(cast.pegawai)
    client.force_login(cast.atasan.user)
    r = client.post(reverse("presensi:permohonan_tindak", args=[p.pk]), {"aksi": "tolak", "catatan": ""}, follow=True)
    assert "Tulis catatan" in r.text
    p.refresh_from_db()
    assert p.status == S.DIAJUKAN


def test_tindak_the_owner_cannot_approve_through_the_page(client, cast):
    p = ajukan(cast.pegawai)
    client.force_login(cast.pegawai.user)
    assert client.post(reverse("presensi:permohonan_tindak", args=[p.pk]), {"aksi": "setujui"}).status_code == 403


def test_tindak_is_post_only(client, cast):
    p = ajukan(cast.pegawai)
    client.force_login(cast.atasan.user)
    assert client.get(reverse("presensi:permohonan_tindak", args=[p.pk])).status_code == 405


def test_a_user_without_pegawai_gets_403(client, cast):
    client.force_login(cast.hr)
    assert client.get(LIST).status_code == 403


def test_attachment_download_for_the_approver(client, cast):
    pdf = SimpleUploadedFile("surat.pdf", b"%PDF-1.4 isi")
    p = ajukan(cast.pegawai, J.SAKIT, lampiran=pdf)
    client.force_login(cast.atasan.user)
    r = client.get(reverse("presensi:permohonan_detail", args=[p.pk]) + "?unduh=1")
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF")


def test_an_approved_request_sets_the_day_status(cast):
    p = ajukan(cast.pegawai, J.CUTI_SAKIT, SENIN, date(2026, 3, 3))
    svc.permohonan_setujui(actor=cast.atasan.user, permohonan=p)
    statuses = dict(HariPresensi.objects.filter(pegawai=cast.pegawai).values_list("tanggal", "status"))
    assert statuses[SENIN] == StatusHari.SAKIT and statuses[date(2026, 3, 3)] == StatusHari.SAKIT


def test_a_posting_change_moves_waiting_requests_to_the_new_atasan(cast):
    from accounts.models import Penempatan
    from tests.factories import PenempatanFactory

    p = ajukan(cast.pegawai, mulai=date(2026, 12, 7))
    assert p.penyetuju == cast.atasan
    Penempatan.objects.filter(pegawai=cast.atasan).update(selesai=date(2026, 11, 30))
    new = PenempatanFactory(jabatan=cast.j_kasubag, mulai=date(2026, 12, 1)).pegawai
    changed = svc.permohonan_reassign(
        pemda_id=cast.pemda.pk, pegawai_ids=[cast.atasan.pk, new.pk], opd_ids=[cast.dinas.pk], since=date(2026, 12, 1)
    )
    p.refresh_from_db()
    assert changed == 1 and p.penyetuju == new
    assert p in selectors.antrean_of(new)
