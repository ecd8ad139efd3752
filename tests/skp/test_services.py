"""SKP writes: cascading, the transitions table (every allowed and refused move), the lock, the
evaluation with its suggested rating, predikat and angka kredit."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Penempatan, PeriodeTutup
from activities.choices import Status as AStatus
from skp import evaluation, selectors, services
from skp.choices import JenisPeriode, Predikat, Rating, Status
from skp.models import PengaturanSkp, Penilaian, PenilaianRhk, Skp, SkpLog
from skp.services_penilaian import pengaturan_save, penilaian_mandiri_save, penilaian_save
from tests.factories import JabatanFactory, PenempatanFactory, posted
from tests.skp.conftest import TAHUN, add_rhk, approved, dibimbing, new_skp, validated

T4 = (JenisPeriode.TRIWULAN, 4)


# --- planning and cascading ------------------------------------------------------------------


def test_an_skp_gets_the_jabatan_and_the_atasan_as_penilai(cast):
    skp = new_skp(cast.pegawai)
    assert (skp.tahun, skp.mulai, skp.selesai, skp.jabatan, skp.penilai, skp.status) == (
        TAHUN,
        date(TAHUN, 1, 1),
        date(TAHUN, 12, 31),
        cast.j_staf,
        cast.atasan,
        Status.DRAFT,
    )


def test_an_rhk_cascades_from_a_real_rhk_of_the_current_atasan(cast, rencana):
    skp = new_skp(cast.pegawai)
    rhk = add_rhk(skp, induk=rencana.rhk_atasan)
    assert rhk.induk == rencana.rhk_atasan
    assert [(i.aspek, i.target) for i in rhk.indikator.all()] == [("KUANTITAS", Decimal(12)), ("KUALITAS", 100)]


@pytest.mark.parametrize("whose", ["rhk_sek", "rhk_kadis"])
def test_it_rejects_an_rhk_of_someone_who_is_not_the_atasan(cast, rencana, whose):
    skp = new_skp(cast.pegawai)
    with pytest.raises(ValidationError) as e:
        add_rhk(skp, induk=getattr(rencana, whose))
    assert "bukan RHK dari SKP pejabat penilai" in str(e.value)


def test_it_rejects_an_rhk_of_the_atasan_from_another_year(cast, rencana):
    lama = new_skp(cast.atasan, mulai=date(TAHUN - 1, 1, 1))
    rhk_lama = add_rhk(lama)
    skp = new_skp(cast.pegawai)
    with pytest.raises(ValidationError):
        add_rhk(skp, induk=rhk_lama)


def test_a_mutation_changes_the_penilai_for_the_new_period_only(cast, rencana):
    skp_lama = new_skp(cast.pegawai)
    add_rhk(skp_lama, induk=rencana.rhk_atasan)
    approved(skp_lama)
    # from 1 July the pegawai works under the sekretaris directly
    Penempatan.objects.filter(pegawai=cast.pegawai).update(selesai=date(TAHUN, 6, 30))
    j_baru = JabatanFactory(unit=cast.sekretariat, parent=cast.j_sekretaris, nama="Analis Perencanaan", kelas=7)
    PenempatanFactory(pegawai=cast.pegawai, jabatan=j_baru, mulai=date(TAHUN, 7, 1))

    skp_baru = new_skp(cast.pegawai, mulai=date(TAHUN, 7, 1))
    skp_lama.refresh_from_db()
    assert (skp_lama.penilai, skp_lama.selesai) == (cast.atasan, date(TAHUN, 6, 30))
    assert (skp_baru.penilai, skp_baru.jabatan, skp_baru.mulai) == (cast.atasan_atasan, j_baru, date(TAHUN, 7, 1))
    with pytest.raises(ValidationError):
        add_rhk(skp_baru, induk=rencana.rhk_atasan)  # the old atasan's RHK no longer fits
    assert add_rhk(skp_baru, induk=rencana.rhk_sek).induk == rencana.rhk_sek


def test_it_refuses_a_second_skp_starting_on_the_same_day(cast):
    new_skp(cast.pegawai)
    with pytest.raises(ValidationError):
        new_skp(cast.pegawai)


def test_a_kuantitatif_rhk_needs_a_numeric_quantity_target(cast, rencana):
    skp = new_skp(cast.pegawai)
    with pytest.raises(ValidationError) as e:
        services.rhk_save(
            actor=cast.pegawai.user,
            skp=skp,
            uraian="Arsip tertata",
            induk=rencana.rhk_atasan,
            indikator=[{"aspek": "KUALITAS", "uraian": "Arsip rapi", "target": None, "satuan": ""}],
        )
    assert "indikator kuantitas" in str(e.value)


def test_only_the_owner_writes_the_plan(cast, rencana):
    skp = new_skp(cast.pegawai)
    with pytest.raises(PermissionDenied):
        services.rhk_save(actor=cast.atasan.user, skp=skp, uraian="x", indikator=[{"uraian": "y", "target": 1}])


def test_an_rhk_others_cascade_from_cannot_be_deleted(cast, rencana):
    skp = new_skp(cast.pegawai)
    add_rhk(skp, induk=rencana.rhk_atasan)
    services.skp_return(actor=cast.atasan_atasan.user, skp=rencana.skp_atasan, catatan="Revisi")
    # the returned SKP no longer offers its RHK to new links
    with pytest.raises(ValidationError):
        add_rhk(skp, uraian="Lain", induk=rencana.rhk_atasan)
    with pytest.raises(ValidationError):
        services.rhk_delete(actor=cast.atasan.user, rhk=rencana.rhk_atasan)


# --- the transitions -------------------------------------------------------------------------


@pytest.fixture
def draf(cast, rencana):
    skp = new_skp(cast.pegawai)
    add_rhk(skp, induk=rencana.rhk_atasan)
    return skp


def test_the_owner_submits_and_the_penilai_approves(cast, draf):
    skp = services.skp_submit(actor=cast.pegawai.user, skp=draf)
    assert skp.status == Status.DIAJUKAN and skp.diajukan_pada is not None
    skp = services.skp_approve(actor=cast.atasan.user, skp=skp)
    assert skp.status == Status.DISETUJUI and skp.disetujui_pada is not None
    assert list(SkpLog.objects.filter(skp=skp).values_list("dari", "ke", "peran")) == [
        ("DRAFT", "DIAJUKAN", "PEGAWAI"),
        ("DIAJUKAN", "DISETUJUI", "PENILAI"),
    ]


def test_a_return_needs_a_note_and_the_owner_resubmits(cast, draf):
    services.skp_submit(actor=cast.pegawai.user, skp=draf)
    with pytest.raises(ValidationError) as e:
        services.skp_return(actor=cast.atasan.user, skp=draf, catatan="  ")
    assert "Tulis catatan" in str(e.value)
    skp = services.skp_return(actor=cast.atasan.user, skp=draf, catatan="Target terlalu rendah")
    assert (skp.status, skp.catatan) == (Status.DIKEMBALIKAN, "Target terlalu rendah")
    skp = services.skp_submit(actor=cast.pegawai.user, skp=skp)
    assert (skp.status, skp.catatan) == (Status.DIAJUKAN, "")


def test_the_penilai_reopens_an_approved_skp_with_a_note(cast, draf):
    approved(draf)
    skp = services.skp_return(actor=cast.atasan.user, skp=draf, catatan="Ada perubahan tugas")
    assert skp.status == Status.DIKEMBALIKAN


@pytest.mark.parametrize(
    ("setup", "to"),
    [
        ("draft", Status.DISETUJUI),
        ("draft", Status.DIKEMBALIKAN),
        ("diajukan", Status.DIAJUKAN),
        ("disetujui", Status.DIAJUKAN),
        ("disetujui", Status.DRAFT),
        ("dikembalikan", Status.DISETUJUI),
    ],
)
def test_moves_not_in_the_table_are_refused(cast, draf, setup, to):
    if setup != "draft":
        services.skp_submit(actor=cast.pegawai.user, skp=draf)
    if setup == "disetujui":
        services.skp_approve(actor=cast.atasan.user, skp=draf)
    if setup == "dikembalikan":
        services.skp_return(actor=cast.atasan.user, skp=draf, catatan="Perbaiki")
    draf.refresh_from_db()
    before = draf.status
    with pytest.raises(ValidationError):
        services.skp_move(actor=cast.atasan.user, skp=draf, to=to, catatan="x")
    draf.refresh_from_db()
    assert draf.status == before


@pytest.mark.parametrize("who", ["atasan", "atasan_atasan", "pegawai_lain"])
def test_only_the_owner_submits(cast, draf, who):
    with pytest.raises(PermissionDenied):
        services.skp_submit(actor=getattr(cast, who).user, skp=draf)


@pytest.mark.parametrize("who", ["pegawai", "atasan_atasan", "kadis"])
def test_only_the_penilai_approves_or_returns(cast, draf, who):
    services.skp_submit(actor=cast.pegawai.user, skp=draf)
    with pytest.raises(PermissionDenied):
        services.skp_approve(actor=getattr(cast, who).user, skp=draf)
    with pytest.raises(PermissionDenied):
        services.skp_return(actor=getattr(cast, who).user, skp=draf, catatan="x")


def test_an_account_without_pegawai_cannot_move(cast, draf):
    with pytest.raises(PermissionDenied):
        services.skp_submit(actor=cast.hr, skp=draf)


def test_it_refuses_to_submit_without_rhk_or_with_an_rhk_not_cascaded(cast, rencana):
    skp = new_skp(cast.pegawai)
    with pytest.raises(ValidationError) as e:
        services.skp_submit(actor=cast.pegawai.user, skp=skp)
    assert "sedikitnya satu" in str(e.value)
    add_rhk(skp)
    with pytest.raises(ValidationError) as e:
        services.skp_submit(actor=cast.pegawai.user, skp=skp)
    assert "RHK atasan" in str(e.value)


def test_a_submitted_plan_cannot_be_edited(cast, draf):
    services.skp_submit(actor=cast.pegawai.user, skp=draf)
    with pytest.raises(ValidationError):
        add_rhk(draf)


def test_a_stale_move_does_not_overwrite(cast, draf):
    services.skp_submit(actor=cast.pegawai.user, skp=draf)
    stale = Skp.objects.get(pk=draf.pk)
    services.skp_approve(actor=cast.atasan.user, skp=draf)
    stale.status = Status.DIAJUKAN
    with pytest.raises(ValidationError) as e:
        services.skp_return(actor=cast.atasan.user, skp=stale, catatan="x")
    assert "baru saja diproses" in str(e.value)
    assert Skp.objects.get(pk=draf.pk).status == Status.DISETUJUI


def test_an_approved_skp_of_a_closed_year_is_locked(cast, draf):
    approved(draf)
    PeriodeTutup.objects.create(pemda=cast.pemda, tahun=TAHUN, bulan=12)
    with pytest.raises(ValidationError) as e:
        services.skp_return(actor=cast.atasan.user, skp=draf, catatan="Revisi")
    assert "sudah ditutup" in str(e.value)
    with pytest.raises(ValidationError):
        services.skp_ekspektasi_save(actor=cast.atasan.user, skp=draf, ekspektasi={"LOYAL": "x"})


# --- realisation -----------------------------------------------------------------------------


def test_realisation_counts_only_validated_activities(cast, draf):
    approved(draf)
    rhk = draf.rhk.get()
    for i, status in enumerate([AStatus.VALIDATED, AStatus.VALIDATED, AStatus.VERIFIED, AStatus.SUBMITTED, "DRAFT"]):
        validated(cast.pegawai, rhk, tanggal=date(TAHUN, 10, 5 + i), status=status, menit=30 + i)
    validated(cast.pegawai, rhk, tanggal=date(TAHUN, 9, 30))  # validated, but in the third quarter
    ev = evaluation.evaluasi(draf, date(TAHUN, 10, 1), date(TAHUN, 12, 31))
    row = ev.rhk[0]
    assert (row.realisasi.jumlah, row.realisasi.volume, row.realisasi.menit) == (2, 2, 61)
    assert len(row.realisasi.bukti) == 2
    # 12 a year, pro rata for a quarter: 3; 2 of 3 = 67%, below expectation
    assert (row.target, row.persen, ev.saran) == (Decimal(3), Decimal(67), Rating.DI_BAWAH)


# --- evaluation ------------------------------------------------------------------------------


@pytest.fixture
def disetujui(cast, draf):
    return approved(draf)


def test_the_penilai_rates_a_quarter_and_gets_the_predikat(cast, disetujui):
    rhk = disetujui.rhk.get()
    for d in (6, 7, 8):
        validated(cast.pegawai, rhk, tanggal=date(TAHUN, 10, d))  # 3 of 3: sesuai
    p = penilaian_save(
        actor=cast.atasan.user,
        skp=disetujui,
        jenis="TRIWULAN",
        ke=4,
        hasil_kerja="SESUAI",
        perilaku_kerja="DI_ATAS",
        umpan_balik="Pertahankan",
        per_rhk={rhk.pk: ("SESUAI", "Tepat waktu")},
        umpan_balik_perilaku={"KOLABORATIF": "Suka membantu rekan"},
    )
    assert (p.hasil_kerja_saran, p.predikat, p.penilai, p.angka_kredit) == ("SESUAI", "BAIK", cast.atasan, None)
    assert PenilaianRhk.objects.get(penilaian=p).rating == "SESUAI"
    assert p.umpan_balik_perilaku == {"KOLABORATIF": "Suka membantu rekan"}


def test_overriding_the_suggestion_needs_a_reason(cast, disetujui):
    # no activity at all: 0% suggests "di bawah"
    with pytest.raises(ValidationError) as e:
        penilaian_save(
            actor=cast.atasan.user,
            skp=disetujui,
            jenis="TRIWULAN",
            ke=4,
            hasil_kerja="DI_ATAS",
            perilaku_kerja="SESUAI",
        )
    assert "Tulis alasan" in str(e.value)
    p = penilaian_save(
        actor=cast.atasan.user,
        skp=disetujui,
        jenis="TRIWULAN",
        ke=4,
        hasil_kerja="DI_ATAS",
        perilaku_kerja="SESUAI",
        alasan_beda_saran="Hasil kerja di luar aplikasi",
    )
    assert (p.hasil_kerja_saran, p.predikat, p.alasan_beda_saran) == (
        "DI_BAWAH",
        "BAIK",
        "Hasil kerja di luar aplikasi",
    )


def test_angka_kredit_for_a_fungsional_from_the_reference_koefisien(cast, disetujui):
    Skp.objects.filter(pk=disetujui.pk).update(jenjang="AHLI_MUDA")
    disetujui.refresh_from_db()
    p = penilaian_save(
        actor=cast.atasan.user,
        skp=disetujui,
        jenis="TRIWULAN",
        ke=4,
        hasil_kerja="DI_ATAS",
        perilaku_kerja="DI_ATAS",
        alasan_beda_saran="x",
    )
    # 3/12 × 150% × 25
    assert (p.predikat, p.angka_kredit) == ("SANGAT_BAIK", Decimal("9.375"))


@pytest.mark.parametrize("who", ["pegawai", "atasan_atasan", "pegawai_lain"])
def test_only_the_penilai_rates(cast, disetujui, who):
    with pytest.raises(PermissionDenied):
        penilaian_save(
            actor=getattr(cast, who).user,
            skp=disetujui,
            jenis="TRIWULAN",
            ke=4,
            hasil_kerja="SESUAI",
            perilaku_kerja="SESUAI",
        )
    assert not Penilaian.objects.exists()


def test_it_refuses_a_period_of_another_rhythm_or_a_closed_one(cast, disetujui):
    with pytest.raises(ValidationError):
        penilaian_save(
            actor=cast.atasan.user, skp=disetujui, jenis="BULANAN", ke=11, hasil_kerja="SESUAI", perilaku_kerja="SESUAI"
        )
    PeriodeTutup.objects.create(pemda=cast.pemda, tahun=TAHUN, bulan=12)
    with pytest.raises(ValidationError) as e:
        penilaian_save(
            actor=cast.atasan.user,
            skp=disetujui,
            jenis="TRIWULAN",
            ke=4,
            hasil_kerja="SESUAI",
            perilaku_kerja="SESUAI",
            alasan_beda_saran="x",
        )
    assert "sudah ditutup" in str(e.value)


def test_a_draft_skp_is_not_rated(cast, draf):
    with pytest.raises(ValidationError):
        penilaian_save(
            actor=cast.atasan.user, skp=draf, jenis="TRIWULAN", ke=4, hasil_kerja="SESUAI", perilaku_kerja="SESUAI"
        )


def test_self_assessment_is_the_owners(cast, disetujui):
    p = penilaian_mandiri_save(
        actor=cast.pegawai.user, skp=disetujui, jenis="TRIWULAN", ke=4, hasil_kerja_mandiri="SESUAI", refleksi="Baik"
    )
    assert (p.hasil_kerja_mandiri, p.predikat) == ("SESUAI", "")
    with pytest.raises(PermissionDenied):
        penilaian_mandiri_save(actor=cast.atasan.user, skp=disetujui, jenis="TRIWULAN", ke=4)


def test_predikat_bulan_for_tpp_follows_the_pemda_rhythm(cast, disetujui):
    dibimbing(disetujui)
    penilaian_save(
        actor=cast.atasan.user, skp=disetujui, jenis="TRIWULAN", ke=4, hasil_kerja="DI_BAWAH", perilaku_kerja="SESUAI"
    )
    assert selectors.predikat_bulan(cast.pemda.pk, TAHUN, 11) == {cast.pegawai.pk: Predikat.BUTUH_PERBAIKAN}
    assert selectors.predikat_bulan(cast.pemda.pk, TAHUN, 9) == {}
    PengaturanSkp.objects.create(pemda=cast.pemda, periodik="BULANAN")
    assert selectors.predikat_bulan(cast.pemda.pk, TAHUN, 11) == {}


def test_pengaturan_is_hr_only(cast):
    with pytest.raises(PermissionDenied):
        pengaturan_save(actor=cast.admin_opd, pemda=cast.pemda, periodik="BULANAN")
    obj = pengaturan_save(actor=cast.hr, pemda=cast.pemda, periodik="BULANAN")
    assert obj.periodik == "BULANAN"


# --- evidence and feedback -------------------------------------------------------------------


def test_data_dukung_needs_a_link_or_file_and_an_approved_skp(cast, draf):
    with pytest.raises(ValidationError):
        services.data_dukung_add(
            actor=cast.pegawai.user, skp=draf, jenis="TRIWULAN", ke=4, keterangan="x", tautan="https://a.id"
        )
    approved(draf)
    with pytest.raises(ValidationError):
        services.data_dukung_add(actor=cast.pegawai.user, skp=draf, jenis="TRIWULAN", ke=4, keterangan="Laporan")
    d = services.data_dukung_add(
        actor=cast.pegawai.user, skp=draf, jenis="TRIWULAN", ke=4, keterangan="Laporan TW IV", tautan="https://a.id/x"
    )
    assert (d.jenis, d.ke, d.tautan) == ("TRIWULAN", 4, "https://a.id/x")
    with pytest.raises(PermissionDenied):
        services.data_dukung_add(
            actor=cast.atasan.user, skp=draf, jenis="TRIWULAN", ke=4, keterangan="x", tautan="https://a.id"
        )


def test_the_feedback_thread_is_between_pegawai_and_penilai(cast, draf):
    services.komentar_add(actor=cast.pegawai.user, skp=draf, isi="Mohon arahan target")
    services.komentar_add(actor=cast.atasan.user, skp=draf, isi="Naikkan ke 12")
    assert list(draf.komentar.values_list("penulis__nama", flat=True)) == ["Pegawai Rajin", "Kasubag Teliti"]
    with pytest.raises(PermissionDenied):
        services.komentar_add(actor=cast.atasan_atasan.user, skp=draf, isi="Saya ikut")
    with pytest.raises(ValidationError):
        services.komentar_add(actor=cast.pegawai.user, skp=draf, isi="   ")


def test_the_top_of_the_tree_has_no_penilai_and_needs_no_induk(cast):
    skp = new_skp(cast.kadis)
    assert skp.penilai is None
    assert add_rhk(skp).induk is None
    with pytest.raises(ValidationError):
        services.skp_submit(actor=cast.kadis.user, skp=skp)  # nobody to approve: told so


def test_a_new_pegawai_without_posting_cannot_start(cast):
    p = posted(cast.j_staf, mulai=date(TAHUN + 1, 1, 1))
    with pytest.raises(ValidationError):
        new_skp(p)
