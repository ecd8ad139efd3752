"""The installation-wide lookups (core.models.Indeks, issue 20): kept in step with their owners.

An app registers a model with `indeks_daftar(Model, jenis, field)`; every save and delete of a row
then writes or removes its entry in the same transaction. A key taken by another row (the same NIP
in another pemda) makes the save fail with IntegrityError, so the key stays unique across the
installation. A bulk insert, which sends no signals, calls `indeks_isi(Model)` afterwards."""

from django.db.models.signals import post_delete, post_save

from .models import Indeks

_DAFTAR: dict[type, tuple[str, str]] = {}


def indeks_daftar(model, jenis: str, field: str) -> None:
    """Keep `Indeks` rows of kind `jenis` for `model`'s `field` (called from the owner app's ready())."""
    _DAFTAR[model] = (jenis, field)
    uid = f"indeks:{model._meta.label}"
    post_save.connect(_simpan, sender=model, dispatch_uid=uid)
    post_delete.connect(_hapus, sender=model, dispatch_uid=uid)


def indeks_cari(jenis: str, kunci: str) -> Indeks | None:
    """The pemda and row id holding `kunci`, or None."""
    return Indeks.objects.filter(jenis=jenis, kunci=kunci).first()


def indeks_isi(model) -> int:
    """Add the missing entries of `model` (after a bulk insert); returns how many were added."""
    jenis, field = _DAFTAR[model]
    return indeks_tambah(Indeks, model, jenis, field)


def indeks_tambah(indeks_model, model, jenis: str, field: str) -> int:
    """The entries of kind `jenis` for `model`'s rows that have none; `indeks_model` is `Indeks`, or its
    historical version in a migration (core.skema.indeks_isi)."""
    ada = set(indeks_model.objects.filter(jenis=jenis).values_list("objek_id", flat=True))
    baru = [
        indeks_model(jenis=jenis, kunci=kunci, pemda_id=pemda_id, objek_id=pk)
        for pk, kunci, pemda_id in model._default_manager.values_list("pk", field, "pemda_id").iterator()
        if pk not in ada
    ]
    indeks_model.objects.bulk_create(baru, batch_size=2000)
    return len(baru)


def _simpan(sender, instance, created, raw=False, update_fields=None, **kwargs):
    jenis, field = _DAFTAR[sender]
    if raw or (update_fields is not None and not {field, "pemda", "pemda_id"} & set(update_fields)):
        return  # a fixture load, or a save of other fields: the entry is unchanged
    nilai = {"kunci": getattr(instance, field), "pemda_id": instance.pemda_id}
    if created or not Indeks.objects.filter(jenis=jenis, objek_id=instance.pk).update(**nilai):
        Indeks.objects.create(jenis=jenis, objek_id=instance.pk, **nilai)


def _hapus(sender, instance, **kwargs):
    jenis, _field = _DAFTAR[sender]
    Indeks.objects.filter(jenis=jenis, objek_id=instance.pk).delete()
