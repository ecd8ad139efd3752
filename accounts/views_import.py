"""Placeholder: the import pages are being written."""

from django.http import HttpResponse


def impor(request):
    return HttpResponse("todo")


impor_template = impor
