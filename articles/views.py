from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import DetailView, RedirectView, TemplateView

from articles import freshness
from articles.models import Article, Author, Correction, Section, Tag
from articles.navigation import request_sections
from articles.pagination import MAX_CURSOR_DIGITS, cached_count, page_of
from embeds.body import embed_body
from embeds.providers import find as find_embed
from pagecache.dependencies import kept_until_changed

LATEST_ON_HOME = 6
PER_SECTION_ON_HOME = 4
PAGE_SIZE = 12


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Article.objects.published()
        top = list(published.for_listing()[: LATEST_ON_HOME + 1])
        lead, latest = (top[0], top[1:]) if top else (None, [])
        by_section: dict[int, list[Article]] = {}
        # Section blocks may repeat a story from "latest", never the lead.
        blocks = published.exclude(pk=lead.pk) if lead else published
        sections = request_sections(self.request)
        section_ids = [section.pk for section in sections]
        for article in blocks.latest_per_section(section_ids, PER_SECTION_ON_HOME):
            by_section.setdefault(article.section_id, []).append(article)
        context["lead"] = lead
        context["latest"] = latest
        context["section_blocks"] = [
            (section, by_section[section.pk]) for section in sections if section.pk in by_section
        ]
        return context


def article_page(request, article: Article, *, status: int = 200, **context) -> TemplateResponse:
    """An article's page, for an article already in hand: with more context and another
    status when another app shows something on it (a comment form sent back with its errors)."""
    videos = article_videos(article)
    response = TemplateResponse(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "related": Article.objects.published().related_to(article),
            **videos,
            **context,
        },
        status=status,
    )
    if origins := videos.get("frame_origins"):
        # django-csp 4's per-response addition (what its csp_update decorator sets): frames
        # from these origins, on this page only. The page cache keeps it with the response,
        # so a cached page sends the same policy.
        response._csp_update = {"frame-src": sorted(origins)}
    return response


def article_videos(article: Article) -> dict:
    """The article's video (`video_url`) and the embeds of its body, whose whole-address
    paragraphs become click-to-load figures in the body the template shows (never saved)."""
    if not article.has_video:
        return {}
    body = embed_body(article.body)
    article.body = body.html
    video = find_embed(article.video_url) if article.video_url else None
    return {
        "video": video,
        "body_embeds": body.embeds,
        # The players' origins, which the page's CSP lets frames come from.
        "frame_origins": body.origins | ({video.provider.origin} if video else set()),
    }


class ArticleDetailView(DetailView):
    def get_queryset(self):
        return Article.objects.visible_to(self.request.user).for_detail()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if kwargs["slug"] != self.object.slug:
            return redirect(self.object, permanent=True)
        response = article_page(request, self.object)
        if not self.object.is_public:
            response.headers["X-Robots-Tag"] = "noindex"
        return response


class ArticleShortURLView(RedirectView):
    """`/articles/<pk>/` answers with the article's canonical address."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        visible = Article.objects.visible_to(self.request.user).only("pk", "slug")
        return get_object_or_404(visible, pk=kwargs["pk"]).get_absolute_url()


class ArticleListView(TemplateView):
    """One page of the published articles of a section, tag or author, newest first."""

    model_of_owner: type[Section | Tag | Author] = Section

    @cached_property
    def owner(self):
        return get_object_or_404(self.model_of_owner, slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        articles = self.filter_articles(Article.objects.published())
        page = page_of(articles.for_listing(), self.request.GET.get("before"), PAGE_SIZE)
        return super().get_context_data(
            owner=self.owner,
            feed_url=reverse(self.feed_url_name, kwargs={"slug": self.owner.slug}),
            articles=page.articles,
            page=page,
            article_count=cached_count(
                self.owner, articles, list_version=self.list_version(self.owner.slug)
            ),
            **kwargs,
        )


class SectionView(ArticleListView):
    template_name = "articles/section_detail.html"
    feed_url_name = "articles:section-feed"
    list_version = staticmethod(freshness.section_list)

    def filter_articles(self, articles):
        return articles.in_section(self.owner)

    @cached_property
    def owner(self):
        # The menu already holds every section: finding one there costs no query.
        for section in request_sections(self.request):
            if section.slug == self.kwargs["slug"]:
                return section
        return super().owner


class TagView(ArticleListView):
    template_name = "articles/tag_detail.html"
    model_of_owner = Tag
    feed_url_name = "articles:tag-feed"
    list_version = staticmethod(freshness.tag_list)

    def filter_articles(self, articles):
        return articles.tagged(self.owner)


class AuthorView(ArticleListView):
    template_name = "articles/author_detail.html"
    model_of_owner = Author
    feed_url_name = "articles:author-feed"
    list_version = staticmethod(freshness.author_list)

    def filter_articles(self, articles):
        return articles.by_author(self.owner)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not context["articles"] and "before" not in self.request.GET:
            # Nothing public under this name (a reader's story still a draft, say): no page.
            raise Http404
        return context


class VideoListView(TemplateView):
    """Public articles with a video, above their text or in it, newest first."""

    template_name = "articles/video_list.html"

    def get_context_data(self, **kwargs):
        articles = Article.objects.published().filter(has_video=True)
        page = page_of(articles.for_listing(), self.request.GET.get("before"), PAGE_SIZE)
        return super().get_context_data(
            articles=page.articles,
            page=page,
            article_count=kept_until_changed(
                "articles-count:video", articles.count, depends_on=freshness.VIDEO_LIST
            ),
            **kwargs,
        )


class CorrectionsView(TemplateView):
    """Every correction and update on a public article, newest first: the public record.

    Pages follow one another as article lists do (`?before=<note id>`)."""

    template_name = "articles/corrections.html"

    def get_context_data(self, **kwargs):
        notes = Correction.objects.public().newest()
        before = self.request.GET.get("before")
        if before is not None:
            notes = notes.older_than(self.cursor_note(notes, before))
        rows = list(notes.select_related("article").defer("article__body")[: PAGE_SIZE + 1])
        return super().get_context_data(
            notes=rows[:PAGE_SIZE],
            is_first=before is None,
            next_before=rows[PAGE_SIZE - 1].pk if len(rows) > PAGE_SIZE else None,
            **kwargs,
        )

    @staticmethod
    def cursor_note(notes, before: str) -> Correction:
        if not (before.isascii() and before.isdecimal() and len(before) <= MAX_CURSOR_DIGITS):
            raise Http404
        return get_object_or_404(notes.only("pk", "created_at"), pk=int(before))
