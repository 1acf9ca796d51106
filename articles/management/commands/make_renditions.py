from django.core.management.base import BaseCommand

from tqdm import tqdm

from articles.images import make_renditions
from articles.models import Article, EditorImage
from pagecache.dependencies import pages_changed


class Command(BaseCommand):
    help = "Write missing image renditions (WebP and original format, at each width)."

    def add_arguments(self, parser):
        parser.add_argument("--replace", action="store_true", help="Rewrite existing renditions.")

    def handle(self, *args, replace: bool, **options):
        rows = list(Article.objects.exclude(image="").only("pk", "image"))
        rows += list(EditorImage.objects.only("pk", "image"))
        written = 0
        # The bar goes to stderr (tqdm's default), the summary to stdout.
        for row in tqdm(rows, desc="Renditions", unit="image"):
            written += len(make_renditions(row.image, replace=replace))
            # Pages use them from now on (unless the image changed meanwhile).
            type(row).objects.filter(pk=row.pk, image=row.image.name).update(renditions_ready=True)
        pages_changed()
        self.stdout.write(
            self.style.SUCCESS(f"Renditions: {written} files written for {len(rows)} images.")
        )
