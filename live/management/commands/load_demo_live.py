import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from PIL import Image, ImageDraw

from articles.models import Article
from live.models import LiveCoverage
from live.services import coverage_start, entry_add

DEMO_TITLE = "الدار البيضاء تستعد لاحتضان نهائي قاري كبير وسط استنفار لتأمين الملعب ومحيطه"

# (minutes before now, text, pinned, with a picture)
DEMO_ENTRIES = [
    (
        118,
        "صباح الخير من محيط ملعب محمد الخامس بالدار البيضاء، حيث نتابع معكم لحظة بلحظة "
        "الاستعدادات الأمنية والتنظيمية للنهائي القاري.",
        False,
        False,
    ),
    (
        95,
        "أبواب الملعب تُفتح أمام الجماهير قبل أربع ساعات من صافرة البداية.\n\n"
        "السلطات تدعو المشجعين إلى استعمال الترامواي والحافلات وتجنب السيارات الخاصة.",
        True,
        False,
    ),
    (
        70,
        "طوابير طويلة أمام البوابة رقم 3، والمنظمون يفتحون ممرات إضافية لتخفيف الضغط.",
        False,
        True,
    ),
    (
        45,
        "مروحية للأمن الوطني تحلق فوق الملعب، وفرق الوقاية المدنية تأخذ مواقعها في المدرجات.",
        False,
        False,
    ),
    (
        20,
        "الملعب يقترب من الامتلاء: أكثر من 40 ألف مشجع في المدرجات حسب المنظمين.",
        False,
        False,
    ),
    (
        4,
        "دخول اللاعبين إلى أرضية الملعب لإجراء الإحماء وسط تصفيقات الجماهير.",
        False,
        False,
    ),
]


def drawn_picture() -> SimpleUploadedFile:
    """A small drawn picture (green pitch, white lines): the demo ships no photo."""
    image = Image.new("RGB", (960, 540), "#2f7d3b")
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 920, 500), outline="white", width=6)
    draw.line((480, 40, 480, 500), fill="white", width=6)
    draw.ellipse((400, 190, 560, 350), outline="white", width=6)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return SimpleUploadedFile("live-stadium.jpg", out.getvalue(), "image/jpeg")


class Command(BaseCommand):
    help = (
        "Follow one demo article live (a continental final in Casablanca) with a few entries. "
        "Running it again adds nothing twice."
    )

    def handle(self, *args, **options):
        article = Article.objects.filter(title=DEMO_TITLE).first()
        if article is None:
            raise CommandError("Load the demo articles first: manage.py load_demo")
        existing = LiveCoverage.objects.filter(article=article).first()
        if existing is not None and existing.entries.exists():
            self.stdout.write(
                f"Demo live coverage: «{article.title}» is already followed live, "
                f"{existing.entries.count()} entries, none added."
            )
            return
        now = timezone.now()
        with transaction.atomic():
            coverage = coverage_start(article=article, started_at=now - timedelta(hours=2))
            for minutes, text, pinned, pictured in DEMO_ENTRIES:
                entry_add(
                    coverage=coverage,
                    text=text,
                    pinned=pinned,
                    image=drawn_picture() if pictured else None,
                    image_alt="رسم لأرضية ملعب كرة قدم" if pictured else "",
                    created_at=now - timedelta(minutes=minutes),
                )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo live coverage: «{article.title}» is live with {len(DEMO_ENTRIES)} entries "
                f"at {article.get_absolute_url()}"
            )
        )
