"""Issue 20: the child and log rows carry their parent's pemda (the distribution key); filled from
the parent, then required."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

ANAK = [
    ("AktivitasLog", "aktivitas", "Aktivitas"),
]


def pemda_isi(apps, schema_editor):
    for model, fk, induk in ANAK:
        Parent = apps.get_model("activities", induk)
        pemda = Parent.objects.filter(pk=OuterRef(f"{fk}_id")).values("pemda_id")[:1]
        apps.get_model("activities", model).objects.filter(pemda__isnull=True).update(pemda_id=Subquery(pemda))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0010_pegawai_siasn_id"),
        ("activities", "0008_alter_aktivitaslog_peran_alter_tunggakan_peran"),
    ]

    operations = [
        migrations.AddField(
            model_name="aktivitaslog",
            name="pemda",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.pemda",
            ),
        ),
        migrations.RunPython(pemda_isi, migrations.RunPython.noop),
    ]
