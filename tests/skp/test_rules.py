"""The contract functions of skp/rules.py (DESIGN.md §6) and the other pure rules."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from skp import rules
from skp.choices import Predikat, Status


@pytest.mark.parametrize(
    ("hasil", "perilaku", "expected"),
    [
        ("DI_ATAS", "DI_ATAS", "SANGAT_BAIK"),
        ("DI_ATAS", "SESUAI", "BAIK"),
        ("DI_ATAS", "DI_BAWAH", "KURANG"),
        ("SESUAI", "DI_ATAS", "BAIK"),
        ("SESUAI", "SESUAI", "BAIK"),
        ("SESUAI", "DI_BAWAH", "KURANG"),
        ("DI_BAWAH", "DI_ATAS", "BUTUH_PERBAIKAN"),
        ("DI_BAWAH", "SESUAI", "BUTUH_PERBAIKAN"),
        ("DI_BAWAH", "DI_BAWAH", "SANGAT_KURANG"),
    ],
)
def test_predikat_matrix_all_nine_cells(hasil, perilaku, expected):
    result = rules.predikat(hasil, perilaku)
    assert result == expected and type(result) is str


def test_the_matrix_is_not_symmetric():
    assert rules.predikat("DI_ATAS", "DI_BAWAH") == "KURANG"
    assert rules.predikat("DI_BAWAH", "DI_ATAS") == "BUTUH_PERBAIKAN"


@pytest.mark.parametrize(
    ("hasil", "perilaku"), [("BAGUS", "SESUAI"), ("SESUAI", ""), ("sesuai", "SESUAI"), (None, "X")]
)
def test_predikat_rejects_unknown_ratings(hasil, perilaku):
    with pytest.raises(ValidationError):
        rules.predikat(hasil, perilaku)


@pytest.mark.parametrize(
    ("predikat", "koefisien", "bulan", "expected"),
    [
        ("SANGAT_BAIK", Decimal("12.5"), 12, Decimal("18.75")),
        ("BAIK", Decimal("25"), 12, Decimal("25")),
        ("BUTUH_PERBAIKAN", Decimal("37.5"), 12, Decimal("28.125")),
        ("KURANG", Decimal("50"), 12, Decimal("25")),
        ("SANGAT_KURANG", Decimal("5"), 12, Decimal("1.25")),
        ("BAIK", Decimal("12.5"), 3, Decimal("3.125")),
        ("SANGAT_BAIK", Decimal("25"), 1, Decimal("3.125")),
    ],
)
def test_angka_kredit_perbkn_3_2023(predikat, koefisien, bulan, expected):
    assert rules.angka_kredit(predikat, koefisien, bulan) == expected


def test_angka_kredit_is_unrounded():
    # 1/12 × 75% × 12,5 = 0,78125 exactly; no quantisation to two places
    assert rules.angka_kredit("BUTUH_PERBAIKAN", Decimal("12.5"), 1) == Decimal("0.78125")
    assert rules.angka_kredit("BAIK", Decimal("3.75")) == Decimal("3.75")


@pytest.mark.parametrize(
    ("predikat", "koefisien", "bulan"),
    [("ISTIMEWA", Decimal(25), 12), ("BAIK", Decimal(-1), 12), ("BAIK", Decimal(25), 0), ("BAIK", Decimal(25), 13)],
)
def test_angka_kredit_rejects_bad_input(predikat, koefisien, bulan):
    with pytest.raises(ValidationError):
        rules.angka_kredit(predikat, koefisien, bulan)


def test_transitions_table():
    assert rules.peran_for(Status.DRAFT, Status.DIAJUKAN) == "PEGAWAI"
    assert rules.peran_for(Status.DIAJUKAN, Status.DISETUJUI) == "PENILAI"
    assert rules.peran_for(Status.DRAFT, Status.DISETUJUI) is None
    assert rules.peran_for(Status.DISETUJUI, Status.DRAFT) is None


def test_periods():
    assert rules.periode_range(2026, "TRIWULAN", 4) == (date(2026, 10, 1), date(2026, 12, 31))
    assert rules.periode_range(2026, "BULANAN", 2) == (date(2026, 2, 1), date(2026, 2, 28))
    assert rules.periode_range(2026, "TAHUNAN", 1) == (date(2026, 1, 1), date(2026, 12, 31))
    with pytest.raises(ValidationError):
        rules.periode_range(2026, "TRIWULAN", 5)
    assert rules.periode_of("TRIWULAN", date(2026, 11, 5)) == 4
    assert rules.bulan_antara(date(2026, 7, 1), date(2026, 12, 31)) == 6


@pytest.mark.parametrize(
    ("capaian", "expected"),
    [
        (None, None),
        (Decimal("1.10"), "DI_ATAS"),
        (Decimal("1.0999"), "SESUAI"),
        (Decimal("0.90"), "SESUAI"),
        (Decimal("0.8999"), "DI_BAWAH"),
        (Decimal(0), "DI_BAWAH"),
    ],
)
def test_suggested_rating(capaian, expected):
    assert rules.saran_hasil_kerja(capaian) == expected


def test_distribution_curve_for_a_baik_organisation():
    P = Predikat
    assert rules.distribusi_peringatan(P.BAIK, {P.BAIK: 7, P.BUTUH_PERBAIKAN: 3}) == []
    warnings = rules.distribusi_peringatan(P.BAIK, {P.BAIK: 8, P.SANGAT_BAIK: 2})
    assert len(warnings) == 2 and "70%" in warnings[0]
    assert rules.distribusi_peringatan(P.SANGAT_KURANG, {P.SANGAT_KURANG: 6, P.SANGAT_BAIK: 1, P.BAIK: 3}) == [
        "Organisasi berpredikat Sangat Kurang: tidak boleh ada pegawai berpredikat Sangat Baik."
    ]
    assert len(rules.distribusi_peringatan(P.SANGAT_BAIK, {P.SANGAT_BAIK: 8, P.BAIK: 2})) == 1
    assert rules.distribusi_peringatan(P.BAIK, {}) == []
