from datetime import date
from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from core.dates import format_tanggal
from core.money import format_rupiah, round_rupiah


def test_rupiah_is_written_the_indonesian_way():
    assert format_rupiah(1234567) == "Rp1.234.567"
    assert format_rupiah(0) == "Rp0"
    assert format_rupiah(-5000) == "-Rp5.000"
    assert format_rupiah(Decimal("999.5")) == "Rp1.000"


def test_rounding_is_half_up_not_bankers():
    assert round_rupiah(Decimal("2.5")) == 3
    assert round_rupiah(Decimal("3.5")) == 4
    assert round_rupiah(Decimal("-2.5")) == -3
    assert round_rupiah(Decimal("2.49")) == 2


def test_dates_read_as_in_an_sk():
    assert format_tanggal(date(2026, 11, 22)) == "22 November 2026"
    with translation.override("id"):
        out = Template('{{ d|date:"DATE_FORMAT" }} {{ n }} {{ x }}').render(
            Context({"d": date(2026, 11, 22), "n": 1234567, "x": Decimal("12.5")})
        )
    assert out == "22 November 2026 1.234.567 12,5"


def test_the_rupiah_filter():
    out = Template("{% load ekinerja_tags %}{{ v|rupiah }}").render(Context({"v": 1234567}))
    assert out == "Rp1.234.567"


def test_pages_stay_indonesian_for_an_english_browser(client, db):
    response = client.get("/masuk/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "id"
    assert 'lang="id"' in response.content.decode()


def test_english_is_available_on_request(client, db):
    client.cookies["django_language"] = "en"
    response = client.get("/masuk/")
    assert response["Content-Language"] == "en"


def test_a_midnight_deadline_is_the_previous_day_at_24():
    from datetime import datetime

    from core.dates import batas_tampil

    assert batas_tampil(datetime(2026, 11, 20, 0, 0)) == (date(2026, 11, 19), "24.00")
    assert batas_tampil(datetime(2026, 11, 20, 4, 30)) == (date(2026, 11, 20), "04.30")
