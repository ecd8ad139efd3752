"""Schema steps for a database distributed by pemda (issue 20), used by the apps' migrations."""

from django.db import migrations


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
