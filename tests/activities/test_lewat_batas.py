"""Issue 18, overdue and escalation: each waiting entry's deadline in the queue, the escalation page
"Lewat batas" of the atasan's atasan, acting in the overdue atasan's place under the pemda's rule, and
the leader's pay cascade on the Beranda before the month closes.

TODAY is Wednesday 18 November 2026 (tests/helpers.py); the default rule gives 3 working days, so an
entry that arrived on Monday 16 November may wait until Thursday 19 November, and one that arrived on
Thursday 12 November was last allowed on Tuesday 17 November: overdue today."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from activities import services, tunggakan
from activities.choices import Peran, Status
from activities.models import Aktivitas, AktivitasLog, AturanAktivitas, Tunggakan
from attendance.models import HariLibur
from core.models import AuditLog
from tests.activities.test_views_antrean import VALID, VERIF, buat, flash, staf_baru
from tests.helpers import TODAY
from tpp.models import AturanTpp

pytestmark = pytest.mark.django_db

LEWAT = reverse("aktivitas:lewat_batas")


def pada(d: date, jam: int = 9) -> datetime:
    return datetime.combine(d, time(jam), tzinfo=ZoneInfo(settings.TIME_ZONE))


SENIN = date(2026, 11, 16)
KAMIS_LALU = date(2026, 11, 12)


def diajukan(cast, tiba: date, **kw) -> Aktivitas:
    """The pegawai's entry waiting for the atasan's verification since `tiba`."""
    data = {"tanggal": tiba, "diajukan_pada": pada(tiba)} | kw
    return buat(cast.pegawai, verifikator=cast.atasan, validator=cast.atasan_atasan, **data)


def aturan(cast, **kw) -> AturanAktivitas:
    return AturanAktivitas.objects.create(pemda=cast.pemda, berlaku_mulai=date(2026, 1, 1), **kw)


def baris(response) -> dict[int, dict]:
    return {a["pk"]: a for k in response.context["kelompok"] for h in k.hari for a in h.entri}


# --- 1. the queue shows each deadline and marks the overdue -------------------------------------


def test_the_queue_shows_each_deadline_and_marks_the_overdue(client, cast):
    baru, lama = diajukan(cast, SENIN), diajukan(cast, KAMIS_LALU, jam=10)
    client.force_login(cast.atasan.user)
    response = client.get(VERIF)
    rows = baris(response)
    assert rows[baru.pk]["batas"] == date(2026, 11, 19) and rows[baru.pk]["lewat"] is False
    assert rows[lama.pk]["batas"] == date(2026, 11, 17) and rows[lama.pk]["lewat"] is True
    html = response.content.decode()
    assert "Batas: Kamis, 19 November" in html and "Batas: Selasa, 17 November" in html
    assert html.count("Lewat batas") == 1


def test_a_holiday_before_the_deadline_moves_it(client, cast):
    HariLibur.objects.create(pemda=cast.pemda, tanggal=date(2026, 11, 19), nama="Libur daerah")
    a = diajukan(cast, SENIN)
    client.force_login(cast.atasan.user)
    assert baris(client.get(VERIF))[a.pk]["batas"] == date(2026, 11, 20)
    [w] = tunggakan.antrean_menunggu(pemda_id=cast.pemda.pk, today=TODAY)
    assert w.batas == date(2026, 11, 20)  # the nightly record and the reminder read the same rule


def test_the_validation_queue_counts_from_the_verification_and_the_pemdas_days(client, cast):
    aturan(cast, batas_tunggu_hari_kerja=2)
    a = diajukan(cast, KAMIS_LALU, status=Status.VERIFIED, diverifikasi_pada=pada(date(2026, 11, 16)))
    client.force_login(cast.atasan_atasan.user)
    row = baris(client.get(VALID))[a.pk]
    assert (row["batas"], row["lewat"], row["batas_teks"]) == (date(2026, 11, 18), False, "Batas: Rabu, 18 November")


def _isi(cast, people, n, start=0):
    Aktivitas.objects.bulk_create(
        Aktivitas(
            pemda_id=cast.pemda.pk,
            pegawai=people[i % len(people)],
            tanggal=TODAY - timedelta(days=1 + (i // len(people)) // 4),
            jam_mulai=time(6 + (i // len(people)) % 4 * 3),
            jam_selesai=time(7 + (i // len(people)) % 4 * 3),
            nama_kegiatan="Rapat",
            uraian="Notulen",
            menit_diajukan=60,
            menit=60,
            status=Status.SUBMITTED,
            verifikator=cast.atasan,
            validator=cast.atasan_atasan,
            diajukan_pada=pada(TODAY - timedelta(days=1 + i % 9)),
        )
        for i in range(start, start + n)
    )


def test_the_queue_with_deadlines_costs_the_same_for_5_or_500_entries(client, cast, django_assert_max_num_queries):
    people = [cast.pegawai, *staf_baru(cast, 24)]
    HariLibur.objects.create(pemda=cast.pemda, tanggal=date(2026, 11, 20), nama="Libur")
    client.force_login(cast.atasan.user)
    _isi(cast, people[:2], 5)
    with django_assert_max_num_queries(21) as few:
        rows = baris(client.get(VERIF))
    assert len(rows) == 5 and all(r["batas"] for r in rows.values())
    _isi(cast, people, 495, start=5)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        rows = baris(client.get(VERIF))
    assert len(rows) == 500 and all(r["batas"] for r in rows.values())
    assert sum(r["lewat"] for r in rows.values()) > 0
    assert len(many.captured_queries) == len(few.captured_queries)


# --- 2. the reminder before an entry becomes overdue ---------------------------------------------


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.VERIFIED])
def test_both_queues_are_reminded_on_the_last_day(cast, status):
    from activities.jobs import antrean_jatuh_tempo
    from notifikasi.models import Notifikasi

    # arrived last Friday: 3 working days → today, the last day
    tiba = pada(date(2026, 11, 13))
    diajukan(cast, date(2026, 11, 13), status=status, diajukan_pada=tiba, diverifikasi_pada=tiba)
    assert antrean_jatuh_tempo(today=TODAY) == 1
    siapa = cast.atasan if status == Status.SUBMITTED else cast.atasan_atasan
    [n] = Notifikasi.objects.all()
    assert n.user_id == siapa.user_id and "lewat batas besok" in n.judul


# --- 3. escalation ------------------------------------------------------------------------------


def test_the_atasans_atasan_sees_what_is_overdue_below_read_only_when_the_rule_says_no(client, cast):
    lama = diajukan(cast, KAMIS_LALU, nama_kegiatan="Menyusun notulen")
    diajukan(cast, SENIN, jam=11, nama_kegiatan="Masih dalam batas")
    client.force_login(cast.atasan_atasan.user)
    response = client.get(LEWAT)
    [grup] = response.context["bawahan"]
    assert grup.pemilik == cast.atasan and [w.aktivitas.pk for w in grup.entri] == [lama.pk]
    assert grup.boleh_bertindak is False
    html = response.content.decode()
    assert "Antrean Kasubag Teliti" in html and "Menunggu verifikasi sejak 12 November 2026" in html
    assert "Menyusun notulen" in html and "Masih dalam batas" not in html
    assert "Ingatkan Kasubag Teliti" in html and "Verifikasi menggantikan" not in html
    # the kadis is the atasan of the sekretaris only: nothing waits in the sekretaris's queue
    client.force_login(cast.kadis.user)
    assert client.get(LEWAT).context["bawahan"] == []


def test_a_validation_left_overdue_goes_up_to_the_validators_atasan(client, cast):
    aturan(cast, eskalasi_boleh_bertindak=True)
    a = diajukan(cast, KAMIS_LALU, status=Status.VERIFIED, diverifikasi_pada=pada(KAMIS_LALU))
    client.force_login(cast.kadis.user)
    [grup] = client.get(LEWAT).context["bawahan"]
    assert grup.pemilik == cast.atasan_atasan and grup.boleh_bertindak
    response = client.post(reverse("aktivitas:lewat_batas_tindak", args=[a.pk]), {"aksi": "validasi"})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.status == Status.VALIDATED and a.validator == cast.atasan_atasan
    log = AktivitasLog.objects.get(aktivitas=a)
    assert (log.peran, log.oleh_id) == (Peran.ESKALASI, cast.kadis.user_id)


def test_with_the_rule_on_the_atasans_atasan_verifies_in_the_atasans_place(client, cast):
    aturan(cast, eskalasi_boleh_bertindak=True)
    a = diajukan(cast, KAMIS_LALU)
    client.force_login(cast.atasan_atasan.user)
    assert "Verifikasi menggantikan" in client.get(LEWAT).content.decode()
    response = client.post(reverse("aktivitas:lewat_batas_tindak", args=[a.pk]), {"aksi": "verifikasi"})
    assert response.status_code == 302 and "menggantikan atasannya" in flash(response)[0]
    assert "Karena Anda juga validatornya, verifikasi ini langsung final (divalidasi)." in flash(response)[0]
    a.refresh_from_db()
    # the approvers of record stay; the log names who acted and in which role. The one acting is the
    # entry's own validator: a second click by the same person adds no second pair of eyes, so the
    # verification in the atasan's place is final and says so (one person never "verifies" then
    # "validates" the same entry as if they were two)
    assert (a.status, a.verifikator, a.validator) == (Status.VALIDATED, cast.atasan, cast.atasan_atasan)
    log = AktivitasLog.objects.get(aktivitas=a)
    assert (log.dari, log.ke, log.peran, log.oleh_id) == (
        Status.SUBMITTED,
        Status.VALIDATED,
        Peran.ESKALASI,
        cast.atasan_atasan.user_id,
    )
    assert log.catatan == "Diverifikasi dan divalidasi oleh atasan dari atasan: antrean atasan langsung lewat batas."
    audit = AuditLog.objects.get(aksi="aktivitas:eskalasi_verifikasi")
    assert audit.peran == Peran.ESKALASI
    assert client.get(LEWAT).context["bawahan"] == []


def test_an_escalated_return_needs_a_note(client, cast):
    aturan(cast, eskalasi_boleh_bertindak=True)
    a = diajukan(cast, KAMIS_LALU)
    client.force_login(cast.atasan_atasan.user)
    url = reverse("aktivitas:lewat_batas_tindak", args=[a.pk])
    assert "Tulis catatan" in flash(client.post(url, {"aksi": "kembalikan"}))[0]
    assert Aktivitas.objects.get(pk=a.pk).status == Status.SUBMITTED
    client.post(url, {"aksi": "kembalikan", "catatan": "Lampirkan notulen"})
    assert Aktivitas.objects.get(pk=a.pk).status == Status.RETURNED
    assert AktivitasLog.objects.get(aktivitas=a).peran == Peran.ESKALASI


def test_with_the_rule_off_acting_is_refused_403(client, cast):
    aturan(cast, eskalasi_boleh_bertindak=False)
    a = diajukan(cast, KAMIS_LALU)
    client.force_login(cast.atasan_atasan.user)
    response = client.post(reverse("aktivitas:lewat_batas_tindak", args=[a.pk]), {"aksi": "verifikasi"})
    assert response.status_code == 403
    assert Aktivitas.objects.get(pk=a.pk).status == Status.SUBMITTED and not AktivitasLog.objects.exists()


def test_the_rule_is_the_one_in_force_today(cast):
    AturanAktivitas.objects.create(pemda=cast.pemda, berlaku_mulai=date(2026, 1, 1), eskalasi_boleh_bertindak=True)
    AturanAktivitas.objects.create(pemda=cast.pemda, berlaku_mulai=TODAY, eskalasi_boleh_bertindak=False)
    a = diajukan(cast, KAMIS_LALU)
    with pytest.raises(PermissionDenied, match="belum membolehkan"):
        services.aktivitas_verify(actor=cast.atasan_atasan.user, aktivitas=a)


def test_an_entry_not_yet_overdue_stays_the_atasans(cast):
    aturan(cast, eskalasi_boleh_bertindak=True)
    a = diajukan(cast, SENIN)
    with pytest.raises(PermissionDenied, match="belum lewat batas"):
        services.aktivitas_verify(actor=cast.atasan_atasan.user, aktivitas=a)


def test_an_entry_the_escalator_typed_as_a_helper_is_refused(client, cast):
    aturan(cast, eskalasi_boleh_bertindak=True)
    a = diajukan(cast, KAMIS_LALU, dicatat_oleh=cast.atasan_atasan.user)
    client.force_login(cast.atasan_atasan.user)
    response = client.post(reverse("aktivitas:lewat_batas_tindak", args=[a.pk]), {"aksi": "verifikasi"})
    assert response.status_code == 403 and Aktivitas.objects.get(pk=a.pk).status == Status.SUBMITTED


def test_ones_own_entry_is_never_escalated_to_oneself(client, cast):
    # the sekretaris's own entry, left (after a change of postings) in the kasubag's queue
    aturan(cast, eskalasi_boleh_bertindak=True)
    a = buat(cast.atasan_atasan, verifikator=cast.atasan, tanggal=KAMIS_LALU, diajukan_pada=pada(KAMIS_LALU))
    with pytest.raises(PermissionDenied, match="aktivitas Anda sendiri"):
        services.aktivitas_verify(actor=cast.atasan_atasan.user, aktivitas=a)
    client.force_login(cast.atasan_atasan.user)
    assert client.get(LEWAT).context["bawahan"] == []  # not listed either
    assert client.post(reverse("aktivitas:lewat_batas_tindak", args=[a.pk]), {"aksi": "verifikasi"}).status_code == 404


def test_only_the_atasan_of_the_queues_holder_may_act(client, cast):
    aturan(cast, eskalasi_boleh_bertindak=True)
    a = diajukan(cast, KAMIS_LALU)
    # the kadis is two levels above the kasubag whose queue holds it
    with pytest.raises(PermissionDenied, match="Hanya atasan langsung"):
        services.aktivitas_verify(actor=cast.kadis.user, aktivitas=a)
    client.force_login(cast.kadis.user)
    assert client.post(reverse("aktivitas:lewat_batas_tindak", args=[a.pk]), {"aksi": "verifikasi"}).status_code == 404
    client.force_login(cast.pegawai_lain.user)
    assert client.post(reverse("aktivitas:lewat_batas_tindak", args=[a.pk]), {"aksi": "verifikasi"}).status_code == 404
    assert Aktivitas.objects.get(pk=a.pk).status == Status.SUBMITTED


def test_the_overdue_atasan_may_still_act_in_their_own_role(cast):
    aturan(cast, eskalasi_boleh_bertindak=True)
    a = diajukan(cast, KAMIS_LALU)
    services.aktivitas_verify(actor=cast.atasan.user, aktivitas=a)
    assert AktivitasLog.objects.get(aktivitas=a).peran == Peran.ATASAN


# --- 4. the leader's pay cascade on the Beranda ---------------------------------------------------


def test_the_beranda_shows_the_leader_the_cut_before_the_month_closes(client, cast):
    AturanTpp.objects.create(
        pemda=cast.pemda, berlaku_mulai=date(2026, 1, 1), kaskade_persen=Decimal("2.5"), kaskade_maks=Decimal(10)
    )
    # two recorded on past nights (processed since), one overdue now and not recorded yet, one of last
    # month (not counted)
    for hari in (date(2026, 11, 2), date(2026, 11, 3)):
        a = diajukan(cast, hari, status=Status.VALIDATED, diverifikasi_pada=pada(hari))
        Tunggakan.objects.create(
            pemda=cast.pemda, atasan=cast.atasan, aktivitas=a, peran=Peran.ATASAN, tahun=2026, bulan=11, batas=hari
        )
    diajukan(cast, KAMIS_LALU, jam=12)
    lalu = diajukan(cast, date(2026, 10, 28), status=Status.VALIDATED)
    Tunggakan.objects.create(
        pemda=cast.pemda, atasan=cast.atasan, aktivitas=lalu, peran=Peran.ATASAN, tahun=2026, bulan=10, batas=TODAY
    )
    client.force_login(cast.atasan.user)
    html = client.get(reverse("beranda")).content.decode()
    assert "3 aktivitas bawahan lewat batas pemeriksaan di antrean Anda bulan ini." in html
    assert "bagian kinerja TPP Anda bulan ini berkurang 7,5% (2,5% per aktivitas, paling banyak 10%)" in html
    assert LEWAT in html
    # the atasan's atasan: the overdue entry in the kasubag's queue, and no cut of their own
    client.force_login(cast.atasan_atasan.user)
    html = client.get(reverse("beranda")).content.decode()
    assert "1 aktivitas lewat batas di antrean bawahan Anda." in html and "berkurang" not in html


def test_the_cascade_cut_is_the_tpps_own_and_capped(cast):
    from tpp.calculation import aturan_bulan, nilai_aturan
    from tpp.rules import potongan_kaskade

    for i in range(12):
        diajukan(cast, date(2026, 11, 2) + timedelta(days=i % 3), jam=6 + i)
    nilai = nilai_aturan(aturan_bulan(pemda_id=cast.pemda.pk, tahun=2026, bulan=11, bawaan=True).pemda)
    assert potongan_kaskade(12, nilai) == Decimal(10)  # 1% each, at most 10%


def test_no_card_when_nothing_is_overdue(client, cast):
    diajukan(cast, SENIN)
    client.force_login(cast.atasan.user)
    assert 'data-testid="panel-lewat-batas"' not in client.get(reverse("beranda")).content.decode()
