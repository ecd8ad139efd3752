from django.apps import AppConfig


class PanduanConfig(AppConfig):
    """The guides per role (issue 17): task pages whose screenshots the browser tests take, the
    "Bantuan" link of every page and a printable one-page guide per role. It reads only core and
    accounts (who holds which role); the guide itself is data (panduan/isi.py)."""

    name = "panduan"
    verbose_name = "Panduan"
