from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifikasiConfig(AppConfig):
    """In-app notifications (the bell) and their delivery through e-mail, Telegram and WhatsApp (issue 17)."""

    name = "notifikasi"
    verbose_name = _("Notifikasi")
