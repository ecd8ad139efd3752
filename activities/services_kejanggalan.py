"""Writes on the anomaly flags (issue 18): the approver dismisses a flag with a note.

A flag never blocks a move; dismissing it says "I looked, and this is fine": it stays on the entry's
page and in HR's report with who dismissed it, when and why, and the nightly check leaves it so."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import ensure, is_self
from accounts.selectors import pegawai_of
from core import audit

from .models import Aktivitas
from .models_kejanggalan import Kejanggalan

MAKS_CATATAN = 500


def alasan_tolak_abaikan(actor: User, aktivitas: Aktivitas) -> str | None:
    """Why `actor` may not dismiss the flags of this entry (None: allowed). Only its verifier or
    validator may; never on one's own entry, nor on an entry one typed for a colleague (issue 17:
    what one typed, one does not vouch for)."""
    pegawai = getattr(actor, "pegawai", None)
    if pegawai is not None and is_self(actor, aktivitas.pegawai_id):
        return _("Tanda pada aktivitas Anda sendiri tidak dapat Anda abaikan; atasan Anda yang memeriksanya.")
    if aktivitas.dicatat_oleh_id is not None and aktivitas.dicatat_oleh_id == actor.pk:
        return _(
            "Anda yang mencatat aktivitas ini atas nama rekan, jadi tandanya tidak dapat Anda abaikan; atasan "
            "pegawai yang memeriksanya."
        )
    if pegawai is None or pegawai.pk not in (aktivitas.verifikator_id, aktivitas.validator_id):
        return _("Hanya atasan yang memverifikasi atau memvalidasi aktivitas ini yang dapat mengabaikan tandanya.")
    return None


@transaction.atomic
def kejanggalan_abaikan(*, actor: User, kejanggalan: Kejanggalan, catatan: str) -> Kejanggalan:
    """The entry's verifier or validator dismisses one flag with a required note (issue 18). A flag
    already dismissed is left as it is (conditional UPDATE): the second of two clicks is told so."""
    pegawai_of(
        actor, _("Hanya atasan yang memverifikasi atau memvalidasi aktivitas ini yang dapat mengabaikan tandanya.")
    )
    alasan = alasan_tolak_abaikan(actor, kejanggalan.aktivitas)
    ensure(alasan is None, alasan or "")
    catatan = (catatan or "").strip()
    if not catatan:
        raise ValidationError(
            {"catatan": _("Tulis catatan: mengapa tanda ini boleh diabaikan (misalnya apa yang sudah Anda periksa).")}
        )
    if len(catatan) > MAKS_CATATAN:
        raise ValidationError(
            {"catatan": _("Catatan paling banyak %(n)d huruf; tulis lebih singkat.") % {"n": MAKS_CATATAN}}
        )
    waktu = timezone.now()
    diubah = Kejanggalan.objects.filter(pk=kejanggalan.pk, diabaikan__isnull=True).update(
        diabaikan=waktu, diabaikan_oleh=actor, catatan_abai=catatan
    )
    if not diubah:
        raise ValidationError(_("Tanda ini sudah diabaikan sebelumnya; tidak ada yang diubah."))
    kejanggalan.diabaikan, kejanggalan.diabaikan_oleh, kejanggalan.catatan_abai = waktu, actor, catatan
    audit.catat(
        "kejanggalan:abaikan",
        kejanggalan,
        actor=actor,
        sebelum={"diabaikan": None},
        sesudah={"jenis": kejanggalan.jenis, "aktivitas": kejanggalan.aktivitas_id, "catatan": catatan},
    )
    return kejanggalan
