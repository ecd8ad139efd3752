"""Placeholder: the admin OPD pages are being written."""

from django.http import HttpResponse


def _todo(request):
    return HttpResponse("todo")


pegawai_list = jabatan_list = unit_list = penempatan_list = impor = _todo
