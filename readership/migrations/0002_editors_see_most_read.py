"""Editors (محرر) see the admin's "Most read" list: the views of each article."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "محرر"


def let_editors_see_most_read(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs this one now.
    app_config = apps.get_app_config("readership")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITOR)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="readership", codename="view_mostreadarticle"
        )
    )


def take_it_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=EDITOR):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="readership", codename="view_mostreadarticle"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("readership", "0001_initial"),
        ("articles", "0005_newsroom_groups"),
    ]

    operations = [migrations.RunPython(let_editors_see_most_read, take_it_back)]
