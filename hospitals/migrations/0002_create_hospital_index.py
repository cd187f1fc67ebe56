"""Add the 医疗机构 section under the home page."""

from django.db import migrations

from core.migration_pages import add_section_index, remove_empty_section_index


def create_index(apps, schema_editor):
    add_section_index(apps, "hospitals.HospitalIndexPage", "医疗机构", "hospitals")


def remove_index(apps, schema_editor):
    remove_empty_section_index(apps, "hospitals.HospitalIndexPage")


class Migration(migrations.Migration):
    dependencies = [
        ("hospitals", "0001_hospitals"),
        ("home", "0002_create_site_tree"),
    ]

    operations = [migrations.RunPython(create_index, remove_index)]
