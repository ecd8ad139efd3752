"""Pure activity rules: the entry window, outages, overlap, minutes and capaian."""

from datetime import date, datetime, time
from decimal import Decimal

import pytest

from activities.choices import Peran, Status
from activities.rules import (
    TRANSITIONS,
    batas_input,
    bentrok,
    capaian,
    durasi_menit,
    masih_boleh_input,
    menit_katalog,
    peran_for,
)

SENIN = date(2026, 11, 16)


def test_the_window_is_three_working_days_after_the_day():
    assert batas_input(SENIN) == datetime(2026, 11, 20, 0, 0)  # through Thursday
    jumat = date(2026, 11, 20)
    assert batas_input(jumat) == datetime(2026, 11, 26, 0, 0)  # over the weekend: through Wednesday


def test_holidays_lengthen_the_window():
    assert batas_input(SENIN, libur={date(2026, 11, 17)}) == datetime(2026, 11, 21, 0, 0)


def test_the_window_length_is_configurable():
    assert batas_input(SENIN, hari_kerja=5) == datetime(2026, 11, 24, 0, 0)
    assert batas_input(SENIN, hari_kerja=0) == datetime(2026, 11, 17, 0, 0)


def test_an_outage_inside_the_window_extends_it_by_its_length():
    outage = (datetime(2026, 11, 18, 9, 0), datetime(2026, 11, 18, 13, 30))
    assert batas_input(SENIN, gangguan=[outage]) == datetime(2026, 11, 20, 4, 30)


def test_an_outage_outside_the_window_changes_nothing():
    before = (datetime(2026, 11, 13, 9, 0), datetime(2026, 11, 13, 12, 0))
    after = (datetime(2026, 11, 20, 8, 0), datetime(2026, 11, 20, 9, 0))
    assert batas_input(SENIN, gangguan=[before, after]) == datetime(2026, 11, 20, 0, 0)


def test_an_extension_that_reaches_a_later_outage_takes_it_in_too():
    first = (datetime(2026, 11, 19, 20, 0), datetime(2026, 11, 19, 23, 0))  # 3 h → ends 20 Nov 03:00
    second = (datetime(2026, 11, 20, 1, 0), datetime(2026, 11, 20, 2, 0))  # now inside: +1 h
    assert batas_input(SENIN, gangguan=[second, first]) == datetime(2026, 11, 20, 4, 0)


def test_an_outage_across_the_deadline_counts_whole():
    outage = (datetime(2026, 11, 19, 22, 0), datetime(2026, 11, 20, 2, 0))
    assert batas_input(SENIN, gangguan=[outage]) == datetime(2026, 11, 20, 4, 0)


def test_no_entry_for_a_future_day_or_after_the_deadline():
    batas = datetime(2026, 11, 20, 0, 0)
    assert masih_boleh_input(SENIN, datetime(2026, 11, 16, 8, 0), batas)
    assert masih_boleh_input(SENIN, datetime(2026, 11, 19, 23, 59), batas)
    assert not masih_boleh_input(SENIN, datetime(2026, 11, 20, 0, 0), batas)
    assert not masih_boleh_input(date(2026, 11, 17), datetime(2026, 11, 16, 23, 0), batas)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((time(8), time(9)), (time(9), time(10)), False),  # touching ends
        ((time(8), time(9, 30)), (time(9), time(10)), True),
        ((time(8), time(12)), (time(9), time(10)), True),  # inside
        ((time(10), time(11)), (time(8), time(9)), False),
    ],
)
def test_overlap(a, b, expected):
    assert bentrok(a, b) is expected
    assert bentrok(b, a) is expected


def test_minutes():
    assert durasi_menit(time(7, 30), time(9, 15)) == 105
    assert menit_katalog(3, 20) == 60


def test_capaian_is_the_dki_formula_capped_at_one():
    assert capaian(3000, 20) == Decimal("0.5")
    assert capaian(9000, 20) == Decimal(1)
    assert capaian(6000, 20, menit_pengurang=600) == Decimal("0.9")
    assert capaian(100, 0) == Decimal(0)
    assert capaian(1, 3, menit_per_hari=300) == Decimal(1) / Decimal(900)


def test_the_transition_table():
    assert peran_for(Status.DRAFT, Status.SUBMITTED) == Peran.OWNER
    assert peran_for(Status.SUBMITTED, Status.VERIFIED) == Peran.ATASAN
    assert peran_for(Status.VERIFIED, Status.VALIDATED) == Peran.ATASAN_ATASAN
    assert peran_for(Status.DRAFT, Status.VALIDATED) is None
    assert peran_for(Status.VALIDATED, Status.RETURNED) is None
    assert peran_for(Status.SUBMITTED, Status.VALIDATED) is None
    # the owner takes back what a helper submitted for them (issue 17)
    assert peran_for(Status.SUBMITTED, Status.DRAFT) == Peran.OWNER
    # issue 18: the four escalation moves in an overdue atasan's place
    assert sum(t.role == Peran.ESKALASI for t in TRANSITIONS) == 4
    assert len(TRANSITIONS) == 14
