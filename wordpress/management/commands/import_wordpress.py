import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tqdm import tqdm

from wordpress.services import WordPressImport
from wordpress.wxr import WxrError


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools → Export → All content, WXR 1.1 or 1.2): posts, "
        "pages, authors, categories, tags, comments, images from a copy of wp-content/uploads, "
        "and a redirect for every old address. Safe to run again: nothing is imported twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", type=Path, help="the WXR file WordPress wrote")
        parser.add_argument(
            "--uploads",
            type=Path,
            help="a copy of the site's wp-content/uploads folder (images are never downloaded)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="read everything and print the report, but write nothing",
        )
        parser.add_argument(
            "--staff-accounts",
            action="store_true",
            help="also give each WordPress author a staff login, without a password",
        )

    def handle(self, *args, **options):
        # call_command() hands over strings as given.
        export = Path(options["export"])
        uploads = Path(options["uploads"]) if options["uploads"] else None
        if not export.is_file():
            raise CommandError(f"{export}: no such file.")
        if uploads is not None and not uploads.is_dir():
            raise CommandError(f"--uploads {uploads}: no such folder.")
        interactive = sys.stderr.isatty()

        def progress(**kwargs):
            # On a terminal, a bar on stderr; the report goes to stdout.
            return tqdm(disable=not interactive, leave=False, **kwargs)

        run = WordPressImport(
            export,
            uploads=uploads,
            dry_run=options["dry_run"],
            staff_accounts=options["staff_accounts"],
            progress=progress,
        )
        try:
            report = run.run()
        except WxrError as error:
            raise CommandError(f"{error} Nothing was imported.") from None
        except KeyboardInterrupt:
            # Still reading the file through: nothing had been written yet.
            raise CommandError(
                "Interrupted while reading the export: nothing was imported."
            ) from None
        self.stdout.write(report.render(all_warnings=options["verbosity"] > 1))
        if report.interrupted:
            sys.exit(130)
