"""Admin pages of activities (issue 4): the catalog, dispensations and outages.

Every page: anonymous → login, plain pegawai → 403, another OPD's object → 404, happy paths checked
in the database, bad input shown on the form in Indonesian (never a 500).
"""

from datetime import datetime, time, timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from activities import selectors, services
from activities.choices import LingkupKatalog
from activities.models import Dispensasi, Gangguan, KegiatanKatalog
from activities.views_admin import durasi_teks
from tests.factories import UnitFactory
from tests.helpers import TODAY

pytestmark = pytest.mark.django_db


def item(cast, *, own=True, **kw) -> KegiatanKatalog:
    """A catalog item of the dinas (own) or of the badan (another OPD)."""
    jabatan = cast.j_staf if own else cast.j_badan_staf
    data = {
        "pemda": cast.pemda,
        "lingkup": LingkupKatalog.JABATAN,
        "jabatan": jabatan,
        "opd": jabatan.opd,
        "nama": "Mengagendakan surat masuk" if own else "Menyusun laporan keuangan",
        "satuan": "surat",
        "menit_per_satuan": 10,
    }
    return KegiatanKatalog.objects.create(**(data | kw))


def pemda_item(cast, **kw) -> KegiatanKatalog:
    data = {"pemda": cast.pemda, "lingkup": LingkupKatalog.PEMDA, "nama": "Apel pagi", "satuan": "kali"}
    return KegiatanKatalog.objects.create(**(data | {"menit_per_satuan": 30} | kw))


# Every page; those with a pk take the admin OPD's own object or one of the other OPD.
PAGES = {
    "katalog_list": None,
    "katalog_create": None,
    "katalog_update": lambda c, own: item(c, own=own),
    "katalog_impor": None,
    "katalog_template": None,
    "dispensasi_list": None,
    "dispensasi_create": None,
    "gangguan_list": None,
    "gangguan_create": None,
}
ADMIN_OPD_PAGES = [p for p in PAGES if not p.startswith("gangguan")]


def url(cast, name: str, own: bool = True) -> str:
    obj = PAGES[name]
    return reverse(f"aktivitas:{name}", kwargs={"pk": obj(cast, own).pk} if obj else None)


def flash(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def form_errors(response, field: str) -> str:
    return " ".join(response.context["form"].errors.get(field, []))


def aware(day, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def local_input(value: datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


# --- access -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login(client, cast, name):
    response = client.get(url(cast, name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("persona", ["pegawai", "atasan", "kadis"])
def test_a_plain_pegawai_gets_403(client, cast, name, persona):
    client.force_login(getattr(cast, persona).user)
    assert client.get(url(cast, name)).status_code == 403
    if name != "katalog_template":
        assert client.post(url(cast, name), {}).status_code == 403
    assert not Dispensasi.objects.exists() and not Gangguan.objects.exists()


def test_admin_opd_gets_404_for_an_item_of_another_opd(client, cast):
    client.force_login(cast.admin_opd)
    other = item(cast, own=False)
    target = reverse("aktivitas:katalog_update", kwargs={"pk": other.pk})
    assert client.get(target).status_code == 404
    assert client.post(target, {"nama": "Dibajak", "aktif": ""}).status_code == 404
    other.refresh_from_db()
    assert other.nama == "Menyusun laporan keuangan" and other.aktif


def test_admin_opd_sees_but_cannot_change_a_pemda_wide_item(client, cast):
    client.force_login(cast.admin_opd)
    shared = pemda_item(cast)
    html = client.get(reverse("aktivitas:katalog_list")).content.decode()
    assert "Apel pagi" in html and "Dikelola BKPSDM" in html
    target = reverse("aktivitas:katalog_update", kwargs={"pk": shared.pk})
    assert client.get(target).status_code == 403
    assert client.post(target, {"nama": "Diubah"}).status_code == 403
    shared.refresh_from_db()
    assert shared.nama == "Apel pagi"


@pytest.mark.parametrize("name", ["gangguan_list", "gangguan_create"])
def test_admin_opd_gets_403_on_outages(client, cast, name):
    client.force_login(cast.admin_opd)
    assert client.get(url(cast, name)).status_code == 403
    start = aware(TODAY - timedelta(days=2), time(9))
    data = {"mulai": local_input(start), "selesai": local_input(start + timedelta(hours=1)), "alasan": "x"}
    assert client.post(url(cast, name), data).status_code == 403
    assert not Gangguan.objects.exists()


@pytest.mark.parametrize("name", ADMIN_OPD_PAGES)
def test_admin_opd_opens_every_page(client, cast, name):
    client.force_login(cast.admin_opd)
    response = client.get(url(cast, name))
    assert response.status_code == 200
    if name == "katalog_template":
        return
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "style=" not in html and "<script>" not in html
    assert "Select an option" not in html and "---------" not in html


@pytest.mark.parametrize("name", PAGES)
def test_hr_opens_every_page(client, cast, name):
    client.force_login(cast.hr)
    response = client.get(url(cast, name))
    assert response.status_code == 200
    if name != "katalog_template":
        html = response.content.decode()
        assert html.count("<h1") == 1 and "style=" not in html


def test_the_menu_offers_outages_to_hr_only(client, cast):
    client.force_login(cast.admin_opd)
    html = client.get(reverse("aktivitas:katalog_list")).content.decode()
    assert reverse("aktivitas:dispensasi_list") in html
    assert reverse("aktivitas:gangguan_list") not in html
    client.force_login(cast.hr)
    assert reverse("aktivitas:gangguan_list") in client.get(reverse("aktivitas:katalog_list")).content.decode()


# --- katalog: list ----------------------------------------------------------------------------


def test_admin_opd_lists_their_opds_items_and_the_pemda_wide_ones(client, cast):
    own, other, shared = item(cast), item(cast, own=False), pemda_item(cast)
    client.force_login(cast.admin_opd)
    response = client.get(reverse("aktivitas:katalog_list"))
    shown = {k.pk for k in response.context["page"]}
    assert shown == {own.pk, shared.pk}
    assert other.pk not in shown
    assert reverse("aktivitas:katalog_update", kwargs={"pk": own.pk}) in response.content.decode()


def test_hr_lists_the_whole_pemda(client, cast):
    items = {item(cast).pk, item(cast, own=False).pk, pemda_item(cast).pk}
    client.force_login(cast.hr)
    assert {k.pk for k in client.get(reverse("aktivitas:katalog_list")).context["page"]} == items


def test_the_list_searches_and_filters(client, cast):
    own = item(cast)
    unit_item = item(
        cast, lingkup=LingkupKatalog.UNIT, jabatan=None, unit=cast.sekretariat, nama="Rapat staf", satuan="rapat"
    )
    off = item(cast, nama="Mengetik naskah", aktif=False)
    shared = pemda_item(cast)
    client.force_login(cast.admin_opd)

    def shown(**params):
        return {k.pk for k in client.get(reverse("aktivitas:katalog_list"), params).context["page"]}

    assert shown(q="agenda") == {own.pk}
    assert shown(q="rapat") == {unit_item.pk}  # by satuan too
    assert shown(lingkup="UNIT") == {unit_item.pk}
    assert shown(aktif="tidak") == {off.pk}
    assert shown(unit=cast.subbag.pk) == {own.pk, off.pk}
    # a jabatan: what its holder may pick (its items, its unit's and the units above, the pemda's)
    assert shown(jabatan=cast.j_staf.pk) == {own.pk, off.pk, unit_item.pk, shared.pk}
    assert shown(jabatan=cast.j_kadis.pk) == {shared.pk}
    # a jabatan of another OPD is not a choice: the filter is ignored, never widened
    assert cast.pemda and shown(jabatan=cast.j_badan_staf.pk) == {own.pk, off.pk, unit_item.pk, shared.pk}


# --- katalog: create and update ---------------------------------------------------------------


def katalog_data(cast, **kw):
    data = {
        "nama": "Menyusun konsep surat dinas",
        "satuan": "surat",
        "menit_per_satuan": "30",
        "lingkup": "JABATAN",
        "jabatan": cast.j_staf.pk,
        "unit": "",
        "aktif": "on",
    }
    return data | kw


def test_admin_opd_adds_an_item_for_a_jabatan(client, cast):
    client.force_login(cast.admin_opd)
    response = client.post(reverse("aktivitas:katalog_create"), katalog_data(cast))
    assert response.status_code == 302 and response.url == reverse("aktivitas:katalog_list")
    k = KegiatanKatalog.objects.get()
    assert (k.pemda, k.lingkup, k.jabatan, k.unit, k.opd) == (
        cast.pemda,
        LingkupKatalog.JABATAN,
        cast.j_staf,
        None,
        cast.dinas,
    )
    assert (k.nama, k.satuan, k.menit_per_satuan, k.aktif) == ("Menyusun konsep surat dinas", "surat", 30, True)
    assert "sudah ditambahkan" in flash(response)[0]


def test_admin_opd_adds_an_item_for_a_unit_and_the_jabatan_box_is_ignored(client, cast):
    client.force_login(cast.admin_opd)
    data = katalog_data(cast, lingkup="UNIT", unit=cast.sekretariat.pk)  # jabatan still picked
    assert client.post(reverse("aktivitas:katalog_create"), data).status_code == 302
    k = KegiatanKatalog.objects.get()
    assert (k.lingkup, k.unit, k.jabatan, k.opd) == (LingkupKatalog.UNIT, cast.sekretariat, None, cast.dinas)


def test_hr_adds_a_pemda_wide_item(client, cast):
    client.force_login(cast.hr)
    data = katalog_data(cast, lingkup="PEMDA", jabatan="", nama="Apel pagi", satuan="kali")
    assert client.post(reverse("aktivitas:katalog_create"), data).status_code == 302
    k = KegiatanKatalog.objects.get()
    assert (k.pemda, k.lingkup, k.jabatan, k.unit, k.opd) == (cast.pemda, LingkupKatalog.PEMDA, None, None, None)


def test_hr_adds_an_item_for_any_opd(client, cast):
    client.force_login(cast.hr)
    assert (
        client.post(reverse("aktivitas:katalog_create"), katalog_data(cast, jabatan=cast.j_badan_staf.pk)).status_code
        == 302
    )
    assert KegiatanKatalog.objects.get().opd == cast.badan


@pytest.mark.parametrize(
    ("menit", "message"),
    [("0", "paling sedikit 1"), ("500", "paling banyak 480"), ("-5", "paling sedikit 1"), ("tiga", "angka bulat")],
)
def test_minutes_must_be_1_to_480(client, cast, menit, message):
    client.force_login(cast.admin_opd)
    response = client.post(reverse("aktivitas:katalog_create"), katalog_data(cast, menit_per_satuan=menit))
    assert response.status_code == 200
    assert message in form_errors(response, "menit_per_satuan")
    assert "Data belum tersimpan" in response.content.decode()
    assert not KegiatanKatalog.objects.exists()


def test_admin_opd_may_not_add_a_pemda_wide_item(client, cast):
    client.force_login(cast.admin_opd)
    html = client.get(reverse("aktivitas:katalog_create")).content.decode()
    assert 'value="PEMDA"' not in html
    response = client.post(reverse("aktivitas:katalog_create"), katalog_data(cast, lingkup="PEMDA", jabatan=""))
    assert response.status_code == 200
    assert "hanya dapat ditambahkan oleh BKPSDM" in form_errors(response, "lingkup")
    assert not KegiatanKatalog.objects.exists()


def test_admin_opd_may_not_attach_an_item_to_another_opds_jabatan_or_unit(client, cast):
    client.force_login(cast.admin_opd)
    response = client.post(reverse("aktivitas:katalog_create"), katalog_data(cast, jabatan=cast.j_badan_staf.pk))
    assert response.status_code == 200
    assert "Pilih" in form_errors(response, "jabatan")  # not one of the choices offered
    response = client.post(
        reverse("aktivitas:katalog_create"), katalog_data(cast, lingkup="UNIT", jabatan="", unit=cast.badan.pk)
    )
    assert "Pilih" in form_errors(response, "unit")
    assert not KegiatanKatalog.objects.exists()


def test_the_chosen_scope_needs_its_target(client, cast):
    client.force_login(cast.admin_opd)
    response = client.post(reverse("aktivitas:katalog_create"), katalog_data(cast, jabatan=""))
    assert "Pilih jabatan" in form_errors(response, "jabatan")
    response = client.post(reverse("aktivitas:katalog_create"), katalog_data(cast, lingkup="UNIT", jabatan=""))
    assert "Pilih unit kerja" in form_errors(response, "unit")
    response = client.post(reverse("aktivitas:katalog_create"), {})
    assert {"nama", "satuan", "menit_per_satuan", "lingkup"} <= set(response.context["form"].errors)
    assert not KegiatanKatalog.objects.exists()


def test_admin_opd_changes_and_deactivates_an_item(client, cast):
    k = item(cast)
    client.force_login(cast.admin_opd)
    target = reverse("aktivitas:katalog_update", kwargs={"pk": k.pk})
    assert 'value="Mengagendakan surat masuk"' in client.get(target).content.decode()
    data = katalog_data(cast, nama="Mengagendakan surat", menit_per_satuan="12", aktif="")
    response = client.post(target, data)
    assert response.status_code == 302
    k.refresh_from_db()
    assert (k.nama, k.menit_per_satuan, k.aktif) == ("Mengagendakan surat", 12, False)
    assert KegiatanKatalog.objects.count() == 1  # deactivated, never deleted


def test_a_refused_change_keeps_the_saved_item_on_the_page(client, cast):
    k = item(cast)
    client.force_login(cast.admin_opd)
    target = reverse("aktivitas:katalog_update", kwargs={"pk": k.pk})
    response = client.post(target, katalog_data(cast, nama="Baru", menit_per_satuan="999"))
    assert response.status_code == 200
    assert response.context["katalog"].nama == "Mengagendakan surat masuk"
    k.refresh_from_db()
    assert k.nama == "Mengagendakan surat masuk"


def test_an_inactive_jabatan_stays_choosable_on_its_item(client, cast):
    k = item(cast)
    cast.j_staf.aktif = False
    cast.j_staf.save()
    client.force_login(cast.admin_opd)
    response = client.post(
        reverse("aktivitas:katalog_update", kwargs={"pk": k.pk}), katalog_data(cast, satuan="lembar")
    )
    assert response.status_code == 302
    k.refresh_from_db()
    assert (k.jabatan, k.satuan) == (cast.j_staf, "lembar")


def test_text_is_shown_escaped(client, cast):
    item(cast, nama="<script>alert(1)</script>")
    client.force_login(cast.admin_opd)
    html = client.get(reverse("aktivitas:katalog_list")).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


# --- dispensasi -------------------------------------------------------------------------------


def dispensasi_data(cast, **kw):
    day = TODAY - timedelta(days=20)
    data = {
        "pegawai": cast.pegawai.pk,
        "tanggal_mulai": day.isoformat(),
        "tanggal_selesai": day.isoformat(),
        "batas": "",
        "alasan": "Sakit dengan surat dokter",
    }
    return data | kw


def entry(cast, day):
    return services.aktivitas_save(
        actor=cast.pegawai.user,
        tanggal=day,
        jam_mulai=time(8),
        jam_selesai=time(9),
        nama_kegiatan="Menyusun surat",
        menit_diajukan=60,
        uraian="3 surat undangan",
    )


def test_a_dispensation_lets_the_pegawai_fill_a_closed_day(client, cast):
    day = TODAY - timedelta(days=20)
    with pytest.raises(ValidationError) as exc:
        entry(cast, day)
    assert "sudah lewat" in exc.value.message_dict["tanggal"][0]

    client.force_login(cast.admin_opd)
    response = client.post(reverse("aktivitas:dispensasi_create"), dispensasi_data(cast))
    assert response.status_code == 302 and response.url == reverse("aktivitas:dispensasi_list")
    d = Dispensasi.objects.get()
    assert (d.pegawai, d.pemda, d.tanggal_mulai, d.tanggal_selesai, d.dibuat_oleh) == (
        cast.pegawai,
        cast.pemda,
        day,
        day,
        cast.admin_opd,
    )
    assert d.batas >= TODAY  # by default a few working days from today
    assert "Dispensasi untuk Pegawai Rajin" in flash(response)[0]

    assert entry(cast, day).tanggal == day
    with pytest.raises(ValidationError):  # only the dates granted
        entry(cast, day - timedelta(days=1))


def test_the_list_says_who_when_until_why_and_by_whom(client, cast):
    client.force_login(cast.admin_opd)
    until = TODAY + timedelta(days=5)
    client.post(reverse("aktivitas:dispensasi_create"), dispensasi_data(cast, batas=until.isoformat()))
    response = client.get(reverse("aktivitas:dispensasi_list"))
    html = response.content.decode()
    assert [d.pegawai for d in response.context["page"]] == [cast.pegawai]
    for text in ("Pegawai Rajin", cast.pegawai.nip_tampil, "Sakit dengan surat dokter", "Admin Kepegawaian"):
        assert text in html
    assert f"{until.day} " in html and "Masih dapat diisi" in html


def test_admin_opd_sees_only_dispensations_of_their_opd(client, cast):
    client.force_login(cast.hr)
    assert (
        client.post(
            reverse("aktivitas:dispensasi_create"), dispensasi_data(cast, pegawai=cast.pegawai_lain.pk)
        ).status_code
        == 302
    )
    client.force_login(cast.admin_opd)
    assert list(client.get(reverse("aktivitas:dispensasi_list")).context["page"]) == []
    client.force_login(cast.hr)
    assert len(client.get(reverse("aktivitas:dispensasi_list")).context["page"]) == 1


def test_admin_opd_may_not_exempt_a_pegawai_of_another_opd(client, cast):
    client.force_login(cast.admin_opd)
    response = client.post(reverse("aktivitas:dispensasi_create"), dispensasi_data(cast, pegawai=cast.pegawai_lain.pk))
    assert response.status_code == 200
    assert "Pilih" in form_errors(response, "pegawai")
    assert not Dispensasi.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"tanggal_selesai": (TODAY + timedelta(days=1)).isoformat()}, "tanggal_selesai", "sudah lewat"),
        ({"tanggal_mulai": (TODAY - timedelta(days=3)).isoformat()}, "tanggal_selesai", "tidak boleh sebelum"),
        ({"batas": (TODAY - timedelta(days=1)).isoformat()}, "batas", "sebelum hari ini"),
        ({"alasan": "   "}, "alasan", ""),
        ({"tanggal_mulai": "kemarin"}, "tanggal_mulai", ""),
    ],
)
def test_bad_dispensations_are_explained(client, cast, extra, field, message):
    client.force_login(cast.admin_opd)
    response = client.post(reverse("aktivitas:dispensasi_create"), dispensasi_data(cast, **extra))
    assert response.status_code == 200
    errors = form_errors(response, field)
    assert errors and message in errors
    assert not Dispensasi.objects.exists()


def test_the_form_can_start_with_a_pegawai(client, cast):
    client.force_login(cast.admin_opd)
    response = client.get(reverse("aktivitas:dispensasi_create"), {"pegawai": cast.pegawai.pk})
    assert response.context["form"].initial["pegawai"] == cast.pegawai
    response = client.get(reverse("aktivitas:dispensasi_create"), {"pegawai": cast.pegawai_lain.pk})
    assert response.context["form"].initial.get("pegawai") is None


# --- gangguan layanan -------------------------------------------------------------------------


def outage(day, start=time(10), length=timedelta(hours=2, minutes=30)):
    mulai = aware(day, start)
    return {"mulai": local_input(mulai), "selesai": local_input(mulai + length), "alasan": "Server mati: listrik padam"}


def test_hr_records_an_outage_and_the_windows_grow_by_its_length(client, cast):
    day = TODAY - timedelta(days=7)
    before = selectors.batas_input_for(cast.pegawai, day)
    client.force_login(cast.hr)
    response = client.post(reverse("aktivitas:gangguan_create"), outage(day))
    assert response.status_code == 302 and response.url == reverse("aktivitas:gangguan_list")
    g = Gangguan.objects.get()
    assert (g.pemda, g.mulai, g.selesai - g.mulai, g.dicatat_oleh) == (
        cast.pemda,
        aware(day, time(10)),
        timedelta(hours=2, minutes=30),
        cast.hr,
    )
    assert selectors.batas_input_for(cast.pegawai, day) == before + timedelta(hours=2, minutes=30)
    assert "diperpanjang 2 jam 30 menit" in flash(response)[0]


def test_the_outage_list_says_how_much_the_windows_grew(client, cast):
    day = TODAY - timedelta(days=7)
    client.force_login(cast.hr)
    client.post(reverse("aktivitas:gangguan_create"), outage(day))
    response = client.get(reverse("aktivitas:gangguan_list"))
    html = response.content.decode()
    assert "Batas pengisian aktivitas tanggal yang terdampak diperpanjang 2 jam 30 menit." in html
    assert "Server mati: listrik padam" in html
    ((g, dampak),) = response.context["rows"]
    # the day itself is affected, and so are the days before it whose window was still open
    assert dampak.sampai == day and dampak.dari < day
    for d in (dampak.dari, day):
        assert selectors.batas_input_for(cast.pegawai, d) > timezone.make_aware(
            datetime.combine(d, time.min)
        ) + timedelta(days=1)


def test_an_outage_is_recorded_once(client, cast):
    day = TODAY - timedelta(days=7)
    client.force_login(cast.hr)
    client.post(reverse("aktivitas:gangguan_create"), outage(day))
    response = client.post(reverse("aktivitas:gangguan_create"), outage(day, start=time(11)))
    assert response.status_code == 200
    assert "sudah dicatat" in " ".join(response.context["form"].non_field_errors())
    assert Gangguan.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"selesai": "mulai"}, "selesai", "sesudah waktu mulai"),
        ({"selesai": "future"}, "selesai", "masa depan"),
        ({"alasan": " "}, "alasan", ""),
        ({"mulai": "besok pagi"}, "mulai", ""),
    ],
)
def test_bad_outages_are_explained(client, cast, data, field, message):
    values = outage(TODAY - timedelta(days=3))
    if data.get("selesai") == "mulai":
        values["selesai"] = values["mulai"]
    elif data.get("selesai") == "future":
        values["selesai"] = local_input(timezone.now() + timedelta(hours=3))
    else:
        values |= data
    client.force_login(cast.hr)
    response = client.post(reverse("aktivitas:gangguan_create"), values)
    assert response.status_code == 200
    errors = form_errors(response, field)
    assert errors and message in errors
    assert not Gangguan.objects.exists()


def test_a_superadmin_without_a_pemda_neither_looks_nor_records(client, cast):
    """As the holiday and schedule pages: outages belong to one pemda's HR (accounts.permissions.may_keep_pemda)."""
    Gangguan.objects.create(
        pemda=cast.pemda,
        mulai=aware(TODAY - timedelta(days=3), time(8)),
        selesai=aware(TODAY - timedelta(days=3), time(9)),
        alasan="Listrik padam di pusat data",
    )
    client.force_login(cast.superadmin)
    response = client.get(reverse("aktivitas:gangguan_list"))
    html = response.content.decode()
    assert response.status_code == 403 and "hanya untuk BKPSDM (HR pemda)" in html
    assert "Listrik padam" not in html
    assert client.get(reverse("aktivitas:gangguan_create")).status_code == 403


def test_the_outage_page_uses_the_browsers_date_time_picker(client, cast):
    client.force_login(cast.hr)
    html = client.get(reverse("aktivitas:gangguan_create")).content.decode()
    assert html.count('type="datetime-local"') == 2


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(hours=2, minutes=30), "2 jam 30 menit"),
        (timedelta(minutes=45), "45 menit"),
        (timedelta(days=1, hours=3), "1 hari 3 jam"),
        (timedelta(seconds=20), "kurang dari 1 menit"),
    ],
)
def test_durations_read_as_people_say_them(delta, text):
    assert durasi_teks(delta) == text


def test_hr_of_another_pemda_sees_nothing_of_this_one(client, cast):
    other = UnitFactory(nama="Dinas di Pemda Lain").pemda
    hr2 = User.objects.create_user(username="hr.lain", password="x", role="HR_PEMDA", pemda=other)
    k = item(cast)
    client.force_login(hr2)
    assert list(client.get(reverse("aktivitas:katalog_list")).context["page"]) == []
    assert client.get(reverse("aktivitas:katalog_update", kwargs={"pk": k.pk})).status_code == 404
