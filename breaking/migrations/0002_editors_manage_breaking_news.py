"""The newsroom's editors (the group "محرر") may see, add, change and end breaking news."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "محرر"
CODENAMES = ["view_breaking", "add_breaking", "change_breaking", "delete_breaking"]


def breaking_permissions(apps):
    # Permissions are normally created after all migrations; the group needs them now.
    app_config = apps.get_app_config("breaking")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="breaking", codename__in=CODENAMES)


def grant(apps, schema_editor):
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=EDITOR)
    group.permissions.add(*breaking_permissions(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=EDITOR).first()
    if group is not None:
        group.permissions.remove(*breaking_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("breaking", "0001_initial"),
        ("articles", "0005_newsroom_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
