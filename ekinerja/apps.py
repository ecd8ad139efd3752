from django.apps import AppConfig


class EkinerjaConfig(AppConfig):
    """Project-wide pieces with no models: formats, template tags, management commands."""

    name = "ekinerja"
    verbose_name = "E-Kinerja"
