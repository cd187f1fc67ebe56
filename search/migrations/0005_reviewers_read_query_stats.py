"""Staff reviewers (审核员) read the search report and extend the vocabulary
from it: the roles, as defined in accounts.roles, applied again now that
query statistics exist."""

import importlib

from django.db import migrations

staff_roles = importlib.import_module("accounts.migrations.0002_staff_roles_and_review_workflow")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_query_stats_and_push_lease"),
        ("assistance", "0002_reviewers_handle_requests"),
    ]

    operations = [migrations.RunPython(staff_roles.create_roles, migrations.RunPython.noop)]
