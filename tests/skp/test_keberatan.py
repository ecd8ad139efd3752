"""The objection to a rating (PP 30/2019 Pasal 59, issue 19): filed by the rated pegawai within 14 days
to the atasan of the pejabat penilai, who keeps or changes the rating with a reason; final. A change
reaches the rating, the audit trail, the PDF and the TPP of an open month; a closed month is not
rewritten (HR reopens it: the existing correction)."""

import io
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import PeriodeTutup
from core.models import AuditLog
from notifikasi.models import Notifikasi
from skp import exports, jobs, services_penilaian
from skp.choices import Periodik, Predikat, StatusKeberatan
from skp.models import Keberatan, KeberatanLog, PengaturanSkp, Penilaian
from skp.services_keberatan import keberatan_ajukan, keberatan_pertahankan, keberatan_putus, keberatan_ubah
from tpp.choices import StatusPeriode
from tpp.models import BarisTpp, PeriodeTpp
from tpp.services import periode_ambil, tpp_periode_buka, tpp_periode_hitung

from ..tpp.util import aturan
from .conftest import add_rhk, approved, new_skp

ALASAN = "Realisasi laporan saya 14 dari target 12; bukti ada di data dukung."


@pytest.fixture
def dinilai(cast, rencana):
    """The pegawai's November 2026 rated by the kasubag (monthly evaluation): Sesuai / Sesuai → Baik."""
    PengaturanSkp.objects.create(pemda=cast.pemda, periodik=Periodik.BULANAN)
    skp = new_skp(cast.pegawai)
    add_rhk(skp, induk=rencana.rhk_atasan)
    approved(skp)
    return services_penilaian.penilaian_save(
        actor=cast.atasan.user, skp=skp, jenis="BULANAN", ke=11, hasil_kerja="SESUAI", perilaku_kerja="SESUAI",
        alasan_beda_saran="Belum ada realisasi yang dapat diukur.",
    )  # fmt: skip


def _tpp_november(cast):
    """November's TPP calculated for a pemda that pays the kinerja part by the monthly predikat."""
    aturan(cast.pemda, kinerja_dari_predikat=True)
    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=11)
    tpp_periode_hitung(actor=cast.hr, periode=periode)
    return periode


# --- the walk -------------------------------------------------------------------------------------


def test_filing_then_a_change_moves_the_rating_the_audit_and_the_open_tpp_month(cast, dinilai):
    periode = _tpp_november(cast)
    sebelum = BarisTpp.objects.get(periode=periode, pegawai=cast.pegawai)
    assert sebelum.bagian_kinerja == 1_800_000  # 3.000.000 × 60% × 100% (Baik)

    k = keberatan_ajukan(actor=cast.pegawai.user, penilaian=dinilai, alasan=ALASAN)
    assert k.status == StatusKeberatan.DIAJUKAN
    assert k.pemutus_id == cast.atasan_atasan.pk  # the atasan of the pejabat penilai, derived
    assert k.batas_ajukan == date(2026, 12, 2)  # 18 November + 14 calendar days
    assert k.batas_putus == date(2026, 12, 8)  # 14 working days (Mon–Fri, no holiday) after 18 November
    assert Notifikasi.objects.filter(user=cast.atasan_atasan.user, kunci=f"keberatan:{k.pk}:DIAJUKAN").count() == 1

    keberatan_ubah(
        actor=cast.atasan_atasan.user, keberatan=k, alasan="Perilaku kerja di bawah ekspektasi tidak didukung bukti.",
        hasil_kerja="DI_BAWAH", perilaku_kerja="SESUAI",
    )  # fmt: skip
    k.refresh_from_db()
    p = Penilaian.objects.get(pk=dinilai.pk)
    assert (k.status, k.predikat_baru) == (StatusKeberatan.DIUBAH, Predikat.BUTUH_PERBAIKAN)
    assert (p.hasil_kerja, p.perilaku_kerja, p.predikat) == ("DI_BAWAH", "SESUAI", Predikat.BUTUH_PERBAIKAN)
    sesudah = BarisTpp.objects.get(periode=periode, pegawai=cast.pegawai)
    assert sesudah.bagian_kinerja == 1_350_000  # 3.000.000 × 60% × 75% (Butuh Perbaikan)
    assert sesudah.bruto == sebelum.bruto - 450_000
    assert "TPP bulan 11/2026 dihitung ulang" in k.dampak_tpp
    aksi = list(
        AuditLog.objects.filter(pemda_id=cast.pemda.pk, aksi__startswith="keberatan:")
        .order_by("seq")
        .values_list("aksi", flat=True)
    )
    assert aksi == ["keberatan:ajukan", "keberatan:ubah"]
    rating = AuditLog.objects.get(aksi="penilaian:keberatan")
    assert rating.sebelum["predikat"] == "BAIK" and rating.sesudah["predikat"] == "BUTUH_PERBAIKAN"
    assert list(KeberatanLog.objects.filter(keberatan=k).values_list("ke", flat=True)) == ["DIAJUKAN", "DIUBAH"]
    assert Notifikasi.objects.filter(user=cast.pegawai.user, kunci=f"keberatan:{k.pk}:DIUBAH").count() == 1


def test_a_kept_rating_changes_nothing_but_the_objection(cast, dinilai):
    k = keberatan_ajukan(actor=cast.pegawai.user, penilaian=dinilai, alasan=ALASAN)
    keberatan_pertahankan(actor=cast.atasan_atasan.user, keberatan=k, alasan="Penilaian sesuai bukti.")
    k.refresh_from_db()
    assert k.status == StatusKeberatan.DIPERTAHANKAN and k.keputusan == "Penilaian sesuai bukti."
    assert Penilaian.objects.get(pk=dinilai.pk).predikat == Predikat.BAIK


def test_a_closed_tpp_month_is_not_rewritten_and_hr_reopens_it(cast, dinilai):
    periode = _tpp_november(cast)
    PeriodeTpp.objects.filter(pk=periode.pk).update(status=StatusPeriode.CLOSED)
    PeriodeTutup.objects.create(pemda=cast.pemda, tahun=2026, bulan=11, ditutup_oleh=cast.hr)
    k = keberatan_ajukan(actor=cast.pegawai.user, penilaian=dinilai, alasan=ALASAN)
    keberatan_ubah(actor=cast.atasan_atasan.user, keberatan=k, alasan="Bukti kurang.", hasil_kerja="DI_BAWAH",
                   perilaku_kerja="SESUAI")  # fmt: skip
    k.refresh_from_db()
    assert BarisTpp.objects.get(periode=periode, pegawai=cast.pegawai).bagian_kinerja == 1_800_000  # as paid
    assert "sudah ditutup dan tidak diubah" in k.dampak_tpp
    assert Notifikasi.objects.filter(user=cast.hr, jenis="KEBERATAN").count() == 1
    # the existing correction: HR reopens the month and recalculates; the row follows the decision
    periode.refresh_from_db()
    tpp_periode_buka(actor=cast.hr, periode=periode, alasan="Keberatan pegawai diputus: predikat berubah.")
    periode.refresh_from_db()
    tpp_periode_hitung(actor=cast.hr, periode=periode)
    assert BarisTpp.objects.get(periode=periode, pegawai=cast.pegawai).bagian_kinerja == 1_350_000


# --- the refusals -----------------------------------------------------------------------------------


def test_it_rejects_a_filing_after_fourteen_days(cast, dinilai, _pinned_clock):
    _pinned_clock.shift(timedelta(days=15))
    with pytest.raises(ValidationError, match="Batas pengajuan keberatan sudah lewat: hari terakhirnya 02-12-2026"):
        keberatan_ajukan(actor=cast.pegawai.user, penilaian=dinilai, alasan=ALASAN)
    assert not Keberatan.objects.exists()


def test_the_fourteenth_day_is_still_in_time(cast, dinilai, _pinned_clock):
    _pinned_clock.shift(timedelta(days=14))
    assert keberatan_ajukan(actor=cast.pegawai.user, penilaian=dinilai, alasan=ALASAN).status == "DIAJUKAN"


@pytest.mark.parametrize("who", ["atasan", "atasan_atasan", "pegawai_lain"])
def test_only_the_rated_pegawai_files(cast, dinilai, who):
    with pytest.raises(PermissionDenied, match="Hanya pegawai yang dinilai"):
        keberatan_ajukan(actor=getattr(cast, who).user, penilaian=dinilai, alasan=ALASAN)


def test_it_rejects_a_filing_without_reason_and_a_second_filing(cast, dinilai):
    with pytest.raises(ValidationError, match="Tulis alasan keberatan Anda"):
        keberatan_ajukan(actor=cast.pegawai.user, penilaian=dinilai, alasan="  ")
    keberatan_ajukan(actor=cast.pegawai.user, penilaian=dinilai, alasan=ALASAN)
    with pytest.raises(ValidationError, match="sudah diajukan"):
        keberatan_ajukan(actor=cast.pegawai.user, penilaian=dinilai, alasan=ALASAN)


@pytest.mark.parametrize("who", ["pegawai", "atasan", "kadis", "pegawai_lain"])
def test_only_the_atasan_of_the_penilai_decides_never_the_pegawai_or_the_penilai(cast, dinilai, who):
    k = keberatan_ajukan(actor=cast.pegawai.user, penilaian=dinilai, alasan=ALASAN)
    with pytest.raises(PermissionDenied, match="Keberatan diputus oleh atasan pejabat penilai kinerja"):
        keberatan_pertahankan(actor=getattr(cast, who).user, keberatan=k, alasan="Tetap.")
    assert Keberatan.objects.get(pk=k.pk).status == StatusKeberatan.DIAJUKAN


def test_the_penilai_stored_as_decider_is_still_refused(cast, dinilai):
    """Self/chain: even were the tree to name the penilai (or the pegawai) as the decider, they may not."""
    k = keberatan_ajukan(actor=cast.pegawai.user, penilaian=dinilai, alasan=ALASAN)
    Keberatan.objects.filter(pk=k.pk).update(pemutus=cast.atasan)
    k.refresh_from_db()
    with pytest.raises(PermissionDenied):
        keberatan_pertahankan(actor=cast.atasan.user, keberatan=k, alasan="Tetap.")


def test_the_penilai_can_no_longer_rerate_an_objected_rating(cast, dinilai):
    keberatan_ajukan(actor=cast.pegawai.user, penilaian=dinilai, alasan=ALASAN)
    with pytest.raises(ValidationError, match="sudah mengajukan keberatan"):
        services_penilaian.penilaian_save(
            actor=cast.atasan.user, skp=dinilai.skp, jenis="BULANAN", ke=11, hasil_kerja="DI_ATAS",
            perilaku_kerja="DI_ATAS", alasan_beda_saran="x",
        )  # fmt: skip


def test_a_decision_needs_a_reason_and_new_ratings_and_is_final(cast, dinilai):
    k = keberatan_ajukan(actor=cast.pegawai.user, penilaian=dinilai, alasan=ALASAN)
    decider = cast.atasan_atasan.user
    with pytest.raises(ValidationError, match="Tulis alasan mempertahankan penilaian"):
        keberatan_pertahankan(actor=decider, keberatan=k, alasan="")
    with pytest.raises(ValidationError, match="Tulis alasan mengubah penilaian"):
        keberatan_ubah(actor=decider, keberatan=k, alasan="", hasil_kerja="DI_ATAS", perilaku_kerja="SESUAI")
    with pytest.raises(ValidationError, match="Pilih penilaian hasil kerja yang baru"):
        keberatan_ubah(actor=decider, keberatan=k, alasan="Ubah.", hasil_kerja="", perilaku_kerja="SESUAI")
    with pytest.raises(ValidationError, match="sama dengan penilaian semula"):
        keberatan_ubah(actor=decider, keberatan=k, alasan="Ubah.", hasil_kerja="SESUAI", perilaku_kerja="SESUAI")
    keberatan_pertahankan(actor=decider, keberatan=k, alasan="Sesuai bukti.")
    with pytest.raises(ValidationError, match="keputusan atasan pejabat penilai bersifat final"):
        keberatan_ubah(actor=decider, keberatan=k, alasan="Berubah pikiran.", hasil_kerja="DI_ATAS",
                       perilaku_kerja="SESUAI")  # fmt: skip
    assert Penilaian.objects.get(pk=dinilai.pk).predikat == Predikat.BAIK


# --- the reminder -----------------------------------------------------------------------------------


def test_the_decider_is_reminded_on_the_working_day_before_the_deadline(cast, dinilai):
    k = keberatan_ajukan(actor=cast.pegawai.user, penilaian=dinilai, alasan=ALASAN)
    assert jobs.keberatan_pengingat(today=date(2026, 12, 4)) == 0  # Friday: the deadline is Tuesday 8th
    assert jobs.keberatan_pengingat(today=date(2026, 12, 7)) == 1  # Monday
    assert jobs.keberatan_pengingat(today=date(2026, 12, 7)) == 0  # a rerun writes nothing new
    n = Notifikasi.objects.get(kunci=f"keberatan:{k.pk}:pengingat")
    assert n.user == cast.atasan_atasan.user
    assert n.judul == "Besok batas keputusan keberatan " + cast.pegawai.nama_lengkap
    keberatan_pertahankan(actor=cast.atasan_atasan.user, keberatan=k, alasan="Sesuai bukti.")
    Notifikasi.objects.filter(kunci=f"keberatan:{k.pk}:pengingat").delete()
    assert jobs.keberatan_pengingat(today=date(2026, 12, 7)) == 0  # decided: no reminder


# --- the PDF and the pages --------------------------------------------------------------------------


def _pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_shows_the_decided_rating_and_the_objection(cast, dinilai):
    k = keberatan_ajukan(actor=cast.pegawai.user, penilaian=dinilai, alasan=ALASAN)
    keberatan_ubah(actor=cast.atasan_atasan.user, keberatan=k, alasan="Bukti kurang.", hasil_kerja="DI_BAWAH",
                   perilaku_kerja="SESUAI")  # fmt: skip
    text = _pdf_text(exports.penilaian_pdf(dinilai.skp, "BULANAN", 11))
    assert "PREDIKAT KINERJA PEGAWAI Butuh Perbaikan" in text
    assert "Penilaian diubah oleh atasan pejabat penilai kinerja atas keberatan pegawai" in text
    assert "predikat semula Baik, menjadi Butuh Perbaikan" in text


def test_the_pages_walk_from_filing_to_decision(client, cast, dinilai):
    periode_url = reverse("skp:periode", args=[dinilai.skp_id, "BULANAN-11"])
    client.force_login(cast.pegawai.user)
    page = client.get(periode_url).content.decode()
    assert "sampai Rabu, 2 Desember 2026" in page
    url = reverse("skp:keberatan_ajukan", args=[dinilai.skp_id, "BULANAN-11"])
    response = client.post(url, {"alasan": ""})
    assert "Tulis alasan keberatan Anda." in response.content.decode()
    response = client.post(url, {"alasan": ALASAN})
    k = Keberatan.objects.get()
    assert response.url == reverse("skp:keberatan_detail", args=[k.pk])
    detail = client.get(response.url).content.decode()
    assert "Menunggu keputusan" in detail and "Selasa, 8 Desember 2026" in detail
    assert 'name="putusan"' not in detail  # the pegawai does not decide
    assert client.post(response.url, {"putusan": "pertahankan", "alasan": "x"}).status_code == 403

    client.force_login(cast.atasan_atasan.user)
    assert cast.pegawai.nama_lengkap in client.get(reverse("skp:keberatan_daftar")).content.decode()
    assert 'name="putusan"' in client.get(response.url).content.decode()
    decided = client.post(
        response.url, {"putusan": "ubah", "hasil_kerja": "DI_ATAS", "perilaku_kerja": "DI_ATAS", "alasan": "Terbukti."}
    )
    assert decided.status_code == 302
    k.refresh_from_db()
    assert (k.status, k.predikat_baru) == ("DIUBAH", "SANGAT_BAIK")
    client.force_login(cast.pegawai.user)
    assert "Penilaian diubah" in client.get(periode_url).content.decode()


def test_the_decide_service_refuses_an_unknown_choice(cast, dinilai):
    k = keberatan_ajukan(actor=cast.pegawai.user, penilaian=dinilai, alasan=ALASAN)
    with pytest.raises(ValidationError, match="Pilih: pertahankan atau ubah"):
        keberatan_putus(actor=cast.atasan_atasan.user, keberatan=k, putusan="", alasan="x")


# --- query counts -------------------------------------------------------------------------------------


def _banyak(cast, n: int) -> None:
    """`n` objections of staff of the kasubag, all due on 8 December, decided by the sekretaris."""
    from tests.factories import JabatanFactory, posted

    from .conftest import dinilai_langsung, keberatan_langsung

    for i in range(n):
        staf = posted(
            JabatanFactory(unit=cast.subbag, parent=cast.j_kasubag, nama=f"Staf {i}", kelas=5), nama=f"Staf {i}"
        )
        k = keberatan_langsung(dinilai_langsung(staf, cast.atasan), cast.atasan_atasan)
        Keberatan.objects.filter(pk=k.pk).update(batas_putus=date(2026, 12, 8))


@pytest.mark.parametrize("n", [1, 6])
def test_the_reminder_and_the_list_take_the_same_queries_for_one_or_many(cast, n, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _banyak(cast, n)
    with CaptureQueriesContext(connection) as job:
        assert jobs.keberatan_pengingat(today=date(2026, 12, 7)) == n
    client.force_login(cast.atasan_atasan.user)
    with CaptureQueriesContext(connection) as page:
        body = client.get(reverse("skp:keberatan_daftar")).content.decode()
    assert len(re.findall(r'href="/skp/keberatan/\d+/"', body)) == n
    assert len(job) == 6  # objections, holidays, accounts, and the notifications' write
    assert len(page) == 5
