"""`{% bantuan_url %}`: the guide task of the page being shown (panduan/isi.py HALAMAN), or the
guides index when the page has none."""

from django import template
from django.urls import reverse

from panduan.isi import HALAMAN

register = template.Library()


@register.simple_tag(takes_context=True)
def bantuan_url(context) -> str:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    nama = match.view_name if match else ""
    if nama in HALAMAN:
        peran, tugas = HALAMAN[nama]
        return reverse("panduan:tugas", args=[peran, tugas])
    return reverse("panduan:index")
