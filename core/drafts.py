"""Server drafts of forms being filled in (issue 8): saved as the user types (htmx, debounced),
offered again when the form is opened, deleted when the real submit succeeds.

Only the text fields of a form are kept (files never reach `request.POST`), at most `MAKS_BYTES`,
for the user who typed them.
"""

import json
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .idempotency import FIELD as KUNCI_IDEMPOTENSI
from .idempotency import kunci_dari
from .models import Draf, KunciIdempotensi

FIELD = "draf_kunci"
# A form key: "app:form" with an optional object id, e.g. "aktivitas:ubah:12".
KUNCI_RE = re.compile(r"^[a-z_]{1,40}:[a-z_]{1,40}(:\d{1,12})?$")
MAKS_BYTES = 20_000  # far more than any of our forms holds; keeps a flood of junk out
MAKS_PER_USER = 20  # the oldest ones go
# Never stored: the tokens, the form key itself and the buttons.
ABAIKAN = frozenset({"csrfmiddlewaretoken", KUNCI_IDEMPOTENSI, FIELD, "simpan", "ajukan"})


def data_dari(post) -> dict:
    """The text fields of a POST (a QueryDict): one value as a string, several as a list."""
    data = {}
    for name, values in post.lists():
        if name in ABAIKAN:
            continue
        data[name] = values[0] if len(values) == 1 else values
    return data


def kunci_sah(kunci: str) -> bool:
    return bool(KUNCI_RE.match(kunci or ""))


def draf_simpan(*, user, kunci: str, post) -> Draf | None:
    """Save what the user has typed so far into the form `kunci` (one draft per user and form).

    Returns None when the form was already sent with its idempotency key (a late autosave must not
    bring back a form that was submitted)."""
    if not kunci_sah(kunci):
        raise ValidationError(_("Formulir tidak dikenal."))
    data = data_dari(post)
    if len(json.dumps(data)) > MAKS_BYTES:
        raise ValidationError(_("Isian terlalu panjang untuk disimpan sebagai draf."))
    sent = kunci_dari(post)
    if sent and KunciIdempotensi.objects.filter(user=user, kunci=sent).exists():
        return None
    with transaction.atomic():
        draf, _created = Draf.objects.update_or_create(user=user, kunci=kunci, defaults={"data": data})
        lama = Draf.objects.filter(user=user).order_by("-diubah").values_list("pk", flat=True)[MAKS_PER_USER:]
        Draf.objects.filter(pk__in=list(lama)).delete()
    return draf


def draf_simpan_kiriman(request, kunci: str) -> None:
    """After a submit that did not go through, keep what was sent as the form's draft; text too long
    for a draft is not an error here (the page shown next still holds everything that was sent)."""
    if request.method != "POST":
        return
    try:
        draf_simpan(user=request.user, kunci=kunci, post=request.POST)
    except ValidationError:
        pass


def draf_hapus(*, user, kunci: str) -> None:
    Draf.objects.filter(user=user, kunci=kunci).delete()


def draf_untuk(*, user, kunci: str) -> Draf | None:
    """The user's own draft of the form `kunci` (a selector: nobody else's drafts are ever read)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Draf.objects.filter(user=user, kunci=kunci).first()
