from django.db.models import QuerySet

from .models import Job


def job_visible_to(user) -> QuerySet[Job]:
    """A job is seen by whoever started it; a superadmin sees all."""
    qs = Job.objects.all()
    return qs if user.is_superadmin else qs.filter(created_by=user)
