"""The BKN bridge: the kinerjaperiodik records of a seeded quarter against a hand-checked fixture."""

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from skp import bkn
from skp.choices import JenisPeriode

from .bkn_seed import seed_quarter

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "bkn-kinerjaperiodik-2026-tw1-dinas.json"

pytestmark = pytest.mark.django_db


def _rows(cast, opd=None):
    qs = bkn.penilaian_tertutup(pemda_id=cast.pemda.pk, tahun=2026, jenis=JenisPeriode.TRIWULAN, ke=1, opd_id=opd)
    return [r for _p, r in bkn.records(qs)]


def test_the_quarter_of_one_opd_matches_the_fixture_field_by_field(cast):
    seed_quarter(cast)
    expected = json.loads(FIXTURE.read_text())
    rows = _rows(cast, cast.dinas.pk)
    assert len(rows) == len(expected) == 2  # the unrated sekretaris and the badan's pegawai are out
    for got, want in zip(rows, expected, strict=True):
        assert list(got) == list(bkn.FIELDS)
        for field in bkn.FIELDS:
            assert got[field] == want[field], field


def test_the_whole_pemda_adds_the_other_opd(cast):
    seed_quarter(cast)
    rows = _rows(cast)
    assert [r["pnsDinilaiId"][-1] for r in rows] == ["3", "4", "5"]
    lain = rows[2]
    assert (lain["hasilKinerjaNilai"], lain["perilakuKerjaNilai"], lain["kuadranKinerjaNilai"]) == (3, 2, 3)
    assert (lain["penilaiNama"], lain["penilaiNipNrp"], lain["statusPenilai"]) == ("", "", "ASN")


def test_the_annual_record_spans_the_year_without_a_periodik(cast):
    p = seed_quarter(cast)["staf_tahunan"]
    r = bkn.record(p, bkn.penilai_info(p))
    assert r["periodikId"] is None
    assert (r["bulanMulaiPenilaian"], r["bulanSelesaiPenilaian"]) == (1, 12)
    assert (r["hasilKinerjaNilai"], r["perilakuKerjaNilai"], r["kuadranKinerjaNilai"]) == (1, 3, 4)


def test_an_unrated_penilaian_has_no_record(cast):
    p = seed_quarter(cast)["sek_belum"]
    with pytest.raises(ValueError):
        bkn.record(p, None)


def test_golongan_ids_follow_siasn():
    assert [bkn.golongan_id(g) for g in ("I/a", "II/d", "III/a", "IV/e", "IX")] == ["11", "24", "31", "45", "IX"]


def test_csv_has_the_bkn_header_and_one_row_per_record(cast):
    seed_quarter(cast)
    rows = list(csv.reader(io.StringIO(bkn.as_csv(_rows(cast, cast.dinas.pk)).decode())))
    assert rows[0] == list(bkn.FIELDS)
    assert rows[1] == [
        "a1000000000000000000000000000003", "2026", "2", "1", "3", "2026", "2026", "1", "1", "1", "",
        "Sekretaris Sejati", "197502022000031002", "41", "Sekretaris Dinas", "Sekretariat", "ASN",
    ]  # fmt: skip
    assert rows[2][10] == "AHLI_PERTAMA" and len(rows) == 3


def test_the_zip_holds_json_csv_and_one_pdf_per_record(cast):
    seed_quarter(cast)
    qs = bkn.penilaian_tertutup(pemda_id=cast.pemda.pk, tahun=2026, jenis="TRIWULAN", ke=1, opd_id=cast.dinas.pk)
    data = bkn.as_zip(bkn.records(qs), dasar="x", pdf=lambda p: b"%PDF " + p.skp.pegawai.nip.encode())
    z = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(z.namelist()) == [
        "pdf/198003032005011003-0101.pdf", "pdf/199004042015032004-0101.pdf", "x.csv", "x.json",
    ]  # fmt: skip
    assert json.loads(z.read("x.json")) == json.loads(FIXTURE.read_text())
    assert z.read("pdf/199004042015032004-0101.pdf") == b"%PDF 199004042015032004"
