from django.urls import path

from readership import views

app_name = "readership"

urlpatterns = [
    path("view/<int:article_id>/", views.article_viewed, name="view"),
]
