"""Issue 20: the child and log rows carry their parent's pemda (the distribution key); filled from
the parent, then required."""

import django.db.models.deletion
from django.db import migrations, models

from core.skema import pemda_dari_induk

ANAK = [
    ("PeriodeTppLog", "periode", "PeriodeTpp"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0010_pegawai_siasn_id"),
        ("tpp", "0005_aturan_satu_sumber"),
    ]

    operations = [
        migrations.AddField(
            model_name="periodetpplog",
            name="pemda",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.pemda",
            ),
        ),
        pemda_dari_induk("tpp", ANAK),
    ]
