from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from articles.models import Article
from articles.views import article_page
from comments.forms import CommentForm, ReportForm
from comments.models import Comment
from comments.remember import remember_commenter
from comments.services import (
    CommentRejected,
    ReportRefused,
    comment_report,
    comment_submit,
    comments_open,
)
from comments.spam import looks_like_spam
from edge.client_ip import client_ip
from edge.csrf import answers_csrf_failure_of


@require_POST
def post_comment(request, article_pk: int):
    article = get_object_or_404(Article.objects.published().for_detail(), pk=article_pk)
    if not comments_open(article):
        messages.error(request, _("Comments are closed on this article."))
        return article_page(request, article, status=403)
    form = CommentForm(article, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        author = {key: data[key] for key in ("name", "email", "url", "body")}
        ip = client_ip(request)
        # Asked before the database transaction: a slow answer must not hold a write lock.
        spam = looks_like_spam(
            **author,
            ip=ip,
            user_agent=request.headers.get("User-Agent", ""),
            permalink=request.build_absolute_uri(article.get_absolute_url()),
        )
        try:
            submission = comment_submit(
                article=article, parent=data["parent"], ip=ip, spam=spam, **author
            )
        except CommentRejected as rejection:
            form.add_error(rejection.field, rejection.message)
        else:
            comment = submission.comment
            if comment.is_public:
                messages.success(request, _("Your comment has been published."))
                response = redirect(comment.get_absolute_url())
            else:
                messages.info(request, _("Thank you! Your comment is awaiting moderation."))
                response = redirect(f"{article.get_absolute_url()}#comments")
            remember_commenter(request, response, data)
            return response
    form.renew_token()
    return article_page(request, article, status=400, comment_form=form)


@answers_csrf_failure_of(post_comment)
def resend_comment_form(request, article_pk: int) -> TemplateResponse:
    """The comment came without a valid form token (edge.csrf): show it back, ready to resend."""
    article = get_object_or_404(Article.objects.published().for_detail(), pk=article_pk)
    form = CommentForm(article, request.POST)
    form.is_valid()
    # A fresh token and start time, whatever the old ones said: "press again" is all to say.
    form.renew_token()
    form.errors.pop("token", None)
    form.add_error(
        None, _("Your comment has not been sent yet. Please press “Post Comment” again.")
    )
    response = article_page(request, article, status=403, comment_form=form)
    response["Cache-Control"] = "private, no-store"
    return response


def wants_json(request: HttpRequest) -> bool:
    """A report sent in place by static/js/comments.js, which reads the answer."""
    return "application/json" in request.headers.get("Accept", "")


@require_http_methods(["GET", "HEAD", "POST"])
def report_comment(request: HttpRequest, comment_pk: int) -> HttpResponse:
    """A reader's report of a comment: the page asking for it (readers without JavaScript,
    from the comment's "Report" link), and the report itself."""
    if request.method != "POST":
        return report_page(request, comment_pk, form=ReportForm())
    form = ReportForm(request.POST)
    if not form.is_valid():
        if wants_json(request):
            return JsonResponse({"message": form.errors["reason"][0]}, status=400)
        return report_page(request, comment_pk, form=form, status=400)
    try:
        report = comment_report(
            comment_id=comment_pk, ip=client_ip(request), reason=form.cleaned_data["reason"]
        )
    except Comment.DoesNotExist:
        raise Http404 from None
    except ReportRefused as refusal:
        if wants_json(request):
            return JsonResponse({"message": refusal.message}, status=429)
        form.add_error(None, refusal.message)
        return report_page(request, comment_pk, form=form, status=429)
    thanks = _("Thank you, we have received your report.")
    if wants_json(request):
        return JsonResponse({"message": thanks})
    messages.success(request, thanks)
    return redirect(f"{report.article_url}#comments")


@answers_csrf_failure_of(report_comment)
def resend_report(request: HttpRequest, comment_pk: int) -> HttpResponse:
    """The report came without a valid form token (edge.csrf): ask once more, with one."""
    form = ReportForm(request.POST)
    form.is_valid()
    form.add_error(None, _("Your report has not been sent yet. Please press “Report” again."))
    return report_page(request, comment_pk, form=form, status=403)


def report_page(
    request: HttpRequest, comment_pk: int, *, form: ReportForm, status: int = 200
) -> TemplateResponse:
    comment = get_object_or_404(
        Comment.objects.reportable().select_related("article"), pk=comment_pk
    )
    response = TemplateResponse(
        request,
        "comments/report.html",
        {
            "comment": comment,
            "form": form,
            "retention_days": settings.COMMENTS_IP_RETENTION_DAYS,
        },
        status=status,
    )
    # The form carries this reader's token: no cache keeps it.
    response["Cache-Control"] = "private, no-store"
    return response
