"""The admin's door, mounted under /admin/ before the admin itself (dima/urls.py)."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from staff import views

urlpatterns = [
    path("login/", views.StaffLoginView.as_view(), name="staff-login"),
    path("account/sessions/", views.staff_sessions_view, name="staff-sessions"),
    path(
        "account/two_factor/disable/",
        views.StaffDisableView.as_view(),
        name="staff-two-factor-disable",
    ),
    path("password_reset/", views.StaffPasswordResetView.as_view(), name="admin_password_reset"),
    path(
        "password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
