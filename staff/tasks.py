"""The password reset, done by the task worker so that the request answers the same way,
in the same time, whether or not the address belongs to a staff member."""

from django.conf import settings
from django.utils import translation

from django_tasks import task

from staff.forms import StaffPasswordResetForm


@task()
def password_reset_send(email: str, domain: str, use_https: bool, language: str) -> None:
    with translation.override(language):
        form = StaffPasswordResetForm({"email": email})
        if form.is_valid():
            form.save(
                domain_override=domain,
                use_https=use_https,
                extra_email_context={"site_name": settings.DIMA_SITE_NAME},
            )
