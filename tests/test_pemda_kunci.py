"""Issue 20: ready to distribute by pemda. Every tenant table carries `pemda` directly, and every
uniqueness on it (unique fields, constraints, the database's unique indexes, ON CONFLICT targets)
names it, so PostgreSQL can be distributed by pemda (Citus) with co-located joins. A new model fails
here until it is classified below."""

import re
from pathlib import Path

import pytest
from django.db import IntegrityError, connection, models, transaction
from django.test.utils import CaptureQueriesContext

from accounts.models import Pegawai
from accounts.selectors import user_by_nip
from attendance.models import TokenIntegrasi
from core.models import BarisAnak, Indeks
from core.sebaran import (
    KUNCI_SENDIRI,
    PEMDA_BOLEH_KOSONG,
    PIHAK_KETIGA,
    PROJECT_APPS,
    REFERENSI,
    kunci_sebaran,
    sql_persiapan,
)
from core.sebaran import semua_model as _models
from tests.factories import PegawaiFactory, PemdaFactory
from tests.helpers import aktivitas_baru
from tpp.models import UNIK as BARIS_TPP_UNIK

ROOT = Path(__file__).resolve().parent.parent


def _pemda_field(model):
    try:
        return model._meta.get_field("pemda")
    except Exception:
        return None


def _tenant_models():
    return [
        m
        for m in _models()
        if m._meta.label not in REFERENSI | KUNCI_SENDIRI.keys() and m._meta.app_label in PROJECT_APPS
    ]


def _uniques(model) -> list[tuple[str, set[str]]]:
    """Every uniqueness Django declares on `model`: (name, field names). A one-to-one link is left to
    the database's check below: in PostgreSQL its uniqueness names the pemda (core.skema), while Django
    keeps it one-to-one."""
    meta = model._meta
    found = [(f.name, {f.name}) for f in meta.concrete_fields if f.unique and not f.primary_key and not f.one_to_one]
    found += [(str(fields), set(fields)) for fields in meta.unique_together]
    found += [(c.name, set(c.fields)) for c in meta.constraints if isinstance(c, models.UniqueConstraint)]
    return found


def test_every_model_is_classified():
    """A model of a project app is a tenant table (it has `pemda`), a reference table or a table with
    its own key; one of another app is listed as installation-wide."""
    unclassified = []
    for model in _models():
        label, app = model._meta.label, model._meta.app_label
        if app in PIHAK_KETIGA or label in REFERENSI or label in KUNCI_SENDIRI:
            continue
        field = _pemda_field(model)
        if app not in PROJECT_APPS or field is None or field.related_model._meta.label != "accounts.Pemda":
            unclassified.append(label)
    assert unclassified == [], f"tables without the pemda key: {unclassified}"


def test_tenant_rows_always_name_their_pemda():
    nullable = sorted(m._meta.label for m in _tenant_models() if _pemda_field(m).null)
    assert nullable == sorted(PEMDA_BOLEH_KOSONG)


def test_every_uniqueness_names_the_distribution_key():
    missing = []
    for model in _models():
        if (key := kunci_sebaran(model)) is not None:
            missing += [f"{model._meta.label}: {name}" for name, fields in _uniques(model) if key not in fields]
    assert missing == []


@pytest.mark.django_db
def test_the_database_agrees():
    """The unique indexes PostgreSQL holds (the primary key aside) contain the distribution column:
    what Citus checks when a table is distributed."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's catalogue")
    tables = {m._meta.db_table: m for m in _models()}
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT t.relname, i.relname, array_agg(a.attname::text)
            FROM pg_index x
            JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(x.indkey)
            WHERE x.indisunique AND NOT x.indisprimary
            GROUP BY t.relname, i.relname
            """
        )
        rows = cursor.fetchall()
    missing = []
    for table, index, columns in rows:
        model = tables.get(table)
        key = kunci_sebaran(model) if model is not None else None
        if key is not None and model._meta.get_field(key).column not in columns:
            missing.append(f"{table}.{index} {columns}")
    assert missing == []
    assert len(rows) > 20  # the query did read the catalogue


ON_CONFLICT = re.compile(r"ON CONFLICT \(([^)]*)\)")
UNIQUE_FIELDS = re.compile(r"unique_fields=\[([^\]]*)\]")


def test_every_on_conflict_target_names_the_pemda():
    """Hand-written upserts (`INSERT … ON CONFLICT (…)`, `unique_fields=`) in the code and the
    benchmarks: their target is a uniqueness, so it names the pemda too."""
    targets = []
    for path in [*ROOT.glob("*/**/*.py")]:
        if ".venv" in path.parts or "migrations" in path.parts or path.name == Path(__file__).name:
            continue
        text = path.read_text(encoding="utf-8")
        targets += [(path.name, m.group(1)) for m in ON_CONFLICT.finditer(text)]
        targets += [(path.name, m.group(1)) for m in UNIQUE_FIELDS.finditer(text)]
    assert len(targets) >= 4
    missing = [t for t in targets if "pemda" not in t[1] and "{conflict}" not in t[1] and "user" not in t[1]]
    assert missing == []
    assert "pemda" in BARIS_TPP_UNIK  # the TPP rows' upserts name their target `UNIK`


@pytest.mark.django_db
def test_the_preparation_for_citus_runs_and_keeps_each_row_in_its_pemda(cast):
    """`manage.py sebaran_sql`'s first step on PostgreSQL here (rolled back with the test): primary
    keys (id, pemda_id) and foreign keys that name the pemda. The app's writes still work on it, and
    a row can no longer point at another pemda's row."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL")
    from activities.models import AktivitasLog
    from activities.services import aktivitas_submit

    statements = sql_persiapan()
    assert sum("ADD PRIMARY KEY" in s for s in statements) == len([m for m in _models() if kunci_sebaran(m) == "pemda"])
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the cast's pending checks, before ALTER TABLE
        for statement in statements:
            if not statement.startswith("--"):
                cursor.execute(statement)
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    a = aktivitas_submit(actor=cast.pegawai.user, aktivitas=aktivitas_baru(cast.pegawai))
    assert a.log.get().pemda_id == cast.pemda.pk
    other = PemdaFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AktivitasLog.objects.create(aktivitas=a, pemda=other, ke="DIAJUKAN")


def test_child_rows_take_their_parents_pemda(cast):
    from activities.services import aktivitas_submit

    a = aktivitas_baru(cast.pegawai)
    aktivitas_submit(actor=cast.pegawai.user, aktivitas=a)
    log = a.log.get()
    assert issubclass(type(log), BarisAnak) and log.pemda_id == cast.pemda.pk


@pytest.mark.django_db(transaction=True)
def test_a_nip_is_unique_across_the_installation(cast):
    """The tenant table keeps a NIP unique per pemda; the installation's index refuses the same NIP in
    another pemda, follows a change of NIP and forgets a deleted pegawai."""
    entry = Indeks.objects.get(jenis=Indeks.Jenis.NIP, kunci=cast.pegawai.nip)
    assert (entry.pemda_id, entry.objek_id) == (cast.pemda.pk, cast.pegawai.pk)
    assert user_by_nip(cast.pegawai.nip) == cast.pegawai.user
    other = PemdaFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PegawaiFactory(pemda=other, nip=cast.pegawai.nip)
    lain = PegawaiFactory(pemda=other)
    lain.nip = "199001012020121001"
    lain.save()
    assert Indeks.objects.get(jenis=Indeks.Jenis.NIP, objek_id=lain.pk).kunci == "199001012020121001"
    lain.nama = "Nama Baru"
    with CaptureQueriesContext(connection) as saved:
        lain.save(update_fields=["nama"])
    assert len(saved) == 1  # a save of other fields leaves the index alone
    Pegawai.objects.filter(pk=lain.pk).delete()
    assert not Indeks.objects.filter(jenis=Indeks.Jenis.NIP, objek_id=lain.pk).exists()


def test_a_token_is_found_through_the_index(cast):
    token = TokenIntegrasi.objects.create(pemda=cast.pemda, nama="Server absen", token_hash="a" * 64)
    entry = Indeks.objects.get(jenis=Indeks.Jenis.TOKEN, kunci="a" * 64)
    assert (entry.pemda_id, entry.objek_id) == (cast.pemda.pk, token.pk)
