"""Issue 17: an entry returned with a note reaches its owner's notification list, from every path
(one entry from its queue row, many at once from the queue, the verifier or the validator)."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse

from activities.choices import Status
from core import idempotency
from notifikasi.choices import Jenis
from notifikasi.models import Notifikasi
from tests.activities.test_views_antrean import MASSAL, buat, milik_pegawai, staf_baru, status_of, tindak
from tests.helpers import TODAY

pytestmark = pytest.mark.django_db

HARI = reverse("aktivitas:hari_ini")


def rows():
    return list(Notifikasi.objects.order_by("pk").values_list("user_id", "jenis", "judul", "isi", "url"))


def test_a_single_return_by_the_verifier_reaches_the_owner_only(client, cast):
    a = milik_pegawai(cast)
    client.force_login(cast.atasan.user)
    tindak(client, a, aksi="kembalikan", catatan="Lampirkan notulen")
    assert status_of(a) == [Status.RETURNED]
    [(user_id, jenis, judul, isi, url)] = rows()
    assert (user_id, jenis) == (cast.pegawai.user.pk, Jenis.AKTIVITAS_DIKEMBALIKAN)
    assert judul == "Aktivitas 18 November 2026 dikembalikan: Rapat koordinasi"
    assert "08.00 Rapat koordinasi — catatan Kasubag Teliti: Lampirkan notulen" in isi
    assert url == f"{HARI}?tanggal={TODAY.isoformat()}"


def test_the_validator_returning_a_verified_entry_is_named(client, cast):
    a = milik_pegawai(cast, status=Status.VERIFIED)
    client.force_login(cast.atasan_atasan.user)
    client.post(MASSAL, {"aksi": "kembalikan", "ids": [a.pk], "catatan": "Bukti kurang", "kembali": "validasi"})
    [(user_id, _jenis, judul, isi, _url)] = rows()
    assert user_id == cast.pegawai.user.pk
    assert "18 November 2026" in judul and "catatan Sekretaris Sejati: Bukti kurang" in isi


def test_a_bulk_return_gives_each_owner_one_message_listing_their_entries(client, cast):
    [lain] = staf_baru(cast, 1)
    kemarin = TODAY - timedelta(days=1)
    mine = [milik_pegawai(cast, jam=8), milik_pegawai(cast, jam=10, tanggal=kemarin)]
    theirs = buat(lain, verifikator=cast.atasan, jam=9)
    untouched = milik_pegawai(cast, jam=13)
    client.force_login(cast.atasan.user)
    kunci = str(uuid.uuid4())
    data = {
        "aksi": "kembalikan",
        "ids": [a.pk for a in (*mine, theirs)],
        "catatan": "Uraian terlalu singkat",
        "kembali": "verifikasi",
        idempotency.FIELD: kunci,
    }
    client.post(MASSAL, data)
    assert status_of(*mine, theirs, untouched) == [Status.RETURNED] * 3 + [Status.SUBMITTED]
    got = {r[0]: r for r in rows()}
    assert set(got) == {cast.pegawai.user.pk, lain.user.pk}
    _u, jenis, judul, isi, url = got[cast.pegawai.user.pk]
    assert jenis == Jenis.AKTIVITAS_DIKEMBALIKAN
    assert judul == "2 aktivitas dikembalikan (17 November 2026, 18 November 2026)"
    assert "17 November 2026, 10.00 Rapat koordinasi — catatan Kasubag Teliti: Uraian terlalu singkat" in isi
    assert "18 November 2026, 08.00 Rapat koordinasi" in isi
    assert url == f"{HARI}?tanggal={kemarin.isoformat()}"  # the first day to fix
    assert got[lain.user.pk][2] == "Aktivitas 18 November 2026 dikembalikan: Rapat koordinasi"
    # the same request again (a double click): nothing moves, nobody hears twice
    client.post(MASSAL, data)
    assert Notifikasi.objects.count() == 2


def test_a_second_return_of_the_same_entry_is_a_new_message(client, cast):
    a = milik_pegawai(cast)
    client.force_login(cast.atasan.user)
    tindak(client, a, aksi="kembalikan", catatan="Pertama")
    from activities import services

    a.refresh_from_db()
    services.aktivitas_submit(actor=cast.pegawai.user, aktivitas=a)
    tindak(client, a, aksi="kembalikan", catatan="Kedua")
    assert [r[3].split("catatan Kasubag Teliti: ")[1].splitlines()[0] for r in rows()] == ["Pertama", "Kedua"]


def test_verifying_or_validating_notifies_nobody(client, cast):
    a, b = milik_pegawai(cast, jam=8), milik_pegawai(cast, jam=10)
    client.force_login(cast.atasan.user)
    tindak(client, a, aksi="verifikasi")
    client.post(MASSAL, {"aksi": "verifikasi", "ids": [b.pk], "kembali": "verifikasi"})
    assert status_of(a, b) == [Status.VERIFIED] * 2 and rows() == []


def test_a_bulk_return_costs_the_same_queries_for_2_or_8_owners(client, cast, django_assert_max_num_queries):
    def batch(n, prefix):
        people = staf_baru(cast, n, prefix=prefix)
        return [buat(p, verifikator=cast.atasan, jam=8).pk for p in people]

    client.force_login(cast.atasan.user)
    few_ids, many_ids = batch(2, "Sedikit"), batch(8, "Banyak")
    data = {"aksi": "kembalikan", "catatan": "Perbaiki", "kembali": "verifikasi"}
    with django_assert_max_num_queries(200) as few:
        client.post(MASSAL, data | {"ids": few_ids})
    per_entry_few = len(few.captured_queries) / 2
    with django_assert_max_num_queries(200) as many:
        client.post(MASSAL, data | {"ids": many_ids})
    notif = [q for q in many.captured_queries if "notifikasi_notifikasi" in q["sql"]]
    assert len(notif) == len([q for q in few.captured_queries if "notifikasi_notifikasi" in q["sql"]]) == 3
    assert Notifikasi.objects.count() == 10
    assert len(many.captured_queries) <= per_entry_few * 8 + 10
