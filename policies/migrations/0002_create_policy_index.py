"""Add the 政策文件 section under the home page."""

from django.db import migrations

from core.migration_pages import add_section_index, remove_empty_section_index


def create_index(apps, schema_editor):
    add_section_index(apps, "policies.PolicyIndexPage", "政策文件", "policies")


def remove_index(apps, schema_editor):
    remove_empty_section_index(apps, "policies.PolicyIndexPage")


class Migration(migrations.Migration):
    dependencies = [
        ("policies", "0001_policies"),
        ("home", "0002_create_site_tree"),
    ]

    operations = [migrations.RunPython(create_index, remove_index)]
