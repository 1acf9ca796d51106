from django.urls import path

from comments import views

app_name = "comments"
urlpatterns = [
    path("comments/<id:article_pk>/post/", views.post_comment, name="post"),
    path("comments/report/<id:comment_pk>/", views.report_comment, name="report"),
]
