from django.urls import path

from submissions import views

app_name = "submissions"
urlpatterns = [
    path("صوتكم/", views.submit, name="submit"),
    path("صوتكم/متابعة/<str:token>/", views.status, name="status"),
]
