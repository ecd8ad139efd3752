"""Issue 20: the child and log rows carry their parent's pemda (the distribution key); filled from
the parent, then required."""

from django.db import migrations

from core.skema import pemda_dari_induk

ANAK = [
    ("PeriodeTppLog", "periode", "PeriodeTpp"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0010_pegawai_siasn_id"),
        ("tpp", "0005_aturan_satu_sumber"),
    ]

    operations = pemda_dari_induk("tpp", ANAK)
