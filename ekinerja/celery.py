"""The Celery app. The broker comes from settings (Redis, or the embedded filesystem broker)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekinerja.settings")

app = Celery("ekinerja")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
