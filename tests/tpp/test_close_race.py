"""The month close against the writes that change the month (issue 15): a validation racing the
close on two real database connections, and a close interrupted half way.

Every write that changes what a month pays takes the month's lock shared (core.locks) and checks the
month is open; the close takes it exclusively and creates the month's lock row, recalculates and
freezes in one transaction. So the frozen rows always match the data they were paid on: the
validation either lands before the freeze and is in it, or is refused because the month closed.
"""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from accounts.models import PeriodeTutup
from activities.choices import Status
from activities.models import Aktivitas
from activities.services import aktivitas_validate
from tests.helpers import wait_until
from tests.tpp.util import aturan, bulan_hadir, validated
from tpp.calculation import hitung_bulan
from tpp.models import BarisTpp, PeriodeTpp
from tpp.services import (
    aturan_bulan_pastikan,
    periode_ambil,
    tpp_periode_buka,
    tpp_periode_hitung,
    tpp_periode_tutup,
)

pytestmark = pytest.mark.django_db(transaction=True)

DITUTUP = "Bulan 10/2026 sudah ditutup; aktivitasnya tidak dapat diubah lagi."
TENGGAT = 30  # seconds: a deadline for what the other thread should have done long before


@pytest.fixture
def bulan(cast, today):
    """October 2026 calculated for the pegawai: 600 validated minutes, a full month present."""
    assert today > date(2026, 10, 31)  # the pinned clock: October is over
    aturan(cast.pemda)
    bulan_hadir(cast.pegawai)
    validated(cast.pegawai, 600)
    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    tpp_periode_hitung(actor=cast.hr, periode=periode)
    return periode


def _entri(cast, hari: int) -> Aktivitas:
    """A verified entry of 120 minutes, waiting for the atasan's atasan to validate it."""
    validated(cast.pegawai, 120, tanggal=date(2026, 10, hari), status=Status.VERIFIED)
    return Aktivitas.objects.get(pegawai=cast.pegawai, tanggal=date(2026, 10, hari))


def _menunggu_kunci() -> bool:
    """Someone waits for an advisory lock (the month's lock, core.locks)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
        return cursor.fetchone()[0] > 0


class Utas(threading.Thread):
    """A thread with its own database connection that keeps its outcome (a value or an exception)."""

    def __init__(self, fn):
        super().__init__(daemon=True)
        self.fn, self.hasil, self.galat = fn, None, None

    def run(self):
        try:
            self.hasil = self.fn()
        except Exception as e:  # noqa: BLE001 - handed to the test
            self.galat = e
        finally:
            connections.close_all()

    def selesai(self):
        self.join(TENGGAT)
        assert not self.is_alive(), "the thread did not finish in time"
        return self


def _beku_sesuai_data(cast, periode) -> BarisTpp:
    """The frozen row equals the month computed again now from the data as it stands."""
    row = BarisTpp.objects.get(periode=periode, pegawai=cast.pegawai)
    aturan_ = aturan_bulan_pastikan(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    (h,) = hitung_bulan(aturan=aturan_, pemda_id=cast.pemda.pk, tahun=2026, bulan=10, pegawai_ids=[cast.pegawai.pk])
    assert (row.beku["menit_valid"], row.beku["neto"]) == (h.masukan.menit_valid, h.hasil.neto)
    return row


def test_a_validation_holding_the_month_is_in_the_frozen_rows(cast, bulan):
    a = _entri(cast, 20)
    tervalidasi, lanjut = threading.Event(), threading.Event()

    def validasi():  # validated, then held open until the close is seen waiting for it
        with transaction.atomic():
            aktivitas_validate(actor=cast.atasan_atasan.user, aktivitas=Aktivitas.objects.get(pk=a.pk))
            tervalidasi.set()
            assert lanjut.wait(TENGGAT)

    v = Utas(validasi)
    v.start()
    assert tervalidasi.wait(TENGGAT)
    tutup = Utas(lambda: tpp_periode_tutup(actor=cast.hr, periode=PeriodeTpp.objects.get(pk=bulan.pk)))
    tutup.start()
    wait_until(_menunggu_kunci, timeout=TENGGAT, what="the close waiting for the validation")
    assert not PeriodeTutup.objects.exists()
    lanjut.set()
    assert v.selesai().galat is None and tutup.selesai().galat is None

    a.refresh_from_db()
    assert a.status == Status.VALIDATED
    row = _beku_sesuai_data(cast, bulan)
    assert row.beku["menit_valid"] == 720  # 600 + the validation that came first


def test_a_validation_during_the_freeze_waits_and_is_refused(cast, bulan):
    a = _entri(cast, 20)
    membeku, lanjut = threading.Event(), threading.Event()

    def progress(n, total):  # the close holds here, its rows written frozen, not yet committed
        membeku.set()
        assert lanjut.wait(TENGGAT)

    tutup = Utas(
        lambda: tpp_periode_tutup(actor=cast.hr, periode=PeriodeTpp.objects.get(pk=bulan.pk), progress=progress)
    )
    tutup.start()
    assert membeku.wait(TENGGAT)
    v = Utas(lambda: aktivitas_validate(actor=cast.atasan_atasan.user, aktivitas=Aktivitas.objects.get(pk=a.pk)))
    v.start()
    wait_until(_menunggu_kunci, timeout=TENGGAT, what="the validation waiting for the close")
    lanjut.set()
    assert tutup.selesai().galat is None
    assert isinstance(v.selesai().galat, ValidationError) and v.galat.messages == [DITUTUP]

    a.refresh_from_db()
    assert a.status == Status.VERIFIED
    row = _beku_sesuai_data(cast, bulan)
    assert row.beku["menit_valid"] == 600


def test_validations_racing_closes_never_change_what_was_frozen(cast, bulan):
    """No arranged order: each round a validation and a close start together; whichever wins, the
    frozen row is the month as it stands."""
    for putaran, hari in enumerate((12, 13, 14, 15, 16)):
        a = _entri(cast, hari)
        mulai = threading.Barrier(2, timeout=TENGGAT)

        def validasi(pk=a.pk, mulai=mulai):
            mulai.wait()
            return aktivitas_validate(actor=cast.atasan_atasan.user, aktivitas=Aktivitas.objects.get(pk=pk))

        def tutup(mulai=mulai):
            mulai.wait()
            return tpp_periode_tutup(actor=cast.hr, periode=PeriodeTpp.objects.get(pk=bulan.pk))

        v, t = Utas(validasi), Utas(tutup)
        v.start(), t.start()
        assert t.selesai().galat is None, putaran
        v.selesai()
        a.refresh_from_db()
        if v.galat is None:
            assert a.status == Status.VALIDATED
        else:
            assert v.galat.messages == [DITUTUP] and a.status == Status.VERIFIED
        _beku_sesuai_data(cast, bulan)
        tpp_periode_buka(actor=cast.hr, periode=PeriodeTpp.objects.get(pk=bulan.pk), alasan="putaran berikutnya")


def test_a_close_interrupted_in_the_freeze_leaves_the_month_open(cast, bulan):
    def progress(n, total):  # the rows are written frozen when the worker fails
        assert BarisTpp.objects.filter(periode=bulan, beku__isnull=False).exists()
        raise RuntimeError("worker mati")

    with pytest.raises(RuntimeError):
        tpp_periode_tutup(actor=cast.hr, periode=bulan, progress=progress)

    bulan.refresh_from_db()
    assert bulan.status == "CALCULATED" and bulan.ditutup is None
    assert not PeriodeTutup.objects.exists()
    assert not BarisTpp.objects.filter(periode=bulan, beku__isnull=False).exists()
    # open: the month's activities still move, and a close afterwards freezes them
    a = _entri(cast, 20)
    aktivitas_validate(actor=cast.atasan_atasan.user, aktivitas=a)
    tpp_periode_tutup(actor=cast.hr, periode=bulan)
    assert _beku_sesuai_data(cast, bulan).beku["menit_valid"] == 720
