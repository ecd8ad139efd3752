from django.apps import AppConfig


class EkinerjaConfig(AppConfig):
    """The project package: settings, urls, celery, wsgi and date formats. It has no models; it stays
    an app only for its migration history (the models it once held live in `core`)."""

    name = "ekinerja"
    verbose_name = "E-Kinerja"
