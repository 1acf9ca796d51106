"""Read the demo content shipped with the project: the seed article and the JSON collection."""

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parent
SEED_FILE = DEMO_DIR / "seed_article.txt"
CONTENT_FILE = DEMO_DIR / "content.json"
# The seed page ends with the comment form's heading and the cookie banner: not article text.
SEED_END_MARKER = "اترك رد"


@dataclass
class DemoArticle:
    title: str
    section: str
    byline: list[dict]
    paragraphs: list[str]
    published_at: datetime
    tags: list[str] = field(default_factory=list)
    excerpt: str = ""
    image_caption: str = ""
    comments_open: bool = True
    # A YouTube, Facebook or X address shown above the text (embeds/providers.py).
    video_url: str = ""


def parse_seed(text: str) -> tuple[str, DemoArticle]:
    """Split the seed page into the site name and its article (headline, byline, paragraphs)."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    site_name, title, byline, *rest = lines
    label, _, name = byline.partition(":")
    paragraphs = rest[: rest.index(SEED_END_MARKER)] if SEED_END_MARKER in rest else rest
    article = DemoArticle(
        title=title,
        section="وطنية",
        byline=[{"author": name.strip(), "label": label.strip()}],
        paragraphs=paragraphs,
        # The story speaks of Wednesday as "the day before yesterday" and of 24–26 May 2022.
        published_at=datetime(2022, 5, 27, 11, 30),
        tags=["الأمن", "كأس العالم 2022", "قطر"],
        image_caption="رسم توضيحي: ديما مسموع",
    )
    return site_name, article


def load_content() -> dict:
    """Return sections, authors and articles from content.json, articles as `DemoArticle`s."""
    data = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))
    data["articles"] = [
        DemoArticle(**{**item, "published_at": datetime.fromisoformat(item["published_at"])})
        for item in data["articles"]
    ]
    return data
