"""Reference data: yearly angka kredit koefisien per jenjang (PerBKN 3/2023; SIASN koefisien)."""

from decimal import Decimal

from django.db import migrations

KOEFISIEN = {
    "AHLI_PERTAMA": Decimal("12.5"),
    "AHLI_MUDA": Decimal("25"),
    "AHLI_MADYA": Decimal("37.5"),
    "AHLI_UTAMA": Decimal("50"),
    "PEMULA": Decimal("3.75"),
    "TERAMPIL": Decimal("5"),
    "MAHIR": Decimal("12.5"),
    "PENYELIA": Decimal("25"),
}


def forward(apps, schema_editor):
    model = apps.get_model("skp", "KoefisienAngkaKredit")
    for jenjang, koefisien in KOEFISIEN.items():
        model.objects.update_or_create(jenjang=jenjang, defaults={"koefisien": koefisien})


class Migration(migrations.Migration):
    dependencies = [("skp", "0001_initial")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
