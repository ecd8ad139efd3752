"""The activity and attendance/uang makan rule pages (issue 16): versions, permissions, the closed
month, the preview (equal to the payroll after saving, nothing written) and the rules as data."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Pegawai, PeriodeTutup
from activities.models import AturanAktivitas
from attendance.choices import SumberAbsen
from attendance.models import Absen, AturanPresensi, HariPresensi
from attendance.rules import early_band, late_band
from attendance.services.hari import hari_recompute
from attendance.tasks import hari_recompute_pemda_task
from core.models import AuditLog
from tests.factories import PemdaFactory, UserFactory
from tests.helpers import ATURAN_KEJANGGALAN_POST
from tests.tpp.test_views_hr import _aturan_post
from tests.tpp.util import aturan, validated
from tpp import services_aturan
from tpp.choices import StatusPeriode
from tpp.models import AturanTpp, BarisTpp, PeriodeTpp
from tpp.services import periode_ambil, tpp_periode_hitung

pytestmark = pytest.mark.django_db
NOV = date(2026, 11, 1)
HARI_NOV = [date(2026, 11, d) for d in range(2, 18) if date(2026, 11, d).weekday() < 5]  # to the 17th


def _aktivitas_post(**over):
    data = {"berlaku_mulai": "2026-11-01", "catatan": "SE Bupati 3/2026", "menit_per_hari": "250",
            "batas_input_hari_kerja": "3", "batas_tunggu_hari_kerja": "3", "pengingat_tutup_hari_kerja": "3",
            "verifikasi_final_di_puncak": "on"}  # fmt: skip
    return data | ATURAN_KEJANGGALAN_POST | over


def _presensi_post(**over):
    data = {"berlaku_mulai": "2026-11-01", "catatan": "Perbup 9/2026", "batas_tl1": "45", "batas_tl2": "60",
            "batas_tl3": "90", "uang_makan_maks_hari": "22", "blokir_aktivitas": "on",
            "absen_api_maks_hari_lalu": "31", "absen_api_maks_hari_depan": "1"}  # fmt: skip
    data |= {"tarif_I": "35000", "tarif_II": "35000", "tarif_III": "40000", "tarif_IV": "41000"}
    data |= {"pph_I": "0", "pph_II": "0", "pph_III": "5", "pph_IV": "15"}
    return data | over


def _punch(pegawai, day, *times):
    tz = ZoneInfo(settings.TIME_ZONE)
    for t in times:
        Absen.objects.create(
            pemda=pegawai.pemda, pegawai=pegawai, waktu=datetime.combine(day, t, tzinfo=tz), sumber=SumberAbsen.BERKAS
        )


@pytest.fixture
def november(cast):
    """A running November: TPP rules, validated minutes, punches (3 days 40 minutes late) → stored days."""
    aturan(cast.pemda)
    for p in (cast.pegawai, cast.atasan):
        p.golongan = "III/a"
        p.save()
        validated(p, 2_400, tanggal=date(2026, 11, 2))
        for i, d in enumerate(HARI_NOV):
            _punch(p, d, time(8, 10) if i < 3 else time(7, 20), time(16, 5))
    ids = list(Pegawai.objects.filter(pemda=cast.pemda).values_list("pk", flat=True))  # as the nightly run
    hari_recompute(pegawai_ids=ids, start=NOV, end=date(2026, 11, 17))
    assert HariPresensi.objects.get(pegawai=cast.pegawai, tanggal=HARI_NOV[0]).band_tl == "TL2"
    return cast


def _hitung(cast):
    periode = periode_ambil(pemda_id=cast.pemda.pk, tahun=2026, bulan=11)
    tpp_periode_hitung(actor=cast.hr, periode=periode)
    return {b.pegawai_id: b for b in BarisTpp.objects.filter(periode=periode)}


def _jumlah_tulisan():
    return (
        AturanAktivitas.objects.count(), AturanPresensi.objects.count(), AturanTpp.objects.count(),
        BarisTpp.objects.count(), PeriodeTpp.objects.count(), AuditLog.objects.count(),
    )  # fmt: skip


# --- pages and permissions ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["aturan_aktivitas_list", "aturan_presensi_list"])
def test_an_admin_opd_reads_the_versions_but_has_no_button(client, cast, name):
    AturanAktivitas.objects.create(pemda=cast.pemda, berlaku_mulai=date(2026, 1, 1), menit_per_hari=330)
    client.force_login(cast.admin_opd)
    response = client.get(reverse(f"tpp:{name}"))
    assert response.status_code == 200 and "Buat versi baru" not in response.content.decode()


@pytest.mark.parametrize(("name", "data"), [("aturan_aktivitas_create", _aktivitas_post()),
                                            ("aturan_presensi_create", _presensi_post())])  # fmt: skip
def test_an_admin_opd_cannot_save_and_a_pegawai_cannot_open(client, cast, name, data):
    client.force_login(cast.admin_opd)
    assert client.get(reverse(f"tpp:{name}")).status_code == 403
    assert client.post(reverse(f"tpp:{name}"), data).status_code == 403
    client.force_login(cast.pegawai.user)
    assert client.get(reverse(f"tpp:{name.replace('create', 'list')}")).status_code == 403
    assert not AturanAktivitas.objects.exists() and not AturanPresensi.objects.exists()


def test_the_form_is_prefilled_from_the_version_in_force_and_starts_next_month(client, cast):
    AturanAktivitas.objects.create(pemda=cast.pemda, berlaku_mulai=date(2026, 1, 1), menit_per_hari=330)
    AturanPresensi.objects.create(pemda=cast.pemda, berlaku_mulai=date(2026, 1, 1), batas_tl1=20,
                                  uang_makan_tarif={"PPPK IX": 37_000}, uang_makan_pph={"PPPK IX": "5"})  # fmt: skip
    client.force_login(cast.hr)
    form = client.get(reverse("tpp:aturan_aktivitas_create")).context["form"]
    assert form.initial["menit_per_hari"] == 330 and form.initial["berlaku_mulai"] == "2026-12-01"
    form = client.get(reverse("tpp:aturan_presensi_create")).context["form"]
    assert (form.initial["batas_tl1"], form.initial["batas_tl2"], form.initial["tarif_III"]) == (20, 60, 37_000)
    assert (form.initial["tarif_pppk_9"], form.initial["pph_pppk_9"]) == (37_000, 5)


def test_a_save_is_a_new_version_on_the_audit_trail_and_old_versions_stay(client, cast):
    lama = AturanAktivitas.objects.create(pemda=cast.pemda, berlaku_mulai=date(2026, 1, 1), menit_per_hari=330)
    client.force_login(cast.hr)
    response = client.post(reverse("tpp:aturan_aktivitas_create"), _aktivitas_post(berlaku_mulai="2026-12-01"))
    assert response.status_code == 302 and response["Location"] == reverse("tpp:aturan_aktivitas_list")
    baru = AturanAktivitas.objects.get(berlaku_mulai=date(2026, 12, 1))
    assert (baru.menit_per_hari, baru.catatan, baru.dibuat_oleh) == (250, "SE Bupati 3/2026", cast.hr)
    lama.refresh_from_db()
    assert lama.menit_per_hari == 330
    log = AuditLog.objects.get(aksi="aturanaktivitas:buat")
    assert log.sesudah["menit_per_hari"] == 250 and log.pemda_id == cast.pemda.pk
    html = client.get(reverse("tpp:aturan_aktivitas_list")).content.decode()
    assert html.index("1 Desember 2026") < html.index("1 Januari 2026") and "SE Bupati 3/2026" in html


def test_the_month_close_reminder_is_a_dated_number_on_the_activity_rule_page(client, cast):
    """Issue 17: how many working days before a month closes its reminder goes out (0: none)."""
    lama = AturanAktivitas.objects.create(pemda=cast.pemda, berlaku_mulai=date(2026, 1, 1))
    assert lama.pengingat_tutup_hari_kerja == 3  # the default, also of versions saved before the field
    client.force_login(cast.hr)
    url = reverse("tpp:aturan_aktivitas_create")
    response = client.get(url)
    assert response.context["form"].initial["pengingat_tutup_hari_kerja"] == 3
    html = response.content.decode()
    assert "Pengingat sebelum bulan ditutup (hari kerja)" in html and "Isi 0 bila tidak perlu pengingat." in html
    for nilai in ("11", "-1", ""):
        response = client.post(url, _aktivitas_post(berlaku_mulai="2026-12-01", pengingat_tutup_hari_kerja=nilai))
        assert response.status_code == 200 and "pengingat_tutup_hari_kerja" in response.context["form"].errors
    assert AturanAktivitas.objects.count() == 1
    with pytest.raises(ValidationError) as e:  # the service checks it too, for callers without the form
        services_aturan.aturan_aktivitas_calon(
            actor=cast.hr, pemda=cast.pemda, berlaku_mulai=date(2026, 12, 1), catatan="x",
            pengingat_tutup_hari_kerja=11,
        )  # fmt: skip
    assert e.value.message_dict == {"pengingat_tutup_hari_kerja": ["Isi 0 sampai 10 hari kerja (0: tanpa pengingat)."]}
    data = _aktivitas_post(berlaku_mulai="2026-12-01", pengingat_tutup_hari_kerja="0")
    assert client.post(url, data).status_code == 302
    baru = AturanAktivitas.objects.get(berlaku_mulai=date(2026, 12, 1))
    assert (baru.pengingat_tutup_hari_kerja, AturanAktivitas.objects.get(pk=lama.pk).pengingat_tutup_hari_kerja) == (
        0,
        3,
    )
    log = AuditLog.objects.get(aksi="aturanaktivitas:buat")
    assert log.sesudah["pengingat_tutup_hari_kerja"] == 0
    html = client.get(reverse("tpp:aturan_aktivitas_list")).content.decode()
    assert "3 hari kerja sebelumnya" in html and "tidak ada" in html


def test_the_attendance_version_keeps_pppk_rates_and_goes_on_the_audit_trail(client, cast):
    client.force_login(cast.hr)
    data = _presensi_post(berlaku_mulai="2026-12-01", tarif_pppk_9="37000", pph_pppk_9="5", cuti_dua_tingkat="on")
    assert client.post(reverse("tpp:aturan_presensi_create"), data).status_code == 302
    row = AturanPresensi.objects.get()
    assert (row.batas_tl1, row.batas_tl2, row.batas_tl3, row.cuti_dua_tingkat) == (45, 60, 90, True)
    assert row.uang_makan_tarif == {"I": 35_000, "II": 35_000, "III": 40_000, "IV": 41_000, "PPPK IX": 37_000}
    assert row.uang_makan_pph["PPPK IX"] == "5"
    assert AuditLog.objects.filter(aksi="aturanpresensi:buat", objek_id=str(row.pk)).exists()


@pytest.mark.parametrize(
    ("over", "field", "pesan"),
    [
        ({"batas_tl2": "30"}, "batas_tl2", "makin besar"),
        ({"batas_tl3": "700"}, "batas_tl3", "600"),
        ({"catatan": " "}, "catatan", ""),
        ({"tarif_pppk_3": "30000"}, "pph_pppk_3", "PPh untuk PPPK golongan III"),
        ({"tarif_III": "-1"}, "tarif_III", ""),
    ],
)
def test_bad_attendance_input_is_refused_with_a_message_and_nothing_lost(client, cast, over, field, pesan):
    client.force_login(cast.hr)
    response = client.post(reverse("tpp:aturan_presensi_create"), _presensi_post(**over))
    assert response.status_code == 200 and not AturanPresensi.objects.exists()
    form = response.context["form"]
    assert field in form.errors and pesan in " ".join(form.errors[field])
    assert form.data["catatan"] == _presensi_post(**over)["catatan"]  # what was typed is shown again


def test_a_version_cannot_start_inside_a_closed_month(client, cast):
    PeriodeTpp.objects.create(pemda=cast.pemda, tahun=2026, bulan=10, status=StatusPeriode.CLOSED)
    PeriodeTutup.objects.create(pemda=cast.pemda, tahun=2026, bulan=10)
    client.force_login(cast.hr)
    for name, data in (("aturan_aktivitas_create", _aktivitas_post), ("aturan_presensi_create", _presensi_post)):
        response = client.post(reverse(f"tpp:{name}"), data(berlaku_mulai="2026-10-15"))
        assert response.status_code == 200
        assert "sudah ditutup" in " ".join(response.context["form"].errors["berlaku_mulai"])
        response = client.post(reverse(f"tpp:{name}"), data(berlaku_mulai="2026-10-15", aksi="pratinjau"))
        assert "sudah ditutup" in " ".join(response.context["form"].errors["berlaku_mulai"])
    assert not AturanAktivitas.objects.exists() and not AturanPresensi.objects.exists()


def test_hr_of_another_pemda_acts_on_their_own_pemda_only(client, cast):
    lain = PemdaFactory(nama="Pemerintah Kabupaten Lain", kode="LAIN")
    hr_lain = UserFactory(username="hr.lain", role="HR_PEMDA", pemda=lain)
    AturanAktivitas.objects.create(pemda=cast.pemda, berlaku_mulai=date(2026, 1, 1), menit_per_hari=330, catatan="X1")
    client.force_login(hr_lain)
    response = client.get(reverse("tpp:aturan_aktivitas_list") + f"?pemda={cast.pemda.pk}")
    assert response.context["pemda"] == lain and "X1" not in response.content.decode()
    client.post(reverse("tpp:aturan_aktivitas_create"), _aktivitas_post(pemda=str(cast.pemda.pk)))
    assert AturanAktivitas.objects.get(catatan="SE Bupati 3/2026").pemda == lain
    with pytest.raises(Exception, match="BKPSDM"):
        services_aturan.aturan_aktivitas_simpan(
            actor=hr_lain, pemda=cast.pemda, berlaku_mulai=date(2027, 1, 1), catatan="x", menit_per_hari=300
        )


def test_a_superadmin_chooses_the_pemda_and_the_post_lands_there(client, cast):
    lain = PemdaFactory(nama="Pemerintah Kabupaten Lain", kode="LAIN")
    client.force_login(cast.superadmin)
    response = client.get(reverse("tpp:aturan_presensi_create"))
    assert [t.name for t in response.templates][0] == "core/pemda_pilih.html"
    assert client.post(reverse("tpp:aturan_presensi_create"), _presensi_post()).status_code == 404
    form = client.get(reverse("tpp:aturan_presensi_create") + f"?pemda={lain.pk}").content.decode()
    assert f'<input type="hidden" name="pemda" value="{lain.pk}">' in form
    assert client.post(reverse("tpp:aturan_presensi_create"), _presensi_post(pemda=str(lain.pk))).status_code == 302
    assert AturanPresensi.objects.get().pemda == lain


# --- the preview --------------------------------------------------------------------------------


def test_the_activity_preview_writes_nothing_and_equals_the_payroll_after_saving(client, november):
    cast = november
    client.force_login(cast.hr)
    sebelum = _jumlah_tulisan()
    with CaptureQueriesContext(connection) as q:
        response = client.post(reverse("tpp:aturan_aktivitas_create"), _aktivitas_post(aksi="pratinjau"))
    assert response.status_code == 200 and _jumlah_tulisan() == sebelum
    assert not [x for x in q.captured_queries if x["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    p = response.context["pratinjau"]
    assert 'data-testid="pratinjau"' in response.content.decode()
    assert response.context["form"].data["catatan"] == "SE Bupati 3/2026"  # nothing lost

    rows = _hitung(cast)
    assert p.tpp_sebelum == sum(b.neto for b in rows.values())
    capaian_lama = rows[cast.pegawai.pk].capaian
    assert client.post(reverse("tpp:aturan_aktivitas_create"), _aktivitas_post()).status_code == 302
    rows = _hitung(cast)
    assert p.tpp_sesudah == sum(b.neto for b in rows.values()) and p.tpp_sesudah > p.tpp_sebelum
    assert p.tpp_berubah == 2 and p.terbesar[0].selisih > 0
    b = rows[cast.pegawai.pk]
    # 2.400 validated minutes against 250 instead of 300 minutes a working day: a larger capaian
    assert b.menit_per_hari == 250 and b.capaian > capaian_lama
    assert b.aturan_aktivitas == AturanAktivitas.objects.get() and b.aturan_presensi is None
    client.force_login(cast.pegawai.user)
    html = client.get(reverse("tpp:rincian_saya") + "?bulan=2026-11").content.decode()
    assert "Aturan aktivitas sejak 1 November 2026" in html and "Aturan presensi bawaan nasional" in html


def test_the_attendance_preview_counts_bands_and_uang_makan_like_the_payroll(
    client, november, monkeypatch, django_capture_on_commit_callbacks
):
    cast = november
    client.force_login(cast.hr)
    sebelum = _jumlah_tulisan()
    response = client.post(reverse("tpp:aturan_presensi_create"), _presensi_post(aksi="pratinjau"))
    assert _jumlah_tulisan() == sebelum
    p = response.context["pratinjau"]
    # 40 minutes late was TL2 (1%), with 45 as the first bound it is TL1 (0.5%): more TPP;
    # III 37.000 → 40.000 for 12 present days: uang makan up by 12 × 3.000 less 5% PPh, twice
    assert p.tpp_berubah == 2 and p.tpp_sesudah > p.tpp_sebelum
    assert (p.um_berubah, p.um_selisih) == (2, 2 * (12 * 3_000 - 1_800))
    rows = _hitung(cast)
    assert p.tpp_sebelum == sum(b.neto for b in rows.values())

    sent = []
    monkeypatch.setattr(services_aturan.hari_recompute_pemda_task, "delay", lambda *args: sent.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("tpp:aturan_presensi_create"), _presensi_post()).status_code == 302
    assert sent == [(cast.pemda.pk, "2026-11-01", "2026-11-17")]
    hari_recompute_pemda_task(*sent[0])  # what the worker runs
    assert HariPresensi.objects.get(pegawai=cast.pegawai, tanggal=HARI_NOV[0]).band_tl == "TL1"
    rows = _hitung(cast)
    assert p.tpp_sesudah == sum(b.neto for b in rows.values())
    assert rows[cast.pegawai.pk].kejadian.get("TL1") == 3 and "TL2" not in rows[cast.pegawai.pk].kejadian
    assert rows[cast.pegawai.pk].aturan_presensi == AturanPresensi.objects.get()


def test_the_tpp_rule_form_has_the_preview_too(client, november):
    cast = november
    client.force_login(cast.hr)
    sebelum = _jumlah_tulisan()
    data = _aturan_post(berlaku_mulai="2026-11-01", aksi="pratinjau", kelas_5="3100000", kelas_9="6000000")
    response = client.post(reverse("tpp:aturan_create"), data)
    assert response.status_code == 200 and _jumlah_tulisan() == sebelum
    p = response.context["pratinjau"]
    assert p.tpp_berubah >= 1 and p.terbesar
    assert client.post(reverse("tpp:aturan_create"), {k: v for k, v in data.items() if k != "aksi"}).status_code == 302
    assert p.tpp_sesudah == sum(b.neto for b in _hitung(cast).values())


# --- the rules as data ---------------------------------------------------------------------------


def test_band_functions_take_the_bounds_and_keep_the_defaults():
    assert [late_band(m) for m in (0, 30, 31, 60, 61, 90, 91, None)] == [
        None, "TL1", "TL2", "TL2", "TL3", "TL3", "TL4", "TL4",
    ]  # fmt: skip
    assert late_band(40, batas=(45, 60, 90)) == "TL1" and early_band(50, batas=(15, 30, 45)) == "PSW4"


def test_the_day_takes_the_bounds_of_the_version_in_force_that_day(cast):
    AturanPresensi.objects.create(pemda=cast.pemda, berlaku_mulai=date(2026, 11, 10), batas_tl1=45)
    p = cast.pegawai
    _punch(p, date(2026, 11, 9), time(8, 10), time(16, 5))  # before the version: 40 min = TL2
    _punch(p, date(2026, 11, 10), time(8, 10), time(16, 5))  # from it: TL1
    hari_recompute(pegawai_ids=[p.pk], start=date(2026, 11, 9), end=date(2026, 11, 10))
    bands = dict(HariPresensi.objects.filter(pegawai=p).values_list("tanggal", "band_tl"))
    assert bands == {date(2026, 11, 9): "TL2", date(2026, 11, 10): "TL1"}


def test_the_tpp_rule_set_has_no_minutes_of_its_own(cast):
    assert "menit_per_hari" not in {f.name for f in AturanTpp._meta.get_fields()}
