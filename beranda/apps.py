from django.apps import AppConfig


class BerandaConfig(AppConfig):
    """The top of the app chain: the landing page, the site menu and the demo seeding, which read
    every domain app (core ← accounts ← attendance ← activities ← skp ← tpp ← beranda)."""

    name = "beranda"
    verbose_name = "Beranda"
