from django.urls import path

from consent import views

app_name = "consent"
urlpatterns = [
    path("cookies/", views.cookie_settings, name="settings"),
    path("cookies/accept/", views.choose, {"action": views.ACCEPT_ALL}, name="accept"),
    path("cookies/decline/", views.choose, {"action": views.DECLINE_ALL}, name="decline"),
    path("cookies/save/", views.choose, {"action": views.SAVE}, name="save"),
    path("cookies/status/", views.status, name="status"),
]
