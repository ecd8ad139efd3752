from django.apps import AppConfig


class TppConfig(AppConfig):
    name = "tpp"

    def ready(self):
        from attendance.signals import kejadian_dikenal

        from . import services  # noqa: F401  (declares the month workflow to core.workflow)

        kejadian_dikenal.connect(_kejadian_dikenal, dispatch_uid="tpp-kejadian-dikenal")


def _kejadian_dikenal(sender, *, pemda_id, opd_id, tanggal, **kwargs):
    """The events the TPP rules in force on that day have a cut for (attendance asks; issue 13)."""
    from .selectors import kejadian_berpotongan

    return kejadian_berpotongan(pemda_id=pemda_id, opd_id=opd_id, tanggal=tanggal)
