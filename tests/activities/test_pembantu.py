"""Helper entry, on the record (issue 17): HR or the admin OPD names a helper, a pegawai asks one, the
helper enters and submits for them on the pegawai's own day page, every such entry says "dicatat oleh
X atas nama Y" to the verifier and the owner, and the owner takes it back while it waits.

Limits, checked on every request by selectors_pembantu.izin_bantu (rules.alasan_tolak_bantu): a helper
never verifies what they typed, never reaches pay, never acts for their own atasan chain, and loses
access with the revocation, the deactivation or a change of unit."""

from datetime import date, time

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.choices import Role
from accounts.models import Penempatan
from activities import rules, selectors_pembantu, services, services_pembantu
from activities.choices import Status
from activities.models import Aktivitas, AktivitasLog, IzinPembantu, Pembantu
from core.models import AuditLog
from tests.factories import JabatanFactory, UnitFactory, posted
from tests.helpers import TODAY, aktivitas_baru, form_aktivitas

pytestmark = pytest.mark.django_db


def flash(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def url(name: str, *args) -> str:
    return reverse(f"aktivitas:{name}", args=args or None)


@pytest.fixture
def operator(cast):
    """A plain pelaksana of the subbag, beside the pegawai: the unit's operator."""
    return posted(cast.j_staf, nama="Operator Unit")


def named(cast, pegawai, unit=None, **kw) -> Pembantu:
    return services_pembantu.pembantu_create(actor=cast.hr, pegawai=pegawai, unit=unit or cast.subbag, **kw)


def asked(cast, helper, owner=None) -> IzinPembantu:
    """`owner` (the pegawai unless told) asks `helper`, named for the subbag."""
    owner = owner or cast.pegawai
    p = Pembantu.objects.filter(pegawai=helper, berakhir__isnull=True).first() or named(cast, helper)
    return services_pembantu.izin_beri(actor=owner.user, pembantu=p)


# --- the pure rule ----------------------------------------------------------------------------------

_BOLEH = dict(
    nama="Budi",
    sendiri=False,
    atasan_pembantu=False,
    penyetuju=False,
    dicabut=False,
    penunjukan_berakhir=False,
    mulai=None,
    pembantu_pindah=False,
    pemilik_pindah=False,
)


def test_the_rule_allows_a_standing_consent():
    assert rules.alasan_tolak_bantu(**_BOLEH) is None


@pytest.mark.parametrize(
    ("fact", "value", "words"),
    [
        ("sendiri", True, "untuk diri Anda sendiri"),
        ("atasan_pembantu", True, "Budi adalah atasan Anda"),
        ("penyetuju", True, "Anda adalah atasan yang memeriksa aktivitas Budi"),
        ("dicabut", True, "Budi sudah mencabut izin"),
        ("penunjukan_berakhir", True, "sudah dinonaktifkan"),
        ("mulai", "1 Desember 2026", "baru berlaku mulai 1 Desember 2026"),
        ("pembantu_pindah", True, "tidak lagi berada di OPD"),
        ("pemilik_pindah", True, "Budi sudah pindah unit"),
    ],
)
def test_the_rule_refuses_each_limit_with_its_reason(fact, value, words):
    assert words in rules.alasan_tolak_bantu(**(_BOLEH | {fact: value}))


def test_the_own_chain_wins_over_every_other_reason():
    alasan = rules.alasan_tolak_bantu(**(_BOLEH | {"atasan_pembantu": True, "dicabut": True}))
    assert "atasan Anda" in alasan


# --- naming helpers ---------------------------------------------------------------------------------


def test_hr_names_a_helper_on_the_record(cast, operator):
    p = named(cast, operator)
    assert (p.pegawai, p.unit, p.mulai, p.berakhir) == (operator, cast.subbag, TODAY, None)
    row = AuditLog.objects.get(aksi="pembantu:tunjuk")
    assert (row.actor_id, row.pegawai_id, row.sesudah["unit"]) == (cast.hr.pk, operator.pk, cast.subbag.pk)


def test_the_admin_opd_names_a_helper_of_their_own_opd_only(cast, operator):
    assert services_pembantu.pembantu_create(actor=cast.admin_opd, pegawai=operator, unit=cast.subbag).pk
    with pytest.raises(PermissionDenied, match="tidak berwenang"):
        services_pembantu.pembantu_create(actor=cast.admin_opd, pegawai=cast.pegawai_lain, unit=cast.badan)


def test_a_helper_belongs_to_the_units_opd_and_is_named_once(cast, operator):
    with pytest.raises(ValidationError, match="harus pegawai OPD tempat unit itu berada"):
        named(cast, cast.pegawai_lain)
    named(cast, operator)
    with pytest.raises(ValidationError, match="sudah menjadi pembantu pengisian untuk unit ini"):
        named(cast, operator)


def test_nobody_names_themselves(cast):
    with pytest.raises(PermissionDenied, match="tidak dapat menunjuk atau menonaktifkan diri Anda sendiri"):
        services_pembantu.pembantu_create(actor=cast.admin_opd, pegawai=cast.admin_opd.pegawai, unit=cast.subbag)


def test_hr_naming_themselves_gets_403_with_the_reason(client, cast):
    """An HR officer with a pegawai record of the dinas (BKPSDM staff often are one)."""
    hr_pegawai = posted(cast.j_staf, nama="Petugas BKPSDM")
    user = hr_pegawai.user
    user.role = Role.HR_PEMDA
    user.save()
    client.force_login(user)
    response = client.post(url("pembantu_create"), {"pegawai": hr_pegawai.pk, "unit": cast.subbag.pk, "mulai": ""})
    assert response.status_code == 403
    assert "Anda tidak dapat menunjuk atau menonaktifkan diri Anda sendiri" in response.content.decode()
    assert not Pembantu.objects.exists()


def test_the_page_names_a_helper_and_lists_it(client, cast, operator):
    client.force_login(cast.admin_opd)
    response = client.post(url("pembantu_create"), {"pegawai": operator.pk, "unit": cast.subbag.pk, "mulai": ""})
    assert response.status_code == 302 and response["Location"] == url("pembantu_list")
    assert "Operator Unit sudah ditunjuk sebagai pembantu pengisian untuk Subbagian Umum" in flash(response)[0]
    html = client.get(url("pembantu_list")).content.decode()
    assert "Operator Unit" in html and "Nonaktifkan" in html


def test_bad_input_on_the_naming_form_stays_on_the_form(client, cast):
    client.force_login(cast.admin_opd)
    response = client.post(url("pembantu_create"), {"pegawai": "x", "unit": "", "mulai": "kemarin"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"pegawai", "unit", "mulai"}
    past = client.post(url("pembantu_create"), {"pegawai": "", "unit": "", "mulai": "2026-01-01"})
    assert "Tanggal mulai tidak boleh sebelum hari ini." in past.context["form"].errors["mulai"]


def test_deactivating_ends_every_consent_at_once(client, cast, operator):
    izin = asked(cast, operator)
    client.force_login(cast.admin_opd)
    response = client.post(url("pembantu_akhiri", izin.pembantu.pk))
    assert response.status_code == 302
    assert Pembantu.objects.get().berakhir is not None
    client.force_login(operator.user)
    refused = client.get(url("bantu_hari_ini", cast.pegawai.pk))
    assert refused.status_code == 403
    assert "Penunjukan Anda sebagai pembantu pengisian sudah dinonaktifkan." in refused.content.decode()
    client.force_login(cast.admin_opd)
    again = client.post(url("pembantu_akhiri", izin.pembantu.pk))
    assert flash(again) == ["Penunjukan ini sudah dinonaktifkan."]


# --- asking and revoking ------------------------------------------------------------------------------


def test_a_pegawai_sees_the_helpers_of_their_unit_and_above(cast, operator):
    p = named(cast, operator)
    opd_wide = named(cast, cast.admin_opd.pegawai, unit=cast.dinas)
    other = named(cast, posted(cast.j_badan_staf, nama="Operator Badan"), unit=cast.badan)
    tersedia = selectors_pembantu.pembantu_tersedia(cast.pegawai)
    assert {x.pk for x in tersedia} == {p.pk, opd_wide.pk}
    with pytest.raises(ValidationError, match="tidak dapat Anda pilih"):
        services_pembantu.izin_beri(actor=cast.pegawai.user, pembantu=other)


def test_nobody_asks_themselves_or_their_own_subordinate(cast, operator):
    own = named(cast, cast.pegawai)
    with pytest.raises(ValidationError, match="kepada diri Anda sendiri"):
        services_pembantu.izin_beri(actor=cast.pegawai.user, pembantu=own)
    # the atasan (kasubag) may not be entered for by the pegawai below them
    assert own.pk not in {x.pk for x in selectors_pembantu.pembantu_tersedia(cast.atasan)}
    with pytest.raises(ValidationError, match="bawahan Anda sendiri"):
        services_pembantu.izin_beri(actor=cast.atasan.user, pembantu=own)


def test_asking_and_revoking_through_the_page(client, cast, operator):
    p = named(cast, operator)
    client.force_login(cast.pegawai.user)
    response = client.post(url("minta_bantuan"), {"pembantu": p.pk})
    assert response.status_code == 302
    assert flash(response)[0].startswith("Operator Unit kini dapat mencatat dan mengajukan aktivitas atas nama Anda.")
    izin = IzinPembantu.objects.get()
    assert (izin.pegawai, izin.unit, izin.dicabut) == (cast.pegawai, cast.subbag, None)
    twice = client.post(url("minta_bantuan"), {"pembantu": p.pk})
    assert twice.status_code == 200 and "Anda sudah meminta bantuan Operator Unit." in twice.content.decode()
    response = client.post(url("izin_cabut", izin.pk))
    assert flash(response) == [
        "Izin untuk Operator Unit sudah dicabut; ia tidak dapat lagi mengisi aktivitas atas nama Anda."
    ]
    assert (
        AuditLog.objects.filter(
            aksi__in=["pembantu:izin_beri", "pembantu:izin_cabut"], pegawai_id=cast.pegawai.pk
        ).count()
        == 2
    )


@pytest.mark.parametrize("value", ["abc", "999999", "", "1 OR 1=1"])
def test_bad_input_when_asking_is_an_indonesian_message(client, cast, operator, value):
    named(cast, operator)
    client.force_login(cast.pegawai.user)
    response = client.post(url("minta_bantuan"), {"pembantu": value})
    assert response.status_code == 200
    assert not IzinPembantu.objects.exists()
    assert response.context["form"].errors["pembantu"]


def test_an_atasan_cannot_pick_their_subordinate_on_the_page(client, cast):
    own = named(cast, cast.pegawai)
    client.force_login(cast.atasan.user)
    response = client.post(url("minta_bantuan"), {"pembantu": own.pk})
    assert response.status_code == 200
    assert "Pilih salah satu pembantu pengisian unit Anda." in response.context["form"].errors["pembantu"]


# --- the path as users meet it ---------------------------------------------------------------------


def test_the_whole_path_hr_names_pegawai_asks_helper_enters_atasan_verifies_owner_sees(client, cast, operator):
    # HR names the unit's operator
    client.force_login(cast.hr)
    r = client.post(url("pembantu_create"), {"pegawai": operator.pk, "unit": cast.subbag.pk, "mulai": ""})
    assert r.status_code == 302
    # the pegawai asks, from "Aktivitas hari ini"
    client.force_login(cast.pegawai.user)
    assert url("minta_bantuan") in client.get(url("hari_ini")).content.decode()
    client.post(url("minta_bantuan"), {"pembantu": Pembantu.objects.get().pk})
    # the helper finds them under "Bantu rekan" (offered on their own day page)
    client.force_login(operator.user)
    assert url("bantu_rekan") in client.get(url("hari_ini")).content.decode()
    rekan = client.get(url("bantu_rekan")).content.decode()
    assert "Pegawai Rajin" in rekan and url("bantu_hari_ini", cast.pegawai.pk) in rekan
    day = client.get(url("bantu_hari_ini", cast.pegawai.pk))
    assert day.status_code == 200 and "Anda mengisi atas nama Pegawai Rajin." in day.content.decode()
    assert url("bantu_tambah", cast.pegawai.pk) in day.content.decode()
    # … and enters and submits one for them on the colleague's own form
    r = client.post(url("bantu_tambah", cast.pegawai.pk), form_aktivitas(ajukan="1"))
    assert r.status_code == 302 and r["Location"] == url("bantu_hari_ini", cast.pegawai.pk)
    assert flash(r) == [
        "Aktivitas “Rapat koordinasi” atas nama Pegawai Rajin sudah disimpan dan diajukan kepada atasannya."
    ]
    a = Aktivitas.objects.get()
    assert (a.pegawai, a.status, a.dicatat_oleh, a.verifikator) == (
        cast.pegawai,
        Status.SUBMITTED,
        operator.user,
        cast.atasan,
    )
    # the audit trail keeps who typed what: the helper acted, on the owner's record
    rows = AuditLog.objects.filter(aksi__startswith="aktivitas:").order_by("seq")
    assert [(r.aksi, r.actor_id, r.pegawai_id) for r in rows] == [
        ("aktivitas:catat_atas_nama", operator.user.pk, cast.pegawai.pk)
    ]
    assert AktivitasLog.objects.get(aktivitas=a).oleh == operator.user
    # the atasan sees who typed it in the queue, and verifies
    client.force_login(cast.atasan.user)
    queue = client.get(url("antrean_verifikasi")).content.decode()
    assert "Dicatat oleh Operator Unit atas nama Pegawai Rajin" in queue
    r = client.post(url("tindak", a.pk), {"aksi": "verifikasi", "dari": Status.SUBMITTED})
    assert r.status_code == 302
    a.refresh_from_db()
    assert a.status in (Status.VERIFIED, Status.VALIDATED)
    # the owner sees it on "Hari ini" and in the entry's page
    client.force_login(cast.pegawai.user)
    html = client.get(url("hari_ini")).content.decode()
    assert "Dicatat oleh Operator Unit atas nama Pegawai Rajin" in html
    detail = client.get(url("detail", a.pk)).content.decode()
    assert "Dicatat oleh Operator Unit atas nama Pegawai Rajin" in detail
    assert "pembantu pengisian, atas nama pemilik" in detail


def test_a_helper_saves_a_draft_changes_it_and_submits_the_day(client, cast, operator):
    asked(cast, operator)
    client.force_login(operator.user)
    r = client.post(url("bantu_tambah", cast.pegawai.pk), form_aktivitas())
    assert flash(r) == [
        "Aktivitas “Rapat koordinasi” atas nama Pegawai Rajin sudah disimpan sebagai draf. Jangan lupa mengajukannya."
    ]
    a = Aktivitas.objects.get()
    assert a.status == Status.DRAFT and a.dicatat_oleh == operator.user
    # the owner's own draft of the day is not the helper's to submit nor to change
    own = aktivitas_baru(cast.pegawai, jam_mulai=time(10), jam_selesai=time(11))
    assert client.get(url("bantu_ubah", cast.pegawai.pk, own.pk)).status_code == 403
    r = client.post(url("bantu_ubah", cast.pegawai.pk, a.pk), form_aktivitas(uraian="Notula diperbaiki"))
    assert r.status_code == 302
    r = client.post(url("bantu_ajukan_hari", cast.pegawai.pk), {"tanggal": TODAY.isoformat()})
    assert flash(r)[-1:] == ["1 aktivitas atas nama Pegawai Rajin sudah diajukan kepada atasannya untuk diverifikasi."]
    a.refresh_from_db()
    own.refresh_from_db()
    assert (a.status, a.uraian, own.status) == (Status.SUBMITTED, "Notula diperbaiki", Status.DRAFT)
    assert AuditLog.objects.filter(aksi="aktivitas:ajukan_atas_nama", actor_id=operator.user.pk).count() == 1


def test_bad_input_on_the_helpers_form_is_an_indonesian_message(client, cast, operator):
    asked(cast, operator)
    client.force_login(operator.user)
    r = client.post(url("bantu_tambah", cast.pegawai.pk), form_aktivitas(jam_mulai="25:99", menit_diajukan="-4"))
    assert r.status_code == 200 and r.context["form"].errors
    assert "Aktivitas belum tersimpan." in r.content.decode()
    assert client.get(url("bantu_hari_ini", cast.pegawai.pk), {"tanggal": "kemarin"}).status_code == 200
    assert not Aktivitas.objects.exists()


# --- the owner takes it back -------------------------------------------------------------------------


def _submitted_by(cast, helper) -> Aktivitas:
    izin = IzinPembantu.objects.get(pembantu__pegawai=helper, dicabut__isnull=True)
    data = {
        "tanggal": TODAY,
        "jam_mulai": time(8),
        "jam_selesai": time(9),
        "nama_kegiatan": "Rapat koordinasi",
        "uraian": "Notula",
        "menit_diajukan": 60,
    }
    return services.aktivitas_save(actor=helper.user, ajukan=True, izin=izin, **data)


def test_the_owner_takes_back_a_submitted_entry(client, cast, operator):
    asked(cast, operator)
    a = _submitted_by(cast, operator)
    client.force_login(cast.pegawai.user)
    assert url("tarik", a.pk) in client.get(url("hari_ini")).content.decode()
    r = client.post(url("tarik", a.pk))
    assert flash(r) == [
        "Aktivitas “Rapat koordinasi” sudah ditarik kembali menjadi draf. Ubah atau hapus bila tidak sesuai."
    ]
    a.refresh_from_db()
    assert (a.status, a.verifikator, a.validator, a.diajukan_pada) == (Status.DRAFT, None, None, None)
    log = AktivitasLog.objects.filter(aktivitas=a).order_by("pk").last()
    assert (log.dari, log.ke, log.oleh) == (Status.SUBMITTED, Status.DRAFT, cast.pegawai.user)
    # out of the atasan's queue; the draft is the owner's to delete
    client.force_login(cast.atasan.user)
    assert client.get(url("antrean_verifikasi")).context["kelompok"] == []
    client.force_login(cast.pegawai.user)
    client.post(url("hapus", a.pk))
    assert not Aktivitas.objects.filter(pk=a.pk).exists()


def test_only_a_helpers_entry_is_taken_back_and_only_by_the_owner(client, cast, operator):
    own = services.aktivitas_submit(
        actor=cast.pegawai.user, aktivitas=aktivitas_baru(cast.pegawai, jam_mulai=time(10), jam_selesai=time(11))
    )
    with pytest.raises(ValidationError, match="Hanya aktivitas yang dicatat pembantu"):
        services.aktivitas_tarik(actor=cast.pegawai.user, aktivitas=own)
    asked(cast, operator)
    a = _submitted_by(cast, operator)
    izin = IzinPembantu.objects.get()
    with pytest.raises(PermissionDenied, match="Hanya pemilik aktivitas yang dapat menariknya kembali"):
        services.aktivitas_move(actor=operator.user, aktivitas=a, to=Status.DRAFT, izin=izin)
    services.aktivitas_verify(actor=cast.atasan.user, aktivitas=a)
    with pytest.raises(ValidationError, match="tidak dapat diubah menjadi Draf"):
        services.aktivitas_tarik(actor=cast.pegawai.user, aktivitas=a)


# --- the limits ----------------------------------------------------------------------------------------


def test_the_pegawai_cannot_ask_the_atasan_who_checks_their_entries(client, cast):
    """The atasan is also the unit's helper: the pegawai below them cannot pick them (nobody could
    approve what they typed), and a consent written around the page is refused on every request."""
    p = named(cast, cast.atasan)
    assert p.pk not in {x.pk for x in selectors_pembantu.pembantu_tersedia(cast.pegawai)}
    with pytest.raises(ValidationError, match="atasan yang memeriksa aktivitas Anda"):
        services_pembantu.izin_beri(actor=cast.pegawai.user, pembantu=p)
    IzinPembantu.objects.create(pemda=cast.pemda, pegawai=cast.pegawai, pembantu=p, unit=cast.subbag)
    client.force_login(cast.atasan.user)
    r = client.get(url("bantu_hari_ini", cast.pegawai.pk))
    assert r.status_code == 403
    assert "Anda adalah atasan yang memeriksa aktivitas Pegawai Rajin" in r.content.decode()
    r = client.post(url("bantu_tambah", cast.pegawai.pk), form_aktivitas(ajukan="1"))
    assert r.status_code == 403 and not Aktivitas.objects.exists()


def test_a_helper_never_verifies_what_they_typed(client, cast):
    """An entry the atasan typed as helper before a posting change made them its verifier: their own
    atasan role stays for what the pegawai typed, not for the entry they typed themselves."""
    a = aktivitas_baru(
        cast.pegawai, status=Status.SUBMITTED, verifikator=cast.atasan, validator=cast.atasan_atasan,
        nama_kegiatan="Rapat koordinasi", dicatat_oleh=cast.atasan.user,
    )  # fmt: skip
    client.force_login(cast.atasan.user)
    queue = client.get(url("antrean_verifikasi")).content.decode()
    assert "Anda yang mencatatnya: tidak dapat Anda verifikasi" in queue
    r = client.post(url("tindak", a.pk), {"aksi": "verifikasi", "dari": Status.SUBMITTED})
    assert r.status_code == 403
    assert "Aktivitas ini Anda sendiri yang mencatatnya sebagai pembantu pengisian" in r.content.decode()
    a.refresh_from_db()
    assert a.status == Status.SUBMITTED
    bulk = client.post(url("tindakan_massal"), {"aksi": "verifikasi", "ids": [a.pk], "kembali": "verifikasi"})
    assert "tidak dapat memverifikasi" in " ".join(flash(bulk))
    # what the pegawai typed themselves, the atasan verifies as always
    own = services.aktivitas_submit(
        actor=cast.pegawai.user, aktivitas=aktivitas_baru(cast.pegawai, jam_mulai=time(10), jam_selesai=time(11))
    )
    assert services.aktivitas_verify(actor=cast.atasan.user, aktivitas=own).status != Status.SUBMITTED


def test_a_helper_cannot_act_for_their_own_atasan(client, cast, operator):
    """A consent that reached the helper's own atasan (given before a posting change made them one,
    or written around the page) is refused on every request."""
    p = named(cast, operator)
    IzinPembantu.objects.create(pemda=cast.pemda, pegawai=cast.atasan, pembantu=p, unit=cast.subbag)
    client.force_login(operator.user)
    for target in (url("bantu_hari_ini", cast.atasan.pk), url("bantu_tambah", cast.atasan.pk)):
        r = client.get(target)
        assert r.status_code == 403
        assert "Kasubag Teliti adalah atasan Anda (langsung atau di atasnya)" in r.content.decode()
    r = client.post(url("bantu_tambah", cast.atasan.pk), form_aktivitas(ajukan="1"))
    assert r.status_code == 403 and not Aktivitas.objects.exists()
    rekan = client.get(url("bantu_rekan")).content.decode()
    assert "Kasubag Teliti adalah atasan Anda" in rekan
    assert url("bantu_hari_ini", cast.atasan.pk) not in rekan


def test_a_helper_after_revocation_is_refused(client, cast, operator):
    izin = asked(cast, operator)
    client.force_login(operator.user)
    assert client.get(url("bantu_hari_ini", cast.pegawai.pk)).status_code == 200
    services_pembantu.izin_cabut(actor=cast.pegawai.user, izin=izin)
    for r in (
        client.get(url("bantu_hari_ini", cast.pegawai.pk)),
        client.post(url("bantu_tambah", cast.pegawai.pk), form_aktivitas(ajukan="1")),
        client.post(url("bantu_ajukan_hari", cast.pegawai.pk), {"tanggal": TODAY.isoformat()}),
    ):
        assert r.status_code == 403
        assert "Pegawai Rajin sudah mencabut izin bantuan pengisian" in r.content.decode()
    assert not Aktivitas.objects.exists()
    # the service refuses a consent object held from before the revocation, too
    with pytest.raises(PermissionDenied):
        services.aktivitas_save(actor=operator.user, izin=izin, **{"tanggal": TODAY})


def test_a_colleague_who_never_asked_is_not_found(client, cast, operator):
    asked(cast, operator)
    client.force_login(operator.user)
    assert client.get(url("bantu_hari_ini", cast.kadis.pk)).status_code == 404
    client.force_login(cast.atasan.user)
    assert client.get(url("bantu_hari_ini", cast.pegawai.pk)).status_code == 404


def test_a_change_of_unit_ends_the_permission(client, cast, operator):
    asked(cast, operator)
    client.force_login(operator.user)
    # the pegawai moves to another unit of the dinas
    tu = UnitFactory(pemda=cast.pemda, parent=cast.sekretariat, nama="Subbagian Keuangan")
    Penempatan.objects.filter(pegawai=cast.pegawai).update(jabatan=JabatanFactory(unit=tu, parent=cast.j_sekretaris))
    r = client.get(url("bantu_hari_ini", cast.pegawai.pk))
    assert r.status_code == 403 and "Pegawai Rajin sudah pindah unit" in r.content.decode()


def test_a_helper_who_leaves_the_opd_loses_the_designation(client, cast, operator):
    asked(cast, operator)
    operator.opd = cast.badan
    operator.save(update_fields=["opd"])
    client.force_login(operator.user)
    r = client.get(url("bantu_hari_ini", cast.pegawai.pk))
    assert r.status_code == 403 and "tidak lagi berada di OPD" in r.content.decode()


def test_a_designation_not_yet_in_force_lets_nobody_in(client, cast, operator):
    p = named(cast, operator, mulai=date(2026, 12, 1))
    assert selectors_pembantu.pembantu_tersedia(cast.pegawai) == []
    IzinPembantu.objects.create(pemda=cast.pemda, pegawai=cast.pegawai, pembantu=p, unit=cast.subbag)
    client.force_login(operator.user)
    r = client.get(url("bantu_hari_ini", cast.pegawai.pk))
    assert r.status_code == 403 and "baru berlaku mulai 1 Desember 2026" in r.content.decode()


def test_a_helper_never_sees_the_colleagues_pay(client, cast, operator):
    asked(cast, operator)
    client.force_login(operator.user)
    assert client.get(reverse("tpp:rincian_pegawai", args=[cast.pegawai.pk])).status_code == 404
    day = client.get(url("bantu_hari_ini", cast.pegawai.pk)).content.decode()
    konten = day.split('id="konten"', 1)[1]  # the page itself (the menu offers the helper their own TPP)
    assert "TPP" not in konten and "Rp" not in konten
    # nor the colleague's entry pages outside the helper's day page
    a = _submitted_by(cast, operator)
    assert client.get(url("detail", a.pk)).status_code == 404


def test_no_account_without_a_pegawai_record_is_a_helper(client, cast, operator):
    asked(cast, operator)
    client.force_login(cast.hr)
    assert client.get(url("bantu_hari_ini", cast.pegawai.pk)).status_code == 403


# --- what it costs --------------------------------------------------------------------------------------


def test_hari_ini_costs_the_same_with_entries_a_helper_typed(client, cast, operator, django_assert_max_num_queries):
    """The typist comes in the entries' own query (a join); the page asks one more thing than before
    issue 17, once: whether the pegawai is a named helper ("Bantu rekan")."""
    asked(cast, operator)
    client.force_login(cast.pegawai.user)
    aktivitas_baru(cast.pegawai)
    client.get(url("hari_ini"))  # the input calendar each process keeps (selectors.kalender_input)
    with django_assert_max_num_queries(30) as own:
        client.get(url("hari_ini"))
    for h in (10, 11, 12):
        aktivitas_baru(cast.pegawai, jam_mulai=time(h), jam_selesai=time(h, 30), dicatat_oleh=operator.user)
    with django_assert_max_num_queries(len(own.captured_queries)) as typed:
        html = client.get(url("hari_ini")).content.decode()
    assert html.count("Dicatat oleh Operator Unit atas nama Pegawai Rajin") == 3
    assert len(typed.captured_queries) == len(own.captured_queries)


def test_the_queue_costs_the_same_with_entries_a_helper_typed(client, cast, operator, django_assert_max_num_queries):
    """The typists are read in the same query as the people of the queue."""
    client.force_login(cast.atasan.user)
    kw = {"status": Status.SUBMITTED, "verifikator": cast.atasan, "validator": cast.atasan_atasan}
    aktivitas_baru(cast.pegawai, **kw)
    with django_assert_max_num_queries(25) as plain:
        client.get(url("antrean_verifikasi"))
    for h in (10, 11, 12):
        aktivitas_baru(cast.pegawai, jam_mulai=time(h), jam_selesai=time(h, 30), dicatat_oleh=operator.user, **kw)
    with django_assert_max_num_queries(len(plain.captured_queries)) as typed:
        html = client.get(url("antrean_verifikasi")).content.decode()
    assert html.count("Dicatat oleh Operator Unit atas nama Pegawai Rajin") == 3
    assert len(typed.captured_queries) == len(plain.captured_queries)
