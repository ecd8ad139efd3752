"""The site menu: what each role can use, the queue counts and the unread notifications, in one query per page."""

from datetime import date

from django.db import connection
from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.models import Pegawai
from accounts.permissions import is_hr, is_org_admin, may_keep_pemda
from accounts.selectors import penempatan_on
from activities.models import Aktivitas, Status
from core.dates import today
from notifikasi.models import Notifikasi
from notifikasi.selectors import belum_dibaca_count


def _navigasi_query(pegawai_pk: int, on: date) -> QuerySet:
    def waiting(status: str, approver: str) -> Coalesce:
        rows = Aktivitas.objects.filter(status=status, **{approver: OuterRef("pk")}).order_by()
        count = rows.values(approver).annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(count), Value(0), output_field=IntegerField())

    # the bell: the pegawai's login's unread notifications (the partial index on unread rows)
    rows = Notifikasi.objects.filter(user_id=OuterRef("user_id"), dibaca__isnull=True).order_by()
    unread = Coalesce(
        Subquery(rows.values("user_id").annotate(n=Count("pk")).values("n")), Value(0), output_field=IntegerField()
    )
    return (
        Pegawai.objects.filter(pk=pegawai_pk)
        .annotate(
            verifikasi=waiting(Status.SUBMITTED, "verifikator"),
            validasi=waiting(Status.VERIFIED, "validator"),
            memegang=Exists(penempatan_on(on=on).filter(pegawai=OuterRef("pk"), jabatan__children__isnull=False)),
            belum_dibaca=unread,
        )
        .values_list("verifikasi", "validasi", "memegang", "belum_dibaca")[:1]
    )


# The menu's query runs on every page and building its SQL cost ~1.8 ms of CPU, ten times running it.
# The SQL is built once per process with stand-in values, which each call replaces by its own.
_NAV_PK, _NAV_ON = -987654321, date(1901, 2, 3)
_NAV_SQL: dict[str, tuple[str, tuple]] = {}


def navigasi_of(pegawai: Pegawai, on: date) -> dict:
    """What the menu needs on every page, in one query: the two queue counts, whether the pegawai
    holds, on the date, a post with posts under it (accounts.selectors.memegang_jabatan_atasan), and
    the number of unread notifications of their login (the bell)."""
    compiled = _NAV_SQL.get(connection.vendor)
    if compiled is None:
        sql, params = _navigasi_query(_NAV_PK, _NAV_ON).query.sql_with_params()
        compiled = _NAV_SQL[connection.vendor] = (sql, tuple(params))
    sql, params = compiled
    # the backend's own form of the stand-in date (SQLite binds dates as text, PostgreSQL as dates)
    on_stand_in = connection.ops.adapt_datefield_value(_NAV_ON)
    on_value = connection.ops.adapt_datefield_value(on)
    params = [pegawai.pk if type(p) is int and p == _NAV_PK else on_value if p == on_stand_in else p for p in params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    verifikasi, validasi, memegang, belum_dibaca = row or (0, 0, False, 0)
    return {
        "antrean": {"verifikasi": verifikasi, "validasi": validasi},
        "memegang": bool(memegang),
        "belum_dibaca": belum_dibaca,
    }


def navigation(request):
    """What the menu shows: only what the user's role can use, the queue counts and the unread
    notifications (one query; a login without a pegawai, such as HR, one count of its unread rows)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    pegawai = getattr(user, "pegawai", None)
    if pegawai is not None:
        nav = navigasi_of(pegawai, today())
    else:
        nav = {"antrean": {"verifikasi": 0, "validasi": 0}, "belum_dibaca": belum_dibaca_count(user)}
    counts = nav["antrean"]
    return {
        "nav": {
            "pegawai": pegawai is not None,
            "atasan": pegawai is not None and (any(counts.values()) or nav["memegang"]),
            "antrean": counts,
            "belum_dibaca": nav["belum_dibaca"],
            "org": is_org_admin(user),
            "hr": is_hr(user),
            # pages of one pemda's HR (calendar, SKP settings): not for a superadmin without a pemda
            "hr_pemda": may_keep_pemda(user),
            "admin_site": user.is_superadmin and user.is_staff,
            "superadmin": user.is_superadmin,
        }
    }
