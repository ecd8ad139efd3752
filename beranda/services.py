"""The beranda's only write: its owner closes the first-login welcome (issue 17)."""

from django.utils import timezone

from accounts.models import User


def sambutan_tutup(*, user: User) -> None:
    """Remember that the person has read the three-step welcome, so the beranda stops showing it.
    Not audited: it changes no pay or access, only what the person's own beranda shows."""
    now = timezone.now()
    User.objects.filter(pk=user.pk, sambutan_ditutup__isnull=True).update(sambutan_ditutup=now)
    user.sambutan_ditutup = user.sambutan_ditutup or now
