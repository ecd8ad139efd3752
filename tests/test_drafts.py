"""Issue 8, no lost input: the entry form is saved on the server as the user types (htmx), restored
when the page is opened again, deleted when the real submit succeeds, and a failed submit keeps
what was typed."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from activities import services
from activities.models import Aktivitas
from core import drafts, idempotency
from core.models import Draf
from tests.helpers import TODAY, aktivitas_baru

pytestmark = pytest.mark.django_db

TAMBAH = "aktivitas:tambah"


def typed(**over) -> dict:
    data = {
        drafts.FIELD: TAMBAH,
        "csrfmiddlewaretoken": "x",
        idempotency.FIELD: str(uuid.uuid4()),
        "tanggal": TODAY.isoformat(),
        "jam_mulai": "08:00",
        "jam_selesai": "09:00",
        "mode": "BEBAS",
        "nama_kegiatan": "Menyusun laporan bulanan",
        "menit_diajukan": "60",
        "uraian": "Laporan bulan ini setengah jadi",
        "bukti_link": "",
    }
    return data | over


def autosave(client, **over):
    return client.post(reverse("draf"), typed(**over), HTTP_HX_REQUEST="true")


def test_typing_saves_a_draft_and_says_when(client, cast):
    client.force_login(cast.pegawai.user)
    response = autosave(client)
    assert response.status_code == 200
    assert "Draf tersimpan pukul" in response.content.decode()
    draf = Draf.objects.get()
    assert (draf.user, draf.kunci) == (cast.pegawai.user, TAMBAH)
    assert draf.data["uraian"] == "Laporan bulan ini setengah jadi"
    # tokens and the form's own keys are not kept
    assert not {"csrfmiddlewaretoken", idempotency.FIELD, drafts.FIELD} & set(draf.data)
    autosave(client, uraian="Laporan bulan ini hampir jadi")
    assert Draf.objects.get().data["uraian"] == "Laporan bulan ini hampir jadi"


def test_opening_the_form_again_restores_the_draft(client, cast):
    client.force_login(cast.pegawai.user)
    autosave(client, jam_mulai="10:15", jam_selesai="11:00")
    html = client.get(reverse("aktivitas:tambah")).content.decode()
    assert "Laporan bulan ini setengah jadi" in html
    assert 'value="10:15"' in html and 'value="Menyusun laporan bulanan"' in html
    assert 'data-testid="draf-pulih"' in html


def test_without_a_draft_the_form_is_empty(client, cast):
    client.force_login(cast.pegawai.user)
    html = client.get(reverse("aktivitas:tambah")).content.decode()
    assert "Laporan bulan ini" not in html and 'data-testid="draf-pulih"' not in html
    assert f'name="{drafts.FIELD}" value="{TAMBAH}"' in html
    assert f'hx-post="{reverse("draf")}"' in html and 'hx-params="not bukti_file"' in html


def test_a_successful_save_deletes_the_draft(client, cast):
    client.force_login(cast.pegawai.user)
    autosave(client)
    data = typed()
    del data["csrfmiddlewaretoken"]
    assert client.post(reverse("aktivitas:tambah"), data).status_code == 302
    assert Aktivitas.objects.count() == 1 and not Draf.objects.exists()


def test_a_refused_save_keeps_the_text_on_the_page_and_in_the_draft(client, cast):
    client.force_login(cast.pegawai.user)
    data = typed(jam_selesai="07:00", uraian="Teks yang panjang dan tidak boleh hilang")
    del data["csrfmiddlewaretoken"]
    response = client.post(reverse("aktivitas:tambah"), data)
    assert response.status_code == 200
    assert "Teks yang panjang dan tidak boleh hilang" in response.content.decode()
    assert Draf.objects.get().data["uraian"] == "Teks yang panjang dan tidak boleh hilang"
    assert not Aktivitas.objects.exists()


def test_a_server_error_on_save_keeps_the_draft(client, cast, monkeypatch):
    client.force_login(cast.pegawai.user)
    client.raise_request_exception = False
    autosave(client)

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "aktivitas_save", broken)
    data = typed()
    del data["csrfmiddlewaretoken"]
    assert client.post(reverse("aktivitas:tambah"), data).status_code == 500
    assert Draf.objects.get().data["uraian"] == "Laporan bulan ini setengah jadi"
    assert "Laporan bulan ini setengah jadi" in client.get(reverse("aktivitas:tambah")).content.decode()


def test_a_late_autosave_after_the_submit_does_not_bring_the_draft_back(client, cast):
    client.force_login(cast.pegawai.user)
    data = typed()
    del data["csrfmiddlewaretoken"]
    client.post(reverse("aktivitas:tambah"), data)
    autosave(client, **{idempotency.FIELD: data[idempotency.FIELD]})
    assert not Draf.objects.exists()


def test_drafts_belong_to_their_owner(client, cast):
    client.force_login(cast.pegawai.user)
    autosave(client)
    client.force_login(cast.pegawai_lain.user)
    html = client.get(reverse("aktivitas:tambah")).content.decode()
    assert "Laporan bulan ini setengah jadi" not in html
    autosave(client, uraian="milik pegawai lain")
    assert Draf.objects.count() == 2
    assert drafts.draf_untuk(user=cast.pegawai.user, kunci=TAMBAH).data["uraian"] == "Laporan bulan ini setengah jadi"
    # throwing one's own away leaves the other person's draft
    client.post(reverse("draf"), {drafts.FIELD: TAMBAH, "hapus": "1", "next": reverse("aktivitas:tambah")})
    assert list(Draf.objects.values_list("user", flat=True)) == [cast.pegawai.user.pk]


def test_the_edit_form_has_its_own_draft(client, cast):
    a = aktivitas_baru(cast.pegawai, tanggal=TODAY, nama_kegiatan="Menyusun surat", uraian="3 surat")
    client.force_login(cast.pegawai.user)
    autosave(client, **{drafts.FIELD: f"aktivitas:ubah:{a.pk}", "uraian": "5 surat, bukan 3"})
    assert "5 surat, bukan 3" in client.get(reverse("aktivitas:ubah", args=[a.pk])).content.decode()
    assert "5 surat, bukan 3" not in client.get(reverse("aktivitas:tambah")).content.decode()


def test_throwing_a_draft_away_goes_back_to_the_form(client, cast):
    client.force_login(cast.pegawai.user)
    autosave(client)
    back = reverse("aktivitas:tambah") + "?tanggal=" + TODAY.isoformat()
    response = client.post(reverse("draf"), {drafts.FIELD: TAMBAH, "hapus": "1", "next": back})
    assert response.status_code == 302 and response.url == back
    assert not Draf.objects.exists()
    evil = client.post(reverse("draf"), {drafts.FIELD: TAMBAH, "hapus": "1", "next": "https://evil.example/"})
    assert evil.url == reverse("beranda")


def test_too_much_text_or_an_unknown_form_is_refused(client, cast):
    client.force_login(cast.pegawai.user)
    big = autosave(client, uraian="x" * (drafts.MAKS_BYTES + 1))
    assert "terlalu panjang" in big.content.decode()
    odd = autosave(client, **{drafts.FIELD: "../../etc"})
    assert "tidak dikenal" in odd.content.decode()
    assert not Draf.objects.exists()


def test_a_user_keeps_a_limited_number_of_drafts(client, cast):
    client.force_login(cast.pegawai.user)
    for pk in range(drafts.MAKS_PER_USER + 5):
        autosave(client, **{drafts.FIELD: f"aktivitas:ubah:{pk}"})
    assert Draf.objects.filter(user=cast.pegawai.user).count() == drafts.MAKS_PER_USER
    assert Draf.objects.filter(kunci=f"aktivitas:ubah:{drafts.MAKS_PER_USER + 4}").exists()


def test_anonymous_cannot_save_a_draft(client, cast):
    response = client.post(reverse("draf"), typed())
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert not Draf.objects.exists()
    assert client.get(reverse("draf")).status_code in (302, 405)


def test_the_leave_form_keeps_its_draft_until_it_is_sent(client, cast):
    from attendance.models import Permohonan

    client.force_login(cast.pegawai.user)
    create = reverse("presensi:permohonan_create")
    autosave(client, **{drafts.FIELD: "presensi:permohonan", "alasan": "Mengantar ibu berobat"})
    html = client.get(create).content.decode()
    assert "Mengantar ibu berobat" in html and 'data-testid="draf-pulih"' in html
    assert 'hx-params="not lampiran"' in html
    data = {"jenis": "IZIN", "mulai": "2026-03-02", "selesai": "2026-03-01", "alasan": "Mengantar ibu berobat"}
    refused = client.post(create, data)
    assert refused.status_code == 200 and "Mengantar ibu berobat" in refused.content.decode()
    assert Draf.objects.get().data["selesai"] == "2026-03-01"
    assert client.post(create, data | {"selesai": "2026-03-02"}).status_code == 302
    assert Permohonan.objects.count() == 1 and not Draf.objects.exists()


def test_the_nightly_cleanup_removes_old_keys_and_drafts_only(cast, settings):
    from datetime import timedelta

    from core.models import KunciIdempotensi
    from core.tasks import isian_bersihkan

    user = cast.pegawai.user
    now = timezone.now()
    lama, baru = (KunciIdempotensi.objects.create(user=user, kunci=uuid.uuid4()) for _i in range(2))
    KunciIdempotensi.objects.filter(pk=lama.pk).update(dibuat=now - timedelta(days=8))
    d_lama = Draf.objects.create(user=user, kunci="aktivitas:tambah", data={"uraian": "x"})
    d_baru = Draf.objects.create(user=user, kunci="presensi:permohonan", data={"alasan": "y"})
    Draf.objects.filter(pk=d_lama.pk).update(diubah=now - timedelta(days=31))
    assert isian_bersihkan() == (1, 1)
    assert list(KunciIdempotensi.objects.values_list("pk", flat=True)) == [baru.pk]
    assert list(Draf.objects.values_list("pk", flat=True)) == [d_baru.pk]
    assert settings.CELERY_BEAT_SCHEDULE["isian-bersihkan-nightly"]["task"] == "core.tasks.isian_bersihkan"
