"""The pegawai's own pages (namespace `aktivitas`): "Hari ini", the entry form, one entry, the month.

Entries are fetched through `selectors.aktivitas_visible_to(request.user)` (out of scope → 404);
every write goes through `activities.services` (not allowed → 403; invalid → errors on the form or
a message on "Hari ini").

The same day page and entry form serve a named helper entering for a colleague who asked (issue 17):
the `bantu_*` URLs carry the colleague's id (`untuk`), and `_halaman` passes every such request
through the one gate, `selectors_pembantu.izin_bantu` (never asked → 404; any limit → 403).
"""

import os
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Pegawai
from accounts.permissions import pegawai_halaman
from attendance.models import HariLibur
from attendance.selectors import aktivitas_diblokir, presensi_hari_banyak
from core import drafts, idempotency
from core.dates import batas_tampil, today

from . import rules, selectors, selectors_pembantu, services
from .checks import PRESENSI_FINAL
from .choices import Status
from .forms import AktivitasForm, add_minutes, initial_for, next_free_slot
from .models import Aktivitas, IzinPembantu, Pembantu
from .selectors_kejanggalan import kejanggalan_of
from .services_kejanggalan import alasan_tolak_abaikan


def _tanggal(raw: str | None) -> date:
    """A day from `?tanggal=YYYY-MM-DD`; today when missing or unreadable, never a future day."""
    try:
        return min(date.fromisoformat(raw or ""), today())
    except ValueError:
        return today()


def _hari_ini_url(tanggal: date) -> str:
    url = reverse("aktivitas:hari_ini")
    return url if tanggal == today() else f"{url}?tanggal={tanggal:%Y-%m-%d}"


@dataclass
class Halaman:
    """Whose day a page shows: one's own, or (with `izin`) a colleague's, entered by their helper."""

    pegawai: Pegawai
    izin: IzinPembantu | None = None

    def url(self, name: str, *args) -> str:
        if self.izin is None:
            return reverse(f"aktivitas:{name}", args=args)
        return reverse(f"aktivitas:bantu_{name}", args=[self.pegawai.pk, *args])

    def hari_url(self, tanggal: date) -> str:
        url = self.url("hari_ini")
        return url if tanggal == today() else f"{url}?tanggal={tanggal:%Y-%m-%d}"

    @cached_property
    def hari_ini(self) -> str:
        return self.url("hari_ini")

    @cached_property
    def tambah(self) -> str:
        return self.url("tambah")

    @cached_property
    def ajukan_hari(self) -> str:
        return self.url("ajukan_hari")

    def boleh_ubah(self, a: Aktivitas, user) -> bool:
        """The owner changes any draft or returned entry of theirs; a helper, only those they typed."""
        return a.status in rules.EDITABLE and (self.izin is None or a.dicatat_oleh_id == user.pk)


def _halaman(request, untuk: int | None) -> Halaman:
    """One's own day, or the day of colleague `untuk` for a helper they asked: the gate on every request."""
    if untuk is None:
        return Halaman(pegawai_halaman(request))
    try:
        izin = selectors_pembantu.izin_bantu(request.user, untuk)
    except selectors_pembantu.BukanRekan:
        raise Http404 from None
    return Halaman(izin.pegawai, izin)


def _own(request, pk: int) -> Aktivitas:
    """One's own entry: another person's is 404 (or 403 for an approver, who may see but not change it)."""
    aktivitas = get_object_or_404(selectors.aktivitas_visible_to(request.user), pk=pk)
    if aktivitas.pegawai_id != pegawai_halaman(request).pk:
        raise PermissionDenied(_("Hanya pemilik yang dapat mengubah aktivitas ini."))
    return aktivitas


def _error(request, exc: ValidationError) -> None:
    for msg in dict.fromkeys(exc.messages):
        messages.error(request, msg)


def _batas(pegawai: Pegawai, tanggal: date, aturan=None) -> dict:
    """The deadline as an office writes it: the last day "pukul 24.00" rather than the next day at 00.00."""
    batas = timezone.localtime(selectors.batas_input_for(pegawai, tanggal, aturan))
    hari, jam = batas_tampil(batas)
    return {"tanggal": hari, "jam": jam, "terbuka": tanggal <= today() and timezone.now() < batas}


# --- the day ----------------------------------------------------------------------------------


def hari_ini(request, untuk: int | None = None):
    h = _halaman(request, untuk)
    pegawai = h.pegawai
    tanggal = _tanggal(request.GET.get("tanggal"))
    entries = list(
        Aktivitas.objects.filter(pegawai=pegawai, tanggal=tanggal)
        .select_related("katalog", "dicatat_oleh__pegawai")
        .order_by("jam_mulai")
    )
    for a in entries:  # the links each entry offers on this page (a helper's are under bantu/)
        a.boleh_ubah = h.boleh_ubah(a, request.user)
        a.ubah_url = h.url("ubah", a.pk) if a.boleh_ubah else ""
    sebelumnya = selectors.hari_kerja_sebelumnya(pegawai, tanggal)
    total = sum(a.menit for a in entries)
    kalender = selectors.kalender_input(pegawai.pemda_id)  # kept per process: shown, not paid from
    aturan = kalender.aturan_on(tanggal)
    menit_per_hari = aturan.menit_per_hari
    context = {
        "halaman": h,
        "atas_nama": h.izin is not None,
        "tanggal": tanggal,
        "entries": entries,
        "total": total,
        "kurang": max(menit_per_hari - total, 0),
        "menit_per_hari": menit_per_hari,
        "menit_valid": sum(a.menit for a in entries if a.status == Status.VALIDATED),
        "draf": sum(1 for a in entries if a.status == Status.DRAFT and (h.izin is None or a.boleh_ubah)),
        "batas": _batas(pegawai, tanggal, aturan),
        "libur": HariLibur.objects.filter(pemda_id=pegawai.pemda_id, tanggal=tanggal).first()
        if tanggal in kalender.libur
        else None,
        "terakhir": selectors.kegiatan_terakhir(pegawai),
        "sebelumnya": sebelumnya,
        "jumlah_sebelumnya": Aktivitas.objects.filter(pegawai=pegawai, tanggal=sebelumnya).count(),
        "kemarin": tanggal - timedelta(days=1),
        "besok": tanggal + timedelta(days=1) if tanggal < today() else None,
        "is_today": tanggal == today(),
        # a past day whose final attendance refuses entries (no query for today: never final)
        "presensi_final": aktivitas_diblokir(pegawai, tanggal) is not None,
        # one query more than before issue 17: whether to offer "Bantu rekan" (a named helper)
        "is_pembantu": h.izin is None and Pembantu.objects.filter(pegawai=pegawai, berakhir__isnull=True).exists(),
    }
    return render(request, "activities/harian/hari_ini.html", context)


@require_POST
def ajukan_hari(request, untuk: int | None = None):
    """Submit every draft of the day (a helper: those they typed); each succeeds or fails on its own
    (once per the form's key)."""
    h = _halaman(request, untuk)
    tanggal = _tanggal(request.POST.get("tanggal"))

    def aksi() -> idempotency.Hasil:
        draf = Aktivitas.objects.filter(pegawai=h.pegawai, tanggal=tanggal, status=Status.DRAFT)
        if h.izin is not None:
            draf = draf.filter(dicatat_oleh=request.user)
        draf = list(draf)
        hasil = services.aktivitas_bulk(actor=request.user, aktivitas=draf, to=Status.SUBMITTED, izin=h.izin)
        if hasil.berhasil:
            if h.izin is None:
                pesan = _("%(n)d aktivitas sudah diajukan kepada atasan Anda untuk diverifikasi.")
            else:
                pesan = _("%(n)d aktivitas atas nama %(nama)s sudah diajukan kepada atasannya untuk diverifikasi.")
            messages.success(request, pesan % {"n": hasil.berhasil, "nama": h.pegawai.nama_lengkap})
        for msg in dict.fromkeys(msg for _a, msg in hasil.gagal):
            messages.error(request, msg)
        if not draf:
            messages.info(request, _("Tidak ada draf yang perlu diajukan pada hari ini."))
        return idempotency.Hasil(url=h.hari_url(tanggal))

    return redirect(idempotency.sekali(user=request.user, kunci=idempotency.kunci_dari(request), aksi=aksi).url)


@require_POST
def salin_kemarin(request):
    """Copy the previous working day's entries as drafts (clashing times are skipped)."""
    pegawai = pegawai_halaman(request)
    tanggal = _tanggal(request.POST.get("tanggal"))
    dari = selectors.hari_kerja_sebelumnya(pegawai, tanggal)
    try:
        n = services.aktivitas_copy_day(actor=request.user, dari=dari, ke=tanggal)
    except ValidationError as e:
        _error(request, e)
        return redirect(_hari_ini_url(tanggal))
    hari = date_format(dari, "l, j F Y")
    if n:
        messages.success(
            request,
            _("%(n)d aktivitas dari %(hari)s sudah disalin sebagai draf. Periksa jam dan uraiannya, lalu ajukan.")
            % {"n": n, "hari": hari},
        )
    else:
        messages.info(
            request,
            _("Tidak ada yang disalin: %(hari)s tidak punya aktivitas, atau jamnya sudah terisi hari ini.")
            % {"hari": hari},
        )
    return redirect(_hari_ini_url(tanggal))


# --- one entry --------------------------------------------------------------------------------


def _draf_kunci(aktivitas: Aktivitas | None, h: Halaman | None = None) -> str:
    """The key of the form's server draft (core.drafts) and of its copy in the browser (a helper's
    new entry for a colleague has its own)."""
    if aktivitas:
        return f"aktivitas:ubah:{aktivitas.pk}"
    return f"aktivitas:tambah:{h.pegawai.pk}" if h is not None and h.izin is not None else "aktivitas:tambah"


def _simpan(request, form: AktivitasForm, aktivitas: Aktivitas | None, h: Halaman) -> idempotency.Hasil:
    """Save (and maybe submit) the entry; say so; where to go next."""
    ajukan = "ajukan" in request.POST
    try:
        saved = services.aktivitas_save(
            actor=request.user, aktivitas=aktivitas, ajukan=ajukan, izin=h.izin, **form.service_kwargs()
        )
    except services.TersimpanBelumDiajukan as e:
        messages.warning(
            request,
            _("Aktivitas “%(k)s” sudah disimpan sebagai draf, tetapi belum dapat diajukan: %(why)s")
            % {"k": e.aktivitas.nama_kegiatan, "why": " ".join(e.messages)},
        )
        return idempotency.Hasil(url=h.hari_url(e.aktivitas.tanggal), objek_id=e.aktivitas.pk)
    if h.izin is not None and ajukan:
        msg = _("Aktivitas “%(k)s” atas nama %(nama)s sudah disimpan dan diajukan kepada atasannya.")
    elif h.izin is not None:
        msg = _("Aktivitas “%(k)s” atas nama %(nama)s sudah disimpan sebagai draf. Jangan lupa mengajukannya.")
    elif ajukan:
        msg = _("Aktivitas “%(k)s” sudah disimpan dan diajukan kepada atasan Anda.")
    else:
        msg = _("Aktivitas “%(k)s” sudah disimpan sebagai draf. Jangan lupa mengajukannya.")
    messages.success(request, msg % {"k": saved.nama_kegiatan, "nama": h.pegawai.nama_lengkap})
    return idempotency.Hasil(url=h.hari_url(saved.tanggal), objek_id=saved.pk)


def _form_page(
    request, form: AktivitasForm, aktivitas: Aktivitas | None, tanggal: date, draf=None, h=None, salinan=None
):
    """Save (and maybe submit) the entry once per the form's idempotency key; a service error goes
    back onto the form, and what was typed stays (on the page and in the server draft). `h`: whose day
    (a helper's colleague, issue 17); `salinan`: the earlier entry the form was filled from ("add
    again"), summed up above the form with its own "Simpan dan ajukan" (one tap, on a phone's first screen)."""
    h = h or Halaman(pegawai_halaman(request))
    kunci = _draf_kunci(aktivitas, h)
    presensi_final = None  # the day the final attendance refused: the page shows the ways out beside it
    if request.method == "POST" and form.is_valid():

        def aksi() -> idempotency.Hasil:
            hasil = _simpan(request, form, aktivitas, h)
            drafts.draf_hapus(user=request.user, kunci=kunci)  # in the same transaction: one DELETE
            return hasil

        try:
            hasil = idempotency.sekali(user=request.user, kunci=idempotency.kunci_dari(request), aksi=aksi)
        except ValidationError as e:
            dipilih = form.cleaned_data.get("tanggal")
            form.add_service_errors(e)
            presensi_final = dipilih if form.has_error("tanggal", PRESENSI_FINAL) else None
        else:
            if hasil.ulang:
                drafts.draf_hapus(user=request.user, kunci=kunci)
            return redirect(hasil.url)
    drafts.draf_simpan_kiriman(request, kunci)
    form.siapkan_tampil()
    context = {
        "form": form,
        "presensi_final": presensi_final,
        "aktivitas": aktivitas,
        "tanggal": tanggal,
        "kembali": h.hari_url(tanggal),
        "halaman": h,
        "atas_nama": h.izin is not None,
        "draf_kunci": kunci,
        "draf": draf,
        "salinan": salinan,
    }
    return render(request, "activities/harian/form.html", context)


def tambah(request, untuk: int | None = None):
    h = _halaman(request, untuk)
    pegawai = h.pegawai
    tanggal = _tanggal(request.GET.get("tanggal"))
    initial: dict = {"tanggal": tanggal, "mode": "KATALOG"}
    src = None
    if request.method == "GET":
        day = list(Aktivitas.objects.filter(pegawai=pegawai, tanggal=tanggal).only("jam_selesai"))
        mulai = next_free_slot(day)
        initial["jam_mulai"] = mulai
        if (dari := request.GET.get("dari", "")).isdigit():
            # "add again": the same activity, today, in the next free slot, for as long as last time
            src = get_object_or_404(Aktivitas, pegawai=pegawai, pk=int(dari))
            initial |= initial_for(src) | {"tanggal": tanggal, "jam_mulai": mulai}
            initial["jam_selesai"] = add_minutes(mulai, src.durasi_menit)
        if draf := drafts.draf_untuk(user=request.user, kunci=_draf_kunci(None, h)):
            initial |= draf.data  # what was typed last time, not yet sent
            src = None  # the form shows the draft, not the earlier entry: no summary of it
    form = AktivitasForm(
        request.POST if request.method == "POST" else None,
        request.FILES or None,
        user=request.user,
        pegawai=pegawai,
        initial=initial,
    )
    return _form_page(request, form, None, tanggal, draf if request.method == "GET" else None, h, src)


def ubah(request, pk, untuk: int | None = None):
    h = _halaman(request, untuk)
    if h.izin is None:
        aktivitas = _own(request, pk)
    else:  # a helper changes only what they typed for this colleague
        aktivitas = get_object_or_404(Aktivitas, pegawai=h.pegawai, pk=pk)
        if aktivitas.dicatat_oleh_id != request.user.pk:
            raise PermissionDenied(_("Sebagai pembantu, Anda hanya dapat mengubah aktivitas yang Anda catat sendiri."))
    if aktivitas.status not in rules.EDITABLE:
        messages.warning(
            request,
            _(
                "Aktivitas ini berstatus %(s)s sehingga tidak dapat diubah. Jika ada yang salah, mintalah "
                "atasan Anda mengembalikannya."
            )
            % {"s": aktivitas.get_status_display()},
        )
        return redirect(h.hari_url(aktivitas.tanggal) if h.izin else reverse("aktivitas:detail", args=[aktivitas.pk]))
    draf = drafts.draf_untuk(user=request.user, kunci=_draf_kunci(aktivitas)) if request.method == "GET" else None
    form = AktivitasForm(
        request.POST if request.method == "POST" else None,
        request.FILES or None,
        user=request.user,
        pegawai=aktivitas.pegawai,
        aktivitas=aktivitas,
        initial=initial_for(aktivitas) | (draf.data if draf else {}),
    )
    return _form_page(request, form, aktivitas, aktivitas.tanggal, draf, h)


def detail(request, pk):
    qs = selectors.aktivitas_visible_to(request.user).select_related("dicatat_oleh__pegawai")
    aktivitas = get_object_or_404(qs, pk=pk)
    if not selectors.aktivitas_terbuka(request.user, [aktivitas]):
        raise Http404  # a former approver: the person is no longer theirs to read
    if request.GET.get("unduh"):
        # evidence is served only after the same visibility check (MEDIA is not public)
        if not aktivitas.bukti_file:
            raise Http404
        try:
            handle = aktivitas.bukti_file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        return FileResponse(handle, as_attachment=True, filename=os.path.basename(aktivitas.bukti_file.name))
    pegawai = getattr(request.user, "pegawai", None)
    pemilik = pegawai is not None and aktivitas.pegawai_id == pegawai.pk
    context = {
        "a": aktivitas,
        "pemilik": pemilik,
        "bisa_diubah": pemilik and aktivitas.status in rules.EDITABLE,
        # what a helper submitted for the owner, the owner takes back before the atasan acts (issue 17)
        "bisa_ditarik": pemilik and aktivitas.status == Status.SUBMITTED and aktivitas.dicatat_oleh_id is not None,
        "bukti_nama": os.path.basename(aktivitas.bukti_file.name) if aktivitas.bukti_file else "",
        "log": aktivitas.log.select_related("oleh__pegawai"),
        "presensi": presensi_hari_banyak([(aktivitas.pegawai_id, aktivitas.tanggal)]).get(
            (aktivitas.pegawai_id, aktivitas.tanggal)
        ),
        "kembali": _kembali_dari_detail(aktivitas, pegawai, pemilik),
        # its anomaly flags, open and dismissed (issue 18); its approver may dismiss an open one
        "kejanggalan": kejanggalan_of(aktivitas),
        "bisa_abaikan": alasan_tolak_abaikan(request.user, aktivitas) is None,
    }
    return render(request, "activities/harian/detail.html", context)


def _kembali_dari_detail(aktivitas: Aktivitas, pegawai: Pegawai | None, pemilik: bool) -> tuple[str, str] | None:
    """Where the breadcrumb leads: the owner's day, or the approver's queue."""
    if pemilik:
        return _hari_ini_url(aktivitas.tanggal), date_format(aktivitas.tanggal, "l, j F Y")
    if pegawai is not None and aktivitas.verifikator_id == pegawai.pk:
        return reverse("aktivitas:antrean_verifikasi"), _("Perlu verifikasi")
    if pegawai is not None and aktivitas.validator_id == pegawai.pk:
        return reverse("aktivitas:antrean_validasi"), _("Perlu validasi")
    return None


def _act(request, pk, service, success: str):
    """One move of one's own entry, once per the form's key (a double click submits once)."""
    aktivitas = _own(request, pk)
    url = _hari_ini_url(aktivitas.tanggal)

    def aksi() -> idempotency.Hasil:
        service(actor=request.user, aktivitas=aktivitas)
        messages.success(request, success % {"k": aktivitas.nama_kegiatan})
        return idempotency.Hasil(url=url, objek_id=aktivitas.pk)

    try:
        idempotency.sekali(user=request.user, kunci=idempotency.kunci_dari(request), aksi=aksi)
    except ValidationError as e:
        _error(request, e)
    return redirect(url)


@require_POST
def hapus(request, pk):
    return _act(request, pk, services.aktivitas_delete, _("Aktivitas “%(k)s” sudah dihapus."))


@require_POST
def ajukan(request, pk):
    return _act(request, pk, services.aktivitas_submit, _("Aktivitas “%(k)s” sudah diajukan kepada atasan Anda."))


@require_POST
def tarik(request, pk):
    """The owner takes back an entry a helper submitted for them: a draft again, theirs to change or delete."""
    return _act(
        request,
        pk,
        services.aktivitas_tarik,
        _("Aktivitas “%(k)s” sudah ditarik kembali menjadi draf. Ubah atau hapus bila tidak sesuai."),
    )
