"""The contract functions of attendance/rules.py exactly as DESIGN.md §6 states them."""

from datetime import time

import pytest
from django.core.exceptions import ValidationError

from attendance.rules import (
    cuti_tahunan_hak,
    early_band,
    late_band,
    minutes_early,
    minutes_late,
    sanksi_ketidakhadiran,
)


def test_minutes_late_and_early():
    assert minutes_late(time(7, 30), time(7, 30)) == 0
    assert minutes_late(time(7, 15), time(7, 30)) == 0
    assert minutes_late(time(8, 15), time(7, 30)) == 45
    assert minutes_late(None, time(7, 30)) is None
    assert minutes_early(time(16, 0), time(16, 0)) == 0
    assert minutes_early(time(17, 0), time(16, 0)) == 0
    assert minutes_early(time(15, 29), time(16, 0)) == 31
    assert minutes_early(None, time(16, 0)) is None


@pytest.mark.parametrize(
    ("minutes", "tl", "psw"),
    [
        (0, None, None),
        (1, "TL1", "PSW1"),
        (30, "TL1", "PSW1"),
        (31, "TL2", "PSW2"),
        (60, "TL2", "PSW2"),
        (61, "TL3", "PSW3"),
        (90, "TL3", "PSW3"),
        (91, "TL4", "PSW4"),
        (None, "TL4", "PSW4"),
    ],
)
def test_band_boundaries(minutes, tl, psw):
    assert late_band(minutes) == tl
    assert early_band(minutes) == psw


def test_negative_minutes_are_invalid():
    with pytest.raises(ValidationError):
        late_band(-1)


def test_cuti_tahunan_hak():
    assert cuti_tahunan_hak(2026, {}) == 12  # previous year absent: no entitlement then
    assert cuti_tahunan_hak(2026, {2025: 12}) == 12
    assert cuti_tahunan_hak(2026, {2025: 8}) == 16  # 4 left carry over
    assert cuti_tahunan_hak(2026, {2025: 2}) == 18  # carry capped at 6
    assert cuti_tahunan_hak(2026, {2025: 0, 2024: 0}) == 24  # two unused years
    assert cuti_tahunan_hak(2026, {2025: 0}) == 18  # only one year known


@pytest.mark.parametrize(
    ("hari", "code"),
    [
        (2, None),
        (3, "TEGURAN_LISAN"),
        (4, "TEGURAN_TERTULIS"),
        (6, "TEGURAN_TERTULIS"),
        (7, "PERNYATAAN_TIDAK_PUAS"),
        (10, "PERNYATAAN_TIDAK_PUAS"),
        (11, "POTONG_TUKIN_25_6"),
        (13, "POTONG_TUKIN_25_6"),
        (14, "POTONG_TUKIN_25_9"),
        (16, "POTONG_TUKIN_25_9"),
        (17, "POTONG_TUKIN_25_12"),
        (20, "POTONG_TUKIN_25_12"),
        (21, "PENURUNAN_JABATAN"),
        (24, "PENURUNAN_JABATAN"),
        (25, "PEMBEBASAN_JABATAN"),
        (27, "PEMBEBASAN_JABATAN"),
        (28, "PEMBERHENTIAN"),
    ],
)
def test_sanksi_thresholds(hari, code):
    assert sanksi_ketidakhadiran(hari) == code


def test_ten_consecutive_days_mean_dismissal():
    assert sanksi_ketidakhadiran(10, berturut_turut=10) == "PEMBERHENTIAN"
    assert sanksi_ketidakhadiran(9, berturut_turut=9) == "PERNYATAAN_TIDAK_PUAS"
    with pytest.raises(ValidationError):
        sanksi_ketidakhadiran(-1)
