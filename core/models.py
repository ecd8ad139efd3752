from django.conf import settings
from django.db import models


class TransitionLog(models.Model):
    """Every move of a workflow object (core.workflow): who, when, from, to, the note, and the role
    the actor acted in. Each workflow's log inherits it, adds the foreign key to its object (named as
    the workflow's `log_fk`) and may narrow `dari`, `ke` and `peran` to its own choices."""

    dari = models.CharField(max_length=20, blank=True)
    ke = models.CharField(max_length=20)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    peran = models.CharField(max_length=20, blank=True)
    catatan = models.CharField(max_length=500, blank=True)
    waktu = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["waktu", "pk"]
