from django.urls import path, register_converter

from articles import editor, feeds, views
from articles.slugs import UnicodeSlugConverter

register_converter(UnicodeSlugConverter, "uslug")

app_name = "articles"
urlpatterns = [
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("feed/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("section/<uslug:slug>/feed/", feeds.SectionFeed(), name="section-feed"),
    path("section/<uslug:slug>/feed/atom/", feeds.SectionAtomFeed(), name="section-feed-atom"),
    path("tag/<uslug:slug>/feed/", feeds.TagFeed(), name="tag-feed"),
    path("tag/<uslug:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag-feed-atom"),
    path("author/<uslug:slug>/feed/", feeds.AuthorFeed(), name="author-feed"),
    path("author/<uslug:slug>/feed/atom/", feeds.AuthorAtomFeed(), name="author-feed-atom"),
    path("", views.HomeView.as_view(), name="home"),
    path("articles/<int:pk>/", views.ArticleShortURLView.as_view(), name="short"),
    path("articles/<int:pk>/<uslug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("section/<uslug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<uslug:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<uslug:slug>/", views.AuthorView.as_view(), name="author"),
    path("editor/upload/", editor.upload_image, name="editor-upload"),
    path("corrections/", views.CorrectionsView.as_view(), name="corrections"),
    path("فيديو/", views.VideoListView.as_view(), name="video"),
    path("corrections/feed/", feeds.CorrectionsFeed(), name="corrections-feed"),
]
