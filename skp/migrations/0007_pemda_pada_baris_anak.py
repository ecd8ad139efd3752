"""Issue 20: the child and log rows carry their parent's pemda (the distribution key); filled from
the parent, then required."""

import django.db.models.deletion
from django.db import migrations, models

from core.skema import pemda_dari_induk

ANAK = [
    ("DataDukung", "skp", "Skp"),
    ("Indikator", "rhk", "Rhk"),
    ("KeberatanLog", "keberatan", "Keberatan"),
    ("Komentar", "skp", "Skp"),
    ("PenilaianRhk", "penilaian", "Penilaian"),
    ("RencanaAksi", "rhk", "Rhk"),
    ("SkpLog", "skp", "Skp"),
]


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
        pemda_dari_induk("skp", ANAK),
    ]
