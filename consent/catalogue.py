"""The cookies Dima sets, by group: what the data migration creates and the policy page explains.

django-cookie-consent keeps one name and description per group and cookie in the database. The
texts below are translatable (ar, fr, en), so the policy page speaks the reader's language;
groups or cookies an editor adds in the admin are shown with the text typed there.
"""

from django.utils.translation import gettext_lazy as _

NECESSARY = "necessary"
FUNCTIONAL = "functional"
ANALYTICS = "analytics"

GROUPS = {
    NECESSARY: {
        "name": _("Necessary"),
        "description": _(
            "Needed for the site to work and to keep it safe: your cookie choices, protection "
            "of forms against forgery, and the newsroom's login. They cannot be turned off."
        ),
    },
    FUNCTIONAL: {
        "name": _("Functional"),
        "description": _(
            "Remember your name, email address and website so that you need not type them "
            "again the next time you comment."
        ),
    },
    ANALYTICS: {
        "name": _("Analytics"),
        "description": _(
            "Count visits and the pages read, without advertising, so that the newsroom knows "
            "what readers follow. Measured with Matomo, run for the newsroom."
        ),
    },
}

COOKIES = {
    "cookie_consent": (NECESSARY, _("Your choices on this page, for 6 months.")),
    "csrftoken": (NECESSARY, _("Protects the forms you send against forgery, for a year.")),
    "messages": (NECESSARY, _("A one-time notice after you send a form, e.g. a comment.")),
    "sessionid": (NECESSARY, _("Keeps members of the newsroom logged in, for two weeks.")),
    "django_language": (
        NECESSARY,
        _("The site language you chose, until you close the browser."),
    ),
    "dima_commenter": (
        FUNCTIONAL,
        _("Your name, email address and website for the comment form, for a year."),
    ),
    "_pk_id": (ANALYTICS, _("A random visitor number for counting visits, for 13 months.")),
    "_pk_ses": (ANALYTICS, _("Groups the pages of one visit, for 30 minutes.")),
}


def group_name(group) -> str:
    return str(GROUPS[group.varname]["name"]) if group.varname in GROUPS else group.name


def group_description(group) -> str:
    entry = GROUPS.get(group.varname)
    return str(entry["description"]) if entry else group.description


def cookie_description(cookie) -> str:
    entry = COOKIES.get(cookie.name)
    return str(entry[1]) if entry and entry[0] == cookie.cookiegroup.varname else cookie.description
