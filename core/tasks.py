"""Thin Celery wrappers of the project-wide housekeeping (DESIGN.md §5)."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from .models import Draf, KunciIdempotensi

# A retry comes within minutes (ekinerja.js retries every 3–30 s); a week is far beyond any of them.
KUNCI_SIMPAN = timedelta(days=7)
# A draft nobody reopened for a month is abandoned; the pegawai's entry window is long closed.
DRAF_SIMPAN = timedelta(days=30)


@shared_task
def isian_bersihkan() -> tuple[int, int]:
    """Delete idempotency keys and drafts past their use; returns (keys, drafts) removed."""
    now = timezone.now()
    kunci, _n = KunciIdempotensi.objects.filter(dibuat__lt=now - KUNCI_SIMPAN).delete()
    draf, _n = Draf.objects.filter(diubah__lt=now - DRAF_SIMPAN).delete()
    return kunci, draf
