from django.apps import AppConfig


class SkpConfig(AppConfig):
    name = "skp"

    def ready(self):
        from . import services  # noqa: F401  (declares the SKP workflow to core.workflow)
