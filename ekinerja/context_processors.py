from accounts.selectors import memegang_jabatan_atasan
from activities.selectors import antrean_counts
from ekinerja.lib.dates import today


def navigation(request):
    """What the menu shows: only what the user's role can use, and the queue counts (two queries)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    pegawai = getattr(user, "pegawai", None)
    counts = antrean_counts(pegawai)
    return {
        "nav": {
            "pegawai": pegawai is not None,
            "atasan": pegawai is not None and (any(counts.values()) or memegang_jabatan_atasan(pegawai, today())),
            "antrean": counts,
            "org": user.can_manage_org,
            "hr": user.is_hr_pemda or user.is_superadmin,
            "admin_site": user.is_superadmin and user.is_staff,
        }
    }
