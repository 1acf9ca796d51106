from django.core.management.base import BaseCommand

from tqdm import tqdm

from articles.models import Author, Section
from demo.loader import SEED_FILE, load_content, parse_seed
from demo.services import demo_article_create


class Command(BaseCommand):
    help = "Load the seed article and the demo articles. Running it again adds nothing twice."

    def handle(self, *args, **options):
        content = load_content()
        _site_name, seed = parse_seed(SEED_FILE.read_text(encoding="utf-8"))

        sections, new_sections = {}, 0
        for position, item in enumerate(content["sections"]):
            section, created = Section.objects.get_or_create(
                slug=item["slug"],
                defaults={
                    "name": item["name"],
                    "name_fr": item["name_fr"],
                    "name_en": item["name_en"],
                    "description": item["description"],
                    "position": position,
                },
            )
            if not created and not (section.name_fr or section.name_en):
                # A demo loaded before sections had names per language gets them.
                section.name_fr, section.name_en = item["name_fr"], item["name_en"]
                section.save(update_fields=["name_fr", "name_en"])
            sections[section.slug] = section
            new_sections += created

        new_authors = 0
        for item in content["authors"]:
            _author, created = Author.objects.get_or_create(
                slug=item["slug"], defaults={"name": item["name"], "bio": item["bio"]}
            )
            new_authors += created

        demos = [seed, *content["articles"]]
        palette = {slug: index for index, slug in enumerate(sections)}
        created = []
        # The bar goes to stderr (tqdm's default), the summary to stdout.
        progress = tqdm(demos, desc="Demo articles", unit="article")
        for demo in progress:
            article = demo_article_create(
                demo=demo, sections=sections, image_palette=palette[demo.section]
            )
            if article is not None:
                created.append(article)

        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content: {len(created)} articles added "
                f"({len(demos) - len(created)} already there), {new_sections} sections and "
                f"{new_authors} authors added, {sum(bool(a.image) for a in created)} images drawn."
            )
        )
