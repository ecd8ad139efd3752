"""Quiet hours in the pemda's zone and WhatsApp numbers (notifikasi/rules.py)."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from notifikasi.rules import jam_tenang_selesai, nomor_wa

WITA, WIB = "Asia/Makassar", "Asia/Jakarta"


def at(hour: int, minute: int = 0, zona: str = WITA, day: int = 14) -> datetime:
    return datetime(2026, 10, day, hour, minute, tzinfo=ZoneInfo(zona))


@pytest.mark.parametrize(
    "now,mulai,selesai,expected",
    [
        (at(22), time(21), time(6), at(6, day=15)),  # over midnight, before midnight: tomorrow morning
        (at(5, 59), time(21), time(6), at(6)),  # over midnight, after midnight: this morning
        (at(6), time(21), time(6), None),  # the end is not quiet
        (at(21), time(21), time(6), at(6, day=15)),  # the start is
        (at(12), time(21), time(6), None),
        (at(13), time(12), time(14), at(14)),  # a window inside one day
        (at(14, 30), time(12), time(14), None),
        (at(9), None, None, None),
        (at(9), time(9), time(9), None),  # an empty window is never quiet
    ],
)
def test_quiet_hours_end_on_the_pemdas_wall_clock(now, mulai, selesai, expected):
    assert jam_tenang_selesai(now, mulai, selesai, WITA) == expected


def test_quiet_hours_are_read_in_the_pemdas_zone_not_the_servers():
    # 22.30 WITA is 21.30 WIB: quiet from 22.00 in a WIB pemda has not started yet
    assert jam_tenang_selesai(at(22, 30), time(22), time(6), WIB) is None
    assert jam_tenang_selesai(at(23, 30), time(22), time(6), WIB) == at(6, day=15, zona=WIB)


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("0812-3456-7890", "6281234567890"),
        ("+62 812 3456 7890", "6281234567890"),
        ("812 3456 7890", "6281234567890"),
        ("6281234567890", "6281234567890"),
        ("(0411) 123.456", "62411123456"),
        ("", ""),
    ],
)
def test_indonesian_numbers_become_62(raw, expected):
    assert nomor_wa(raw) == expected


@pytest.mark.parametrize("raw", ["0812", "08ab3456789", "0812345678901234567"])
def test_a_number_that_is_not_one_is_refused_with_a_clear_message(raw):
    with pytest.raises(ValidationError, match="Nomor WhatsApp tidak dikenali"):
        nomor_wa(raw)
