from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import F

from articles.demo.loader import SEED_FILE, load_content, parse_seed
from articles.models import Article
from comments.models import Comment
from comments.services import content_fingerprint


class Command(BaseCommand):
    help = "Add a short demo discussion under the seed article. Running it again adds nothing."

    def handle(self, *args, **options):
        _site, seed = parse_seed(SEED_FILE.read_text(encoding="utf-8"))
        article = Article.objects.filter(title=seed.title).first()
        if article is None:
            raise CommandError("Load the demo articles first: manage.py load_demo")
        if article.comments.exists():
            self.stdout.write("Demo comments: the seed article already has comments, none added.")
            return
        with transaction.atomic():
            added = self.add(article, load_content()["seed_comments"], parent=None)
            Article.objects.filter(pk=article.pk).update(comment_count=F("comment_count") + added)
        self.stdout.write(self.style.SUCCESS(f"Demo comments: {added} approved comments added."))

    def add(self, article: Article, items: list[dict], parent: Comment | None) -> int:
        added = 0
        for item in items:
            comment = Comment.objects.create(
                article=article,
                parent=parent,
                thread=(parent.thread or parent) if parent else None,
                depth=parent.depth + 1 if parent else 0,
                name=item["name"],
                email=item["email"],
                body=item["body"],
                status=Comment.Status.APPROVED,
                content_hash=content_fingerprint(
                    email=item["email"], parent=parent, body=item["body"]
                ),
            )
            # Date the discussion after the article, as it happened.
            created = article.published_at + timedelta(minutes=item["minutes_after"])
            Comment.objects.filter(pk=comment.pk).update(created_at=created)
            added += 1 + self.add(article, item.get("replies", []), parent=comment)
        return added
