"""Staff reviewers (审核员) read and handle requests: the roles, as defined
in accounts.roles, applied again now that requests exist."""

import importlib

from django.db import migrations

staff_roles = importlib.import_module("accounts.migrations.0002_staff_roles_and_review_workflow")


class Migration(migrations.Migration):
    dependencies = [
        ("assistance", "0001_requests_attachments_history"),
        ("accounts", "0003_public_update_records"),
    ]

    operations = [migrations.RunPython(staff_roles.create_roles, migrations.RunPython.noop)]
