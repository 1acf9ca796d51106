"""The language cookie (django_language), set by the language switch: a necessary cookie.

Its description is stored in Arabic for the admin; the policy page shows the text of
consent/catalogue.py in the reader's language.
"""

from django.core.cache import cache
from django.db import migrations

NAME = "django_language"
DESCRIPTION = "لغة الموقع التي اخترتها، حتى تغلق المتصفح."


def create(apps, schema_editor):
    CookieGroup = apps.get_model("cookie_consent", "CookieGroup")
    Cookie = apps.get_model("cookie_consent", "Cookie")
    necessary = CookieGroup.objects.filter(varname="necessary").first()
    if necessary is None:  # an editor deleted the group: nothing to add the cookie to
        return
    Cookie.objects.get_or_create(
        cookiegroup=necessary, name=NAME, domain="", defaults={"description": DESCRIPTION}
    )
    cache.delete("cookie_consent_cache")  # django-cookie-consent's cached list of groups


def remove(apps, schema_editor):
    apps.get_model("cookie_consent", "Cookie").objects.filter(
        cookiegroup__varname="necessary", name=NAME, domain=""
    ).delete()
    cache.delete("cookie_consent_cache")


class Migration(migrations.Migration):
    dependencies = [("consent", "0002_cookie_groups_and_banner")]

    operations = [migrations.RunPython(create, remove)]
