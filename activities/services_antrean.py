"""The queues' upkeep after a posting change: re-deriving who approves waiting entries (split from
activities.services, which keeps every entry write and the workflow; the overdue records of the leader
cascade are in activities.tunggakan)."""

from datetime import date

from django.db.models import Q

from accounts.models import Pegawai

from .alur import penyetuju
from .choices import Status
from .models import Aktivitas

# --- postings changed: who approves pending entries --------------------------------------------


def aktivitas_reassign(*, pemda_id: int, pegawai_ids: list[int], opd_ids: list[int], since: date) -> int:
    """Re-derive the verifier and validator of waiting entries after a posting change (from its date).

    Affected: entries of the OPDs whose tree changed, and entries the moved people approve.
    """
    changed = 0
    waiting = Aktivitas.objects.filter(
        Q(pegawai__opd_id__in=opd_ids) | Q(verifikator_id__in=pegawai_ids) | Q(validator_id__in=pegawai_ids),
        pemda_id=pemda_id,
        status__in=[Status.SUBMITTED, Status.VERIFIED],
        tanggal__gte=since,
    ).select_related("pegawai")
    chains: dict[tuple[int, date], tuple[Pegawai | None, Pegawai | None]] = {}
    for a in waiting:
        key = (a.pegawai_id, a.tanggal)
        if key not in chains:
            chains[key] = penyetuju(a)
        atasan, atasan2 = chains[key]
        fields = {}
        if a.status == Status.SUBMITTED and a.verifikator_id != getattr(atasan, "pk", None):
            fields["verifikator"] = atasan
        if a.validator_id != getattr(atasan2, "pk", None):
            fields["validator"] = atasan2
        if fields:
            changed += Aktivitas.objects.filter(pk=a.pk, status=a.status).update(**fields)
    return changed


# --- the leader cascade ----------------------------------------------------------------------
