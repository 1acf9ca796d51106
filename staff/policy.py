"""Who must sign in with a second factor: the one place the rule is written."""

from django.conf import settings

from two_factor.utils import default_device


def second_factor_required(user) -> bool:
    """Superusers and editors (STAFF_SECOND_FACTOR_GROUPS) always; every staff member with
    STAFF_SECOND_FACTOR_FOR_ALL; writers otherwise may enrol but need not."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if user.is_superuser or settings.STAFF_SECOND_FACTOR_FOR_ALL:
        return True
    return user.groups.filter(name__in=settings.STAFF_SECOND_FACTOR_GROUPS).exists()


def second_factor_enrolled(user) -> bool:
    """A confirmed TOTP app, passkey or security key made by enrolment: the device the
    sign-in asks for (django-two-factor-auth's default device; backup codes alone are none)."""
    return default_device(user) is not None
