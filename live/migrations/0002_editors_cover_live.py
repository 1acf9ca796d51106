"""Editors (محرر) start and end live coverage and add, change and remove its entries."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "محرر"
CODENAMES = [
    "add_livecoverage",
    "change_livecoverage",
    "view_livecoverage",
    "add_liveentry",
    "change_liveentry",
    "delete_liveentry",
    "view_liveentry",
]


def give_editors_live_coverage(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    app_config = apps.get_app_config("live")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="live", codename__in=CODENAMES)
    for group in Group.objects.filter(name=EDITOR):
        group.permissions.add(*permissions)


def take_them_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="live", codename__in=CODENAMES)
    for group in Group.objects.filter(name=EDITOR):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("live", "0001_initial"),
        ("articles", "0005_newsroom_groups"),
    ]

    operations = [migrations.RunPython(give_editors_live_coverage, take_them_back)]
