"""Schema steps for a database distributed by pemda (issue 20), used by the apps' migrations."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def satu_ke_satu_dengan_pemda(app_label: str, model_name: str, field_name: str) -> migrations.RunPython:
    """In PostgreSQL, a one-to-one link's `UNIQUE (col)` becomes `UNIQUE (col, pemda_id)`: Citus accepts
    a unique index on a table distributed by pemda only when it holds the distribution column. Django
    keeps the field a OneToOneField (its reverse accessor and `select_related` need that); it is the
    same uniqueness, since the row's pemda is the linked row's pemda. A later AlterField of the link
    must drop `<table>_<column>_pemda_unik` and restore `<table>_<column>_key` first (the reverse
    of this step does exactly that)."""

    def _ganti(apps, schema_editor, *, maju: bool):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return  # the embedded SQLite is never distributed
        model = apps.get_model(app_label, model_name)
        table, column = model._meta.db_table, model._meta.get_field(field_name).column
        q = schema_editor.quote_name
        lama, baru = f"{table}_{column}_key", f"{table}_{column}_pemda_unik"
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, table)
        sendiri = [
            n for n, c in constraints.items() if c["unique"] and not c["primary_key"] and c["columns"] == [column]
        ]
        if maju:
            for name in sendiri:
                schema_editor.execute(f"ALTER TABLE {q(table)} DROP CONSTRAINT {q(name)}")
            schema_editor.execute(f"ALTER TABLE {q(table)} ADD CONSTRAINT {q(baru)} UNIQUE ({q(column)}, pemda_id)")
        else:
            schema_editor.execute(f"ALTER TABLE {q(table)} DROP CONSTRAINT {q(baru)}")
            schema_editor.execute(f"ALTER TABLE {q(table)} ADD CONSTRAINT {q(lama)} UNIQUE ({q(column)})")

    return migrations.RunPython(
        lambda apps, schema_editor: _ganti(apps, schema_editor, maju=True),
        lambda apps, schema_editor: _ganti(apps, schema_editor, maju=False),
        elidable=False,
    )


def pemda_dari_induk(app_label: str, anak: list[tuple[str, str, str]]) -> list:
    """Add `pemda` to child rows and fill it on the existing ones from their parent: `anak` lists
    (model, foreign key to the parent, parent model) of `app_label` (issue 20: every tenant row carries
    the key). The field is added empty here; the app's next migration makes it required."""
    tambah = [
        migrations.AddField(
            model_name=model.lower(),
            name="pemda",
            field=models.ForeignKey(
                editable=False, null=True, on_delete=models.CASCADE, related_name="+", to="accounts.pemda"
            ),
        )
        for model, _fk, _induk in anak
    ]

    def isi(apps, schema_editor):
        for model, fk, induk in anak:
            parent = apps.get_model(app_label, induk).objects.filter(pk=OuterRef(f"{fk}_id")).values("pemda_id")
            rows = apps.get_model(app_label, model).objects.filter(pemda__isnull=True)
            rows.update(pemda_id=Subquery(parent[:1]))

    return [*tambah, migrations.RunPython(isi, migrations.RunPython.noop)]


def indeks_isi(app_label: str, model: str, field: str, jenis: str) -> migrations.RunPython:
    """The installation's index (core.Indeks) of kind `jenis` from the rows of `model` already here."""

    def isi(apps, schema_editor):
        from .indeks import indeks_tambah

        indeks_tambah(apps.get_model("core", "Indeks"), apps.get_model(app_label, model), jenis, field)

    return migrations.RunPython(isi, migrations.RunPython.noop)
