from django.apps import AppConfig


class TppConfig(AppConfig):
    name = "tpp"

    def ready(self):
        from . import services  # noqa: F401  (declares the month workflow to core.workflow)
