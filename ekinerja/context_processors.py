from accounts.permissions import is_hr, is_org_admin, may_keep_pemda
from activities.selectors import navigasi_of
from core.dates import today


def navigation(request):
    """What the menu shows: only what the user's role can use, and the queue counts (one query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    pegawai = getattr(user, "pegawai", None)
    nav = navigasi_of(pegawai, today()) if pegawai is not None else {"antrean": {"verifikasi": 0, "validasi": 0}}
    counts = nav["antrean"]
    return {
        "nav": {
            "pegawai": pegawai is not None,
            "atasan": pegawai is not None and (any(counts.values()) or nav["memegang"]),
            "antrean": counts,
            "org": is_org_admin(user),
            "hr": is_hr(user),
            # pages of one pemda's HR (calendar, SKP settings): not for a superadmin without a pemda
            "hr_pemda": may_keep_pemda(user),
            "admin_site": user.is_superadmin and user.is_staff,
        }
    }
