"""The superadmin's pemda picker on the uang-makan page and the SKP sebaran page (issue 16): with
several pemda and none chosen the page asks; once chosen, only that pemda's OPDs are offered."""

import pytest
from django.urls import reverse

from tests.factories import PemdaFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lain(cast):
    pemda = PemdaFactory(nama="Pemerintah Kabupaten Lain", kode="LAIN")
    pemda.dinas = UnitFactory(pemda=pemda, nama="Dinas Lain")
    return pemda


def test_the_uang_makan_opd_list_follows_the_chosen_pemda(client, cast, lain):
    client.force_login(cast.superadmin)
    url = reverse("tpp:uang_makan")
    assert [t.name for t in client.get(url).templates][0] == "core/pemda_pilih.html"
    opds = client.get(url, {"pemda": lain.pk}).context["form"].fields["opd"].queryset
    assert list(opds) == [lain.dinas]
    opds = client.get(url, {"pemda": cast.pemda.pk}).context["form"].fields["opd"].queryset
    assert set(opds) == {cast.dinas, cast.badan}
    # an OPD of the other pemda while this one is shown: not found, as for HR
    assert client.get(url, {"pemda": cast.pemda.pk, "opd": lain.dinas.pk}).status_code == 404
    client.force_login(cast.hr)  # HR: their own pemda whatever is asked
    assert set(client.get(url, {"pemda": lain.pk}).context["form"].fields["opd"].queryset) == {cast.dinas, cast.badan}


def test_the_sebaran_page_asks_a_superadmin_and_shows_the_chosen_pemda(client, cast, lain):
    client.force_login(cast.superadmin)
    url = reverse("skp:sebaran")
    assert [t.name for t in client.get(url).templates][0] == "core/pemda_pilih.html"
    response = client.get(url, {"pemda": lain.pk})
    assert response.context["pemda_id"] == lain.pk
    assert [r.opd for r in response.context["rows"]] == [lain.dinas]
    assert client.get(url).context["pemda_id"] == lain.pk  # the choice is kept
    assert client.get(url, {"pemda": "99999"}).status_code == 404
