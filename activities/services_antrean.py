"""The queues' upkeep: re-deriving who approves waiting entries after a posting change, and the
overdue records of the leader cascade (split from activities.services, which keeps every entry write
and the workflow)."""

from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from accounts.models import Pegawai
from attendance.rules import tambah_hari_kerja
from attendance.selectors_jadwal import libur_antara

from .choices import Peran, Status
from .models import Aktivitas, Tunggakan
from .selectors import aturan_for
from .services import _approvers

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
            chains[key] = _approvers(a)
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


def tunggakan_record(*, pemda_id: int, today: date) -> int:
    """Record entries left waiting in a supervisor's queue longer than the allowed working days."""
    aturan = aturan_for(pemda_id=pemda_id, on=today)
    libur = libur_antara(pemda_id=pemda_id, start=today - timedelta(days=120), end=today)
    created = 0
    waiting = Aktivitas.objects.filter(pemda_id=pemda_id, status__in=[Status.SUBMITTED, Status.VERIFIED])
    fields = ("pk", "status", "tanggal", "verifikator_id", "validator_id", "diajukan_pada", "diverifikasi_pada")
    for a in waiting.only(*fields):
        if a.status == Status.SUBMITTED:
            since, atasan_id, peran = a.diajukan_pada, a.verifikator_id, Peran.ATASAN
        else:
            since, atasan_id, peran = a.diverifikasi_pada, a.validator_id, Peran.ATASAN_ATASAN
        if since is None or atasan_id is None:
            continue
        batas = tambah_hari_kerja(timezone.localdate(since), aturan.batas_tunggu_hari_kerja, libur)
        if today > batas:
            _obj, new = Tunggakan.objects.get_or_create(
                aktivitas=a,
                peran=peran,
                defaults={
                    "pemda_id": pemda_id,
                    "atasan_id": atasan_id,
                    "tahun": a.tanggal.year,
                    "bulan": a.tanggal.month,
                    "batas": batas,
                },
            )
            created += new
    return created
