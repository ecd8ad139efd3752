"""Placeholder: being written."""

from django.http import HttpResponse


def _todo(request, pk=None):
    return HttpResponse("todo")


antrean_verifikasi = antrean_validasi = tindakan_massal = tindak = rekap = rekap_unit = _todo
