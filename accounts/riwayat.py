"""The change history of the organisation's records (RiwayatPerubahan): one row per write, by whom."""

from typing import Any

from .models import RiwayatPerubahan, User


def catat_riwayat(actor: User | None, obj, aksi: str, perubahan: dict[str, Any] | None = None) -> None:
    RiwayatPerubahan.objects.create(
        pemda_id=obj.pemda_id,
        model=obj._meta.model_name,
        object_id=obj.pk,
        aksi=aksi,
        perubahan=perubahan or {},
        oleh=actor if actor and actor.pk else None,
    )
