"""Issue 18 as people meet it, with no stage set by hand: a pegawai files the same result text
through the entry form on five working days, the beat's anomaly check runs in a real Celery worker,
then the atasan finds the flags in the queue, dismisses one with a note, verifies all five (a flag
never blocks), and the next run keeps the dismissal while the atasan's atasan sees the rest."""

import os
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse

from activities.choices import Status
from activities.models import Aktivitas, Kejanggalan
from tests.helpers import beat_run, celery_worker, form_aktivitas

pytestmark = [
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (make test provides it)"),
    pytest.mark.django_db(transaction=True),
]
HARI = [date(2026, 11, d) for d in (9, 10, 11, 12, 13)]  # Monday to Friday of the week before TODAY
URAIAN = "Laporan mingguan kegiatan bidang umum disusun"


def _at(d: date, t: time) -> datetime:
    return datetime.combine(d, t, tzinfo=ZoneInfo(settings.TIME_ZONE))


def _beat_run(pemda) -> None:
    with celery_worker():
        assert beat_run("kejanggalan-periksa") == [pemda.pk]  # the pemda's hour is one of the entry's


def test_a_week_of_one_text_is_flagged_then_dismissed_and_verified(client, cast, _pinned_clock):
    for d in HARI:  # each afternoon the pegawai fills in the day through the form and sends it
        _pinned_clock.move_to(_at(d, time(15)))
        client.force_login(cast.pegawai.user)
        data = form_aktivitas(tanggal=d.isoformat(), uraian=URAIAN) | {"ajukan": "1"}
        assert client.post(reverse("aktivitas:tambah"), data).status_code == 302
    entries = list(Aktivitas.objects.filter(pegawai=cast.pegawai).order_by("tanggal"))
    assert [(a.tanggal, a.status) for a in entries] == [(d, Status.SUBMITTED) for d in HARI]

    _pinned_clock.move_to(_at(date(2026, 11, 16), time(1, 45)))  # the night's run of the beat entry
    _beat_run(cast.pemda)
    flags = Kejanggalan.objects.order_by("tanggal")
    assert [(k.aktivitas_id, k.jenis) for k in flags] == [(a.pk, "TEKS_BERULANG") for a in entries]

    _pinned_clock.move_to(_at(date(2026, 11, 16), time(9)))
    client.force_login(cast.atasan.user)
    page = client.get(reverse("aktivitas:antrean_verifikasi")).content.decode()
    assert page.count('data-testid="kejanggalan"') == 5
    assert "Uraian yang sama atau hampir sama ditulis pegawai ini pada 5 hari bulan ini." in page
    first = flags.first()
    back = client.post(
        reverse("aktivitas:kejanggalan_abaikan", args=[first.pk]),
        {"catatan": "Laporan mingguan memang berjudul sama; isinya sudah saya baca.", "next": "/aktivitas/antrean/"},
    )
    assert back.status_code == 302
    page = client.get(reverse("aktivitas:antrean_verifikasi")).content.decode()
    assert page.count('data-testid="kejanggalan"') == 4
    massal = {"aksi": "verifikasi", "kembali": "verifikasi", "ids": [a.pk for a in entries]}
    assert client.post(reverse("aktivitas:tindakan_massal"), massal).status_code == 302
    assert set(Aktivitas.objects.filter(pegawai=cast.pegawai).values_list("status", flat=True)) == {Status.VERIFIED}

    _pinned_clock.move_to(_at(date(2026, 11, 16), time(10, 45)))  # the next run during the day
    _beat_run(cast.pemda)
    first.refresh_from_db()
    assert first.diabaikan is not None and first.diabaikan_oleh_id == cast.atasan.user.pk
    assert Kejanggalan.objects.filter(diabaikan__isnull=True).count() == 4
    client.force_login(cast.atasan_atasan.user)
    page = client.get(reverse("aktivitas:antrean_validasi")).content.decode()
    assert page.count('data-testid="kejanggalan"') == 4
