from django.apps import AppConfig


class SkpConfig(AppConfig):
    name = "skp"

    def ready(self):
        from . import services, services_keberatan  # noqa: F401  (declare the SKP and objection workflows)
