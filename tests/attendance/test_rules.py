from datetime import date

from attendance.rules import hari_kerja_antara, is_hari_kerja, tambah_hari_kerja

NATAL = date(2026, 12, 25)  # Friday
CUTI_BERSAMA = date(2026, 12, 24)  # Thursday


def test_weekends_and_holidays_are_not_working_days():
    assert is_hari_kerja(date(2026, 11, 23))  # Monday
    assert not is_hari_kerja(date(2026, 11, 22))  # Sunday
    assert not is_hari_kerja(NATAL, {NATAL})


def test_working_days_of_a_month():
    days = hari_kerja_antara(date(2026, 12, 1), date(2026, 12, 31), {NATAL, CUTI_BERSAMA})
    assert len(days) == 21  # 23 weekdays minus two
    assert NATAL not in days and date(2026, 12, 26) not in days


def test_adding_working_days_skips_weekends_and_holidays():
    assert tambah_hari_kerja(date(2026, 11, 20), 3) == date(2026, 11, 25)  # Fri + 3 → Wed
    assert tambah_hari_kerja(date(2026, 12, 23), 3, {NATAL, CUTI_BERSAMA}) == date(2026, 12, 30)
    assert tambah_hari_kerja(date(2026, 11, 22), 0) == date(2026, 11, 22)
