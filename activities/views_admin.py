"""Placeholder: being written."""

from django.http import HttpResponse


def _todo(request, pk=None):
    return HttpResponse("todo")


katalog_list = katalog_create = katalog_update = katalog_impor = katalog_template = _todo
dispensasi_list = dispensasi_create = gangguan_list = gangguan_create = _todo
