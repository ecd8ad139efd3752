"""manage.py audit_verify: walk every pemda's audit chain; exit 1 naming the first row that does not hold."""

from django.core.management.base import BaseCommand

from core.audit import chain_verify
from core.models import AuditLog


class Command(BaseCommand):
    help = "Periksa rantai hash jejak audit setiap pemda; keluar dengan kode 1 pada baris rusak pertama."

    def handle(self, *args, **options):
        chains = AuditLog.objects.order_by().values_list("pemda_id", flat=True).distinct()
        bad = []
        for pemda_id in chains:
            row = chain_verify(pemda_id)
            if row is not None:
                bad.append(row)
                self.stderr.write(
                    f"RUSAK: pemda {pemda_id or '-'}, baris audit id {row.pk} (urutan {row.seq}, "
                    f"{row.waktu:%Y-%m-%d %H:%M:%S}, {row.aksi}): isinya atau baris sebelumnya telah diubah."
                )
        if bad:
            raise SystemExit(1)
        self.stdout.write(f"Jejak audit utuh ({len(chains)} rantai).")
