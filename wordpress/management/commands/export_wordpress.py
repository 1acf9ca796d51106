from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tqdm import tqdm

from articles.models import Article
from wordpress.exporting import (
    DEFAULT_BASE_URL,
    ExportError,
    export_wordpress_to,
    normalize_base_url,
)


class Command(BaseCommand):
    help = (
        "Write the site's articles, pages, authors, sections, tags, approved comments and featured "
        "images as a WordPress export (WXR 1.2) that WordPress's importer reads."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", type=Path, help="The file to write, e.g. dima.xml.")
        parser.add_argument(
            "--base-url",
            default=DEFAULT_BASE_URL,
            help="The site's address, for absolute links (default: %(default)s).",
        )

    def handle(self, *args, out: Path, base_url: str, **options):
        if out.is_dir():
            raise CommandError(f"Cannot write {out}: it is a folder; name the file to write.")
        if not out.parent.is_dir():
            raise CommandError(f"Cannot write {out}: there is no folder {out.parent}.")
        try:
            base_url = normalize_base_url(base_url)
        except ExportError as error:
            raise CommandError(str(error)) from None
        # The bar goes to stderr (tqdm's default), the summary to stdout.
        with tqdm(total=Article.objects.count(), desc="Articles", unit="article") as progress:
            try:
                summary = export_wordpress_to(
                    out, base_url=base_url, on_article=lambda: progress.update()
                )
            except ExportError as error:
                raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(str(summary)))
