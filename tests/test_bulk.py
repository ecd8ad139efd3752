"""core.bulk.upsert (COPY + INSERT … ON CONFLICT) writes exactly what bulk_create would."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.bulk import upsert
from tests.tpp.util import aturan
from tpp.models import UNIK, BarisTpp
from tpp.services import periode_ambil

pytestmark = pytest.mark.django_db

COLUMNS = [f.attname for f in BarisTpp._meta.concrete_fields if f.attname not in ("id", "periode_id")]


def _row(periode, pegawai, rule, **kw) -> BarisTpp:
    data = {
        "capaian": Decimal("0.8765434"),  # 7 places into a 6-place column: rounded as the ORM rounds
        "kaskade_pct": Decimal("2"),
        "kejadian": {"TL1": 2, "TIDAK_APEL": 1},
        "masukan": {"golongan": "III/a", "hari_permohonan": {"CUTI_TAHUNAN": 2}, "hukdis_pct": "0"},
        "besaran": 3_000_000,
        "neto": 2_512_345,
        "galat": "",
        "dihitung": timezone.make_aware(datetime(2026, 11, 1, 8, 0, 0, 123456)),
    }
    return BarisTpp(periode=periode, pemda_id=periode.pemda_id, pegawai=pegawai, aturan=rule, **(data | kw))


def _values(periode) -> list[tuple]:
    return list(BarisTpp.objects.filter(periode=periode).order_by("pegawai_id").values_list(*COLUMNS))


def test_upsert_inserts_and_updates_like_bulk_create(cast):
    rule = aturan(cast.pemda)
    a = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=9)
    b = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    people = [cast.pegawai, cast.atasan]
    fields = [f.name for f in BarisTpp._meta.concrete_fields if f.name not in ("id", "periode", "pegawai", "beku")]

    BarisTpp.objects.bulk_create([_row(a, p, rule, beku={"neto": 1}) for p in people])
    upsert(BarisTpp, [_row(b, p, rule, beku={"neto": 1}) for p in people], unique_fields=UNIK,
           update_fields=fields)  # fmt: skip
    assert _values(b) == _values(a)
    row = BarisTpp.objects.get(periode=b, pegawai=cast.pegawai)
    assert (row.capaian, row.kejadian, row.beku) == (Decimal("0.876543"), {"TL1": 2, "TIDAK_APEL": 1}, {"neto": 1})

    # A second write updates the listed fields in place (same ids) and leaves `beku` alone.
    ids = sorted(BarisTpp.objects.filter(periode=b).values_list("pk", flat=True))
    new = [_row(b, p, rule, neto=7, kejadian={}, galat="x", beku=None) for p in people]
    upsert(BarisTpp, new, unique_fields=UNIK, update_fields=fields)
    BarisTpp.objects.bulk_create(
        [_row(a, p, rule, neto=7, kejadian={}, galat="x", beku=None) for p in people],
        update_conflicts=True,
        unique_fields=UNIK,
        update_fields=fields,
    )
    assert _values(b) == _values(a)
    assert sorted(BarisTpp.objects.filter(periode=b).values_list("pk", flat=True)) == ids
    assert list(BarisTpp.objects.filter(periode=b).values_list("neto", "galat", "beku")) == [(7, "x", {"neto": 1})] * 2


def test_upsert_failure_leaves_nothing_behind(cast):
    rule = aturan(cast.pemda)
    b = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    bad = _row(b, cast.pegawai, rule, besaran=-1)  # violates the PositiveBigIntegerField check
    with pytest.raises(IntegrityError), transaction.atomic():
        upsert(BarisTpp, [bad], unique_fields=UNIK, update_fields=["besaran"])
    # the temporary table went with the rolled-back savepoint: the next upsert works
    upsert(BarisTpp, [_row(b, cast.pegawai, rule)], unique_fields=UNIK, update_fields=["neto"])
    assert BarisTpp.objects.filter(periode=b).count() == 1
