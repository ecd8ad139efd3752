"""Placeholder: being written."""

from django.http import HttpResponse


def _todo(request, pk=None):
    return HttpResponse("todo")


hari_ini = tambah = detail = ubah = hapus = ajukan = ajukan_hari = salin_kemarin = kalender = _todo
