"""Accounts still on their first password (the NIP, printed on every SK) lose it: from now on they
open only with a one-time activation code from their admin (issue 13, DESIGN.md §4)."""

from django.contrib.auth.hashers import make_password
from django.db import migrations


def nip_passwords_unusable(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    batch = []
    for user in User.objects.filter(wajib_ganti_password=True).only("pk", "password").iterator(chunk_size=2000):
        if user.password.startswith("!"):  # already unusable (the demo's extra employees)
            continue
        user.password = make_password(None)
        batch.append(user)
        if len(batch) >= 2000:
            User.objects.bulk_update(batch, ["password"])
            batch = []
    if batch:
        User.objects.bulk_update(batch, ["password"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_kode_aktivasi")]

    operations = [migrations.RunPython(nip_passwords_unusable, migrations.RunPython.noop)]
