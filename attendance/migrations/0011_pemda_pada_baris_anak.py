"""Issue 20: the child and log rows carry their parent's pemda (the distribution key); filled from
the parent, then required."""

import django.db.models.deletion
from django.db import migrations, models

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

    operations = [
        migrations.AddField(
            model_name="jadwalhari",
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
            model_name="koreksipresensilog",
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
            model_name="permohonanlog",
            name="pemda",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.pemda",
            ),
        ),
        pemda_dari_induk("attendance", ANAK),
    ]
