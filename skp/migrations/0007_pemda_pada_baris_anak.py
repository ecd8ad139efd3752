"""Issue 20: the child and log rows carry their parent's pemda (the distribution key); filled from
the parent, then required."""

from django.db import migrations

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

    operations = pemda_dari_induk("skp", ANAK)
