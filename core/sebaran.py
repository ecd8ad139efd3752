"""Distributing the database by pemda (issue 20): where each table goes on Citus, and the SQL for it.

Tenant tables carry `pemda` and are distributed by it, co-located, so a join on a foreign key between
two of them (which, after the preparation below, names the pemda too) runs on one node. Reference
tables (small, installation-wide) are copied to every node. A few tables go by their own key (the
user they belong to). The audit trail and the job rows keep the installation's own rows without a
pemda; they stay on the coordinator as Citus local tables (appended, never joined by pemda).

`manage.py sebaran_sql` prints the statements; tests/test_pemda_kunci.py checks that every model is
classified here and runs the preparation step on PostgreSQL (the Citus calls need Citus)."""

import hashlib

from django.apps import apps

PROJECT_APPS = {
    "core", "ekinerja", "accounts", "notifikasi", "attendance", "activities", "skp", "tpp", "beranda", "panduan",
}  # fmt: skip

# Installation-wide tables, copied to every node.
REFERENSI = {
    "accounts.Pemda": "the pemda themselves",
    "accounts.User": "logins: a user name is unique in the installation; a user's pemda is a column",
    "accounts.User_groups": "Django's groups of a login (unused)",
    "accounts.User_user_permissions": "Django's permissions of a login (unused)",
    "core.Indeks": "the installation-wide lookups: NIP → pemda, token hash → pemda",
    "skp.KoefisienAngkaKredit": "the national table of PerBKN 3/2023",
}

# Tables distributed by their own key (the user they belong to), every uniqueness on that key: read
# only by their owner's requests and never joined to a pemda's tables. The owner may be the
# installation's operator (superadmin), who has no pemda.
KUNCI_SENDIRI = {
    "core.Draf": "user",
    "core.KunciIdempotensi": "user",
    "accounts.KodeAktivasi": "user",
    "accounts.LembarAktivasi": "dibuat_oleh",
    "notifikasi.Notifikasi": "user",
    "notifikasi.PreferensiNotifikasi": "user",
}

# Tenant tables whose installation rows (the superadmin's own actions and jobs) have no pemda: Citus
# local tables on the coordinator.
PEMDA_BOLEH_KOSONG = {"core.AuditLog": "the audit trail", "core.Job": "background jobs"}

# Other apps' tables stay installation-wide (reference tables): the login throttle, second-factor
# devices (by user), Django's permissions, content types, admin log and sessions (the cache in production).
PIHAK_KETIGA = {"admin", "auth", "contenttypes", "sessions", "axes", "otp_totp", "otp_static", "django_otp_webauthn"}

JANGKAR = "accounts.UnitKerja"  # the table every pemda-distributed table is co-located with


def semua_model() -> list:
    return [m for m in apps.get_models(include_auto_created=True) if not m._meta.proxy and m._meta.managed]


def kunci_sebaran(model) -> str | None:
    """The field `model`'s table is distributed by: "pemda", its own key, or None (not distributed)."""
    label = model._meta.label
    if label in KUNCI_SENDIRI:
        return KUNCI_SENDIRI[label]
    if label in REFERENSI or label in PEMDA_BOLEH_KOSONG or model._meta.app_label not in PROJECT_APPS:
        return None
    return "pemda"


def model_pemda() -> list:
    """The tables distributed by pemda, each after the tables it points to (Citus distributes a
    referenced table first)."""
    tenant = [m for m in semua_model() if kunci_sebaran(m) == "pemda"]
    urut, seen = [], set()

    def kunjungi(m, jalur=()):
        if m in seen or m in jalur:
            return  # done, or a cycle: its other end is distributed first
        for f in m._meta.concrete_fields:
            if f.is_relation and f.related_model in tenant and f.related_model is not m:
                kunjungi(f.related_model, (*jalur, m))
        seen.add(m)
        urut.append(m)

    for m in sorted(tenant, key=lambda m: (m._meta.label != JANGKAR, m._meta.label)):
        kunjungi(m)
    return urut


def _nama(*parts: str) -> str:
    return "pfk_" + hashlib.md5(".".join(parts).encode()).hexdigest()[:16]


def sql_persiapan() -> list[str]:
    """Plain PostgreSQL, before distributing: every pemda table's primary key becomes (id, pemda_id),
    and every foreign key between two of them (x_id, pemda_id): Citus requires the distribution
    column in a distributed table's primary key, and a row then can only point at a row of its own
    pemda. Links from tables not distributed by pemda into one lose their database constraint (a
    reference table cannot point into a distributed one); the code keeps them, as it does today."""
    tenant = model_pemda()
    sql = []
    for m in tenant:
        t = m._meta.db_table
        sql.append(f'ALTER TABLE "{t}" DROP CONSTRAINT "{t}_pkey" CASCADE;')
        sql.append(f'ALTER TABLE "{t}" ADD PRIMARY KEY ("id", "pemda_id");')
    for m in semua_model():
        for f in m._meta.concrete_fields:
            if not (f.is_relation and f.related_model in tenant and getattr(f, "db_constraint", False)):
                continue
            if m not in tenant:
                sql.append(f"-- {m._meta.db_table}.{f.column} → {f.related_model._meta.db_table}: kept by the code")
                continue
            t, r = m._meta.db_table, f.related_model._meta.db_table
            sql.append(
                f'ALTER TABLE "{t}" ADD CONSTRAINT "{_nama(t, f.column)}" FOREIGN KEY ("{f.column}", "pemda_id") '
                f'REFERENCES "{r}" ("id", "pemda_id") DEFERRABLE INITIALLY DEFERRED;'
            )
    return sql


def sql_sebaran() -> list[str]:
    """The Citus calls, after the preparation: reference tables, the coordinator's local tables, the
    tables distributed by pemda (co-located with the anchor) and those distributed by their own key."""
    sql = []
    for m in semua_model():
        label, t = m._meta.label, m._meta.db_table
        if label in REFERENSI or m._meta.app_label in PIHAK_KETIGA:
            sql.append(f"SELECT create_reference_table('{t}');")
        elif label in PEMDA_BOLEH_KOSONG:
            sql.append(f"SELECT citus_add_local_table_to_metadata('{t}');")
    jangkar = apps.get_model(JANGKAR)._meta.db_table
    for m in model_pemda():
        t = m._meta.db_table
        colocate = "'none'" if t == jangkar else f"'{jangkar}'"
        sql.append(f"SELECT create_distributed_table('{t}', 'pemda_id', colocate_with => {colocate});")
    for label, field in KUNCI_SENDIRI.items():
        m = apps.get_model(label)
        sql.append(f"SELECT create_distributed_table('{m._meta.db_table}', '{m._meta.get_field(field).column}');")
    return sql
