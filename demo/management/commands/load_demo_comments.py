from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.models import Article
from demo.loader import SEED_FILE, load_content, parse_seed
from demo.services import demo_discussion_create


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
            added = demo_discussion_create(article=article, items=load_content()["seed_comments"])
        self.stdout.write(self.style.SUCCESS(f"Demo comments: {added} approved comments added."))
