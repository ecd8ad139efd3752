"""The activity workflow (DESIGN.md §3): every allowed move and each refused one, windows, locks."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.choices import JenisPenempatan
from accounts.models import Penempatan, PeriodeTutup
from activities import selectors, services, services_antrean, tunggakan
from activities.choices import LingkupKatalog, Peran, Status
from activities.models import Aktivitas, AktivitasLog, AturanAktivitas, Gangguan, KegiatanKatalog, Tunggakan
from attendance.models import HariLibur
from tests.factories import JabatanFactory, PenempatanFactory
from tests.helpers import TODAY


def entry(cast, *, who=None, tanggal=None, mulai=time(8), selesai=time(9), menit=60, ajukan=False, **extra):
    user = (who or cast.pegawai).user
    data = {
        "tanggal": tanggal or TODAY,
        "jam_mulai": mulai,
        "jam_selesai": selesai,
        "nama_kegiatan": "Menyusun surat",
        "menit_diajukan": menit,
        "uraian": "3 surat undangan",
    }
    return services.aktivitas_save(actor=user, ajukan=ajukan, **(data | extra))


def submitted(cast, **kw):
    return entry(cast, ajukan=True, **kw)


def verified(cast, **kw):
    return services.aktivitas_verify(actor=cast.atasan.user, aktivitas=submitted(cast, **kw))


# --- entries ---------------------------------------------------------------------------------


def test_a_draft_is_saved_with_its_minutes(cast):
    a = entry(cast)
    assert (a.status, a.menit, a.menit_diajukan, a.pegawai, a.pemda) == (
        Status.DRAFT,
        60,
        60,
        cast.pegawai,
        cast.pemda,
    )


def test_a_catalog_item_counts_volume_times_standard(cast):
    k = KegiatanKatalog.objects.create(
        pemda=cast.pemda,
        lingkup=LingkupKatalog.JABATAN,
        jabatan=cast.j_staf,
        opd=cast.dinas,
        nama="Mengagendakan surat masuk",
        satuan="surat",
        menit_per_satuan=5,
    )
    a = entry(cast, katalog=k, volume=7, nama_kegiatan="", menit_diajukan=None)
    assert (a.menit, a.nama_kegiatan, a.volume) == (35, "Mengagendakan surat masuk", 7)


def test_a_catalog_item_of_another_jabatan_is_refused(cast):
    k = KegiatanKatalog.objects.create(
        pemda=cast.pemda,
        lingkup=LingkupKatalog.JABATAN,
        jabatan=cast.j_badan_staf,
        opd=cast.badan,
        nama="Membayar",
        satuan="SP2D",
        menit_per_satuan=10,
    )
    with pytest.raises(ValidationError) as exc:
        entry(cast, katalog=k, volume=1)
    assert "katalog" in exc.value.message_dict


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"menit_diajukan": 0}, "menit_diajukan"),
        ({"nama_kegiatan": "  "}, "nama_kegiatan"),
        ({"uraian": ""}, "uraian"),
        ({"jam_mulai": time(10), "jam_selesai": time(9)}, "jam_selesai"),
        ({"menit_diajukan": 90}, "jam_selesai"),  # 90 minutes do not fit in 08.00–09.00
    ],
)
def test_bad_entries_are_refused_with_a_reason(cast, extra, field):
    with pytest.raises(ValidationError) as exc:
        entry(cast, **extra)
    assert field in exc.value.message_dict
    assert not Aktivitas.objects.exists()


def test_a_zero_volume_is_refused(cast):
    k = KegiatanKatalog.objects.create(
        pemda=cast.pemda, lingkup=LingkupKatalog.PEMDA, nama="Rapat", satuan="rapat", menit_per_satuan=60
    )
    with pytest.raises(ValidationError) as exc:
        entry(cast, katalog=k, volume=0)
    assert "volume" in exc.value.message_dict


def test_overlapping_entries_are_refused(cast):
    entry(cast, mulai=time(8), selesai=time(10), menit=120)
    with pytest.raises(ValidationError) as exc:
        entry(cast, mulai=time(9, 30), selesai=time(11), menit=60)
    assert "bertabrakan" in exc.value.message_dict["jam_mulai"][0]
    entry(cast, mulai=time(10), selesai=time(11), menit=60)  # touching is fine
    entry(cast, who=cast.atasan, mulai=time(9, 30), selesai=time(11), menit=60)  # another person is fine


def test_no_entry_for_the_future(cast):
    with pytest.raises(ValidationError) as exc:
        entry(cast, tanggal=TODAY + timedelta(days=1))
    assert "akan datang" in exc.value.message_dict["tanggal"][0]


def test_no_entry_after_the_window(cast):
    with pytest.raises(ValidationError) as exc:
        entry(cast, tanggal=TODAY - timedelta(days=20))
    assert "sudah lewat" in exc.value.message_dict["tanggal"][0]


def test_an_outage_reopens_the_window(cast):
    day = TODAY - timedelta(days=8)
    with pytest.raises(ValidationError):
        entry(cast, tanggal=day)
    start = timezone.make_aware(datetime.combine(day, time(8)))
    Gangguan.objects.create(pemda=cast.pemda, mulai=start, selesai=start + timedelta(days=9), alasan="server mati")
    assert entry(cast, tanggal=day).tanggal == day


def test_a_closed_month_accepts_no_change(cast):
    a = entry(cast)
    PeriodeTutup.objects.create(pemda=cast.pemda, tahun=TODAY.year, bulan=TODAY.month)
    with pytest.raises(ValidationError) as exc:
        services.aktivitas_save(actor=cast.pegawai.user, aktivitas=a, uraian="ubah")
    assert "ditutup" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        services.aktivitas_submit(actor=cast.pegawai.user, aktivitas=a)


def test_only_the_owner_edits_and_only_while_editable(cast):
    a = entry(cast)
    with pytest.raises(PermissionDenied):
        services.aktivitas_save(actor=cast.atasan.user, aktivitas=a, uraian="diubah atasan")
    services.aktivitas_submit(actor=cast.pegawai.user, aktivitas=a)
    with pytest.raises(ValidationError):
        services.aktivitas_save(actor=cast.pegawai.user, aktivitas=a, uraian="diam-diam")
    with pytest.raises(ValidationError):
        services.aktivitas_delete(actor=cast.pegawai.user, aktivitas=a)
    assert Aktivitas.objects.get(pk=a.pk).uraian == "3 surat undangan"


def test_a_draft_can_be_deleted_by_its_owner_only(cast):
    a = entry(cast)
    with pytest.raises(PermissionDenied):
        services.aktivitas_delete(actor=cast.atasan.user, aktivitas=a)
    services.aktivitas_delete(actor=cast.pegawai.user, aktivitas=a)
    assert not Aktivitas.objects.exists()


# --- the workflow ----------------------------------------------------------------------------


def test_submit_assigns_the_verifier_and_validator_of_the_day(cast):
    a = submitted(cast)
    assert (a.status, a.verifikator, a.validator) == (Status.SUBMITTED, cast.atasan, cast.atasan_atasan)
    assert a.diajukan_pada is not None


def test_the_whole_way_to_validated_is_logged(cast):
    a = verified(cast)
    a = services.aktivitas_validate(actor=cast.atasan_atasan.user, aktivitas=a)
    assert a.status == Status.VALIDATED and a.divalidasi_pada is not None
    log = list(AktivitasLog.objects.filter(aktivitas=a).values_list("dari", "ke", "peran", "oleh"))
    assert log == [
        (Status.DRAFT, Status.SUBMITTED, Peran.OWNER, cast.pegawai.user_id),
        (Status.SUBMITTED, Status.VERIFIED, Peran.ATASAN, cast.atasan.user_id),
        (Status.VERIFIED, Status.VALIDATED, Peran.ATASAN_ATASAN, cast.atasan_atasan.user_id),
    ]


@pytest.mark.parametrize("who", ["pegawai", "atasan_atasan", "kadis", "pegawai_lain"])
def test_only_the_atasan_verifies(cast, who):
    a = submitted(cast)
    with pytest.raises(PermissionDenied):
        services.aktivitas_verify(actor=getattr(cast, who).user, aktivitas=a)
    assert Aktivitas.objects.get(pk=a.pk).status == Status.SUBMITTED


@pytest.mark.parametrize("who", ["pegawai", "atasan", "kadis"])
def test_only_the_atasans_atasan_validates(cast, who):
    a = verified(cast)
    with pytest.raises(PermissionDenied):
        services.aktivitas_validate(actor=getattr(cast, who).user, aktivitas=a)
    assert Aktivitas.objects.get(pk=a.pk).status == Status.VERIFIED


def test_moves_outside_the_table_are_refused(cast):
    draft = entry(cast)
    with pytest.raises(ValidationError):
        services.aktivitas_verify(actor=cast.atasan.user, aktivitas=draft)
    with pytest.raises(ValidationError):
        services.aktivitas_validate(
            actor=cast.atasan_atasan.user, aktivitas=submitted(cast, mulai=time(10), selesai=time(11))
        )
    with pytest.raises(ValidationError):
        services.aktivitas_return(actor=cast.atasan.user, aktivitas=draft, catatan="x")


def test_a_return_needs_a_note_and_goes_back_to_the_owner(cast):
    a = submitted(cast)
    with pytest.raises(ValidationError) as exc:
        services.aktivitas_return(actor=cast.atasan.user, aktivitas=a, catatan="  ")
    assert "catatan" in exc.value.message_dict
    a = services.aktivitas_return(actor=cast.atasan.user, aktivitas=a, catatan="Lampirkan daftar hadir")
    assert (a.status, a.catatan) == (Status.RETURNED, "Lampirkan daftar hadir")
    a = services.aktivitas_save(actor=cast.pegawai.user, aktivitas=a, bukti_link="https://drive.example/daftar")
    a = services.aktivitas_submit(actor=cast.pegawai.user, aktivitas=a)
    assert (a.status, a.catatan) == (Status.SUBMITTED, "")


def test_the_validator_may_return_too(cast):
    a = services.aktivitas_return(actor=cast.atasan_atasan.user, aktivitas=verified(cast), catatan="Tidak sesuai")
    assert a.status == Status.RETURNED


def test_verification_and_validation_can_be_taken_back(cast):
    a = verified(cast)
    a = services.aktivitas_validate(actor=cast.atasan_atasan.user, aktivitas=a)
    with pytest.raises(PermissionDenied):
        services.aktivitas_unvalidate(actor=cast.atasan.user, aktivitas=a)
    a = services.aktivitas_unvalidate(actor=cast.atasan_atasan.user, aktivitas=a)
    assert a.status == Status.VERIFIED and a.divalidasi_pada is None
    a = services.aktivitas_unverify(actor=cast.atasan.user, aktivitas=a)
    assert a.status == Status.SUBMITTED


def test_the_verifier_may_lower_the_minutes_of_a_free_text_item_with_a_note(cast):
    a = submitted(cast)
    with pytest.raises(ValidationError) as exc:
        services.aktivitas_verify(actor=cast.atasan.user, aktivitas=a, menit=45)
    assert "catatan" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.aktivitas_verify(actor=cast.atasan.user, aktivitas=a, menit=61, catatan="lebih")
    a = services.aktivitas_verify(actor=cast.atasan.user, aktivitas=a, menit=45, catatan="Rapat selesai lebih cepat")
    assert (a.menit, a.menit_diajukan) == (45, 60)


def test_two_people_at_once_one_wins_and_the_other_is_told(cast):
    a = submitted(cast)
    stale = Aktivitas.objects.get(pk=a.pk)
    services.aktivitas_return(actor=cast.atasan.user, aktivitas=a, catatan="Perbaiki")
    with pytest.raises(ValidationError) as exc:
        services.aktivitas_verify(actor=cast.atasan.user, aktivitas=stale)
    assert "baru saja diproses" in exc.value.messages[0]
    assert Aktivitas.objects.get(pk=a.pk).status == Status.RETURNED


def test_at_the_top_of_the_tree_verification_is_final(cast):
    a = submitted(cast, who=cast.atasan_atasan)
    assert (a.verifikator, a.validator) == (cast.kadis, None)
    a = services.aktivitas_verify(actor=cast.kadis.user, aktivitas=a)
    assert a.status == Status.VALIDATED


def test_final_verification_at_the_top_is_a_pemda_setting(cast):
    AturanAktivitas.objects.create(pemda=cast.pemda, berlaku_mulai=date(2020, 1, 1), verifikasi_final_di_puncak=False)
    a = services.aktivitas_verify(actor=cast.kadis.user, aktivitas=submitted(cast, who=cast.atasan_atasan))
    assert a.status == Status.VERIFIED


def test_nobody_above_means_no_submission(cast):
    with pytest.raises(ValidationError) as exc:
        submitted(cast, who=cast.kadis)
    assert "Belum ada atasan" in exc.value.messages[0]


def test_a_plt_verifies_like_the_holder(cast):
    Penempatan.objects.filter(pegawai=cast.atasan).update(selesai=TODAY - timedelta(days=40))
    plt = cast.admin_opd.pegawai
    PenempatanFactory(pegawai=plt, jabatan=cast.j_kasubag, jenis=JenisPenempatan.PLT, mulai=TODAY - timedelta(days=39))
    a = submitted(cast)
    assert a.verifikator == plt
    assert services.aktivitas_verify(actor=plt.user, aktivitas=a).status == Status.VERIFIED


def test_a_posting_change_reassigns_waiting_entries(cast):
    a = submitted(cast)
    assert a.verifikator == cast.atasan
    Penempatan.objects.filter(pegawai=cast.atasan).update(selesai=TODAY - timedelta(days=1))
    new = PenempatanFactory(jabatan=cast.j_kasubag, mulai=TODAY - timedelta(days=1)).pegawai
    changed = services_antrean.aktivitas_reassign(
        pemda_id=cast.pemda.pk, pegawai_ids=[cast.atasan.pk, new.pk], opd_ids=[cast.dinas.pk], since=TODAY
    )
    assert changed == 1
    a.refresh_from_db()
    assert a.verifikator == new
    with pytest.raises(PermissionDenied):
        services.aktivitas_verify(actor=cast.atasan.user, aktivitas=a)


def test_bulk_reports_each_failure(cast):
    mine = submitted(cast)
    other_post = JabatanFactory(unit=cast.badan, parent=cast.j_badan_staf, nama="Staf Badan")
    other = PenempatanFactory(jabatan=other_post, mulai=date(2020, 1, 1)).pegawai
    theirs = submitted(cast, who=other)
    hasil = services.aktivitas_bulk(actor=cast.atasan.user, aktivitas=[mine, theirs], to=Status.VERIFIED)
    assert hasil.berhasil == 1 and len(hasil.gagal) == 1 and hasil.gagal[0][0] == theirs
    assert "atasan langsung" in hasil.gagal[0][1]
    assert Aktivitas.objects.get(pk=theirs.pk).status == Status.SUBMITTED


def test_copy_day_makes_drafts_and_skips_clashes(cast):
    yesterday = TODAY - timedelta(days=1)  # a Tuesday: still open for entries on Wednesday morning
    assert selectors.batas_input_for(cast.pegawai, yesterday) > timezone.localtime()
    entry(cast, tanggal=yesterday, mulai=time(8), selesai=time(9))
    entry(cast, tanggal=yesterday, mulai=time(9), selesai=time(10))
    entry(cast, mulai=time(9), selesai=time(10))
    assert services.aktivitas_copy_day(actor=cast.pegawai.user, dari=yesterday, ke=TODAY) == 1
    assert Aktivitas.objects.filter(tanggal=TODAY, status=Status.DRAFT).count() == 2


def test_neglected_queues_are_recorded_against_the_leader(cast):
    a = submitted(cast)
    Aktivitas.objects.filter(pk=a.pk).update(diajukan_pada=timezone.now() - timedelta(days=10))
    assert tunggakan.tunggakan_record(pemda_id=cast.pemda.pk, today=TODAY) == 1
    t = Tunggakan.objects.get()
    assert (t.atasan, t.peran, t.aktivitas_id) == (cast.atasan, Peran.ATASAN, a.pk)
    assert tunggakan.tunggakan_record(pemda_id=cast.pemda.pk, today=TODAY) == 0  # once per entry and role


def test_a_fresh_queue_is_not_neglect(cast):
    submitted(cast)
    HariLibur.objects.create(pemda=cast.pemda, tanggal=TODAY + timedelta(days=1), nama="Libur")
    assert tunggakan.tunggakan_record(pemda_id=cast.pemda.pk, today=TODAY) == 0


def test_a_failed_submission_keeps_the_draft(cast):
    with pytest.raises(services.TersimpanBelumDiajukan) as exc:
        entry(cast, who=cast.kadis, ajukan=True)
    saved = exc.value.aktivitas
    assert Aktivitas.objects.get(pk=saved.pk).status == Status.DRAFT
    assert "Belum ada atasan" in exc.value.messages[0]


def test_the_deadline_message_reads_like_an_office_writes_it(cast):
    with pytest.raises(ValidationError) as exc:
        entry(cast, tanggal=TODAY - timedelta(days=20))
    assert "pukul 24.00" in exc.value.message_dict["tanggal"][0]


def test_a_final_verification_at_the_top_can_be_taken_back_by_the_verifier(cast):
    a = services.aktivitas_verify(actor=cast.kadis.user, aktivitas=submitted(cast, who=cast.atasan_atasan))
    assert a.status == Status.VALIDATED
    a = services.aktivitas_unverify(actor=cast.kadis.user, aktivitas=a)
    assert (a.status, a.divalidasi_pada, a.diverifikasi_pada) == (Status.SUBMITTED, None, None)


def test_a_verifier_cannot_undo_the_validators_validation(cast):
    a = services.aktivitas_validate(actor=cast.atasan_atasan.user, aktivitas=verified(cast))
    with pytest.raises(ValidationError):
        services.aktivitas_unverify(actor=cast.atasan.user, aktivitas=a)
    assert Aktivitas.objects.get(pk=a.pk).status == Status.VALIDATED


def test_bulk_looks_each_approval_chain_up_once(cast, django_assert_max_num_queries):
    entries = [submitted(cast, mulai=time(7 + i), selesai=time(8 + i)) for i in range(6)]
    with django_assert_max_num_queries(60):
        hasil = services.aktivitas_bulk(actor=cast.atasan.user, aktivitas=entries, to=Status.VERIFIED)
    assert hasil.berhasil == 6
