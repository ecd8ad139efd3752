"""The change history of the organisation's records: one audit row per write, by whom (core.audit)."""

from typing import Any

from core import audit

from .models import User


def catat_riwayat(actor: User | None, obj, aksi: str, perubahan: dict[str, Any] | None = None) -> None:
    """`aksi` on `obj` (e.g. "ubah" on a pegawai → "pegawai:ubah"); `perubahan` is what changed
    (field → [before, after]) or what was made."""
    audit.catat(f"{obj._meta.model_name}:{aksi}", obj, actor=actor if actor and actor.pk else None, sesudah=perubahan)
