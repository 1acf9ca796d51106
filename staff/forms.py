from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from outbox.services import email_now


class StaffPasswordResetForm(PasswordResetForm):
    """Django's reset form for staff accounts only; `save` runs in the task worker
    (staff.tasks.password_reset_send), which sends the email itself."""

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
        # Sent from the worker's task itself: the reset link never enters the task table,
        # where staff who may see the queue could read it.
        email_now(subject, body, [to_email])
