"""Thin Celery wrappers of the delivery (DESIGN.md §5); the rules are in notifikasi/services.py."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import services


@shared_task
def notifikasi_antar_task(ids: list[int]) -> None:
    """The notifications one action wrote: one delivery task each, so each retries on its own."""
    for pk in ids:
        notifikasi_kirim_task.delay(pk)


@shared_task(bind=True)
def notifikasi_kirim_task(self, pk: int) -> None:
    """Deliver one notification; inside quiet hours, again when they end; on failure, retry with backoff.

    A delivery scheduled hours ahead may come twice (Redis hands an unacknowledged ETA task to another
    worker after its visibility timeout): the claim in the service makes the second one do nothing.
    """
    retries = settings.NOTIFICATION_RETRIES
    hasil = services.notifikasi_antar(pk=pk, now=timezone.now(), terakhir=self.request.retries >= retries)
    if hasil.nanti:
        notifikasi_kirim_task.apply_async((pk,), eta=hasil.nanti)
    elif hasil.ulang:
        raise self.retry(countdown=settings.NOTIFICATION_RETRY_DELAY * 2**self.request.retries, max_retries=retries)
