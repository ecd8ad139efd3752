"""Issue 20: the child and log rows carry their parent's pemda (the distribution key); filled from
the parent, then required."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

ANAK = [
    ("DataDukung", "skp", "Skp"),
    ("Indikator", "rhk", "Rhk"),
    ("KeberatanLog", "keberatan", "Keberatan"),
    ("Komentar", "skp", "Skp"),
    ("PenilaianRhk", "penilaian", "Penilaian"),
    ("RencanaAksi", "rhk", "Rhk"),
    ("SkpLog", "skp", "Skp"),
]


def pemda_isi(apps, schema_editor):
    for model, fk, induk in ANAK:
        Parent = apps.get_model("skp", induk)
        pemda = Parent.objects.filter(pk=OuterRef(f"{fk}_id")).values("pemda_id")[:1]
        apps.get_model("skp", model).objects.filter(pemda__isnull=True).update(pemda_id=Subquery(pemda))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0010_pegawai_siasn_id"),
        ("skp", "0006_bknekspor_bknkirim"),
    ]

    operations = [
        migrations.AddField(
            model_name="datadukung",
            name="pemda",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.pemda",
            ),
        ),
        migrations.AddField(
            model_name="indikator",
            name="pemda",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.pemda",
            ),
        ),
        migrations.AddField(
            model_name="keberatanlog",
            name="pemda",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.pemda",
            ),
        ),
        migrations.AddField(
            model_name="komentar",
            name="pemda",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.pemda",
            ),
        ),
        migrations.AddField(
            model_name="penilaianrhk",
            name="pemda",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.pemda",
            ),
        ),
        migrations.AddField(
            model_name="rencanaaksi",
            name="pemda",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.pemda",
            ),
        ),
        migrations.AddField(
            model_name="skplog",
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
