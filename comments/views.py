from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.models import Article
from articles.views import article_page
from comments.forms import CommentForm
from comments.remember import remember_commenter
from comments.services import CommentRejected, comment_submit, comments_open
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
