"""A superadmin chooses the pemda of a pemda-scoped page (issue 16): asked when there are several
and none chosen (never the first silently), `?pemda=` shows that pemda, a POST writes to the pemda
it carries; HR and admin OPD always act on their own pemda."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import Pemda
from tests.factories import JabatanFactory, PemdaFactory, UnitFactory, UserFactory, posted
from tests.tpp.test_views_hr import _aturan_post
from tpp.models import AturanTpp, HukumanDisiplin

pytestmark = pytest.mark.django_db


def aturan(pemda, catatan: str) -> AturanTpp:
    return AturanTpp.objects.create(pemda=pemda, berlaku_mulai=date(2020, 1, 1), catatan=catatan)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    for where in ("tpp.calculation.today", "tpp.selectors.today", "tpp.views_hr.today"):
        monkeypatch.setattr(where, lambda: date(2026, 11, 22))


@pytest.fixture
def lain(cast) -> Pemda:
    """A second pemda (with a rule set and a pegawai of its own)."""
    pemda = PemdaFactory(nama="Pemerintah Kabupaten Lain", kode="LAIN")
    aturan(pemda, "Perbup Lain 1/2026")
    dinas = UnitFactory(pemda=pemda, nama="Dinas Lain")
    pemda.pegawai_lain = posted(JabatanFactory(pemda=pemda, unit=dinas, opd=dinas, kelas=5), nama="Pegawai Lain")
    return pemda


PAGES = ["aturan_list", "aturan_create", "hukdis_list", "hukdis_create", "bulan", "baris_list"]


@pytest.mark.parametrize("name", PAGES)
def test_a_superadmin_without_a_pemda_is_asked_to_choose(client, cast, lain, name):
    client.force_login(cast.superadmin)
    response = client.get(reverse(f"tpp:{name}") + "?bulan=2026-10")
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "core/pemda_pilih.html"
    html = response.content.decode()
    assert 'name="pemda"' in html and "Pemerintah Kabupaten Lain" in html and "Pemerintah Kota Uji" in html
    assert '<input type="hidden" name="bulan" value="2026-10">' in html  # the other parameters stay


def test_with_a_pemda_chosen_the_page_shows_that_pemda(client, cast, lain):
    aturan(cast.pemda, "Perwali Uji")
    client.force_login(cast.superadmin)
    response = client.get(reverse("tpp:aturan_list") + f"?pemda={lain.pk}")
    html = response.content.decode()
    assert response.context["pemda"] == lain
    assert "Perbup Lain 1/2026" in html and "Perwali Uji" not in html
    assert 'data-testid="pemda-pilih"' in html and "Ganti pemda" in html
    # the choice is kept while moving between the pages
    assert client.get(reverse("tpp:bulan")).context["pemda"] == lain
    assert client.get(reverse("tpp:aturan_list") + f"?pemda={cast.pemda.pk}").context["pemda"] == cast.pemda
    assert client.get(reverse("tpp:aturan_list") + "?pemda=99999").status_code == 404


def test_a_rule_set_posted_by_a_superadmin_lands_in_the_pemda_it_carries(client, cast, lain):
    client.force_login(cast.superadmin)
    form = client.get(reverse("tpp:aturan_create") + f"?pemda={lain.pk}").content.decode()
    assert f'<input type="hidden" name="pemda" value="{lain.pk}">' in form
    client.get(reverse("tpp:aturan_list") + f"?pemda={cast.pemda.pk}")  # another tab switched meanwhile
    response = client.post(reverse("tpp:aturan_create"), _aturan_post(pemda=str(lain.pk), catatan="Perbup 2"))
    assert response.status_code == 302
    assert AturanTpp.objects.get(catatan="Perbup 2").pemda == lain


def test_a_sentence_posted_by_a_superadmin_lands_in_the_chosen_pemda(client, cast, lain):
    client.force_login(cast.superadmin)
    data = {"jenis": "POTONG_TUKIN_25_6", "persen": "25", "mulai": "2026-12-01", "selesai": "2027-05-31",
            "nomor_sk": "800/1/2026"}  # fmt: skip
    form = client.get(reverse("tpp:hukdis_create") + f"?pemda={lain.pk}").content.decode()
    assert f'name="pemda" value="{lain.pk}"' in form
    # a pegawai of the other pemda is not found in this one
    refused = client.post(reverse("tpp:hukdis_create"), data | {"pemda": cast.pemda.pk, "nip": lain.pegawai_lain.nip})
    assert refused.status_code == 200 and refused.context["form"].has_error("nip")
    response = client.post(reverse("tpp:hukdis_create"), data | {"pemda": lain.pk, "nip": lain.pegawai_lain.nip})
    assert response.status_code == 302
    assert HukumanDisiplin.objects.get().pemda == lain


def test_a_post_without_a_chosen_pemda_is_refused(client, cast, lain):
    client.force_login(cast.superadmin)
    assert client.post(reverse("tpp:bulan_hitung", args=[2026, 10])).status_code == 404
    assert not AturanTpp.objects.filter(pemda=cast.pemda).exists()


def test_hr_and_admin_opd_keep_their_own_pemda(client, cast, lain):
    aturan(cast.pemda, "Perwali Uji")
    for user in (cast.hr, cast.admin_opd):
        client.force_login(user)
        name = "aturan_list" if user == cast.hr else "bulan"
        response = client.get(reverse(f"tpp:{name}") + f"?pemda={lain.pk}")
        assert response.status_code == 200 and response.context["pemda"] == cast.pemda
        assert 'data-testid="pemda-pilih"' not in response.content.decode()
    client.force_login(cast.hr)
    client.post(reverse("tpp:aturan_create"), _aturan_post(pemda=str(lain.pk), catatan="Perwali 2"))
    assert AturanTpp.objects.get(catatan="Perwali 2").pemda == cast.pemda


def test_a_superadmin_bound_to_a_pemda_or_with_one_pemda_is_not_asked(client, cast):
    client.force_login(cast.superadmin)
    assert client.get(reverse("tpp:bulan")).context["pemda"] == cast.pemda  # the only pemda
    lain = PemdaFactory(nama="Pemerintah Kabupaten Lain", kode="LAIN")
    terikat = UserFactory(username="super.lain", role="SUPERADMIN", pemda=lain)
    client.force_login(terikat)
    assert client.get(reverse("tpp:bulan")).context["pemda"] == lain
