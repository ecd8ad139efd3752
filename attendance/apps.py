from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "attendance"
    verbose_name = "Presensi"

    def ready(self):
        from django.db.models.signals import post_save

        from accounts.models import Pemda
        from accounts.signals import penempatan_changed
        from core.indeks import indeks_daftar
        from core.models import Indeks

        from .models import TokenIntegrasi
        from .services import permohonan  # noqa: F401  (declares the request workflow to core.workflow)

        indeks_daftar(TokenIntegrasi, Indeks.Jenis.TOKEN, "token_hash")
        penempatan_changed.connect(_reassign_after_posting_change, dispatch_uid="attendance-reassign")
        post_save.connect(_kegiatan_bawaan, sender=Pemda, dispatch_uid="attendance-kegiatan-bawaan")


def _kegiatan_bawaan(sender, instance, created, raw=False, **kwargs):
    """A new pemda starts with apel, upacara and senam (issue 16), whichever page or command made it."""
    if created and not raw:
        from .services.kegiatan import kegiatan_wajib_bawaan

        kegiatan_wajib_bawaan(instance)


def _reassign_after_posting_change(sender, *, pemda_id, pegawai_ids, opd_ids, since, **kwargs):
    """Waiting leave requests follow the approvers of the new tree, in the background."""
    from .tasks import permohonan_reassign_task

    permohonan_reassign_task.delay(pemda_id, pegawai_ids, opd_ids, since.isoformat())
