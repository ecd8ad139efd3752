from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared machinery that every domain app uses and that imports none of them (issue 14)."""

    name = "core"
    verbose_name = "Inti"
