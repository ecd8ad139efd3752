"""Every write of helper entry (issue 17): naming and deactivating helpers (HR, admin OPD), a pegawai
asking a helper and revoking that. Each goes on the audit trail (core.audit). The entries a helper
types go through activities.services (aktivitas_save and the workflow) with the consent `izin`."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Pegawai, UnitKerja, User
from accounts.permissions import Tindakan, check_manage, check_no_conflict
from accounts.selectors import pegawai_of
from core import audit
from core.dates import today

from .models import IzinPembantu, Pembantu
from .selectors_pembantu import pembantu_tersedia, unit_of

_KOLOM = ("pegawai", "unit", "mulai")


@transaction.atomic
def pembantu_create(*, actor: User, pegawai: Pegawai, unit: UnitKerja, mulai: date | None = None) -> Pembantu:
    """HR (the pemda) or the admin OPD (their OPD) names a pegawai of the unit's OPD helper entry for the
    unit's colleagues; never themselves nor anyone in their own atasan chain."""
    check_manage(actor, pemda_id=unit.pemda_id, opd_id=unit.opd_id)
    check_no_conflict(actor, pegawai, Tindakan.PEMBANTU)
    if pegawai.pemda_id != unit.pemda_id or pegawai.opd_id != unit.opd_id:
        raise ValidationError({"pegawai": _("Pembantu pengisian harus pegawai OPD tempat unit itu berada.")})
    if Pembantu.objects.filter(pegawai=pegawai, unit=unit, berakhir__isnull=True).exists():
        raise ValidationError(
            {"pegawai": _("%(nama)s sudah menjadi pembantu pengisian untuk unit ini.") % {"nama": pegawai.nama_lengkap}}
        )
    p = Pembantu(pemda_id=unit.pemda_id, pegawai=pegawai, unit=unit, mulai=mulai or today(), dibuat_oleh=actor)
    p.save()
    audit.catat("pembantu:tunjuk", p, actor=actor, sesudah=audit.nilai(p, _KOLOM))
    return p


@transaction.atomic
def pembantu_akhiri(*, actor: User, pembantu: Pembantu) -> Pembantu:
    """Deactivate a designation: every consent given to it stops working at once (izin_bantu)."""
    check_manage(actor, pemda_id=pembantu.pemda_id, opd_id=pembantu.unit.opd_id)
    check_no_conflict(actor, pembantu.pegawai, Tindakan.PEMBANTU)
    waktu = timezone.now()
    if not Pembantu.objects.filter(pk=pembantu.pk, berakhir__isnull=True).update(berakhir=waktu, diakhiri_oleh=actor):
        raise ValidationError(_("Penunjukan ini sudah dinonaktifkan."))
    pembantu.berakhir, pembantu.diakhiri_oleh = waktu, actor
    audit.catat(
        "pembantu:nonaktif", pembantu, actor=actor, sebelum=audit.nilai(pembantu, _KOLOM), sesudah={"berakhir": waktu}
    )
    return pembantu


@transaction.atomic
def izin_beri(*, actor: User, pembantu: Pembantu) -> IzinPembantu:
    """A pegawai asks one of the helpers named for their unit (or a unit above it) to enter activities
    for them: the consent without which a helper can do nothing."""
    pegawai = pegawai_of(actor, _("Halaman ini untuk pegawai."))
    if pembantu.pegawai_id == pegawai.pk:
        raise ValidationError({"pembantu": _("Anda tidak dapat meminta bantuan kepada diri Anda sendiri.")})
    if pembantu.pk not in {p.pk for p in pembantu_tersedia(pegawai)}:
        raise ValidationError(
            {
                "pembantu": _(
                    "Pembantu ini tidak dapat Anda pilih: bukan pembantu unit Anda, bawahan Anda sendiri, atau "
                    "atasan yang memeriksa aktivitas Anda."
                )
            }
        )
    if IzinPembantu.objects.filter(pegawai=pegawai, pembantu=pembantu, dicabut__isnull=True).exists():
        raise ValidationError(
            {"pembantu": _("Anda sudah meminta bantuan %(nama)s.") % {"nama": pembantu.pegawai.nama_lengkap}}
        )
    izin = IzinPembantu.objects.create(
        pemda_id=pegawai.pemda_id, pegawai=pegawai, pembantu=pembantu, unit_id=unit_of(pegawai, today())
    )
    audit.catat(
        "pembantu:izin_beri", izin, actor=actor, sesudah={"pembantu": pembantu.pegawai_id, "unit": izin.unit_id}
    )
    return izin


@transaction.atomic
def izin_cabut(*, actor: User, izin: IzinPembantu) -> IzinPembantu:
    """The pegawai revokes a consent: the helper's next request is refused."""
    if izin.pegawai_id != pegawai_of(actor, _("Halaman ini untuk pegawai.")).pk:
        raise PermissionDenied(_("Hanya pegawai yang memberi izin yang dapat mencabutnya."))
    waktu = timezone.now()
    if not IzinPembantu.objects.filter(pk=izin.pk, dicabut__isnull=True).update(dicabut=waktu):
        raise ValidationError(_("Izin ini sudah dicabut."))
    izin.dicabut = waktu
    audit.catat(
        "pembantu:izin_cabut", izin, actor=actor, sesudah={"pembantu": izin.pembantu.pegawai_id, "dicabut": waktu}
    )
    return izin
