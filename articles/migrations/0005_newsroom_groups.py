"""The newsroom's two roles, as groups editors can assign in admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WRITER = "كاتب"
EDITOR = "محرر"

WRITER_PERMISSIONS = [
    ("articles", "add_article"),
    ("articles", "change_article"),
    ("articles", "view_article"),
    ("articles", "view_section"),
    ("articles", "view_author"),
    ("articles", "view_tag"),
    ("articles", "add_tag"),
    ("articles", "add_editorimage"),
    ("articles", "add_byline"),
    ("articles", "change_byline"),
    ("articles", "delete_byline"),
    ("articles", "view_byline"),
]
EDITOR_PERMISSIONS = WRITER_PERMISSIONS + [
    ("articles", "delete_article"),
    ("articles", "publish_article"),
    ("articles", "add_author"),
    ("articles", "change_author"),
    ("articles", "change_tag"),
    ("articles", "delete_tag"),
    ("articles", "add_section"),
    ("articles", "change_section"),
    ("comments", "view_comment"),
    ("comments", "change_comment"),
    ("comments", "delete_comment"),
    ("comments", "view_moderationword"),
    ("comments", "add_moderationword"),
    ("comments", "change_moderationword"),
    ("comments", "delete_moderationword"),
]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; these groups need them now.
    for app_label in ("articles", "comments"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True  # the migration state's stub lacks it
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ((WRITER, WRITER_PERMISSIONS), (EDITOR, EDITOR_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in wanted:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[WRITER, EDITOR]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_newsroom_workflow"),
        ("comments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
