from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand

from tqdm import tqdm

from demo.illustrations import illustration
from demo.loader import load_content
from submissions.models import Submission
from submissions.photos import clean_reader_photo
from submissions.services import content_fingerprint, submission_receive


class Command(BaseCommand):
    help = (
        "Load readers' stories («صوتكم») for editors to try the queue with, through the same "
        "path a reader's form takes. Running it again adds nothing twice."
    )

    def handle(self, *args, **options):
        stories = load_content()["reader_stories"]
        added = photos = 0
        # The bar goes to stderr (tqdm's default), the summary to stdout.
        for index, item in enumerate(tqdm(stories, desc="Readers' stories", unit="story")):
            fingerprint = content_fingerprint(
                email=item["email"], title=item["title"], story=item["story"]
            )
            if Submission.objects.filter(content_hash=fingerprint).exists():
                continue
            pictures = [
                clean_reader_photo(
                    SimpleUploadedFile(
                        f"photo-{number}.jpg",
                        illustration(f"{item['title']}-{number}", index + number),
                        "image/jpeg",
                    )
                )
                for number in range(item["photos"])
            ]
            submission_receive(
                **{key: item[key] for key in ("title", "story", "name", "anonymous", "email")},
                **{key: item[key] for key in ("phone", "city")},
                photos=pictures,
                language="ar",
                origin="http://127.0.0.1:8000",
                ip=None,
            )
            added += 1
            photos += len(pictures)
        self.stdout.write(
            self.style.SUCCESS(
                f"Readers' stories: {added} added ({len(stories) - added} already there), "
                f"with {photos} photos kept privately for the editors."
            )
        )
