"""Issue 20: a token's OPDs move to the link table that carries the pemda (attendance.TokenOpd)."""

from django.db import migrations, models


def salin(apps, schema_editor):
    Token = apps.get_model("attendance", "TokenIntegrasi")
    TokenOpd = apps.get_model("attendance", "TokenOpd")
    rows = [
        TokenOpd(pemda_id=t.pemda_id, token_id=t.pk, opd_id=opd_id)
        for t in Token.objects.all()
        for opd_id in t.opd.values_list("pk", flat=True)
    ]
    TokenOpd.objects.bulk_create(rows)


def kembalikan(apps, schema_editor):
    Token = apps.get_model("attendance", "TokenIntegrasi")
    TokenOpd = apps.get_model("attendance", "TokenOpd")
    for t in Token.objects.all():
        t.opd.set(TokenOpd.objects.filter(token_id=t.pk).values_list("opd_id", flat=True))


class Migration(migrations.Migration):
    dependencies = [
        ("attendance", "0012_unik_dengan_pemda"),
    ]

    operations = [
        migrations.RunPython(salin, kembalikan),
        migrations.RemoveField(model_name="tokenintegrasi", name="opd"),
        migrations.AddField(
            model_name="tokenintegrasi",
            name="opd",
            field=models.ManyToManyField(
                blank=True, related_name="+", through="attendance.TokenOpd", to="accounts.unitkerja", verbose_name="OPD"
            ),
        ),
    ]
