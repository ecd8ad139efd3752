"""A real Celery worker (in a thread) consumes from the real broker and sees the test database."""

import os
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.tasks import sessions_clear
from ekinerja.celery import app
from tests.helpers import celery_worker

pytestmark = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (make test provides it)")


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_a_task_against_the_database():
    now = timezone.now()
    Session.objects.create(session_key="lama", session_data="x", expire_date=now - timedelta(days=1))
    Session.objects.create(session_key="baru", session_data="x", expire_date=now + timedelta(days=1))
    with celery_worker():
        removed = sessions_clear.delay().get(timeout=20)
    assert removed == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["baru"]


def test_the_beat_schedule_is_declared_in_settings(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["sessions-clear-nightly"]
    assert entry["task"] == "accounts.tasks.sessions_clear"
    assert entry["task"] in app.tasks
