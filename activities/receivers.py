from .selectors import kalender_lupakan
from .tasks import aktivitas_reassign_task


def reassign_after_posting_change(sender, *, pemda_id, pegawai_ids, opd_ids, since, **kwargs):
    """A posting changed: waiting entries get their approvers re-derived, in the background (an OPD
    may have many entries waiting)."""
    aktivitas_reassign_task.delay(pemda_id, pegawai_ids, opd_ids, since.isoformat())


def lupakan_kalender(sender, *, instance=None, pemda_id=None, **kwargs):
    """A rule version, an outage or a holiday was written: this process forgets its kept copy of the
    pemda's input calendar (the others within activities.selectors.KALENDER_TTL)."""
    kalender_lupakan(pemda_id if pemda_id is not None else instance.pemda_id)
