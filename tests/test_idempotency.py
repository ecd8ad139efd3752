"""Issue 8, no lost input: every create/submit carries an idempotency key; the same request sent
again (double click, a retry after a timeout, two threads at once) creates nothing twice and gets
the same result."""

import threading
import time as clock
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import time

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.urls import reverse

from activities import services
from activities.choices import Status
from activities.models import Aktivitas, AktivitasLog
from core import idempotency
from core.models import KunciIdempotensi
from tests.helpers import TODAY, form_aktivitas


def form_data(kunci=None, **over) -> dict:
    return form_aktivitas(**({idempotency.FIELD: str(kunci)} if kunci is not None else {})) | over


def flash(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def draft_entry(cast, mulai=time(8), selesai=time(9)) -> Aktivitas:
    return Aktivitas.objects.create(
        pemda=cast.pemda,
        pegawai=cast.pegawai,
        tanggal=TODAY,
        jam_mulai=mulai,
        jam_selesai=selesai,
        nama_kegiatan="Menyusun surat",
        uraian="3 surat",
        menit_diajukan=60,
        menit=60,
    )


# --- the views ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_form_carries_a_new_key_each_time_it_is_opened(client, cast):
    client.force_login(cast.pegawai.user)
    keys = []
    for _ in range(2):
        html = client.get(reverse("aktivitas:tambah")).content.decode()
        start = html.index(f'name="{idempotency.FIELD}" value="') + len(f'name="{idempotency.FIELD}" value="')
        keys.append(uuid.UUID(html[start : start + 36]))
    assert keys[0] != keys[1]


@pytest.mark.django_db
@pytest.mark.parametrize("button", ["simpan", "ajukan"])
def test_a_double_click_on_save_creates_one_entry(client, cast, button):
    client.force_login(cast.pegawai.user)
    kunci = uuid.uuid4()
    first = client.post(reverse("aktivitas:tambah"), form_data(kunci, **{button: "1"}))
    second = client.post(reverse("aktivitas:tambah"), form_data(kunci, **{button: "1"}))
    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    a = Aktivitas.objects.get()
    assert a.status == (Status.SUBMITTED if button == "ajukan" else Status.DRAFT)
    assert AktivitasLog.objects.filter(aktivitas=a, ke=Status.SUBMITTED).count() == (button == "ajukan")
    assert KunciIdempotensi.objects.get().objek_id == a.pk
    # the repeat adds no second message (the first one waits in the session for the page it leads to)
    assert len([m for m in flash(second) if "sudah disimpan" in m]) == 1


@pytest.mark.django_db
def test_two_different_keys_make_two_entries(client, cast):
    client.force_login(cast.pegawai.user)
    client.post(reverse("aktivitas:tambah"), form_data(uuid.uuid4()))
    client.post(reverse("aktivitas:tambah"), form_data(uuid.uuid4(), jam_mulai="09:00", jam_selesai="10:00"))
    assert Aktivitas.objects.count() == 2


@pytest.mark.django_db
def test_a_refused_save_leaves_the_key_free_for_the_corrected_form(client, cast):
    draft_entry(cast)  # 08:00–09:00 is taken
    client.force_login(cast.pegawai.user)
    kunci = uuid.uuid4()
    refused = client.post(reverse("aktivitas:tambah"), form_data(kunci))
    assert refused.status_code == 200 and refused.context["form"].errors
    assert f'value="{kunci}"' in refused.content.decode()  # the page keeps the same key
    assert not KunciIdempotensi.objects.exists()
    fixed = client.post(reverse("aktivitas:tambah"), form_data(kunci, jam_mulai="09:00", jam_selesai="10:00"))
    assert fixed.status_code == 302
    assert Aktivitas.objects.count() == 2


@pytest.mark.django_db
def test_a_server_error_rolls_the_key_back(client, cast, monkeypatch):
    client.force_login(cast.pegawai.user)
    client.raise_request_exception = False
    kunci = uuid.uuid4()

    def broken(**kwargs):
        draft_entry(cast, time(13), time(14))  # written, then the request fails: all rolled back
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "aktivitas_save", broken)
    assert client.post(reverse("aktivitas:tambah"), form_data(kunci)).status_code == 500
    assert not KunciIdempotensi.objects.exists() and not Aktivitas.objects.exists()
    monkeypatch.undo()
    assert client.post(reverse("aktivitas:tambah"), form_data(kunci)).status_code == 302
    assert Aktivitas.objects.count() == 1


@pytest.mark.django_db
def test_the_same_key_of_another_user_is_not_a_repeat(client, cast):
    kunci = uuid.uuid4()
    for pegawai in (cast.pegawai, cast.pegawai_lain):
        client.force_login(pegawai.user)
        assert client.post(reverse("aktivitas:tambah"), form_data(kunci)).status_code == 302
    assert Aktivitas.objects.count() == 2


@pytest.mark.django_db
def test_a_form_without_a_key_still_works(client, cast):
    client.force_login(cast.pegawai.user)
    assert client.post(reverse("aktivitas:tambah"), form_data()).status_code == 302
    bad = client.post(reverse("aktivitas:tambah"), form_data("not-a-uuid", jam_mulai="10:00", jam_selesai="11:00"))
    assert bad.status_code == 302
    assert Aktivitas.objects.count() == 2 and not KunciIdempotensi.objects.exists()


@pytest.mark.django_db
def test_submitting_one_entry_twice_with_one_key_says_no_error(client, cast):
    a = draft_entry(cast)
    client.force_login(cast.pegawai.user)
    kunci = str(uuid.uuid4())
    first = client.post(reverse("aktivitas:ajukan", args=[a.pk]), {idempotency.FIELD: kunci})
    second = client.post(reverse("aktivitas:ajukan", args=[a.pk]), {idempotency.FIELD: kunci})
    assert first.url == second.url
    assert not [m for m in flash(second) if "tidak dapat" in m]
    assert AktivitasLog.objects.filter(aktivitas=a, ke=Status.SUBMITTED).count() == 1


@pytest.mark.django_db
def test_submitting_the_day_twice_with_one_key_submits_once(client, cast):
    draft_entry(cast)
    client.force_login(cast.pegawai.user)
    data = {"tanggal": TODAY.isoformat(), idempotency.FIELD: str(uuid.uuid4())}
    client.post(reverse("aktivitas:ajukan_hari"), data)
    second = client.post(reverse("aktivitas:ajukan_hari"), data)
    assert "Tidak ada draf" not in " ".join(flash(second))
    assert AktivitasLog.objects.filter(ke=Status.SUBMITTED).count() == 1


@pytest.mark.django_db
def test_the_result_of_a_key_is_told_only_to_its_owner(client, cast):
    client.force_login(cast.pegawai.user)
    kunci = uuid.uuid4()
    redirect = client.post(reverse("aktivitas:tambah"), form_data(kunci))
    answer = client.get(reverse("kunci_hasil", args=[kunci]))
    assert answer.status_code == 200 and answer.json() == {"url": redirect.url}
    assert client.get(reverse("kunci_hasil", args=[uuid.uuid4()])).status_code == 404
    client.force_login(cast.pegawai_lain.user)
    assert client.get(reverse("kunci_hasil", args=[kunci])).status_code == 404
    client.logout()
    assert client.get(reverse("kunci_hasil", args=[kunci])).status_code == 302


@pytest.mark.django_db
def test_sekali_runs_the_action_once_and_replays_its_result(cast):
    calls = []

    def aksi():
        calls.append(1)
        return idempotency.Hasil(url="/x/", objek_id=7)

    user, kunci = cast.pegawai.user, uuid.uuid4()
    first = idempotency.sekali(user=user, kunci=kunci, aksi=aksi)
    again = idempotency.sekali(user=user, kunci=kunci, aksi=aksi)
    assert (first.url, first.objek_id, first.ulang) == ("/x/", 7, False)
    assert (again.url, again.objek_id, again.ulang) == ("/x/", 7, True)
    assert len(calls) == 1

    def refused():
        raise ValidationError("no")

    other = uuid.uuid4()
    with pytest.raises(ValidationError):
        idempotency.sekali(user=user, kunci=other, aksi=refused)
    assert idempotency.sekali(user=user, kunci=other, aksi=aksi).ulang is False


# --- many threads ---------------------------------------------------------------------------------

DISTINCT, REPEATS, THREADS = 2_500, 4, 16


@pytest.mark.django_db(transaction=True)
def test_ten_thousand_submits_from_many_threads_create_each_entry_once(cast):
    """2,500 keys, each sent 4 times in a shuffled order by 16 threads with their own connections,
    through the same service call as the entry form: exactly 2,500 entries, none twice."""
    assert connection.vendor == "postgresql"
    people = [cast.pegawai, cast.atasan, cast.atasan_atasan, cast.kadis, cast.pegawai_lain]
    per_person = DISTINCT // len(people)
    jobs = []
    for n in range(DISTINCT):
        who, slot = people[n % len(people)], n // len(people)  # slot < 500: two-minute slots in one day
        start = slot * 2
        jobs.append((who.user, uuid.UUID(int=n + 1), time(start // 60, start % 60), time(start // 60, start % 60 + 1)))
    assert per_person * 2 <= 24 * 60
    order = [job for _ in range(REPEATS) for job in jobs]
    # repeats of one key land close together, so they really do race each other
    order.sort(key=lambda job: (job[1].int * 7919) % 997)
    created, replayed, errors = [], [], []
    lock = threading.Lock()

    def send(job):
        user, kunci, mulai, selesai = job

        def aksi():
            a = services.aktivitas_save(
                actor=user,
                ajukan=False,
                tanggal=TODAY,
                jam_mulai=mulai,
                jam_selesai=selesai,
                katalog=None,
                volume=None,
                nama_kegiatan=f"Kegiatan {kunci.int}",
                menit_diajukan=1,
                uraian="Selesai",
                bukti_link="",
            )
            return idempotency.Hasil(url=f"/aktivitas/{a.pk}/", objek_id=a.pk)

        try:
            hasil = idempotency.sekali(user=user, kunci=kunci, aksi=aksi)
        except Exception as e:  # noqa: BLE001 - every failure is counted and shown
            with lock:
                errors.append(repr(e))
            return
        with lock:
            (replayed if hasil.ulang else created).append((kunci, hasil.objek_id))

    def worker(chunk):
        try:
            for job in chunk:
                send(job)
        finally:
            connections.close_all()  # this thread's own connection

    chunks = [order[i::THREADS] for i in range(THREADS)]
    started = clock.monotonic()
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(worker, chunks))
    elapsed = clock.monotonic() - started

    assert errors == []
    assert len(created) == DISTINCT and len(replayed) == DISTINCT * (REPEATS - 1)
    assert Aktivitas.objects.count() == DISTINCT
    assert KunciIdempotensi.objects.count() == DISTINCT
    # every repeat got the id of the entry its first request made
    first = dict(created)
    assert all(first[kunci] == pk for kunci, pk in replayed)
    assert len(set(Aktivitas.objects.values_list("nama_kegiatan", flat=True))) == DISTINCT
    print(f"{DISTINCT * REPEATS} submits in {elapsed:.1f} s")


@pytest.mark.django_db
def test_a_leave_request_sent_twice_with_one_key_is_filed_once(client, cast):
    from attendance.models import Permohonan

    client.force_login(cast.pegawai.user)
    data = {
        "jenis": "SAKIT",
        "mulai": "2026-03-02",
        "selesai": "2026-03-03",
        "alasan": "Demam",
        idempotency.FIELD: str(uuid.uuid4()),
    }
    first = client.post(reverse("presensi:permohonan_create"), data)
    second = client.post(reverse("presensi:permohonan_create"), data)
    p = Permohonan.objects.get()
    assert first.url == second.url == reverse("presensi:permohonan_detail", args=[p.pk])
    assert "bertabrakan" not in " ".join(flash(second))


@pytest.mark.django_db
def test_a_bulk_verification_sent_twice_with_one_key_reports_once(client, cast):
    a = services.aktivitas_submit(actor=cast.pegawai.user, aktivitas=draft_entry(cast))
    client.force_login(cast.atasan.user)
    data = {"aksi": "verifikasi", "ids": [a.pk], idempotency.FIELD: str(uuid.uuid4())}
    first = client.post(reverse("aktivitas:tindakan_massal"), data)
    second = client.post(reverse("aktivitas:tindakan_massal"), data)
    assert first.url == second.url
    assert not [m for m in flash(second) if "tidak dapat" in m]
    assert AktivitasLog.objects.filter(aktivitas=a, ke=Status.VERIFIED).count() == 1
