"""The audit trail (issue 15): appended in the write's transaction, chained per pemda, refused any
change by the ORM and by the database, and `audit_verify` names the first row that was altered."""

import subprocess
import sys
import threading

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from core import audit
from core.models import AuditLog


@pytest.mark.django_db
def test_rows_chain_per_pemda_and_verify_holds(cast):
    a = audit.catat(
        "pegawai:ubah", cast.pegawai, actor=cast.hr, sebelum={"golongan": "II/a"}, sesudah={"golongan": "II/b"}
    )
    b = audit.catat("pegawai:ubah", cast.atasan, actor=cast.hr)
    other = audit.catat("pemda:buat", actor=cast.superadmin, objek_tipe="accounts.pemda", pemda_id=None)
    assert (a.seq, b.seq) == (1, 2) and b.hash_sebelum == a.hash
    assert other.seq == 1 and other.hash_sebelum == audit.AWAL  # a chain of its own
    assert a.pemda_id == cast.pemda.pk and a.pegawai_id == cast.pegawai.pk
    assert a.actor_nama.endswith(f"({cast.hr.username})") and a.peran == cast.hr.role
    assert audit.chain_verify(cast.pemda.pk) is None
    call_command("audit_verify")


@pytest.mark.django_db
def test_the_orm_refuses_changes(cast):
    row = audit.catat("libur:tambah", actor=cast.hr, objek_tipe="attendance.harilibur", objek_id=1)
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        row.delete()
    with pytest.raises(PermissionError):
        AuditLog.objects.filter(pk=row.pk).update(aksi="x")
    with pytest.raises(PermissionError):
        AuditLog.objects.filter(pk=row.pk).delete()


@pytest.mark.django_db
def test_a_row_goes_with_the_write_that_rolls_back(cast):
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.catat("hukdis:simpan", actor=cast.hr, objek_tipe="tpp.hukumandisiplin")
        raise RuntimeError
    assert not AuditLog.objects.exists()


@pytest.mark.django_db
def test_the_database_refuses_update_and_delete(cast):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger is PostgreSQL's")
    row = audit.catat("pin:ubah", actor=cast.hr, objek_tipe="attendance.pinmesin")
    for sql in ("UPDATE core_auditlog SET aksi = 'x' WHERE id = %s", "DELETE FROM core_auditlog WHERE id = %s"):
        with pytest.raises(DatabaseError, match="Jejak audit"), transaction.atomic(), connection.cursor() as c:
            c.execute(sql, [row.pk])


@pytest.mark.django_db(transaction=True)
def test_audit_verify_fails_naming_the_row_altered_in_the_database(cast):
    """What an attacker with database access would do: lift the trigger, edit a row, put it back."""
    rows = [audit.catat("gaji:ubah", cast.pegawai, actor=cast.hr, sesudah={"gaji_dasar": n}) for n in (1, 2, 3)]
    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute("ALTER TABLE core_auditlog DISABLE TRIGGER core_auditlog_append_only")
        c.execute("UPDATE core_auditlog SET sesudah = %s WHERE id = %s", ['{"gaji_dasar": 99}', rows[1].pk])
        if connection.vendor == "postgresql":
            c.execute("ALTER TABLE core_auditlog ENABLE TRIGGER core_auditlog_append_only")
    assert audit.chain_verify(cast.pemda.pk).pk == rows[1].pk
    out = subprocess.run(
        [sys.executable, "manage.py", "audit_verify"], capture_output=True, text=True, env=_env(), check=False
    )
    assert out.returncode == 1 and f"baris audit id {rows[1].pk}" in out.stderr


def _env():
    import os

    from django.conf import settings

    env = dict(os.environ)
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return env


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_make_one_unbroken_chain(cast):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one at a time")
    errors = []

    def write(n):
        try:
            for i in range(5):
                audit.catat("token:buat", actor=cast.hr, objek_tipe="attendance.token", objek_id=f"{n}-{i}")
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert sorted(AuditLog.objects.filter(pemda=cast.pemda).values_list("seq", flat=True)) == list(range(1, 21))
    assert audit.chain_verify(cast.pemda.pk) is None


@pytest.mark.django_db
def test_a_change_in_the_django_admin_goes_on_the_trail(cast, rf):
    """The superadmin's fallback writes outside the services: the fields the form changed, before and after."""
    from django.contrib import admin as django_admin

    from accounts.models import Pegawai

    model_admin = django_admin.site._registry[Pegawai]
    form_class = model_admin.get_form(rf.get("/"), cast.pegawai, change=True, fields=["gaji_dasar", "nama"])
    lama = cast.pegawai.gaji_dasar
    data = {"gaji_dasar": str(lama + 100_000), "nama": cast.pegawai.nama}
    form = form_class(data, instance=Pegawai.objects.get(pk=cast.pegawai.pk))
    assert form.is_valid(), form.errors
    request = rf.post("/")
    request.user = cast.superadmin
    model_admin.save_model(request, form.save(commit=False), form, change=True)
    row = AuditLog.objects.get(aksi="pegawai:admin_ubah")
    assert row.sebelum == {"gaji_dasar": lama} and row.sesudah == {"gaji_dasar": lama + 100_000}
    assert (row.actor_id, row.pegawai_id) == (cast.superadmin.pk, cast.pegawai.pk)
