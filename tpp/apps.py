from django.apps import AppConfig


class TppConfig(AppConfig):
    name = "tpp"

    def ready(self):
        from skp.signals import predikat_berubah

        from . import services  # noqa: F401  (declares the month workflow to core.workflow)
        from .keberatan import tpp_ikuti_predikat

        # TPP follows a rating changed by an objection (skp never imports tpp, DESIGN.md §2)
        predikat_berubah.connect(tpp_ikuti_predikat, dispatch_uid="tpp-ikuti-predikat")
