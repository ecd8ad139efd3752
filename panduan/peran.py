"""Which guides are a user's own: the roles they hold today."""

from accounts.models import User
from accounts.permissions import is_hr, is_org_admin
from accounts.selectors import memegang_jabatan_atasan
from core.dates import today


def peran_of(user: User) -> list[str]:
    """The guide keys of the roles `user` holds: pegawai (a pegawai record), atasan (holds a post
    with posts under it today), admin OPD (manages people: admin OPD, HR, superadmin) and HR."""
    peran = []
    pegawai = getattr(user, "pegawai", None)
    if pegawai is not None:
        peran.append("pegawai")
        if memegang_jabatan_atasan(pegawai, today()):
            peran.append("atasan")
    if is_org_admin(user):
        peran.append("admin-opd")
    if is_hr(user):
        peran.append("hr")
    return peran
