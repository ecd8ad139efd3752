from .tasks import aktivitas_reassign_task


def reassign_after_posting_change(sender, *, pemda_id, pegawai_ids, opd_ids, since, **kwargs):
    """A posting changed: waiting entries get their approvers re-derived, in the background (an OPD
    may have many entries waiting)."""
    aktivitas_reassign_task.delay(pemda_id, pegawai_ids, opd_ids, since.isoformat())
