from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from outbox.services import email_later


class StaffPasswordResetForm(PasswordResetForm):
    """Django's reset form for staff accounts only, its email sent by the task worker."""

    def get_users(self, email):
        return (user for user in super().get_users(email) if user.is_staff)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = loader.render_to_string(subject_template_name, context)
        body = loader.render_to_string(email_template_name, context)
        email_later(subject, body, [to_email])
