from django.db import migrations


class Migration(migrations.Migration):
    """Job, Draf and KunciIdempotensi now belong to the `core` app (core/migrations/0001, which renames
    their tables); this app keeps only its migration history."""

    dependencies = [("ekinerja", "0002_draf_kunciidempotensi")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel("Job"),
                migrations.DeleteModel("Draf"),
                migrations.DeleteModel("KunciIdempotensi"),
            ]
        )
    ]
