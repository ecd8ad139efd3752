from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = "Aktivitas"

    def ready(self):
        from accounts.signals import penempatan_changed

        from .receivers import reassign_after_posting_change

        penempatan_changed.connect(reassign_after_posting_change, dispatch_uid="activities-reassign")
