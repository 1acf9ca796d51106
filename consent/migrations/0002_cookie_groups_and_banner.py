"""The cookie groups and cookies Dima sets, and the banner's first wording.

django-cookie-consent's bundled fixture does not load, so they are created here. Names are
stored in Arabic for the admin; the site shows them in the reader's language
(consent/catalogue.py).
"""

from django.core.cache import cache
from django.db import migrations

GROUPS = [
    # varname, name, description, required, ordering
    ("necessary", "ضرورية", "لا يعمل الموقع بدونها ولا يمكن تعطيلها.", True, 0),
    ("functional", "وظيفية", "تذكّر اسمك وبريدك وموقعك في نموذج التعليق.", False, 1),
    ("analytics", "إحصائية", "عدّ الزيارات والصفحات المقروءة بواسطة Matomo.", False, 2),
]
COOKIES = [
    # group, name, description
    ("necessary", "cookie_consent", "اختياراتك بشأن ملفات تعريف الارتباط."),
    ("necessary", "csrftoken", "حماية النماذج من التزوير."),
    ("necessary", "messages", "إشعار لمرة واحدة بعد إرسال نموذج."),
    ("necessary", "sessionid", "جلسة دخول أعضاء التحرير."),
    ("functional", "dima_commenter", "اسم المعلّق وبريده وموقعه."),
    ("analytics", "_pk_id", "رقم زائر عشوائي لعدّ الزيارات."),
    ("analytics", "_pk_ses", "يجمع صفحات الزيارة الواحدة."),
]
BANNER = [
    (
        "ar",
        "ملفات تعريف الارتباط",
        "يستخدم هذا الموقع ملفات تعريف الارتباط الضرورية لعمله. وبموافقتك فقط نستخدم أيضاً "
        "ملفات تتذكّر بياناتك في التعليقات وأخرى تعدّ الزيارات. لن نضع شيئاً اختيارياً قبل أن "
        "تختار، ويمكنك تغيير رأيك في أي وقت.",
    ),
    (
        "fr",
        "Cookies",
        "Ce site utilise les cookies nécessaires à son fonctionnement. Avec votre accord "
        "seulement, il utilise aussi des cookies qui retiennent vos coordonnées pour les "
        "commentaires et d'autres qui comptent les visites. Rien d'optionnel n'est déposé avant "
        "votre choix, que vous pouvez changer à tout moment.",
    ),
    (
        "en",
        "Cookies",
        "This site uses the cookies it needs to work. Only with your agreement does it also use "
        "cookies that remember your details for comments and cookies that count visits. Nothing "
        "optional is set before you choose, and you can change your mind at any time.",
    ),
]


def create(apps, schema_editor):
    CookieGroup = apps.get_model("cookie_consent", "CookieGroup")
    Cookie = apps.get_model("cookie_consent", "Cookie")
    BannerText = apps.get_model("consent", "BannerText")
    groups = {}
    for varname, name, description, required, ordering in GROUPS:
        groups[varname], _ = CookieGroup.objects.get_or_create(
            varname=varname,
            defaults={
                "name": name,
                "description": description,
                "is_required": required,
                "is_deletable": not required,
                "ordering": ordering,
            },
        )
    for varname, name, description in COOKIES:
        Cookie.objects.get_or_create(
            cookiegroup=groups[varname], name=name, domain="", defaults={"description": description}
        )
    for language, title, text in BANNER:
        BannerText.objects.get_or_create(language=language, defaults={"title": title, "text": text})
    cache.delete("cookie_consent_cache")  # django-cookie-consent's cached list of groups


def remove(apps, schema_editor):
    apps.get_model("cookie_consent", "CookieGroup").objects.filter(
        varname__in=[group[0] for group in GROUPS]
    ).delete()
    apps.get_model("consent", "BannerText").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consent", "0001_initial"),
        ("cookie_consent", "0004_cookie_natural_key"),
    ]

    operations = [migrations.RunPython(create, remove)]
