"""Placeholder: the admin OPD pages are being written."""

from django.http import HttpResponse


def _todo(request, pk=None):
    return HttpResponse("todo")


unit_list = unit_create = unit_update = jabatan_list = jabatan_create = jabatan_update = _todo
pegawai_list = pegawai_create = pegawai_detail = pegawai_update = pegawai_reset_password = _todo
penempatan_list = penempatan_create = penempatan_end = _todo
