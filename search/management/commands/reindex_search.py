from django.core.management.base import BaseCommand

from articles.freshness import LIST_ALL
from articles.models import Article
from pagecache.dependencies import changed
from search.indexing import rebuild_index
from search.models import SearchEntry
from search.suggest import forget_vocabulary


class Command(BaseCommand):
    help = "Store every article's search words again, as arabic.text now writes them."

    def handle(self, *args, **options):
        count = rebuild_index(articles=Article.objects.all(), entries=SearchEntry.objects.all())
        # What searches find and suggest may have changed: search pages follow LIST_ALL.
        forget_vocabulary()
        changed(LIST_ALL)
        self.stdout.write(self.style.SUCCESS(f"Search index: {count} entries rewritten."))
