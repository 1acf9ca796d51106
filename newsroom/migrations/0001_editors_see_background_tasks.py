"""Editors (محرر) see the background tasks in admin, failures and their errors included
(docs/tasks.md): an email that could not be sent is theirs to notice."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "محرر"
TASKS_APP = "django_tasks_database"


def let_editors_see_tasks(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs this one now.
    app_config = apps.get_app_config(TASKS_APP)
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITOR)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label=TASKS_APP, codename="view_dbtaskresult")
    )


def take_it_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=EDITOR):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label=TASKS_APP, codename="view_dbtaskresult"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_newsroom_groups"),
        (TASKS_APP, "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(let_editors_see_tasks, take_it_back)]
