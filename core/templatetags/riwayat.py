"""`{% riwayat obj %}`: the last rows of the audit trail about one object, on its own page (issue 15).

Shown only to HR pemda (their pemda's rows) and the superadmin; anyone else gets nothing, not even a
query. A pegawai stands for everything about that person (the rows whose `pegawai_id` is theirs);
any other object for its own rows (`objek_tipe`, `objek_id`). One query, the newest 20 rows, and a
link to the full audit page filtered to the same object. Core imports no domain app: the user's
roles and the object's NIP are read as attributes.
"""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from core.audit import audit_visible_to
from core.models import AuditLog

register = template.Library()

BANYAK = 20  # rows shown; the link opens the rest


def _rows(user, obj, is_pegawai: bool) -> list[AuditLog]:
    qs = audit_visible_to(user)
    if is_pegawai:
        qs = qs.filter(pegawai_id=obj.pk)
    else:
        qs = qs.filter(objek_tipe=obj._meta.label_lower, objek_id=str(obj.pk))
    return list(qs.order_by("-waktu", "-pk")[:BANYAK])


def _tautan(obj, is_pegawai: bool, pegawai) -> str:
    """The audit page (org:audit_list) filtered to the object: a pegawai by NIP; anything else by its
    kind of action and, when known, its pegawai's NIP, else its name."""
    if is_pegawai:
        params = {"pegawai": obj.nip}
    else:
        params = {"jenis": f"{obj._meta.model_name}:"}
        if nip := getattr(pegawai, "nip", ""):
            params["pegawai"] = nip
        else:
            params["q"] = str(obj)
    return f"{reverse('org:audit_list')}?{urlencode(params)}"


@register.inclusion_tag("core/_riwayat.html", takes_context=True)
def riwayat(context, obj, pegawai=None):
    """The object's audit rows for HR; `pegawai` (optional) narrows the link to that person."""
    request = context.get("request")
    user = getattr(request, "user", None)
    boleh = bool(getattr(user, "is_hr_pemda", False) or getattr(user, "is_superadmin", False))
    if not boleh or obj is None or getattr(obj, "pk", None) is None:
        return {"tampil": boleh and obj is not None, "rows": [], "tautan": ""}
    is_pegawai = obj._meta.label_lower == "accounts.pegawai"
    return {
        "tampil": True,
        "rows": _rows(user, obj, is_pegawai),
        "tautan": _tautan(obj, is_pegawai, pegawai),
    }
