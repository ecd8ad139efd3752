"""Writing notifications (issue 17). Every trigger calls `notifikasi_buat`; delivery to the person's
channel (e-mail, Telegram, WhatsApp) happens in the worker after the transaction commits
(`notifikasi_antar`, from notifikasi/tasks.py): at most once per row, never inside quiet hours, and a
gateway that fails is tried again by the worker and then recorded as failed, never breaking the action."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services_akun import user_set_pengingat
from core.notifications import channels

from . import rules
from .choices import Kanal, StatusAntar
from .models import Notifikasi, PreferensiNotifikasi
from .selectors import jam_tenang_sampai, kanal_pilihan, kanal_tersedia

log = logging.getLogger(__name__)


def notifikasi_buat(
    *, users: Iterable, jenis: str, judul: str, isi: str = "", url: str = "", kunci: str = ""
) -> list[int]:
    """Put one notification in each user's list; return the ids of the rows written.

    `users` are `accounts.User` objects (with `pemda_id`). `kunci` (optional) names the event: a user who
    already has a notification with that key gets no second one. Call it inside the action's
    transaction: the rows appear with the action and are delivered once it commits.
    """
    return notifikasi_buat_banyak(jenis=jenis, pesan=[Baru(u, judul, isi, url, kunci) for u in users])


def isi_keputusan(oleh: str, catatan: str = "") -> str:
    """The body of a decision's notification (a leave request, an SKP): "Diputuskan oleh X. Catatan: …".
    Call it with the site language active, as the triggers do."""
    isi = _("Diputuskan oleh %(oleh)s.") % {"oleh": oleh or "-"}
    if catatan:
        isi += " " + _("Catatan: %(c)s") % {"c": catatan}
    return isi


def _antar(ids: list[int]) -> None:
    """Hand the new notifications to the worker for delivery (after the commit: the action is saved
    whatever happens here, and a broker that is down costs the delivery only, logged)."""
    if not ids:
        return
    from .tasks import notifikasi_antar_task

    try:
        notifikasi_antar_task.delay(ids)
    except Exception:
        log.exception("notifications %s could not be queued for delivery", ids)


@dataclass(frozen=True)
class Baru:
    """One notification to write in a batch: each person their own text (`notifikasi_buat_banyak`)."""

    user: Any
    judul: str
    isi: str = ""
    url: str = ""
    kunci: str = ""


def notifikasi_buat_banyak(*, jenis: str, pesan: Iterable[Baru]) -> list[int]:
    """Write many notifications of one kind, each with its own text, in three queries whatever their
    number (a batch of returned entries, a morning job); the same `kunci` rule as `notifikasi_buat`:
    a user who already has a notification with that key gets no second one. Call it inside the
    action's transaction, like `notifikasi_buat`."""
    pesan = [p for p in pesan]
    if not pesan:
        return []
    pasangan = {(p.user.pk, p.kunci) for p in pesan if p.kunci}
    sudah: set[tuple[int, str]] = set()
    if pasangan:
        sudah = set(
            Notifikasi.objects.filter(
                user_id__in={u for u, _k in pasangan}, kunci__in={k for _u, k in pasangan}
            ).values_list("user_id", "kunci")
        )
    baru = [p for p in pesan if not p.kunci or (p.user.pk, p.kunci) not in sudah]
    rows = [
        Notifikasi(
            pemda_id=p.user.pemda_id,
            user=p.user,
            jenis=jenis,
            judul=p.judul[:200],
            isi=p.isi,
            url=p.url[:300],
            kunci=p.kunci,
        )
        for p in baru
    ]
    if not rows:
        return []
    ids = [r.pk for r in Notifikasi.objects.bulk_create([r for r in rows if not r.kunci])]
    # a concurrent run may have written some meanwhile: those keep their one row
    Notifikasi.objects.bulk_create([r for r in rows if r.kunci], ignore_conflicts=True)
    berkunci = {(p.user.pk, p.kunci) for p in baru if p.kunci}
    if berkunci:
        ids += [
            pk
            for pk, user_id, kunci in Notifikasi.objects.filter(
                user_id__in={u for u, _k in berkunci}, kunci__in={k for _u, k in berkunci}, dibaca__isnull=True
            )
            .order_by("pk")
            .values_list("pk", "user_id", "kunci")
            if (user_id, kunci) in berkunci
        ]
    ids.sort()
    transaction.on_commit(lambda: _antar(ids))
    return ids


# --- reading, on the person's own list --------------------------------------------------------------


def notifikasi_baca(*, user, notifikasi: Notifikasi) -> bool:
    """Mark one of the user's own notifications read (the first opening counts; later ones change nothing)."""
    rows = Notifikasi.objects.filter(pk=notifikasi.pk, user=user, dibaca__isnull=True)
    return bool(rows.update(dibaca=timezone.now()))


def notifikasi_baca_semua(*, user) -> int:
    """Mark every unread notification of the user read; return how many were."""
    return Notifikasi.objects.filter(user=user, dibaca__isnull=True).update(dibaca=timezone.now())


# --- preferences ------------------------------------------------------------------------------------


def preferensi_simpan(
    *,
    actor,
    kanal: str,
    telegram_chat_id: str = "",
    no_wa: str = "",
    jam_tenang_mulai: time | None = None,
    jam_tenang_selesai: time | None = None,
    terima_pengingat: bool = True,
) -> PreferensiNotifikasi:
    """Save the actor's own choice of channel, addresses, quiet hours and daily digest (issue 17, issue 8).

    A channel must be one this installation offers and, for Telegram and WhatsApp, come with an address
    (the WhatsApp number defaults to the pegawai's no_hp); quiet hours are both set or both empty.
    """
    errors: dict[str, str] = {}
    if kanal not in kanal_tersedia():
        errors["kanal"] = _("Pilihan ini tidak tersedia. Pilih salah satu yang ada di daftar.")
    telegram_chat_id = (telegram_chat_id or "").strip()
    if telegram_chat_id and not telegram_chat_id.lstrip("-").isdigit():
        errors["telegram_chat_id"] = _("ID chat Telegram berupa angka, misalnya 123456789.")
    elif kanal == Kanal.TELEGRAM and not telegram_chat_id:
        errors["telegram_chat_id"] = _("Isi ID chat Telegram Anda agar pesan dapat dikirim ke Telegram.")
    try:
        no_wa = rules.nomor_wa(no_wa)
    except ValidationError as e:
        errors["no_wa"] = e.messages[0]
    else:
        pegawai = getattr(actor, "pegawai", None)
        if kanal == Kanal.WHATSAPP and not no_wa and not (pegawai and pegawai.no_hp):
            errors["no_wa"] = _("Isi nomor WhatsApp Anda agar pesan dapat dikirim ke WhatsApp.")
    if (jam_tenang_mulai is None) != (jam_tenang_selesai is None):
        errors["jam_tenang_selesai"] = _("Isi jam mulai dan jam selesai, atau kosongkan keduanya.")
    elif jam_tenang_mulai is not None and jam_tenang_mulai == jam_tenang_selesai:
        errors["jam_tenang_selesai"] = _("Jam selesai harus berbeda dari jam mulai.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        pref, _created = PreferensiNotifikasi.objects.update_or_create(
            user=actor,
            defaults={
                "pemda_id": actor.pemda_id,
                "kanal": kanal,
                "telegram_chat_id": telegram_chat_id,
                "no_wa": no_wa,
                "jam_tenang_mulai": jam_tenang_mulai,
                "jam_tenang_selesai": jam_tenang_selesai,
            },
        )
        if actor.terima_pengingat != terima_pengingat:
            user_set_pengingat(user=actor, terima=terima_pengingat)
    actor.preferensi_notifikasi = pref
    return pref


# --- delivery outside the app -----------------------------------------------------------------------


@dataclass
class Hasil:
    """What the worker does next with a notification."""

    nanti: datetime | None = None  # inside quiet hours: send at this moment
    ulang: bool = False  # the channel failed and the worker may try again


def _pesan(n: Notifikasi) -> tuple[str, str]:
    base = settings.SITE_URL.rstrip("/")
    bagian = [n.isi]
    if n.url:
        bagian.append(_("Buka: %(url)s") % {"url": base + n.url if n.url.startswith("/") else n.url})
    bagian.append(_("Atur pemberitahuan: %(url)s") % {"url": base + "/pengingat/"})
    return _("E-Kinerja: %(judul)s") % {"judul": n.judul}, "\n\n".join(b for b in bagian if b)


def _selesai(pk: int, status: str, **fields) -> None:
    Notifikasi.objects.filter(pk=pk).update(antar_status=status, **fields)


def notifikasi_antar(*, pk: int, now: datetime, terakhir: bool = True) -> Hasil:
    """Send one notification through its owner's chosen channel, at most once (issue 17).

    Only the app (or no channel that can reach the person, or an inactive account): recorded as not sent.
    Inside the person's quiet hours: nothing yet, the answer says when they end. Otherwise the row is
    claimed (MENUNGGU → MENGIRIM, a conditional UPDATE: a second task for it finds nothing to do) and
    sent; a failure puts it back to MENUNGGU for the worker's next try, or, on the `terakhir` try,
    records it as GAGAL with the error.
    """
    n = (
        Notifikasi.objects.select_related("user__pemda", "user__pegawai", "user__preferensi_notifikasi")
        .filter(pk=pk, antar_status=StatusAntar.MENUNGGU)
        .first()
    )
    if n is None:  # gone, sent, failed for good, or being sent by another task
        return Hasil()
    user = n.user
    kanal = kanal_pilihan(user)
    channel = next((c for c in channels() if c.name == kanal and c.reaches(user)), None)
    if channel is None or not user.is_active:
        galat = "" if kanal == Kanal.APLIKASI else f"no {kanal} address or channel for this user"
        _selesai(pk, StatusAntar.TIDAK, antar_kanal=kanal, antar_galat=galat)
        return Hasil()
    if nanti := jam_tenang_sampai(user, now):
        return Hasil(nanti=nanti)
    klaim = Notifikasi.objects.filter(pk=pk, antar_status=StatusAntar.MENUNGGU)
    if not klaim.update(antar_status=StatusAntar.MENGIRIM, antar_kanal=kanal, antar_percobaan=F("antar_percobaan") + 1):
        return Hasil()
    try:
        channel.send(user, *_pesan(n))
    except Exception as e:
        galat = f"{type(e).__name__}: {e}"[:500]
        if terakhir:
            log.error("notification %s: %s delivery failed for good: %s", pk, kanal, galat)
        else:
            log.warning("notification %s: %s delivery failed, will retry: %s", pk, kanal, galat)
        _selesai(pk, StatusAntar.GAGAL if terakhir else StatusAntar.MENUNGGU, antar_galat=galat)
        return Hasil(ulang=not terakhir)
    _selesai(pk, StatusAntar.TERKIRIM, terkirim=timezone.now(), antar_galat="")
    return Hasil()
