"""Parallel registrations through real requests, each thread with its own
database connection: on PostgreSQL the event row lock is what keeps the
count right (run with DATABASE_URL=postgres://…)."""

import threading

import pytest
from django.db import connection
from django.test import Client

from events.models import Registration, RegistrationStatus
from tests import factories

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # The SQLite test database is shared-cache memory, where a second writer
    # fails at once instead of waiting: the race is proved on PostgreSQL.
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="parallel writers need PostgreSQL"
    ),
]

PEOPLE = 12
CAPACITY = 4


def test_parallel_registrations_never_overbook(site_tree, settings):
    settings.EVENT_REGISTRATION_RATE = (1000, 600)
    event = factories.event(registration_enabled=True, capacity=CAPACITY)
    url = event.url + "register/"
    start = threading.Barrier(PEOPLE)
    statuses, errors = [], []

    def submit(n):
        try:
            start.wait()
            response = Client().post(
                url,
                {
                    "name": f"参会者{n}",
                    "organisation": "某医院",
                    "role": "hospital",
                    "phone": f"139{n:08d}",
                    "email": f"p{n}@example.com",
                    "consent": "on",
                },
                REMOTE_ADDR=f"192.0.2.{n}",
            )
            statuses.append(response.status_code)
        except Exception as error:  # reported below, with the thread's error
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    assert statuses == [302] * PEOPLE
    registrations = Registration.objects.filter(event=event)
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == CAPACITY
    waiting = list(registrations.filter(status=RegistrationStatus.WAITING))
    assert len(waiting) == PEOPLE - CAPACITY
    assert sorted(r.waiting_position() for r in waiting) == list(range(1, PEOPLE - CAPACITY + 1))


def test_parallel_cancellations_promote_each_waiting_person_once(site_tree, settings):
    settings.EVENT_REGISTRATION_RATE = (1000, 600)
    event = factories.event(registration_enabled=True, capacity=3)
    client = Client()
    for n in range(8):
        client.post(
            event.url + "register/",
            {
                "name": f"人{n}",
                "organisation": "企业",
                "role": "enterprise",
                "phone": f"137{n:08d}",
                "email": f"c{n}@example.com",
                "consent": "on",
            },
        )
    confirmed = list(Registration.objects.filter(status=RegistrationStatus.CONFIRMED))
    start = threading.Barrier(len(confirmed))

    def cancel(token):
        try:
            start.wait()
            Client().post(f"{event.url}register/{token}/")
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(r.cancel_token,)) for r in confirmed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counts = Registration.objects.filter(event=event).counts()
    assert counts == {"confirmed": 3, "waiting": 2, "cancelled": 3, "checked_in": 0}
