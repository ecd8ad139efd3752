"""Placeholder: being written."""

from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse("todo")


saya = koreksi = kejadian_create = rekap_unit = kumulatif = _todo
