"""A large WordPress export, in WordPress 6.1's own format, for the import benchmark:

    .venv/bin/python bench/make_wxr.py [--posts 20000] [--comments 200000] [--images 200]
        [--out DIR] [--seed 1]

writes DIR/wordpress-export.xml (with wordpress.writer.WxrWriter, as it goes: memory stays
flat), DIR/uploads/ (wp-content/uploads as WordPress keeps it) and, last, DIR/manifest.json
(the parameters, a hash of this file and of the writer, and what was written;
bench/import_run.py reuses a folder whose manifest matches). The same parameters give the
same bytes.

What is in it, shaped like a WordPress news site that grew for a dozen years:
- 3 authors with Arabic display names; ~30 categories, some nested, and ~500 tags, their
  slugs percent-encoded as WordPress stores Arabic slugs, each listed a second time as a
  <wp:term> as WordPress 6.1 does;
- posts spread over the years with /%year%/%monthnum%/%day%/%postname%/ links, Arabic
  titles, classic bodies without <p> (paragraphs split by blank lines, some with a
  [caption] around an uploaded image) and some Gutenberg block markup; mostly published,
  some drafts (never dated, no slug), scheduled, private and trashed posts; ~5% renamed
  (`_wp_old_slug`); slugs made unique with -2, -3 as WordPress does;
- featured images (`_thumbnail_id`) from a pool of distinct JPEG files made with Pillow
  (1200×800, with WordPress's -300x200 and -1024x683 sizes beside each), each an attachment
  item with `_wp_attached_file`, `_wp_attachment_metadata` and alt text, uploaded in the
  month of the first post that uses it;
- comments threaded up to 4 deep, ~90% approved, some pending ("0"), spam (which WordPress
  6.1 itself leaves out of its exports, older exports and other tools do not) and pingbacks,
  their texts unique within each post.
"""

import argparse
import hashlib
import json
import random
import sys
import time
from bisect import bisect
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: the project's packages are beside bench/
    sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw, ImageFilter  # noqa: E402
from tqdm import tqdm  # noqa: E402

from wordpress.writer import WxrWriter, wordpress_slug  # noqa: E402
from wordpress.wxr import Author, Comment, Item, ItemTerm, Site, Term  # noqa: E402

EXPORT_NAME = "wordpress-export.xml"
WRITER = ROOT / "wordpress" / "writer.py"
MANIFEST_NAME = "manifest.json"
SITE_URL = "https://dima-masmou.example"
SITE_ZONE = ZoneInfo("Africa/Casablanca")
EXPORTED_AT = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
FIRST_POST_AT = datetime(2014, 1, 6, 8, 0, tzinfo=UTC)
IMAGE_SIZE = (1200, 800)
IMAGE_VARIANTS = {"medium": (300, 200), "large": (1024, 683)}
MAX_DEPTH = 4  # a top-level comment is depth 1

# Shares of the posts by status (the rest is published), and of the comments by kind.
STATUS_SHARES = {"draft": 0.03, "future": 0.01, "private": 0.01, "trash": 0.01}
RENAMED_SHARE = 0.05
FEATURED_SHARE = 0.8
BODY_SHARES = {"gutenberg": 0.3, "captioned": 0.15}  # the rest: classic, no image
COMMENT_SHARES = {"pending": 0.05, "spam": 0.03, "pingback": 0.02}  # the rest is approved
REPLY_SHARE = 0.35

AUTHORS = [
    Author(1, "nadia", "nadia@dima-masmou.example", "نادية الوزاني", "نادية", "الوزاني"),
    Author(2, "hamza.alaoui", "hamza@dima-masmou.example", "حمزة العلوي", "حمزة", "العلوي"),
    Author(3, "khadija", "khadija@dima-masmou.example", "خديجة أمزيان", "خديجة", "أمزيان"),
]
AUTHOR_WEIGHTS = [5, 3, 2]
# (name, parent): parents come before their children, as WordPress writes them.
CATEGORIES = [
    ("Uncategorized", ""), ("وطنية", ""), ("أحزاب", "وطنية"), ("البرلمان", "وطنية"),
    ("جهات", "وطنية"), ("دولية", ""), ("المغرب العربي", "دولية"), ("إفريقيا", "دولية"),
    ("أوروبا", "دولية"), ("الشرق الأوسط", "دولية"), ("اقتصاد", ""), ("بنوك", "اقتصاد"),
    ("فلاحة", "اقتصاد"), ("سياحة", "اقتصاد"), ("طاقة", "اقتصاد"), ("رياضة", ""),
    ("كرة القدم", "رياضة"), ("البطولة الوطنية", "كرة القدم"), ("المنتخب الوطني", "كرة القدم"),
    ("ألعاب القوى", "رياضة"), ("مجتمع", ""), ("حوادث", "مجتمع"), ("قضاء", "مجتمع"),
    ("تعليم", "مجتمع"), ("ثقافة", ""), ("سينما", "ثقافة"), ("كتب", "ثقافة"), ("رأي", ""),
    ("تكنولوجيا", ""), ("صحة", ""),
]  # fmt: skip
TOPICS = [
    "الانتخابات", "السياحة", "الفلاحة", "الماء", "التعليم", "الصحة", "النقل", "الطاقة", "السكن",
    "التشغيل", "الاستثمار", "الأمن", "البيئة", "الثقافة", "كرة القدم", "المهرجانات", "الجامعة",
    "الصيد البحري", "الصناعة", "الرقمنة", "الجالية", "المرأة", "الشباب", "القضاء", "الموانئ",
]  # fmt: skip
PLACES = [
    "الرباط", "الدار البيضاء", "فاس", "مراكش", "طنجة", "أكادير", "مكناس", "وجدة", "تطوان",
    "العيون", "الداخلة", "القنيطرة", "الجديدة", "آسفي", "بني ملال", "الناظور", "الحسيمة",
    "ورزازات", "الراشيدية", "خريبكة",
]  # fmt: skip
TITLE_PATTERNS = [
    "{place}: {topic} في صلب نقاش {who}", "{who} يناقش ملف {topic} بجهة {place}",
    "ارتفاع لافت في مؤشرات {topic} بمدينة {place}", "{place} تحتضن لقاء وطنيا حول {topic}",
    "مطالب بتسريع إصلاح {topic} في {place}", "أرقام جديدة تكشف واقع {topic} بـ{place}",
    "{who} يعلن عن برنامج جديد لدعم {topic}", "جدل في {place} بعد قرار يخص {topic}",
    "تقرير: {topic} بين الطموح والإكراهات في {place}", "حصيلة {topic} خلال {year} في {place}",
]  # fmt: skip
WHO = [
    "البرلمان", "الحكومة", "مجلس الجهة", "المجلس الجماعي", "وزير الداخلية", "بنك المغرب",
    "النقابات", "جمعيات المجتمع المدني", "المندوبية السامية للتخطيط", "والي الجهة",
]  # fmt: skip
READER_FIRST = [
    "محمد", "فاطمة", "يوسف", "سعاد", "عبد الإله", "مريم", "كريم", "ليلى", "عمر", "سناء", "إدريس",
    "هند", "المهدي", "نزهة", "ياسين", "Karim", "Salma", "Mehdi", "Amine", "Imane",
]  # fmt: skip
READER_LAST = ["ب.", "الإدريسي", "التازي", "الفاسي", "العمراني", "", "من فاس", "المغربي"]
COMMENT_OPENINGS = [
    "مقال في المستوى", "شكرا على المتابعة", "للأسف", "بصراحة", "أتفق مع الكاتب", "سؤال بسيط",
    "كلام جميل", "Bravo", "الله يوفق", "تحية لطاقم الجريدة", "من تجربتي الشخصية", "حسب رأيي",
]  # fmt: skip
COMMENT_OPINIONS = [
    "المشكل في التطبيق وليس في القوانين", "نريد أرقاما دقيقة وليس تصريحات عامة",
    "هذا ما ننتظره في جهتنا أيضا", "أين كانت هذه المبادرات منذ سنوات",
    "العبرة بالنتائج على أرض الواقع", "الساكنة تعاني منذ مدة طويلة",
    "لا أظن أن المدة المعلنة كافية", "التجربة أثبتت أن المتابعة الميدانية هي الأهم",
    "خبر مفرح وننتظر المزيد من التفاصيل", "يجب إشراك الشباب في هذه المشاريع",
    "c'est une bonne nouvelle pour la région", "الإعلام الجاد هو ما نحتاجه اليوم",
]  # fmt: skip
COMMENT_CLOSINGS = ["", "", ".", "!", "؟", " والله أعلم.", " شكرا.", " 👍", " ونتمنى التوفيق."]
BLOGS = ["مدونة الاقتصاد المغربي", "Le blog de Karim", "أصوات من الجنوب", "Tech Maroc"]


@dataclass
class Stats:
    posts: Counter = field(default_factory=Counter)  # by status
    renamed: int = 0
    with_featured_image: int = 0
    attachments: int = 0
    upload_files: int = 0
    upload_bytes: int = 0
    comments: Counter = field(default_factory=Counter)  # approved, pending, spam, pingback
    deepest_thread: int = 0
    authors: int = 0
    categories: int = 0
    tags: int = 0
    export_bytes: int = 0

    def as_dict(self) -> dict:
        counts = {name: getattr(self, name) for name in self.__dataclass_fields__}
        return {**counts, "posts": dict(self.posts), "comments": dict(self.comments)}

    def summary(self, out: Path, seconds: float) -> str:
        posts = ", ".join(f"{status} {n}" for status, n in sorted(self.posts.items()))
        comments = ", ".join(f"{kind} {n}" for kind, n in sorted(self.comments.items()))
        return (
            f"Wrote {sum(self.posts.values())} posts ({posts}; {self.renamed} renamed, "
            f"{self.with_featured_image} with a featured image) and {self.attachments} "
            f"attachments ({self.upload_files} files, {self.upload_bytes / 1e6:.1f} MB in "
            f"uploads/), {sum(self.comments.values())} comments ({comments}; threads up to "
            f"{self.deepest_thread} deep), {self.authors} authors, {self.categories} categories "
            f"and {self.tags} tags to {out / EXPORT_NAME} ({self.export_bytes / 1e6:.1f} MB) "
            f"in {seconds:.0f} s."
        )


@dataclass
class Upload:
    attachment_id: int
    path: str  # "2019/05/photo-12.jpg", relative to uploads/
    url: str
    alt: str
    metadata: dict  # what WordPress keeps in _wp_attachment_metadata

    def variant_url(self, size: str) -> str:
        width, height = IMAGE_VARIANTS[size]
        stem, _dot, extension = self.url.rpartition(".")
        return f"{stem}-{width}x{height}.{extension}"


def title_slug(title: str) -> str:
    """sanitize_title() for the titles made here: words joined by dashes, then encoded."""
    words = "".join(c if c.isalnum() or c.isspace() else " " for c in title.lower()).split()
    return wordpress_slug("-".join(words))


def php_serialize(value) -> str:
    """PHP's serialize() for the dicts, strings and integers of `_wp_attachment_metadata`."""
    if isinstance(value, dict):
        inner = "".join(php_serialize(k) + php_serialize(v) for k, v in value.items())
        return f"a:{len(value)}:{{{inner}}}"
    if isinstance(value, int):
        return f"i:{value};"
    return f's:{len(value.encode())}:"{value}";'


def local(moment: datetime) -> datetime:
    return moment.astimezone(SITE_ZONE).replace(tzinfo=None)


def sentences() -> list[str]:
    """Real Arabic news sentences: the demo collection's paragraphs, cut at full stops."""
    content = json.loads((ROOT / "demo" / "content.json").read_text(encoding="utf-8"))
    found = []
    for article in content["articles"]:
        for paragraph in article["paragraphs"]:
            found += [s.strip() + "." for s in paragraph.split(".") if len(s.split()) > 5]
    return found


def quota(rng: random.Random, count: int, shares: dict[str, float], rest: str) -> list[str]:
    """`count` labels, each share rounded but at least one when there is room, shuffled."""
    labels: list[str] = []
    for label, share in shares.items():
        wanted = max(1, round(count * share)) if count >= 4 * len(shares) else round(count * share)
        labels += [label] * wanted
    labels = labels[:count] + [rest] * max(0, count - len(labels))
    rng.shuffle(labels)
    return labels


def make_image(rng: random.Random, uploads: Path, path: str) -> tuple[dict, int]:
    """A distinct JPEG and its two smaller sizes; (its metadata, the bytes written)."""
    width, height = IMAGE_SIZE
    image = Image.new("RGB", IMAGE_SIZE, tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(8, 16)):
        x, y = rng.randrange(width), rng.randrange(height)
        box = (x, y, x + rng.randint(60, 600), y + rng.randint(40, 400))
        colour = tuple(rng.randrange(256) for _ in range(3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 3)))
    target = uploads / path
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, "JPEG", quality=82)
    written = target.stat().st_size
    sizes = {}
    for name, (w, h) in IMAGE_VARIANTS.items():
        variant = target.with_name(f"{target.stem}-{w}x{h}{target.suffix}")
        image.resize((w, h), Image.Resampling.LANCZOS).save(variant, "JPEG", quality=82)
        size = variant.stat().st_size
        written += size
        sizes[name] = {
            "file": variant.name,
            "width": w,
            "height": h,
            "mime-type": "image/jpeg",
            "filesize": size,
        }
    metadata = {
        "width": width,
        "height": height,
        "file": path,
        "filesize": target.stat().st_size,
        "sizes": sizes,
        "image_meta": {"aperture": "0", "camera": "", "caption": "", "title": ""},
    }
    return metadata, written


class Generator:
    """One export, written in WordPress's order: site, authors, terms, then items by id."""

    def __init__(self, out: Path, posts: int, comments: int, images: int, seed: int):
        self.out, self.post_count, self.comment_count = out, posts, comments
        self.image_count, self.seed = images, seed
        self.rng = random.Random(seed)  # noqa: S311 (not secret)
        self.stats = Stats()
        self.sentences = sentences()
        self.next_id = 10  # WordPress's first ids went to its sample post, page and menus
        self.next_comment_id = 1
        self.uploads: list[Upload] = []
        self.slugs_taken: set[str] = set()
        self.categories: list[Term] = []
        self.tags: list[Term] = []
        self.readers = [self.reader(n) for n in range(max(50, min(5000, comments // 20)))]

    # ------------------------------------------------------------------ the plan

    def plan(self) -> None:
        """Each post's status and comment count, the renamed posts, where each image is
        uploaded, and the busiest post (whose first replies go as deep as threads go)."""
        rng = self.rng
        self.statuses = quota(rng, self.post_count, STATUS_SHARES, "publish")
        self.bodies = quota(rng, self.post_count, BODY_SHARES, "classic")
        published = [n for n, status in enumerate(self.statuses) if status == "publish"]
        renamed = max(1, round(len(published) * RENAMED_SHARE)) if published else 0
        self.renamed_posts = set(rng.sample(published, renamed))
        self.comment_counts = [0] * self.post_count
        if published and self.comment_count:
            # A few posts draw most of the discussion.
            weights = list(accumulate(rng.paretovariate(1.2) for _ in published))
            for _ in range(self.comment_count):
                self.comment_counts[published[bisect(weights, rng.random() * weights[-1])]] += 1
        self.busiest = max(range(self.post_count), key=self.comment_counts.__getitem__)
        # Image k is uploaded with post n_k, spread over the years; later posts reuse it.
        images = min(self.image_count, self.post_count)
        step = self.post_count / max(1, images)
        self.first_use = {int(k * step): k for k in range(images)}

    def reader(self, n: int) -> tuple[str, str]:
        first, last = self.rng.choice(READER_FIRST), self.rng.choice(READER_LAST)
        return f"{first} {last}".strip(), f"reader{n}@mail{n % 7}.example"

    # ------------------------------------------------------------------ the parts

    def write_terms(self, wxr: WxrWriter) -> None:
        term_id = 1
        for name, parent in CATEGORIES:
            slug = "uncategorized" if name == "Uncategorized" else title_slug(name)
            parent_slug = title_slug(parent) if parent else ""
            description = f"أخبار {name} كما تتابعها ديما مسموع." if self.rng.random() < 0.3 else ""
            self.categories.append(Term("category", slug, name, term_id, parent_slug, description))
            term_id += 1
        names = {f"{topic} {place}" for topic in TOPICS for place in PLACES}
        names |= (
            set(TOPICS) | set(PLACES) | {f"{who} {year}" for who in WHO for year in (2019, 2022)}
        )
        for name in self.rng.sample(sorted(names), min(500, len(names))):
            self.tags.append(Term("post_tag", title_slug(name), name, term_id))
            term_id += 1
        for term in [*self.categories, *self.tags]:
            wxr.term(term)
        # WordPress 6.1 lists every category and tag again as a <wp:term>, by name.
        for term in sorted([*self.categories, *self.tags], key=lambda t: t.name):
            wxr.term(term, as_term=True)
        self.stats.categories, self.stats.tags = len(self.categories), len(self.tags)

    def post(self, n: int) -> list[Item]:
        """The post, then the attachment of the image first uploaded with it, if any."""
        rng, status, upload_index = self.rng, self.statuses[n], self.first_use.get(n)
        span = (EXPORTED_AT - FIRST_POST_AT) / max(1, self.post_count)
        posted = FIRST_POST_AT + span * n + span * rng.random() * 0.9
        if status == "future":
            posted = EXPORTED_AT + timedelta(days=rng.randint(2, 400), hours=rng.randint(0, 23))
        posted = posted.replace(microsecond=0)
        post_id = self.take_id()
        title = rng.choice(TITLE_PATTERNS).format(
            place=rng.choice(PLACES),
            topic=rng.choice(TOPICS),
            who=rng.choice(WHO),
            year=posted.year,
        )
        slug = self.unique_slug(title_slug(title))
        author = rng.choices(AUTHORS, weights=AUTHOR_WEIGHTS)[0]
        new_upload = None
        if upload_index is not None:
            new_upload = self.upload(upload_index, posted)
        featured = new_upload or (
            rng.choice(self.uploads) if self.uploads and rng.random() < FEATURED_SHARE else None
        )
        link = f"{SITE_URL}/{local(posted):%Y/%m/%d}/{slug}/"
        item = Item(
            id=post_id,
            status=status,
            title=title,
            link=link,
            guid=f"{SITE_URL}/?p={post_id}",
            creator=author.login,
            content=self.body(self.bodies[n]),
            excerpt=rng.choice(self.sentences) if rng.random() < 0.3 else "",
            date=local(posted),
            date_gmt=posted,
            modified_gmt=posted + timedelta(hours=rng.randint(1, 72))
            if rng.random() < 0.3
            else posted,
            comment_status="open" if rng.random() < 0.9 else "closed",
            name=slug,
            is_sticky=n in (self.post_count - 1, self.post_count // 2),
        )
        item.meta["_edit_last"] = [str(author.id)]
        item.terms = self.post_terms()
        if featured is not None:
            item.meta["_thumbnail_id"] = [str(featured.attachment_id)]
            self.stats.with_featured_image += 1
        if status == "draft":  # never published: WordPress gave it neither a GMT date nor a slug
            item.date_gmt = item.modified_gmt = None
            item.name, item.link = "", f"{SITE_URL}/?p={post_id}"
        elif status == "trash":
            item.meta["_wp_trash_meta_status"] = ["publish"]
            item.meta["_wp_trash_meta_time"] = [str(int(EXPORTED_AT.timestamp()))]
            item.meta["_wp_desired_post_slug"] = [slug]
            item.name = f"{slug}__trashed"
        elif n in self.renamed_posts:
            old = self.unique_slug(title_slug(rng.choice(TITLE_PATTERNS).format(
                place=rng.choice(PLACES), topic=rng.choice(TOPICS), who="", year=posted.year
            )))  # fmt: skip
            item.meta["_wp_old_slug"] = [old]
            self.stats.renamed += 1
        item.comments = self.comments(posted, title, self.comment_counts[n], n == self.busiest)
        self.stats.posts[status] += 1
        if new_upload is None:
            return [item]
        return [item, self.attachment_item(new_upload, item, posted)]

    def post_terms(self) -> list[ItemTerm]:
        rng = self.rng
        categories = rng.sample(self.categories[1:], rng.choice([1, 1, 1, 2]))
        tags = rng.sample(self.tags, rng.randint(0, min(6, len(self.tags))))
        return [ItemTerm(t.taxonomy, t.slug, t.name) for t in [*categories, *tags]]

    def body(self, kind: str) -> str:
        """Classic (paragraphs split by blank lines, "captioned" with an uploaded image in a
        [caption]) or Gutenberg blocks (with an image block half the time)."""
        rng = self.rng
        paragraphs = [
            " ".join(rng.sample(self.sentences, rng.randint(1, 3)))
            for _ in range(rng.randint(3, 8))
        ]
        # A figure a reader can tell apart from every other post's.
        paragraphs[0] += f" وبلغ عدد المستفيدين {rng.randint(1000, 9_999_999):,} شخصا."
        image = None
        if self.uploads and (kind == "captioned" or (kind == "gutenberg" and rng.random() < 0.5)):
            image = rng.choice(self.uploads)
        if kind == "gutenberg":
            blocks = [
                f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->" for p in paragraphs
            ]
            if image is not None:
                blocks.insert(
                    1,
                    f'<!-- wp:image {{"id":{image.attachment_id},"sizeSlug":"large"}} -->\n'
                    f'<figure class="wp-block-image size-large"><img src="'
                    f'{image.variant_url("large")}" alt="{image.alt}" class="wp-image-'
                    f'{image.attachment_id}"/><figcaption>{image.alt}</figcaption></figure>\n'
                    "<!-- /wp:image -->",
                )
            if rng.random() < 0.3:
                blocks.append(
                    '<!-- wp:heading -->\n<h2 class="wp-block-heading">خلاصة</h2>\n'
                    "<!-- /wp:heading -->"
                )
            return "\n\n".join(blocks) + "\n"
        if image is not None:
            paragraphs.insert(
                1,
                f'[caption id="attachment_{image.attachment_id}" align="aligncenter" '
                f'width="1024"]<img class="size-large wp-image-{image.attachment_id}" '
                f'src="{image.variant_url("large")}" alt="{image.alt}" width="1024" '
                f'height="683" /> {image.alt or "صورة من الأرشيف"}[/caption]',
            )
        if rng.random() < 0.3:
            paragraphs[-1] = f"<strong>{paragraphs[-1]}</strong>"
        return "\r\n\r\n".join(paragraphs)  # the classic editor saves Windows line ends

    def upload(self, index: int, posted: datetime) -> Upload:
        rng = self.rng
        stem = rng.choice(
            [f"IMG_{local(posted):%Y%m%d_%H%M%S}", "photo", f"صورة-{rng.choice(PLACES)}"]
        ).replace(" ", "-")
        path = f"{local(posted):%Y/%m}/{stem}-{index}.jpg"
        alt = rng.choice(["", f"مشهد من {rng.choice(PLACES)}", f"صورة عن {rng.choice(TOPICS)}"])
        metadata, written = make_image(rng, self.out / "uploads", path)
        upload = Upload(
            self.take_id(), path, f"{SITE_URL}/wp-content/uploads/{path}", alt, metadata
        )
        self.uploads.append(upload)
        self.stats.upload_files += 1 + len(IMAGE_VARIANTS)
        self.stats.upload_bytes += written
        return upload

    def attachment_item(self, upload: Upload, post: Item, posted: datetime) -> Item:
        stem = Path(upload.path).stem
        name = self.unique_slug(title_slug(stem))
        self.stats.attachments += 1
        return Item(
            id=upload.attachment_id,
            type="attachment",
            status="inherit",
            title=stem,
            link=f"{post.link}{name}/"
            if post.name
            else f"{SITE_URL}/?attachment_id={upload.attachment_id}",
            guid=upload.url,
            creator=post.creator,
            excerpt=upload.alt if self.rng.random() < 0.5 else "",
            date=local(posted),
            date_gmt=posted,
            modified_gmt=posted,
            comment_status="open",
            name=name,
            parent=post.id,
            attachment_url=upload.url,
            meta={
                "_wp_attached_file": [upload.path],
                "_wp_attachment_metadata": [php_serialize(upload.metadata)],
                "_wp_attachment_image_alt": [upload.alt],
            },
        )

    def comments(self, posted: datetime, title: str, count: int, deep: bool) -> list[Comment]:
        """`count` comments after `posted`; with `deep`, the first approved ones form a chain
        as deep as WordPress threads go."""
        rng = self.rng
        kinds = quota(rng, count, COMMENT_SHARES, "approved") if count else []
        written: list[Comment] = []
        depth: dict[int, int] = {}
        texts: set[str] = set()
        chain: list[Comment] = []
        moment = posted
        # The discussion lasts up to a month, and ends before the export.
        window = min(timedelta(days=30), EXPORTED_AT - posted - timedelta(minutes=1))
        for n, kind in enumerate(kinds):
            moment = min(moment + window * rng.uniform(0, 2 / count), posted + window)
            moment = moment.replace(microsecond=0)
            comment = Comment(
                id=self.next_comment_id,
                date=local(moment),
                date_gmt=moment,
                author_ip=rng.choice(
                    [f"198.51.100.{rng.randint(1, 254)}", f"2001:db8::{rng.randint(1, 9999):x}"]
                ),
                approved={"pending": "0", "spam": "spam"}.get(kind, "1"),
                type="pingback" if kind == "pingback" else "comment",
            )
            self.next_comment_id += 1
            if kind == "pingback":
                blog = rng.choice(BLOGS)
                comment.author, comment.author_url = (
                    blog,
                    f"https://blog{n}.example/{moment:%Y/%m}/",
                )
                comment.content = f"[&#8230;] {title} [&#8230;]"
            else:
                comment.author, comment.author_email = rng.choice(self.readers)
                if rng.random() < 0.2:
                    comment.author_url = f"https://{comment.author_email.split('@')[0]}.example"
                comment.content = self.comment_text(texts)
                answerable = [
                    c
                    for c in written
                    if c.approved == "1" and c.type == "comment" and depth[c.id] < MAX_DEPTH
                ]
                parent = None
                if kind == "approved" and deep and len(chain) < MAX_DEPTH:
                    parent = chain[-1] if chain else None
                    chain.append(comment)
                elif kind == "approved" and answerable and rng.random() < REPLY_SHARE:
                    parent = rng.choice(answerable)
                if parent is not None:
                    comment.parent = parent.id
                    if rng.random() < 0.1:  # the author answers
                        author = rng.choice(AUTHORS)
                        comment.author, comment.author_email = author.display_name, author.email
                        comment.user_id = author.id or 0
            depth[comment.id] = depth[comment.parent] + 1 if comment.parent else 1
            self.stats.deepest_thread = max(self.stats.deepest_thread, depth[comment.id])
            self.stats.comments[kind] += 1
            written.append(comment)
        return written

    def comment_text(self, taken: set[str]) -> str:
        rng = self.rng
        text = (
            f"{rng.choice(COMMENT_OPENINGS)}، {rng.choice(COMMENT_OPINIONS)}"
            f"{rng.choice(COMMENT_CLOSINGS)}"
        )
        if rng.random() < 0.3:
            text += "\n\n" + rng.choice(self.sentences)
        while text in taken:  # unique within the post, as the comment form requires
            text += rng.choice([" صحيح.", " فعلا.", " أكيد.", "!"])
        taken.add(text)
        return text

    def take_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def unique_slug(self, slug: str) -> str:
        """wp_unique_post_slug(): -2, -3… after a slug another post has."""
        candidate, n = slug, 2
        while candidate in self.slugs_taken:
            suffix = f"-{n}"
            candidate, n = wordpress_slug(slug, 200 - len(suffix)) + suffix, n + 1
        self.slugs_taken.add(candidate)
        return candidate

    # ------------------------------------------------------------------ the whole

    def run(self, progress: bool = True) -> Stats:
        self.out.mkdir(parents=True, exist_ok=True)
        (self.out / MANIFEST_NAME).unlink(missing_ok=True)
        self.plan()
        export = self.out / EXPORT_NAME
        bar = tqdm(total=self.post_count, desc="Posts", unit="post", disable=not progress)
        with (
            export.open("wb") as file,
            WxrWriter(
                file,
                timezone=SITE_ZONE,
                generator="WordPress/6.1.9",
                generator_url="https://wordpress.org/?v=6.1.9",
                now=EXPORTED_AT,
            ) as wxr,
        ):
            wxr.site(
                Site(
                    title="ديما مسموع",
                    link=SITE_URL,
                    description="جريدة إلكترونية مغربية مستقلة",
                    language="ar",
                    base_site_url=SITE_URL,
                    base_blog_url=SITE_URL,
                )
            )
            for author in AUTHORS:
                wxr.author(author)
            self.stats.authors = len(AUTHORS)
            self.write_terms(wxr)
            for n in range(self.post_count):
                for item in self.post(n):
                    wxr.item(item)
                bar.update()
        bar.close()
        self.stats.export_bytes = export.stat().st_size
        return self.stats


def parameters(posts: int, comments: int, images: int, seed: int) -> dict:
    return {
        "posts": posts,
        "comments": comments,
        "images": images,
        "seed": seed,
        # A change to the generator or to the writer makes a new export.
        "code": hashlib.sha256(Path(__file__).read_bytes() + WRITER.read_bytes()).hexdigest(),
    }


def generate(out: Path, *, posts: int, comments: int, images: int, seed: int = 1,
             progress: bool = True) -> Stats:  # fmt: skip
    """Write the export, the uploads and, once both are whole, the manifest."""
    stats = Generator(out, posts, comments, images, seed).run(progress=progress)
    manifest = {"parameters": parameters(posts, comments, images, seed), "stats": stats.as_dict()}
    (out / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return stats


def is_generated(out: Path, *, posts: int, comments: int, images: int, seed: int = 1) -> bool:
    """Whether `out` holds a whole export made with these parameters (and this writer)."""
    try:
        manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    wanted = parameters(posts, comments, images, seed)
    return manifest.get("parameters") == wanted and (out / EXPORT_NAME).is_file()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--comments", type=int, default=200_000)
    parser.add_argument("--images", type=int, default=200, help="distinct featured images")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("wxr-bench"), help="a folder")
    args = parser.parse_args()
    if min(args.posts, args.comments, args.images) < 0 or args.posts < 1:
        parser.error("--posts must be at least 1, --comments and --images at least 0")
    if args.out.exists() and not args.out.is_dir():
        parser.error(f"--out {args.out} is a file, not a folder")
    began = time.monotonic()
    stats = generate(
        args.out, posts=args.posts, comments=args.comments, images=args.images, seed=args.seed
    )
    sys.stdout.write(stats.summary(args.out, time.monotonic() - began) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
