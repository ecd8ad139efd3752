from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = "Aktivitas"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from accounts.signals import penempatan_changed
        from attendance.models import HariLibur
        from attendance.signals import libur_berubah

        from . import services  # noqa: F401  (declares the activity workflow to core.workflow)
        from .models import AturanAktivitas, Gangguan
        from .receivers import lupakan_kalender, reassign_after_posting_change

        penempatan_changed.connect(reassign_after_posting_change, dispatch_uid="activities-reassign")
        for model in (AturanAktivitas, Gangguan, HariLibur):
            for signal in (post_save, post_delete):
                signal.connect(lupakan_kalender, sender=model, dispatch_uid=f"activities-kalender-{model.__name__}")
        libur_berubah.connect(lupakan_kalender, dispatch_uid="activities-kalender-libur")
