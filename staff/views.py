from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from two_factor import views as two_factor_views
from two_factor.forms import AuthenticationTokenForm, BackupTokenForm

from edge.client_ip import client_ip
from outbox.services import enqueue_on_commit
from staff import services
from staff.forms import StaffPasswordResetForm
from staff.policy import second_factor_required
from staff.tasks import password_reset_send


class StaffLoginView(two_factor_views.LoginView):
    """The admin's sign-in: the password (staff only, django-axes counting failures), then
    the second factor of anyone who has one."""

    form_list = (
        (two_factor_views.LoginView.AUTH_STEP, AdminAuthenticationForm),
        (two_factor_views.LoginView.TOKEN_STEP, AuthenticationTokenForm),
        (two_factor_views.LoginView.BACKUP_STEP, BackupTokenForm),
    )

    def get_form_prefix(self, step=None, form=None):
        # The password step keeps the admin's own field names (username, password), so that
        # password managers and scripts that sign in to the admin keep working.
        return "" if step == self.AUTH_STEP else super().get_form_prefix(step, form)

    def post(self, *args, **kwargs):
        # The admin's usual sign-in form (no wizard step named) is the password step.
        step_field = f"{self.get_prefix(self.request)}-current_step"
        if step_field not in self.request.POST and "username" in self.request.POST:
            self.request.POST = self.request.POST.copy()
            self.request.POST[step_field] = self.AUTH_STEP
        if "challenge_device" in self.request.POST and not self.get_user():
            # Choosing among one's devices means nothing before the password step: the
            # library would look for the devices of no one (a 500). Back to the password.
            return self.render_goto_step(self.AUTH_STEP)
        return super().post(*args, **kwargs)


class StaffDisableView(two_factor_views.DisableView):
    """Turning the second factor off, refused to those who must have one."""

    def dispatch(self, request, *args, **kwargs):
        if second_factor_required(request.user):
            messages.error(request, _("Your role requires a second factor: it cannot be removed."))
            return redirect("two_factor:profile")
        return super().dispatch(request, *args, **kwargs)


class StaffPasswordResetView(auth_views.PasswordResetView):
    """Asks for a reset link: the same answer, and the same work in the request, for any
    address; the worker finds the account (if any) and sends the email."""

    form_class = StaffPasswordResetForm
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if services.password_reset_allowed(client_ip(self.request), email):
            enqueue_on_commit(
                password_reset_send,
                email,
                self.request.get_host(),
                self.request.is_secure(),
                get_language(),
            )
        return HttpResponseRedirect(self.get_success_url())


@staff_member_required
@require_http_methods(["GET", "POST"])
def staff_sessions_view(request):
    current = request.session.session_key
    if request.method == "POST":
        ended = services.staff_sessions_end_others(request.user, current)
        messages.success(
            request,
            ngettext(
                "%(count)d other session was signed out.",
                "%(count)d other sessions were signed out.",
                ended,
            )
            % {"count": ended},
        )
        return redirect(reverse("staff-sessions"))
    context = {
        "sessions": services.staff_sessions(request.user, current),
        "title": _("Your sessions"),
        "site_header": _("Dima newsroom"),
    }
    return render(request, "staff/sessions.html", context)
