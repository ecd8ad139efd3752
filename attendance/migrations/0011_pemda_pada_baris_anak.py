"""Issue 20: the child and log rows carry their parent's pemda (the distribution key); filled from
the parent, then required."""

from django.db import migrations

from core.skema import pemda_dari_induk

ANAK = [
    ("JadwalHari", "jadwal", "JadwalKerja"),
    ("KoreksiPresensiLog", "koreksi", "KoreksiPresensi"),
    ("PermohonanLog", "permohonan", "Permohonan"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0010_pegawai_siasn_id"),
        ("attendance", "0010_token_izin"),
    ]

    operations = pemda_dari_induk("attendance", ANAK)
