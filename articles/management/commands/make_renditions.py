from django.core.management.base import BaseCommand

from tqdm import tqdm

from articles.images import make_renditions
from articles.models import Article, EditorImage


class Command(BaseCommand):
    help = "Write missing image renditions (WebP and original format, at each width)."

    def add_arguments(self, parser):
        parser.add_argument("--replace", action="store_true", help="Rewrite existing renditions.")

    def handle(self, *args, replace: bool, **options):
        images = [a.image for a in Article.objects.exclude(image="").only("image")]
        images += [e.image for e in EditorImage.objects.only("image")]
        written = 0
        # The bar goes to stderr (tqdm's default), the summary to stdout.
        for image in tqdm(images, desc="Renditions", unit="image"):
            written += len(make_renditions(image, replace=replace))
        self.stdout.write(
            self.style.SUCCESS(f"Renditions: {written} files written for {len(images)} images.")
        )
