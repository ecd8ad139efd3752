"""Correction requests of attendance (issue 16, "moderasi"): filing, the workflow (who decides, who
may not), what an approval does to the days, the closed month, bad input, the pages and the list."""

import io
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import PeriodeTutup
from attendance.choices import StatusHari, SumberAbsen
from attendance.choices_koreksi import JenisKoreksi as JK
from attendance.choices_koreksi import StatusKoreksi as S
from attendance.models import Absen, HariLibur, HariPresensi, KoreksiPresensi
from attendance.selectors_koreksi import antrean_koreksi, koreksi_lingkup_admin
from attendance.services import koreksi as svc
from core.models import AuditLog

pytestmark = pytest.mark.django_db

WITA = ZoneInfo("Asia/Makassar")
# TODAY (tests/helpers) is Wednesday 18 November 2026: Monday 16 and Tuesday 17 are past working days.
SENIN, SELASA, JUMAT = date(2026, 11, 16), date(2026, 11, 17), date(2026, 11, 13)
CREATE = reverse("presensi:koreksi_create")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def punch(pegawai, day, *times):
    for t in times:
        Absen.objects.create(
            pemda=pegawai.pemda, pegawai=pegawai, waktu=datetime.combine(day, t, tzinfo=WITA), sumber=SumberAbsen.BERKAS
        )


def ajukan(pegawai, jenis=JK.HADIR, mulai=SENIN, selesai=None, actor=None, **kw):
    return svc.koreksi_create(
        actor=actor or pegawai.user,
        jenis=jenis,
        mulai=mulai,
        selesai=selesai or mulai,
        alasan="Sidik jari tidak terbaca",
        pegawai=pegawai if actor is not None else None,
        **kw,
    )


def hari(pegawai, day):
    return HariPresensi.objects.get(pegawai=pegawai, tanggal=day)


# --- the whole flow ----------------------------------------------------------------------------


def test_pegawai_requests_atasan_approves_and_the_day_changes_with_its_history(cast):
    k = ajukan(cast.pegawai)
    assert (k.status, k.hari, k.penyetuju, k.atas_nama) == (S.DIAJUKAN, 1, cast.atasan, False)
    assert list(antrean_koreksi(cast.atasan.user)) == [k]
    svc.koreksi_setujui(actor=cast.atasan.user, koreksi=k)
    k.refresh_from_db()
    assert (k.status, k.diputus_oleh, k.diputus_sebagai, k.hari_diubah) == (S.DISETUJUI, cast.atasan.user, "ATASAN", 1)
    h = hari(cast.pegawai, SENIN)
    # a day without any punch (tanpa keterangan) is now present, as an admin's manual HADIR would make it
    assert (h.status, h.manual, h.dikoreksi_oleh, h.band_tl, h.band_psw) == (
        StatusHari.HADIR,
        True,
        cast.atasan.user,
        "",
        "",
    )
    assert (h.menit_terlambat, h.menit_pulang_cepat) == (None, None)
    assert f"#{k.pk}" in h.alasan_koreksi and "Sidik jari" in h.alasan_koreksi
    assert list(k.log.values_list("dari", "ke", "peran")) == [
        ("", S.DIAJUKAN, "PEMOHON"),
        (S.DIAJUKAN, S.DISETUJUI, "PEMUTUS"),
    ]
    jejak = AuditLog.objects.get(aksi="haripresensi:koreksi_presensi")
    assert (jejak.objek_tipe, jejak.objek_id, jejak.pegawai_id) == (
        "attendance.haripresensi",
        str(h.pk),
        cast.pegawai.pk,
    )
    assert jejak.sesudah["status"] == "HADIR" and jejak.sesudah["koreksi_presensi"] == k.pk
    assert AuditLog.objects.filter(aksi="koreksipresensi:setujui", objek_id=str(k.pk)).count() == 1
    assert not antrean_koreksi(cast.atasan.user).exists()


def test_corrected_times_are_counted_against_the_schedule(cast):
    punch(cast.pegawai, SENIN, time(7, 20))  # no check-out: PSW4
    punch(cast.pegawai, SELASA, time(7, 25), time(16, 5))
    k = ajukan(cast.pegawai, JK.JAM, jam_pulang=time(16, 5))
    svc.koreksi_setujui(actor=cast.atasan.user, koreksi=k)
    h = hari(cast.pegawai, SENIN)
    assert (h.status, h.jam_masuk, h.jam_pulang, h.band_tl, h.band_psw) == (
        StatusHari.HADIR,
        time(7, 20),
        time(16, 5),
        "",
        "",
    )
    # a corrected check-in that is still late keeps its band (TL2: 45 minutes)
    k2 = ajukan(cast.pegawai, JK.JAM, mulai=SELASA, jam_masuk=time(8, 15))
    assert k2 in antrean_koreksi(cast.admin_opd)  # the admin OPD of the pegawai's OPD decides too
    svc.koreksi_setujui(actor=cast.admin_opd, koreksi=k2)
    h = hari(cast.pegawai, SELASA)
    assert (h.status, h.jam_masuk, h.jam_pulang, h.menit_terlambat, h.band_tl, h.band_psw) == (
        StatusHari.TERLAMBAT,
        time(8, 15),
        time(16, 5),
        45,
        "TL2",
        "",
    )
    k2.refresh_from_db()
    assert k2.diputus_sebagai == "ADMIN_OPD"


def test_dinas_luar_over_a_range_skips_the_weekend_and_holidays(cast):
    HariLibur.objects.create(pemda=cast.pemda, tanggal=SELASA, nama="Libur uji")
    k = ajukan(cast.pegawai, JK.DINAS_LUAR, mulai=JUMAT, selesai=SELASA)
    assert k.hari == 2  # Friday and Monday
    svc.koreksi_setujui(actor=cast.atasan.user, koreksi=k)
    assert hari(cast.pegawai, JUMAT).status == StatusHari.DINAS_LUAR
    assert hari(cast.pegawai, SENIN).status == StatusHari.DINAS_LUAR
    k.refresh_from_db()
    assert k.hari_diubah == 2
    assert not HariPresensi.objects.filter(pegawai=cast.pegawai, tanggal__in=[date(2026, 11, 14), SELASA], manual=True)


# --- who decides -----------------------------------------------------------------------------------


def test_a_refusal_needs_a_note_and_leaves_the_day(cast):
    k = ajukan(cast.pegawai)
    with pytest.raises(ValidationError) as e:
        svc.koreksi_tolak(actor=cast.atasan.user, koreksi=k, catatan="  ")
    assert "catatan" in e.value.message_dict
    svc.koreksi_tolak(actor=cast.atasan.user, koreksi=k, catatan="Tidak ada bukti kehadiran")
    k.refresh_from_db()
    assert (k.status, k.catatan) == (S.DITOLAK, "Tidak ada bukti kehadiran")
    assert not HariPresensi.objects.filter(pegawai=cast.pegawai, manual=True).exists()


def test_nobody_decides_their_own_request(cast):
    k = ajukan(cast.pegawai)
    with pytest.raises(PermissionDenied):
        svc.koreksi_setujui(actor=cast.pegawai.user, koreksi=k)
    # the admin OPD's own day: their atasan decides, never they themself
    own = ajukan(cast.admin_opd.pegawai)
    with pytest.raises(PermissionDenied):
        svc.koreksi_setujui(actor=cast.admin_opd, koreksi=own)
    svc.koreksi_setujui(actor=cast.atasan.user, koreksi=own)
    assert hari(cast.admin_opd.pegawai, SENIN).status == StatusHari.HADIR


def test_an_admin_who_filed_for_someone_cannot_decide_it(cast):
    k = ajukan(cast.pegawai, actor=cast.admin_opd)
    assert (k.atas_nama, k.diajukan_oleh, k.pegawai) == (True, cast.admin_opd, cast.pegawai)
    assert k not in antrean_koreksi(cast.admin_opd)
    with pytest.raises(PermissionDenied):
        svc.koreksi_setujui(actor=cast.admin_opd, koreksi=k)
    assert AuditLog.objects.filter(aksi="koreksipresensi:ajukan", objek_id=str(k.pk)).get().sesudah["atas_nama"]
    svc.koreksi_setujui(actor=cast.atasan.user, koreksi=k)
    assert hari(cast.pegawai, SENIN).status == StatusHari.HADIR


def test_an_admin_opd_never_decides_for_their_own_atasan(cast):
    k = ajukan(cast.atasan)  # decided by the atasan's atasan; the admin OPD is the atasan's subordinate
    assert k not in antrean_koreksi(cast.admin_opd)
    assert list(antrean_koreksi(cast.atasan_atasan.user)) == [k]
    with pytest.raises(PermissionDenied):
        svc.koreksi_setujui(actor=cast.admin_opd, koreksi=k)
    with pytest.raises(PermissionDenied):
        svc.koreksi_setujui(actor=cast.pegawai_lain.user, koreksi=k)
    svc.koreksi_setujui(actor=cast.atasan_atasan.user, koreksi=k)
    assert hari(cast.atasan, SENIN).status == StatusHari.HADIR


def test_the_requester_withdraws_while_pending_only(cast):
    k = ajukan(cast.pegawai)
    with pytest.raises(PermissionDenied):
        svc.koreksi_batalkan(actor=cast.atasan.user, koreksi=k)
    svc.koreksi_batalkan(actor=cast.pegawai.user, koreksi=k)
    k.refresh_from_db()
    assert k.status == S.DIBATALKAN
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        svc.koreksi_setujui(actor=cast.atasan.user, koreksi=k)
    # the admin who filed one withdraws it too
    k2 = ajukan(cast.pegawai, actor=cast.admin_opd)
    svc.koreksi_batalkan(actor=cast.admin_opd, koreksi=k2)
    assert KoreksiPresensi.objects.get(pk=k2.pk).status == S.DIBATALKAN


def test_a_closed_month_refuses_filing_and_approval(cast):
    k = ajukan(cast.pegawai)
    PeriodeTutup.objects.create(pemda=cast.pemda, tahun=2026, bulan=11)
    with pytest.raises(ValidationError, match="sudah ditutup"):
        svc.koreksi_setujui(actor=cast.atasan.user, koreksi=k)
    k.refresh_from_db()
    assert k.status == S.DIAJUKAN and not HariPresensi.objects.filter(manual=True).exists()
    with pytest.raises(ValidationError, match="sudah ditutup"):
        ajukan(cast.pegawai, mulai=SELASA)


@pytest.mark.parametrize(
    ("kw", "field", "pesan"),
    [
        ({"mulai": date(2026, 11, 19)}, "selesai", "belum tiba"),
        ({"mulai": date(2026, 11, 2), "selesai": SENIN}, "selesai", "paling lama 7 hari"),
        ({"jenis": JK.JAM}, "jam_masuk", "Isi jam masuk atau jam pulang"),
        ({"jenis": JK.JAM, "selesai": SELASA, "jam_masuk": time(7, 0)}, "selesai", "satu hari saja"),
        ({"jenis": JK.JAM, "jam_masuk": time(9, 0), "jam_pulang": time(8, 0)}, "jam_pulang", "setelah jam masuk"),
        ({"mulai": date(2026, 11, 14), "selesai": date(2026, 11, 15)}, "selesai", "tidak berisi hari kerja"),
    ],
)
def test_bad_input_is_refused_with_a_message(cast, kw, field, pesan):
    kw = {"jenis": JK.HADIR, **kw}
    with pytest.raises(ValidationError) as e:
        ajukan(cast.pegawai, **kw)
    assert pesan in " ".join(e.value.message_dict[field])
    assert not KoreksiPresensi.objects.exists()


def test_a_second_pending_request_over_the_same_day_is_refused(cast):
    ajukan(cast.pegawai)
    with pytest.raises(ValidationError, match="menunggu keputusan"):
        ajukan(cast.pegawai, JK.DINAS_LUAR)


def test_an_admin_files_only_within_scope_and_not_for_their_atasan(cast):
    with pytest.raises(PermissionDenied):
        ajukan(cast.pegawai_lain, actor=cast.admin_opd)
    with pytest.raises(PermissionDenied):
        ajukan(cast.atasan, actor=cast.admin_opd)


# --- the pages --------------------------------------------------------------------------------------


def test_the_month_page_links_each_past_working_day_to_the_form(client, cast):
    client.force_login(cast.pegawai.user)
    r = client.get(reverse("presensi:saya"))
    assert f'{CREATE}?tanggal=2026-11-16"' in r.text
    assert 'data-testid="ajukan-koreksi-2026-11-15"' not in r.text  # a Sunday
    assert 'data-testid="ajukan-koreksi-2026-11-19"' not in r.text  # not yet
    r = client.get(CREATE, {"tanggal": "2026-11-16"})
    assert 'value="2026-11-16"' in r.text


def test_the_form_files_with_evidence_and_the_atasan_decides_from_the_queue(client, cast):
    client.force_login(cast.pegawai.user)
    pdf = SimpleUploadedFile("surat.pdf", b"%PDF-1.4 surat tugas", content_type="application/pdf")
    data = {"jenis": JK.DINAS_LUAR, "mulai": "2026-11-16", "selesai": "2026-11-16", "alasan": "Rapat di provinsi"}
    r = client.post(CREATE, {**data, "lampiran": pdf})
    k = KoreksiPresensi.objects.get()
    assert r.status_code == 302 and r.url == reverse("presensi:koreksi_detail", args=[k.pk])
    assert k.lampiran.name.endswith(".pdf")
    client.force_login(cast.atasan.user)
    r = client.get(reverse("presensi:koreksi_antrean"))
    assert r.text.count('data-testid="antrean-item"') == 1
    tindak = reverse("presensi:koreksi_tindak", args=[k.pk])
    r = client.post(tindak, {"aksi": "tolak", "catatan": "", "kembali": "antrean"}, follow=True)
    assert "Tulis catatan: mengapa koreksi presensi ini ditolak." in r.text
    r = client.post(tindak, {"aksi": "setujui"}, follow=True)
    assert "1 hari presensi sudah diubah" in r.text
    assert hari(cast.pegawai, SENIN).status == StatusHari.DINAS_LUAR


def test_the_form_refuses_a_wrong_evidence_file_and_keeps_the_input(client, cast):
    client.force_login(cast.pegawai.user)
    exe = SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00 not a pdf")
    r = client.post(
        CREATE,
        {"jenis": JK.HADIR, "mulai": "2026-11-16", "selesai": "2026-11-16", "alasan": "Mesin mati", "lampiran": exe},
    )
    assert r.status_code == 200 and "tidak sesuai dengan jenisnya" in r.text and "Mesin mati" in r.text
    r = client.post(CREATE, {"jenis": JK.HADIR, "mulai": "2026-11-20", "selesai": "2026-11-20", "alasan": "x"})
    assert r.status_code == 200 and "Hari yang belum tiba tidak dapat dikoreksi." in r.text
    assert not KoreksiPresensi.objects.exists()


def test_the_admin_files_on_behalf_from_the_pegawai_page(client, cast):
    client.force_login(cast.admin_opd)
    r = client.get(reverse("presensi:pegawai_bulan", args=[cast.pegawai.pk]))
    assert reverse("presensi:koreksi_untuk", args=[cast.pegawai.pk]) in r.text
    url = reverse("presensi:koreksi_untuk", args=[cast.pegawai.pk])
    r = client.post(url, {"jenis": JK.HADIR, "mulai": "2026-11-16", "selesai": "2026-11-16", "alasan": "Mesin mati"})
    k = KoreksiPresensi.objects.get()
    assert r.status_code == 302 and (k.pegawai, k.atas_nama) == (cast.pegawai, True)
    r = client.get(reverse("presensi:koreksi_detail", args=[k.pk]))
    assert "atas nama pegawai" in r.text and 'name="aksi" value="setujui"' not in r.text


def test_admins_list_filter_and_export_the_corrections_of_their_scope(client, cast):
    own = ajukan(cast.pegawai)
    other = ajukan(cast.pegawai_lain)
    assert set(koreksi_lingkup_admin(cast.admin_opd)) == {own}
    assert set(koreksi_lingkup_admin(cast.hr)) == {own, other}
    assert not koreksi_lingkup_admin(cast.pegawai.user).exists()
    client.force_login(cast.hr)
    r = client.get(reverse("presensi:koreksi_kelola"))
    assert {k.pk for k in r.context["page"].object_list} == {own.pk, other.pk}
    r = client.get(reverse("presensi:koreksi_kelola"), {"opd": cast.badan.pk, "status": S.DIAJUKAN})
    assert {k.pk for k in r.context["page"].object_list} == {other.pk}
    r = client.get(reverse("presensi:koreksi_kelola_ekspor"), {"q": "Rajin"})
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == cast.pegawai.nama_lengkap and rows[1][4] == "2026-11-16"
    client.force_login(cast.admin_opd)
    r = client.get(reverse("presensi:koreksi_kelola"))
    assert {k.pk for k in r.context["page"].object_list} == {own.pk}


def test_the_workflow_is_declared_once_and_its_log_knows_every_role():
    from core import workflow

    wf = workflow.workflow_of(KoreksiPresensi)
    assert wf is svc.WORKFLOW and wf.audit
    roles = {value for value, _label in wf.log_model._meta.get_field("peran").choices}
    assert {t.role for t in wf.transitions} <= roles
    assert set(wf.role_messages) == {t.role for t in wf.transitions}
    assert (wf.target("setujui"), wf.target("tolak"), wf.target("batalkan")) == (S.DISETUJUI, S.DITOLAK, S.DIBATALKAN)
