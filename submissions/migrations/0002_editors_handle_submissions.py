"""The newsroom's editors (the group "محرر") read readers' stories, see their photos, answer
them (change: decide, note) and delete them; nobody adds one: they come from readers."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "محرر"
CODENAMES = [
    "view_submission",
    "change_submission",
    "delete_submission",
    "view_submissionphoto",
]


def submissions_permissions(apps):
    # Permissions are normally created after all migrations; the group needs them now.
    app_config = apps.get_app_config("submissions")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="submissions", codename__in=CODENAMES)


def grant(apps, schema_editor):
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=EDITOR)
    group.permissions.add(*submissions_permissions(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=EDITOR).first()
    if group is not None:
        group.permissions.remove(*submissions_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
