"""Entries with a history are soft-deleted, never cascaded away (issue 15, audit trail): a returned
entry its owner deletes stays in the database with its log and the supervisor's overdue record, and
no page, count, recap, queue or TPP sum sees it; a draft never sent is deleted for real."""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.urls import reverse

from activities import selectors, services
from activities.choices import Peran, Status
from activities.models import Aktivitas, AktivitasLog, Tunggakan
from beranda.context_processors import navigasi_of
from core.models import AuditLog
from tests.helpers import TODAY
from tpp.calculation import masukan_bulan

pytestmark = pytest.mark.django_db


def _entry(cast, *, ajukan=False, mulai=time(8), selesai=time(9), nama="Menyusun surat") -> Aktivitas:
    return services.aktivitas_save(
        actor=cast.pegawai.user,
        ajukan=ajukan,
        tanggal=TODAY,
        jam_mulai=mulai,
        jam_selesai=selesai,
        nama_kegiatan=nama,
        menit_diajukan=60,
        uraian="3 surat undangan",
    )


def _returned_with_overdue_record(cast) -> Aktivitas:
    a = _entry(cast, ajukan=True, nama="Entri yang dikembalikan")
    Tunggakan.objects.create(
        pemda=cast.pemda,
        atasan=cast.atasan,
        aktivitas=a,
        peran=Peran.ATASAN,
        tahun=TODAY.year,
        bulan=TODAY.month,
        batas=TODAY,
    )
    return services.aktivitas_return(actor=cast.atasan.user, aktivitas=a, catatan="Lampirkan undangannya")


def _hapus(client, cast, a):
    client.force_login(cast.pegawai.user)
    return client.post(reverse("aktivitas:hapus", args=[a.pk]))


def test_a_returned_entry_is_soft_deleted_with_its_log_and_overdue_record_kept(client, cast):
    a = _returned_with_overdue_record(cast)
    assert _hapus(client, cast, a).status_code == 302

    kept = Aktivitas.semua.get(pk=a.pk)
    assert kept.dihapus is not None and kept.dihapus_oleh == cast.pegawai.user
    assert kept.status == Status.RETURNED  # nothing else changes
    assert not Aktivitas.objects.filter(pk=a.pk).exists()
    assert list(AktivitasLog.objects.filter(aktivitas_id=a.pk).values_list("ke", flat=True)) == [
        Status.SUBMITTED,
        Status.RETURNED,
    ]
    assert Tunggakan.objects.filter(aktivitas_id=a.pk, atasan=cast.atasan).exists()
    # the log row still opens its entry (the base manager), and the audit trail has the delete
    assert AktivitasLog.objects.filter(aktivitas_id=a.pk).first().aktivitas.pk == a.pk
    row = AuditLog.objects.get(aksi="aktivitas:hapus", objek_tipe="activities.aktivitas", objek_id=str(a.pk))
    assert row.pegawai_id == cast.pegawai.pk and row.sebelum["status"] == Status.RETURNED
    assert "dihapus" in row.sesudah


def test_a_soft_deleted_entry_is_on_no_page_and_in_no_figure(client, cast):
    a = _returned_with_overdue_record(cast)
    _hapus(client, cast, a)
    client.get(reverse("aktivitas:hari_ini"))  # the flash message naming it is shown once

    # the owner's pages
    hari_ini = client.get(reverse("aktivitas:hari_ini"))
    assert hari_ini.status_code == 200 and list(hari_ini.context["entries"]) == []
    assert "Entri yang dikembalikan" not in hari_ini.content.decode()
    kalender = client.get(reverse("aktivitas:kalender"), {"bulan": f"{TODAY:%Y-%m}"})
    assert "Entri yang dikembalikan" not in kalender.content.decode()
    assert client.get(reverse("aktivitas:detail", args=[a.pk])).status_code == 404
    assert client.post(reverse("aktivitas:ajukan", args=[a.pk])).status_code == 404
    assert client.get(reverse("aktivitas:ubah", args=[a.pk])).status_code == 404
    beranda = selectors.ringkasan_hari(cast.pegawai, TODAY)
    assert (beranda.menit, beranda.draf, beranda.dikembalikan) == (0, 0, 0)
    # the month's recaps and the TPP minutes
    assert selectors.rekap_bulan(cast.pegawai, TODAY.year, TODAY.month).menit == {}
    rekap = selectors.rekap_pegawai_bulan(
        type(cast.pegawai).objects.filter(pk=cast.pegawai.pk),
        pemda_id=cast.pemda.pk,
        tahun=TODAY.year,
        bulan=TODAY.month,
    )
    assert rekap[0].menit == {}
    # the supervisor: no page opens it, their overdue record still counts against them
    client.force_login(cast.atasan.user)
    assert client.get(reverse("aktivitas:detail", args=[a.pk])).status_code == 404
    masukan = masukan_bulan(pemda_id=cast.pemda.pk, tahun=TODAY.year, bulan=TODAY.month)
    assert masukan[cast.atasan.pk][1].tunggakan == 1


def test_a_deleted_entry_frees_its_time_and_leaves_the_queue_counts_and_the_tpp_minutes(cast):
    a = _returned_with_overdue_record(cast)
    services.aktivitas_delete(actor=cast.pegawai.user, aktivitas=a)
    _entry(cast, nama="Entri baru pada jam yang sama")  # no clash with the deleted one
    # one waiting and one validated entry, marked deleted in the table: out of the queue, the menu
    # count, the workflow and the TPP minutes
    waiting = _entry(cast, ajukan=True, mulai=time(10), selesai=time(11))
    valid = _entry(cast, mulai=time(13), selesai=time(14))
    Aktivitas.objects.filter(pk=valid.pk).update(status=Status.VALIDATED)
    before = masukan_bulan(pemda_id=cast.pemda.pk, tahun=TODAY.year, bulan=TODAY.month)[cast.pegawai.pk][1]
    assert before.menit_valid == 60
    assert navigasi_of(cast.atasan, TODAY)["antrean"]["verifikasi"] == 1
    Aktivitas.objects.filter(pk__in=[waiting.pk, valid.pk]).update(dihapus=waiting.diubah)
    assert not selectors.antrean_verifikasi(cast.atasan).exists()
    assert navigasi_of(cast.atasan, TODAY)["antrean"]["verifikasi"] == 0
    after = masukan_bulan(pemda_id=cast.pemda.pk, tahun=TODAY.year, bulan=TODAY.month)[cast.pegawai.pk][1]
    assert after.menit_valid == 0
    with pytest.raises(ValidationError):
        services.aktivitas_verify(actor=cast.atasan.user, aktivitas=waiting)
    assert Aktivitas.semua.get(pk=waiting.pk).status == Status.SUBMITTED


def test_a_draft_never_sent_is_deleted_for_real_and_audited(client, cast):
    a = _entry(cast)
    assert _hapus(client, cast, a).status_code == 302
    assert not Aktivitas.semua.filter(pk=a.pk).exists()
    assert AuditLog.objects.filter(aksi="aktivitas:hapus", objek_id=str(a.pk)).count() == 1


def test_a_sent_entry_is_not_deleted_and_nothing_cascades(cast):
    a = _entry(cast, ajukan=True)
    with pytest.raises(ValidationError):
        services.aktivitas_delete(actor=cast.pegawai.user, aktivitas=a)
    assert Aktivitas.objects.filter(pk=a.pk, dihapus__isnull=True).exists()
    assert not AuditLog.objects.filter(aksi="aktivitas:hapus").exists()
    # the log protects its entry from a delete by any other path
    with pytest.raises(ProtectedError):
        Aktivitas.semua.filter(pk=a.pk).delete()


def test_the_deleted_entry_of_a_past_month_is_excluded_from_the_recap(cast):
    # the manager, not the page, leaves it out: an entry marked deleted on any date
    a = Aktivitas.objects.create(
        pemda=cast.pemda,
        pegawai=cast.pegawai,
        tanggal=date(2026, 10, 5),
        jam_mulai=time(8),
        jam_selesai=time(9),
        nama_kegiatan="Lama",
        uraian="Lama",
        menit_diajukan=60,
        menit=60,
        status=Status.VALIDATED,
    )
    assert selectors.rekap_bulan(cast.pegawai, 2026, 10).divalidasi == 60
    Aktivitas.objects.filter(pk=a.pk).update(dihapus=a.dibuat)
    assert selectors.rekap_bulan(cast.pegawai, 2026, 10).divalidasi == 0
    assert cast.pegawai.aktivitas.count() == 0 and Aktivitas.semua.filter(pegawai=cast.pegawai).count() == 1
