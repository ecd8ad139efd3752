"""Compulsory gatherings as data (issue 16): each pemda's list of events with a cut each in the TPP rule
set, and a gathering called off for a day (its events count for nobody in scope)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import PeriodeTutup
from attendance.models import KegiatanWajib, Kejadian, PembatalanKegiatan
from attendance.services.hari import kejadian_create
from attendance.services.kegiatan import (
    kegiatan_create,
    kegiatan_update,
    kegiatan_wajib_bawaan,
    pembatalan_create,
    pembatalan_hapus,
)
from core.models import AuditLog
from tests.factories import PemdaFactory, UserFactory
from tests.tpp.test_views_hr import _aturan_post
from tests.tpp.util import aturan, bulan_hadir, validated
from tpp.models import AturanTpp, BarisTpp
from tpp.services import periode_ambil, tpp_periode_hitung

pytestmark = pytest.mark.django_db

JUMAT = date(2026, 10, 9)
SENIN, SELASA = date(2026, 10, 5), date(2026, 10, 6)


def hitung_oktober(cast) -> dict[int, BarisTpp]:
    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=10)
    tpp_periode_hitung(actor=cast.hr, periode=periode)
    return {b.pegawai_id: b for b in BarisTpp.objects.filter(periode=periode)}


def apel(cast):
    return KegiatanWajib.objects.get(pemda=cast.pemda, kode="TIDAK_APEL")


# --- the list of gatherings ------------------------------------------------------------------------


def test_every_pemda_starts_with_apel_upacara_and_senam(cast):
    lain = PemdaFactory(nama="Pemerintah Kabupaten Baru", kode="BARU")
    for pemda in (cast.pemda, lain):
        rows = list(KegiatanWajib.objects.filter(pemda=pemda).values_list("kode", "nama", "aktif"))
        assert rows == [
            ("TIDAK_APEL", "Apel", True),
            ("TIDAK_UPACARA", "Upacara", True),
            ("TIDAK_SENAM", "Senam", True),
        ]
    kegiatan_wajib_bawaan(lain)  # the service H3's "create pemda" may call again: nothing doubled
    assert KegiatanWajib.objects.filter(pemda=lain).count() == 3


def test_hr_adds_senam_jumat_with_a_cut_admin_opd_records_it_and_the_month_cuts_exactly_that(client, cast):
    aturan(cast.pemda)
    bulan_hadir(cast.pegawai)
    validated(cast.pegawai, 3_300)  # half the target: kinerja 3.000.000 × 60% × 50% = 900.000
    client.force_login(cast.hr)
    response = client.post(reverse("presensi:kegiatan_create"), {"nama": " Senam  Jumat "})
    assert response.status_code == 302
    senam = KegiatanWajib.objects.get(pemda=cast.pemda, nama="Senam Jumat")
    assert (senam.kode, senam.urutan, senam.aktif) == ("TIDAK_SENAM_JUMAT", 4, True)
    assert AuditLog.objects.filter(aksi="kegiatanwajib:buat", objek_id=str(senam.pk)).exists()

    # the TPP rule form has its field at once, named by the pemda's name, empty until given
    form = client.get(reverse("tpp:aturan_create")).context["form"]
    assert form.fields["potongan_TIDAK_SENAM_JUMAT"].label == "Tidak mengikuti senam Jumat"
    assert form.fields["potongan_TIDAK_SENAM_JUMAT"].required
    data = _aturan_post(berlaku_mulai="2026-10-01", kelas_5="3000000", pph_metode="TIDAK_ADA")
    response = client.post(reverse("tpp:aturan_create"), data)
    assert response.status_code == 200
    assert "potongan_TIDAK_SENAM_JUMAT" in response.context["form"].errors  # a new event's cut is asked for
    response = client.post(reverse("tpp:aturan_create"), data | {"potongan_TIDAK_SENAM_JUMAT": "1,5"})
    assert response.status_code == 302
    versi = AturanTpp.objects.latest("pk")
    assert versi.tabel_potongan["TIDAK_SENAM_JUMAT"] == "1.5"

    client.force_login(cast.admin_opd)
    choices = client.get(reverse("presensi:kejadian_create")).context["form"].fields["jenis"].choices
    assert ("TIDAK_SENAM_JUMAT", "Tidak mengikuti senam Jumat") in choices
    data = {"pegawai": cast.pegawai.pk, "tanggal": JUMAT.isoformat(), "jenis": "TIDAK_SENAM_JUMAT"}
    assert client.post(reverse("presensi:kejadian_create"), data).status_code == 302

    row = hitung_oktober(cast)[cast.pegawai.pk]
    assert (row.galat, row.aturan_id, row.kejadian) == ("", versi.pk, {"TIDAK_SENAM_JUMAT": 1})
    assert row.potongan_disiplin_pct == pytest.approx(1.5)
    # disiplin 3.000.000 × 40% × (100% − 1,5%) = 1.182.000
    assert (row.bagian_kinerja, row.bagian_disiplin, row.bruto) == (900_000, 1_182_000, 2_082_000)

    client.force_login(cast.pegawai.user)
    html = client.get(reverse("tpp:rincian_saya") + "?bulan=2026-10").content.decode()
    assert "1 kali tidak mengikuti senam Jumat" in html and "−1,5% dari bagian disiplin" in html


def test_rename_and_deactivate_keep_the_code_and_the_records(client, cast):
    row = apel(cast)
    client.force_login(cast.hr)
    url = reverse("presensi:kegiatan_update", args=[row.pk])
    response = client.post(url, {"nama": "Apel pagi", "urutan": "1"})  # aktif unticked
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.kode, row.nama, row.aktif) == ("TIDAK_APEL", "Apel pagi", False)
    log = AuditLog.objects.get(aksi="kegiatanwajib:ubah")
    assert log.sebelum == {"nama": "Apel", "aktif": True} and log.sesudah == {"nama": "Apel pagi", "aktif": False}
    client.force_login(cast.admin_opd)
    choices = client.get(reverse("presensi:kejadian_create")).context["form"].fields["jenis"].choices
    assert [v for v, _l in choices if v] == ["TIDAK_UPACARA", "TIDAK_SENAM"]


def test_a_gathering_with_records_is_never_deleted_one_without_may_be(client, cast):
    kejadian_create(actor=cast.admin_opd, pegawai=cast.pegawai, tanggal=SENIN, jenis="TIDAK_APEL")
    client.force_login(cast.hr)
    response = client.post(reverse("presensi:kegiatan_update", args=[apel(cast).pk]), {"aksi": "hapus"}, follow=True)
    assert "sudah dipakai pada kejadian yang tercatat" in response.content.decode()
    assert KegiatanWajib.objects.filter(pk=apel(cast).pk).exists()
    typo = kegiatan_create(actor=cast.hr, pemda=cast.pemda, nama="Senma")
    response = client.post(reverse("presensi:kegiatan_update", args=[typo.pk]), {"aksi": "hapus"})
    assert response.status_code == 302 and not KegiatanWajib.objects.filter(pk=typo.pk).exists()
    assert AuditLog.objects.filter(aksi="kegiatanwajib:hapus").count() == 1


@pytest.mark.parametrize(
    ("nama", "pesan"),
    [("", "Isi nama kegiatan"), ("   ", "Isi nama kegiatan"), ("apel", "Kegiatan “apel” sudah ada."), ("x" * 61, "")],
)
def test_bad_names_get_a_message_and_save_nothing(client, cast, nama, pesan):
    client.force_login(cast.hr)
    response = client.post(reverse("presensi:kegiatan_create"), {"nama": nama})
    assert response.status_code == 200 and response.context["form"].errors["nama"]
    assert pesan in response.content.decode()
    assert KegiatanWajib.objects.filter(pemda=cast.pemda).count() == 3


def test_who_keeps_the_list(client, cast):
    for user in (cast.admin_opd, cast.pegawai.user):
        client.force_login(user)
        assert client.get(reverse("presensi:kegiatan_list")).status_code == 403
        assert client.post(reverse("presensi:kegiatan_create"), {"nama": "Senam"}).status_code == 403
    with pytest.raises(PermissionDenied):
        kegiatan_create(actor=cast.admin_opd, pemda=cast.pemda, nama="Senam Jumat")
    lain = PemdaFactory(nama="Pemerintah Kabupaten Lain", kode="LAIN")
    hr_lain = UserFactory(username="hr.lain", role=cast.hr.role, pemda=lain)
    client.force_login(hr_lain)
    assert client.get(reverse("presensi:kegiatan_update", args=[apel(cast).pk])).status_code == 404
    assert client.post(reverse("presensi:kegiatan_update", args=[apel(cast).pk]), {"aksi": "hapus"}).status_code == 404
    with pytest.raises(PermissionDenied):
        kegiatan_update(actor=hr_lain, kegiatan=apel(cast), nama="X", aktif=True, urutan=1)
    assert apel(cast).nama == "Apel"


# --- a gathering called off for a day --------------------------------------------------------------


def test_an_apel_called_off_removes_exactly_that_days_cuts_in_scope(client, cast):
    aturan(cast.pemda)  # apel 2% (the national default)
    assert (cast.pegawai.opd_id, cast.pegawai_lain.opd_id) == (cast.dinas.pk, cast.badan.pk)
    for p in (cast.pegawai, cast.pegawai_lain):
        bulan_hadir(p)
        validated(p, 3_300)
    for tanggal in (SENIN, SELASA):
        kejadian_create(actor=cast.hr, pegawai=cast.pegawai, tanggal=tanggal, jenis="TIDAK_APEL")
    kejadian_create(actor=cast.hr, pegawai=cast.pegawai_lain, tanggal=SENIN, jenis="TIDAK_APEL")
    kejadian_create(actor=cast.hr, pegawai=cast.pegawai, tanggal=SENIN, jenis="TIDAK_UPACARA")
    before = hitung_oktober(cast)
    assert before[cast.pegawai.pk].kejadian == {"TIDAK_APEL": 2, "TIDAK_UPACARA": 1}

    # the admin OPD of the dinas calls Monday's apel off: for their OPD only
    client.force_login(cast.admin_opd)
    form = client.get(reverse("presensi:pembatalan_create")).context["form"]
    assert "opd" not in form.fields
    data = {"kegiatan": apel(cast).pk, "tanggal": SENIN.isoformat(), "alasan": "Hujan deras", "opd": cast.badan.pk}
    assert client.post(reverse("presensi:pembatalan_create"), data).status_code == 302
    batal = PembatalanKegiatan.objects.get()
    assert (batal.opd_id, batal.tanggal, batal.dicatat_oleh_id) == (cast.dinas.pk, SENIN, cast.admin_opd.pk)
    assert AuditLog.objects.filter(aksi="pembatalankegiatan:buat").count() == 1

    after = hitung_oktober(cast)
    assert after[cast.pegawai.pk].kejadian == {"TIDAK_APEL": 1, "TIDAK_UPACARA": 1}  # Tuesday and the upacara stay
    assert after[cast.pegawai.pk].potongan_disiplin_pct == 4
    assert after[cast.pegawai.pk].bagian_disiplin - before[cast.pegawai.pk].bagian_disiplin == 24_000  # 2% of 1.2M
    assert after[cast.pegawai_lain.pk].kejadian == {"TIDAK_APEL": 1}  # the badan's apel was held
    assert Kejadian.objects.count() == 4  # the rows stay

    # the list marks Monday's apel of the dinas as called off
    client.force_login(cast.hr)
    page = client.get(reverse("presensi:kejadian_list") + "?bulan=2026-10").context["page"]
    marks = {(k.pegawai_id, k.tanggal, k.jenis): k.dibatalkan for k in page}
    assert marks == {
        (cast.pegawai.pk, SENIN, "TIDAK_APEL"): True,
        (cast.pegawai.pk, SELASA, "TIDAK_APEL"): False,
        (cast.pegawai.pk, SENIN, "TIDAK_UPACARA"): False,
        (cast.pegawai_lain.pk, SENIN, "TIDAK_APEL"): False,
    }

    # recording that apel on that day is refused, with why; elsewhere it is not
    with pytest.raises(ValidationError) as e:
        kejadian_create(actor=cast.hr, pegawai=cast.atasan, tanggal=SENIN, jenis="TIDAK_APEL")
    assert e.value.message_dict["tanggal"] == [
        "Apel pada 05-10-2026 dibatalkan (Hujan deras), jadi tidak ada yang dapat dicatat tidak mengikutinya."
    ]
    kejadian_create(actor=cast.hr, pegawai=cast.atasan, tanggal=SENIN, jenis="TIDAK_UPACARA")

    # undone: Monday's apel counts again
    client.force_login(cast.admin_opd)
    assert client.post(reverse("presensi:pembatalan_hapus", args=[batal.pk])).status_code == 302
    assert not PembatalanKegiatan.objects.exists()
    assert AuditLog.objects.filter(aksi="pembatalankegiatan:hapus").count() == 1
    assert hitung_oktober(cast)[cast.pegawai.pk].kejadian == {"TIDAK_APEL": 2, "TIDAK_UPACARA": 1}


def test_hr_calls_off_for_the_whole_pemda(cast):
    aturan(cast.pemda)
    for p in (cast.pegawai, cast.pegawai_lain):
        bulan_hadir(p)
        kejadian_create(actor=cast.hr, pegawai=p, tanggal=SENIN, jenis="TIDAK_APEL")
    pembatalan_create(actor=cast.hr, kegiatan=apel(cast), tanggal=SENIN, opd=None, alasan="Hari libur daerah")
    rows = hitung_oktober(cast)
    assert rows[cast.pegawai.pk].kejadian == {} and rows[cast.pegawai_lain.pk].kejadian == {}
    with pytest.raises(ValidationError):  # once is enough, for every OPD too
        pembatalan_create(actor=cast.hr, kegiatan=apel(cast), tanggal=SENIN, opd=cast.dinas, alasan="Hujan deras")


def test_who_may_call_off_and_undo(client, cast):
    with pytest.raises(PermissionDenied):  # an admin OPD: never for another OPD, nor the whole pemda
        pembatalan_create(actor=cast.admin_opd, kegiatan=apel(cast), tanggal=SENIN, opd=cast.badan, alasan="Hujan")
    with pytest.raises(PermissionDenied):
        pembatalan_create(actor=cast.admin_opd, kegiatan=apel(cast), tanggal=SENIN, opd=None, alasan="Hujan deras")
    seluruh = pembatalan_create(actor=cast.hr, kegiatan=apel(cast), tanggal=SENIN, opd=None, alasan="Hujan deras")
    badan = pembatalan_create(actor=cast.hr, kegiatan=apel(cast), tanggal=SELASA, opd=cast.badan, alasan="Hujan deras")
    client.force_login(cast.admin_opd)
    rows = list(client.get(reverse("presensi:pembatalan_list")).context["page"])
    assert rows == [seluruh]  # the pemda-wide one applies to them; the badan's is not theirs
    assert client.post(reverse("presensi:pembatalan_hapus", args=[badan.pk])).status_code == 404
    assert client.post(reverse("presensi:pembatalan_hapus", args=[seluruh.pk])).status_code == 403
    client.force_login(cast.pegawai.user)
    assert client.get(reverse("presensi:pembatalan_list")).status_code == 403
    assert client.post(reverse("presensi:pembatalan_hapus", args=[seluruh.pk])).status_code == 403
    lain = PemdaFactory(nama="Pemerintah Kabupaten Lain", kode="LAIN")
    client.force_login(UserFactory(username="hr.lain", role=cast.hr.role, pemda=lain))
    assert client.post(reverse("presensi:pembatalan_hapus", args=[seluruh.pk])).status_code == 404
    assert PembatalanKegiatan.objects.count() == 2
    # nobody records on their own record (the admin OPD is a pegawai of the dinas)
    with pytest.raises(PermissionDenied):
        kejadian_create(actor=cast.admin_opd, pegawai=cast.admin_opd.pegawai, tanggal=SELASA, jenis="TIDAK_APEL")


def test_a_closed_month_cannot_be_called_off_nor_undone(client, cast):
    batal = pembatalan_create(actor=cast.hr, kegiatan=apel(cast), tanggal=SENIN, opd=None, alasan="Hujan deras")
    PeriodeTutup.objects.create(pemda=cast.pemda, tahun=2026, bulan=10)
    client.force_login(cast.hr)
    data = {"kegiatan": apel(cast).pk, "tanggal": SELASA.isoformat(), "alasan": "Hujan deras", "opd": ""}
    response = client.post(reverse("presensi:pembatalan_create"), data)
    assert response.status_code == 200
    assert "Bulan ini sudah ditutup" in response.context["form"].errors["tanggal"][0]
    response = client.post(reverse("presensi:pembatalan_hapus", args=[batal.pk]), follow=True)
    assert "Bulan ini sudah ditutup" in response.content.decode()
    with pytest.raises(ValidationError):
        pembatalan_hapus(actor=cast.hr, pembatalan=batal)
    assert PembatalanKegiatan.objects.count() == 1


@pytest.mark.parametrize(
    ("over", "field", "pesan"),
    [
        ({"alasan": "ok"}, "alasan", "Tuliskan alasannya"),
        ({"tanggal": "31-02-2026"}, "tanggal", ""),
        ({"kegiatan": "999999"}, "kegiatan", "Pilih kegiatan dari daftar."),
        ({"opd": "999999"}, "opd", "Pilih OPD dari daftar."),
    ],
)
def test_bad_cancellations_get_a_message_and_save_nothing(client, cast, over, field, pesan):
    client.force_login(cast.hr)
    data = {"kegiatan": apel(cast).pk, "tanggal": SENIN.isoformat(), "alasan": "Hujan deras", "opd": ""} | over
    response = client.post(reverse("presensi:pembatalan_create"), data)
    assert response.status_code == 200 and field in response.context["form"].errors
    assert pesan in " ".join(response.context["form"].errors[field])
    assert not PembatalanKegiatan.objects.exists()


def test_another_pemdas_gathering_is_not_offered(client, cast):
    lain = PemdaFactory(nama="Pemerintah Kabupaten Lain", kode="LAIN")
    apel_lain = KegiatanWajib.objects.get(pemda=lain, kode="TIDAK_APEL")
    client.force_login(cast.admin_opd)
    data = {"kegiatan": apel_lain.pk, "tanggal": SENIN.isoformat(), "alasan": "Hujan deras"}
    response = client.post(reverse("presensi:pembatalan_create"), data)
    assert response.status_code == 200 and "kegiatan" in response.context["form"].errors
    assert not PembatalanKegiatan.objects.exists()
