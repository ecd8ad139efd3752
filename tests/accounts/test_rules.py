from datetime import date

import pytest
from django.core.exceptions import ValidationError

from accounts.rules import build_nip, parse_nip


def test_it_reads_a_pns_nip_with_spaces():
    info = parse_nip("19860926 201505 1 001")
    assert info.nip == "198609262015051001"
    assert info.tanggal_lahir == date(1986, 9, 26)
    assert info.jenis == "PNS"
    assert info.tmt_cpns == date(2015, 5, 1)
    assert info.tahun_pengangkatan == 2015
    assert info.jenis_kelamin == "L"
    assert info.nomor_urut == 1


def test_it_reads_a_female_pns_nip_with_a_higher_serial():
    info = parse_nip("199107252019032012")
    assert (info.jenis, info.jenis_kelamin, info.nomor_urut) == ("PNS", "P", 12)
    assert info.tmt_cpns == date(2019, 3, 1)


def test_it_reads_a_pppk_ni():
    info = parse_nip("199402182023212015")
    assert info.jenis == "PPPK"
    assert info.tmt_cpns is None
    assert info.tahun_pengangkatan == 2023
    assert info.tanggal_lahir == date(1994, 2, 18)
    assert info.jenis_kelamin == "P"
    assert info.nomor_urut == 15


def test_it_reads_a_pppk_paruh_waktu_ni():
    assert parse_nip("199001012024241003").jenis == "PPPK"


@pytest.mark.parametrize(
    ("nip", "code"),
    [
        ("19860926201505100", "nip_length"),  # 17 digits
        ("1986092620150510011", "nip_length"),  # 19 digits
        ("", "nip_length"),
        ("19860926-201505-1-001", "nip_not_digits"),
        ("1986092620150510O1", "nip_not_digits"),  # letter O
        ("１９８６０９２６２０１５０５１００１", "nip_not_digits"),  # full-width digits
        ("198602302015051001", "nip_birth_date"),  # 30 February
        ("198613012015051001", "nip_birth_date"),  # month 13
        ("180001012015051001", "nip_birth_date"),  # born 1800
        ("198609262015001001", "nip_tmt"),  # month 00: neither PNS nor PPPK
        ("198609261980051001", "nip_tmt"),  # appointed before birth
        ("198609262015053001", "nip_gender"),
        ("198609262015050001", "nip_gender"),
        ("198609262015051000", "nip_serial"),
    ],
)
def test_it_rejects_an_invalid_nip(nip, code):
    with pytest.raises(ValidationError) as exc:
        parse_nip(nip)
    assert exc.value.code == code
    assert exc.value.messages[0]  # an Indonesian message for the user


def test_it_rejects_a_non_string():
    with pytest.raises(ValidationError):
        parse_nip(198609262015051001)  # type: ignore[arg-type]


def test_build_nip_is_the_inverse_of_parse_nip():
    nip = build_nip(tanggal_lahir=date(1970, 1, 31), jenis_kelamin="P", nomor_urut=7, tmt_cpns=date(1995, 3, 1))
    assert nip == "197001311995032007"
    info = parse_nip(nip)
    assert (info.tanggal_lahir, info.tmt_cpns, info.jenis_kelamin, info.nomor_urut) == (
        date(1970, 1, 31),
        date(1995, 3, 1),
        "P",
        7,
    )
    ni = build_nip(tanggal_lahir=date(1994, 2, 18), jenis_kelamin="L", nomor_urut=3, tahun_pppk=2023)
    assert ni == "199402182023211003"
    assert parse_nip(ni).jenis == "PPPK"
