from django.urls import path

from live import views

app_name = "live"
urlpatterns = [
    path("live/<id:article_id>/entries.json", views.entries, name="entries"),
]
