"""Staff roles (审核员, 活动发布员, 管理员), the enterprise media collection and
the review workflow on the directory, all as defined in accounts.roles."""

from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations

from accounts import roles


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_contenttypes(app_config, verbosity=0, apps=apps)
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    roles.apply_roles(apps)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[role.name for role in roles.STAFF_ROLES]
    ).delete()
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=roles.REVIEW_WORKFLOW).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=roles.REVIEW_TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_enterprise_access_and_invitations"),
        ("home", "0002_create_site_tree"),
        ("events", "0001_events"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
