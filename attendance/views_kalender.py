"""Placeholder: being written."""

from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse("todo")


libur_list = libur_create = libur_impor = jadwal_list = jadwal_create = _todo
