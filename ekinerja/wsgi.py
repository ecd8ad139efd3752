"""
WSGI config for ekinerja project.

It exposes the WSGI callable as a module-level variable named ``application``: Django behind the
admission control of core/admission.py (issue 20: a burst beyond what the box serves is refused at
once with the "busy" 503 page instead of queueing without bound; settings ADMISSION_*).

For more information on this file, see
https://docs.djangoproject.com/en/6.1/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekinerja.settings")

application = get_wsgi_application()

from core.admission import Admission  # noqa: E402 - after Django is set up

application = Admission.from_settings(application)
