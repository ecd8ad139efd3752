"""One-time activation codes: how they look, how they are typed, and how they are kept (DESIGN.md §4).

A code is 10 characters from an alphabet without the look-alikes 0/O and 1/I, shown in two groups of
five (`K7MPX-Q3RTA`), so that an older user can type it from paper. 32 symbols, 10 places: 2^50
codes, and only a few wrong tries per quarter hour (accounts.services_akun.aktivasi_pakai), so guessing
is hopeless. Only an HMAC of the code (keyed with the SECRET_KEY and bound to the account) is
stored: a copy of the database alone does not allow trying codes offline.
"""

import secrets
from datetime import timedelta

from django.utils.crypto import constant_time_compare, salted_hmac

ALFABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, no 1/I
PANJANG = 10
BERLAKU = timedelta(days=7)
# Wrong codes typed for one account before it must wait; the wait; then one try per wait.
GAGAL_MAKS = 5
JEDA_GAGAL = timedelta(minutes=15)

_SALT = "accounts.KodeAktivasi"


def kode_baru() -> str:
    """A fresh random code (the plain text, without the dash)."""
    return "".join(secrets.choice(ALFABET) for _ in range(PANJANG))


def kode_tampil(kode: str) -> str:
    """`K7MPXQ3RTA` → `K7MPX-Q3RTA`."""
    half = len(kode) // 2
    return f"{kode[:half]}-{kode[half:]}"


def kode_bersih(ketikan: str) -> str:
    """What the user typed, as stored: capitals, without spaces or dashes (`k7mpx q3rta` works)."""
    return "".join(ch for ch in (ketikan or "").upper() if ch.isalnum())


def kode_hash(user_id: int, kode: str) -> str:
    return salted_hmac(_SALT, f"{user_id}:{kode}", algorithm="sha256").hexdigest()


def kode_cocok(user_id: int, kode: str, disimpan: str) -> bool:
    return constant_time_compare(kode_hash(user_id, kode), disimpan)
