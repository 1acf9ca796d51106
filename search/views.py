from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.views.generic import TemplateView

from articles.models import Article
from articles.navigation import request_sections
from search.backends import matching_article_ids
from search.forms import SearchForm
from search.highlight import snippet
from search.indexing import article_text
from search.query import MAX_QUERY_LENGTH, parse_query
from search.suggest import suggestion

RESULTS_PER_PAGE = 10


class SearchView(TemplateView):
    """Results for q, narrowed by section and dates. A filter the reader mistyped is named
    in the form and nothing is searched, rather than searching something else than asked."""

    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET, sections=request_sections(self.request))
        context.update(form=form, q="", results=[], suggestion=None)
        if not form.is_valid():
            context["q"] = form.data.get("q", "").strip()[:MAX_QUERY_LENGTH]
            return context
        text = form.cleaned_data["q"]
        query, filters = parse_query(text), form.filters()
        ids = matching_article_ids(query, filters)
        paginator = Paginator(ids, RESULTS_PER_PAGE)
        try:
            page = paginator.page(self.request.GET.get("page") or 1)
        except InvalidPage:
            raise Http404 from None
        found = Article.objects.filter(pk__in=page.object_list).select_related("section")
        by_id = {article.pk: article for article in found.with_bylines()}
        kept = form.kept_parameters()
        corrected = None if ids or query.is_empty else suggestion(text, query, filters)
        context.update(
            q=text,
            results=[
                (by_id[pk], snippet(article_text(by_id[pk]), query.stems))
                for pk in page.object_list
                if pk in by_id
            ],
            page_obj=page,
            paginator=paginator,
            page_query=urlencode(kept) + "&",
            filtered=not filters.is_empty,
            suggestion=corrected,
            suggestion_query=urlencode({**kept, "q": corrected}) if corrected else "",
        )
        return context
