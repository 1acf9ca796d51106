from django.urls import re_path

from pages import views

app_name = "pages"
# Any address ending in "/": listed last, so that every other route is tried first, and only
# for addresses with the slash, so that APPEND_SLASH still sends /tag/x to /tag/x/.
urlpatterns = [
    re_path(r"^(?P<url>.+/)$", views.page_detail, name="detail"),
]
