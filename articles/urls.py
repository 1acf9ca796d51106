from django.urls import path, register_converter

from articles import editor, views
from articles.feeds import feeds_for
from articles.models import Author, Section, Tag
from articles.slugs import UnicodeSlugConverter

register_converter(UnicodeSlugConverter, "uslug")

site_rss, site_atom = feeds_for(None)
section_rss, section_atom = feeds_for(Section)
tag_rss, tag_atom = feeds_for(Tag)
author_rss, author_atom = feeds_for(Author)

app_name = "articles"
urlpatterns = [
    path("feed/", site_rss, name="feed"),
    path("feed/atom/", site_atom, name="feed-atom"),
    path("section/<uslug:slug>/feed/", section_rss, name="section-feed"),
    path("section/<uslug:slug>/feed/atom/", section_atom, name="section-feed-atom"),
    path("tag/<uslug:slug>/feed/", tag_rss, name="tag-feed"),
    path("tag/<uslug:slug>/feed/atom/", tag_atom, name="tag-feed-atom"),
    path("author/<uslug:slug>/feed/", author_rss, name="author-feed"),
    path("author/<uslug:slug>/feed/atom/", author_atom, name="author-feed-atom"),
    path("", views.HomeView.as_view(), name="home"),
    path("articles/<int:pk>/", views.ArticleShortURLView.as_view(), name="short"),
    path("articles/<int:pk>/<uslug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("section/<uslug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<uslug:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<uslug:slug>/", views.AuthorView.as_view(), name="author"),
    path("editor/upload/", editor.upload_image, name="editor-upload"),
]
