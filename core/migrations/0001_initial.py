import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Job, Draf and KunciIdempotensi move here from the `ekinerja` app (ekinerja/migrations/0003):
    the state is created over the existing tables, which are then renamed to this app's names."""

    initial = True

    dependencies = [
        ("accounts", "0005_first_passwords_unusable"),
        ("ekinerja", "0003_models_to_core"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Draf",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("kunci", models.CharField(max_length=100, verbose_name="kunci formulir")),
                        ("data", models.JSONField(default=dict)),
                        ("diubah", models.DateTimeField(auto_now=True)),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="draf",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "ekinerja_draf",
                        "verbose_name": "draf isian",
                        "verbose_name_plural": "draf isian",
                        "constraints": [models.UniqueConstraint(fields=("user", "kunci"), name="draf_unik_per_user")],
                    },
                ),
                migrations.CreateModel(
                    name="Job",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("kind", models.CharField(max_length=60, verbose_name="jenis")),
                        ("title", models.CharField(max_length=200, verbose_name="judul")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("PENDING", "Menunggu giliran"),
                                    ("RUNNING", "Sedang berjalan"),
                                    ("DONE", "Selesai"),
                                    ("FAILED", "Gagal"),
                                ],
                                default="PENDING",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        ("total", models.PositiveIntegerField(default=0)),
                        ("done", models.PositiveIntegerField(default=0)),
                        ("message", models.CharField(blank=True, max_length=500, verbose_name="pesan")),
                        ("params", models.JSONField(blank=True, default=dict)),
                        ("result", models.JSONField(blank=True, default=dict)),
                        ("file", models.FileField(blank=True, upload_to="jobs/%Y/%m/", verbose_name="berkas")),
                        ("error", models.TextField(blank=True, verbose_name="galat")),
                        ("created", models.DateTimeField(auto_now_add=True)),
                        ("started", models.DateTimeField(blank=True, null=True)),
                        ("finished", models.DateTimeField(blank=True, null=True)),
                        (
                            "created_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="jobs",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "pemda",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="accounts.pemda",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "ekinerja_job",
                        "verbose_name": "pekerjaan latar",
                        "verbose_name_plural": "pekerjaan latar",
                        "ordering": ["-created"],
                        "indexes": [
                            models.Index(fields=["created_by", "-created"], name="ekinerja_jo_created_d5ab22_idx")
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="KunciIdempotensi",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("kunci", models.UUIDField(verbose_name="kunci")),
                        ("hasil_url", models.CharField(blank=True, max_length=500, verbose_name="alamat hasil")),
                        ("objek_id", models.BigIntegerField(blank=True, null=True)),
                        ("dibuat", models.DateTimeField(auto_now_add=True, db_index=True)),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "ekinerja_kunciidempotensi",
                        "verbose_name": "kunci idempotensi",
                        "verbose_name_plural": "kunci idempotensi",
                        "constraints": [
                            models.UniqueConstraint(fields=("user", "kunci"), name="kunci_idempotensi_unik_per_user")
                        ],
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name="draf", table=None),
        migrations.AlterModelTable(name="job", table=None),
        migrations.AlterModelTable(name="kunciidempotensi", table=None),
        migrations.RenameIndex(
            model_name="job", new_name="job_pembuat_terbaru_idx", old_name="ekinerja_jo_created_d5ab22_idx"
        ),
    ]
