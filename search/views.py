from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.views.generic import TemplateView

from articles.models import Article
from search.backends import matching_article_ids
from search.highlight import snippet
from search.indexing import article_text
from search.query import MAX_QUERY_LENGTH, parse_query

RESULTS_PER_PAGE = 10


class SearchView(TemplateView):
    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        text = self.request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
        query = parse_query(text)
        ids = matching_article_ids(query)
        paginator = Paginator(ids, RESULTS_PER_PAGE)
        try:
            page = paginator.page(self.request.GET.get("page") or 1)
        except InvalidPage:
            raise Http404 from None
        found = Article.objects.filter(pk__in=page.object_list).select_related("section")
        by_id = {article.pk: article for article in found.with_bylines()}
        results = [
            (by_id[pk], snippet(article_text(by_id[pk]), query.stems))
            for pk in page.object_list
            if pk in by_id
        ]
        context.update(
            q=text,
            results=results,
            page_obj=page,
            paginator=paginator,
            page_query=urlencode({"q": text}) + "&",
        )
        return context
