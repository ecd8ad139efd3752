"""Demo TPP for the seeded pemda: a rule set with amounts and last month calculated, so that a
newcomer finds the month page, the dashboard and "Rincian TPP saya" filled (issue 6)."""

from datetime import date

from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import Pemda, User
from core.months import previous_month

from . import rules, services


def seed_tpp(*, pemda: Pemda, today: date) -> int:
    """A pemda-wide rule set from the Kepmendagri 900-4700 TA 2023 basic table (the demo pays the
    reference amounts; a real pemda types its Perkada), then last month calculated by the HR persona.
    Returns the number of rows calculated."""
    hr = User.objects.filter(pemda=pemda, role=Role.HR_PEMDA, is_active=True).order_by("pk").first()
    if hr is None:
        return 0
    besaran = {str(k): v for k, v in rules.BASIC_TPP[2023].items()}
    services.aturan_tpp_simpan(
        actor=hr,
        pemda=pemda,
        berlaku_mulai=date(today.year - 1, 1, 1),
        catatan=_("Demo: besaran dari tabel Basic TPP Kepmendagri 900-4700 TA 2023"),
        besaran_kelas=besaran,
    )
    lalu = previous_month(today.year, today.month)
    periode = services.periode_ambil(pemda_id=pemda.pk, tahun=lalu[0], bulan=lalu[1])
    return services.tpp_periode_hitung(actor=hr, periode=periode)
