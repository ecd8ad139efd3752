"""manage.py sebaran_sql: print the SQL that distributes this database by pemda on Citus (issue 20)."""

from django.core.management.base import BaseCommand

from core.sebaran import sql_persiapan, sql_sebaran


class Command(BaseCommand):
    help = (
        "Cetak SQL untuk membagi basis data per pemda di Citus: langkah persiapan (kunci utama dan kunci asing "
        "yang memuat pemda_id), lalu pembagian tabel. Hanya mencetak; tidak menjalankan apa pun."
    )

    def handle(self, *args, **options):
        self.stdout.write("-- 1. Persiapan (PostgreSQL biasa), dalam satu transaksi")
        self.stdout.write("BEGIN;")
        for line in sql_persiapan():
            self.stdout.write(line)
        self.stdout.write("COMMIT;")
        self.stdout.write("-- 2. Pembagian (Citus)")
        for line in sql_sebaran():
            self.stdout.write(line)
