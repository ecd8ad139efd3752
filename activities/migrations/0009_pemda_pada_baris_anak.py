"""Issue 20: the child and log rows carry their parent's pemda (the distribution key); filled from
the parent, then required."""

from django.db import migrations

from core.skema import pemda_dari_induk

ANAK = [
    ("AktivitasLog", "aktivitas", "Aktivitas"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0010_pegawai_siasn_id"),
        ("activities", "0008_alter_aktivitaslog_peran_alter_tunggakan_peran"),
    ]

    operations = pemda_dari_induk("activities", ANAK)
