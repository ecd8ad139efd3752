"""What an integration token with the read permission may see (issue 19): its pemda, and only its
OPDs when it names any (the same scope as the punches it may send). Every read is a fixed number
of queries, whatever the page size."""

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import Pegawai
from accounts.selectors import nama_jabatan_utama
from activities.selectors import RekapBulan, rekap_pegawai_bulan
from attendance.models import TokenIntegrasi
from skp.models import Penilaian
from tpp.choices import StatusPeriode
from tpp.models import BarisTpp


def token_opd_ids(token: TokenIntegrasi) -> list[int]:
    """The OPDs a token is limited to; empty: the whole pemda."""
    if not hasattr(token, "_opd_ids"):
        token._opd_ids = list(token.opd.values_list("pk", flat=True))
    return token._opd_ids


def _opd_scoped(qs: QuerySet, token: TokenIntegrasi, field: str) -> QuerySet:
    opd_ids = token_opd_ids(token)
    return qs.filter(**{f"{field}__in": opd_ids}) if opd_ids else qs


def pegawai_for_token(token: TokenIntegrasi) -> QuerySet[Pegawai]:
    qs = Pegawai.objects.filter(pemda_id=token.pemda_id).select_related("opd")
    return _opd_scoped(qs, token, "opd_id").order_by("nama", "pk")


def jabatan_names(pegawai: list[Pegawai]) -> dict[int, str]:
    """Each pegawai's main post today (one query)."""
    return nama_jabatan_utama([p.pk for p in pegawai], on=timezone.localdate())


def rekap_for(pegawai: list[Pegawai], *, pemda_id: int, tahun: int, bulan: int) -> dict[int, RekapBulan]:
    """The month's activity summary of each pegawai: the dashboards' own count (activities.selectors)."""
    rows = rekap_pegawai_bulan(pegawai, pemda_id=pemda_id, tahun=tahun, bulan=bulan)
    return {r.pegawai_id: r for r in rows}


def penilaian_for_token(token: TokenIntegrasi) -> QuerySet[Penilaian]:
    """Finished SKP evaluations (a predikat given) of the pegawai in the token's scope."""
    qs = Penilaian.objects.filter(pemda_id=token.pemda_id).exclude(predikat="")
    qs = _opd_scoped(qs, token, "skp__pegawai__opd_id")
    return qs.select_related("skp__pegawai", "penilai").order_by(
        "skp__tahun", "jenis", "ke", "skp__pegawai__nama", "pk"
    )


def baris_tpp_for_token(token: TokenIntegrasi) -> QuerySet[BarisTpp]:
    """TPP rows of closed months only (a reopened month is not final), in the token's scope by the
    OPD that paid the row."""
    qs = BarisTpp.objects.filter(pemda_id=token.pemda_id, periode__status=StatusPeriode.CLOSED)
    qs = _opd_scoped(qs, token, "opd_id")
    return qs.select_related("periode", "pegawai", "opd").order_by(
        "periode__tahun", "periode__bulan", "pegawai__nama", "pk"
    )
