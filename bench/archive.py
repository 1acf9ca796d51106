"""A large, realistic archive for benchmarks: `python bench/make_data.py --articles N --comments M`
(bench/run.py runs it before measuring). Bench articles are the ones whose slug starts with
"bench-"; the sizes asked for are totals, so a second run only adds what is missing.

Why bulk inserts: through the services, one row at a time, 100,000 articles and a million
comments take about three hours in one process (measured on PostgreSQL: 15 ms an article
saved with its signals and search entry, 9 ms a comment), bulk_create about three minutes.
The rows are still the ones the product would write, because every field is derived by the
product's own functions, not by copies of them:
- article bodies by what Article.save() calls (articles.sanitize.sanitize_html, then
  articles.body_images.responsive_body_images), slugs by articles.slugs.arabic_slugify;
- search entries by arabic.text.search_terms over search.indexing.article_text, and on one
  article of every batch search.indexing.index_article itself must store the same words;
- a reply's thread and depth by comments.models.thread_place, its fingerprint by
  comments.services.content_fingerprint, how deep replies go by settings.COMMENTS_MAX_DEPTH
  (the comment form's rule), and `comment_count` by comments.services.comment_counts_change;
- the seed article and the demo come from the demo app's load_demo and load_demo_comments,
  and --flush deletes the seed's extra comments with comments.services.comments_delete.
Sections are saved one by one (get_or_create), as the menu cache needs.

On PostgreSQL the batches are written by one forked process per CPU, each on its own
connection: generating rows in Python and indexing them in PostgreSQL then use every core.
Each batch has its own random generator, so the data does not depend on the process count.
"""

import multiprocessing
import random
import re
import time
from bisect import bisect
from collections import Counter
from contextlib import contextmanager
from datetime import datetime, timedelta
from itertools import accumulate, product

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction
from django.utils import timezone

from tqdm import tqdm

from arabic.text import search_terms
from articles.body_images import responsive_body_images
from articles.models import Article, Author, Byline, Section, Tag
from articles.sanitize import sanitize_html
from articles.slugs import arabic_slugify
from comments.models import Comment, thread_place
from comments.services import comment_counts_change, comments_delete, content_fingerprint
from demo.loader import SEED_FILE, load_content, parse_seed
from demo.services import paragraphs_to_html
from search.indexing import index_article
from search.models import SearchEntry

PREFIX = "bench-"
EMAIL_DOMAIN = "bench.example"
SEED_COMMENTS = 50
ARCHIVE_YEARS = 6
# Share of articles that mention the seed's protagonist, so that /search/?q=الحموشي finds
# a share of the archive that grows with it, as a name in the news does.
MENTION_RATE = 0.02
REPLY_RATE = 0.3
NO_IMAGE = ("", None, None, "")

EXTRA_SECTIONS = [
    ("دولية", "أخبار العالم العربي وإفريقيا وأوروبا كما تهم القارئ المغربي."),
    ("رأي", "مقالات رأي وتحليلات يكتبها صحافيو ديما مسموع وضيوفها."),
    ("تكنولوجيا", "الاقتصاد الرقمي والشركات الناشئة والاتصالات في المغرب."),
]
FIRST_NAMES = [
    "محمد", "فاطمة الزهراء", "يوسف", "سعاد", "عبد الإله", "مريم", "كريم", "ليلى", "عمر", "سناء",
    "إدريس", "هند", "المهدي", "نزهة", "ياسين", "حنان", "سعيد", "زينب", "عادل", "أمينة",
]  # fmt: skip
FAMILY_NAMES = [
    "بنعلي", "الإدريسي", "التازي", "الفاسي", "بنكيران", "العمراني", "الصقلي", "الحسني", "بوعزة",
    "المنصوري", "الرحماني", "الزياني", "الكتاني", "بناني", "الشاوي", "القادري", "الطاهري",
    "العلمي", "البقالي", "الودغيري",
]  # fmt: skip
TOPICS = [
    "الانتخابات", "السياحة", "الفلاحة", "الماء", "التعليم", "الصحة", "النقل", "الطاقة", "السكن",
    "التشغيل", "الاستثمار", "الأمن", "البيئة", "الثقافة", "كرة القدم", "المهرجانات", "الجامعة",
    "الصيد البحري", "الصناعة", "الرقمنة", "الجالية", "المرأة", "الشباب", "القضاء",
    "الجماعات المحلية",
]  # fmt: skip
PLACES = [
    "الرباط", "الدار البيضاء", "فاس", "مراكش", "طنجة", "أكادير", "مكناس", "وجدة", "تطوان",
    "العيون", "الداخلة", "القنيطرة", "الجديدة", "آسفي", "بني ملال", "الناظور", "الحسيمة",
    "ورزازات", "الراشيدية", "خريبكة",
]  # fmt: skip
BYLINE_LABELS = ["", "", "", "", "صوتكم", "مراسلة", "من الرباط", "من الدار البيضاء"]
COMMENT_PHRASES = [
    "مقال في المستوى، شكراً على المتابعة.",
    "نتمنى أن تتحول هذه الوعود إلى واقع ملموس.",
    "الله يوفق الجميع لما فيه خير البلاد.",
    "أين كانت هذه المبادرات منذ سنوات؟",
    "معلومات مهمة، لكن الصورة ناقصة دون رأي الساكنة.",
    "تحية لكاتب المقال على الدقة والوضوح.",
    "هذا ما ننتظره في جهتنا أيضاً.",
    "أتفق معك، المشكل في التطبيق وليس في القوانين.",
    "خبر مفرح، وننتظر المزيد من التفاصيل.",
    "التجربة أثبتت أن المتابعة الميدانية هي الأهم.",
    "كلام جميل، والعبرة بالنتائج.",
    "شكراً ديما مسموع على هذا التقرير.",
    "لا أظن أن المدة المعلنة كافية.",
    "نريد أرقاماً دقيقة وليس تصريحات عامة.",
    "فخور ببلدي، والقادم أفضل إن شاء الله.",
]
SENTENCE_END = re.compile(r"(?<=[.؟!])\s+")


def split_sentences(paragraphs: list[str]) -> list[str]:
    return [s.strip() for p in paragraphs for s in SENTENCE_END.split(p) if len(s.split()) > 4]


def zipf_cumulative(n: int, offset: float) -> list[float]:
    """Cumulative weights 1/(rank + offset): a few items get much, most get little."""
    return list(accumulate(1 / (rank + offset) for rank in range(n)))


def pick(rng: random.Random, items: list, cum_weights: list[float]):
    return items[bisect(cum_weights, rng.random() * cum_weights[-1])]


def pick_distinct(rng: random.Random, items: list, cum_weights: list[float], k: int) -> list:
    chosen: dict = {}
    while len(chosen) < min(k, len(items)):
        chosen[pick(rng, items, cum_weights)] = None
    return list(chosen)


@contextmanager
def explicit_timestamps(*fields):
    """Let bulk_create keep the dates given (auto_now/auto_now_add would set them all to now)."""
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def bench_articles():
    return Article.objects.filter(slug__startswith=PREFIX)


def bench_numbers() -> list[int]:
    slugs = bench_articles().values_list("slug", flat=True)
    return [int(n) for n in (s.removeprefix(PREFIX) for s in slugs.iterator()) if n.isdigit()]


def bench_comment_count() -> int:
    return Comment.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").count()


def check_search_entry(entry: SearchEntry) -> None:
    """search.indexing.index_article must store the words the bulk path wrote for the article."""
    index_article(entry.article)
    stored = SearchEntry.objects.values_list("title", "body").get(article=entry.article)
    if stored != (entry.title, entry.body):
        raise CommandError(
            f"The search entry written for {entry.article.slug} differs from "
            "search.indexing.index_article's: bench/archive.py must follow it."
        )


def delete_rows(queryset) -> int:
    """Delete the rows `queryset` selects in one statement, without loading them (so no
    cascade and no signals): the ids come from the queryset's own SQL, as a subquery."""
    ids_sql, params = queryset.values("pk").query.sql_with_params()
    database = connections[queryset.db]
    table = database.ops.quote_name(queryset.model._meta.db_table)
    pk = database.ops.quote_name(queryset.model._meta.pk.column)
    with database.cursor() as cursor:
        # Names from the model's own metadata, values as parameters.
        cursor.execute(f"DELETE FROM {table} WHERE {pk} IN ({ids_sql})", params)  # noqa: S608
        return cursor.rowcount


class Texts:
    """Headlines, bodies and search words built from the demo content's own sentences."""

    def __init__(self):
        content = load_content()
        _site, seed = parse_seed(SEED_FILE.read_text(encoding="utf-8"))
        self.seed_title = seed.title
        self.sections = [(item["name"], item["description"]) for item in content["sections"]]
        paragraphs = [p for article in content["articles"] for p in article.paragraphs]
        seed_sentences = split_sentences(seed.paragraphs)
        self.mentions = [s for s in seed_sentences if "حموش" in s]
        self.sentences = split_sentences(paragraphs) + [
            s for s in seed_sentences if "حموش" not in s
        ]
        # Headlines from sentences that do not open with a conjunction ("وأكد…").
        self.openers = [s for s in self.sentences if not s.startswith(("و", "ف"))]
        self.comment_bodies = COMMENT_PHRASES + [c["body"] for c in content["seed_comments"]]
        self._terms: dict[str, str] = {}

    def terms(self, text: str) -> str:
        """search.indexing's words for `text`, remembered: sentences repeat across articles."""
        if text not in self._terms:
            self._terms[text] = " ".join(search_terms(text))
        return self._terms[text]

    def headline(self, rng: random.Random) -> str:
        words = rng.choice(self.openers).rstrip(".؟!").split()
        return " ".join(words[: rng.randint(7, 12)]).rstrip("،,:")

    def paragraphs(self, rng: random.Random) -> list[list[str]]:
        paragraphs = [
            rng.sample(self.sentences, rng.randint(2, 3)) for _ in range(rng.randint(4, 7))
        ]
        if rng.random() < MENTION_RATE:
            rng.choice(paragraphs).append(rng.choice(self.mentions))
        return paragraphs

    def search_body(self, excerpt: str, paragraphs: list[list[str]]) -> str:
        """search_terms(article_text(article)), word for word, from per-sentence results.

        Stemming every article's whole text would cost 3 to 5 ms each (minutes at 100,000).
        article_text is the excerpt and the paragraphs, every piece separated by whitespace,
        and search_terms works word by word, so the pieces' terms put end to end are the
        whole text's; `check_search_entry` verifies it on one article of every batch.
        """
        pieces = [excerpt] + [s for p in paragraphs for s in p]
        return " ".join(filter(None, map(self.terms, pieces)))

    def comment(self, rng: random.Random) -> str:
        return " ".join(rng.sample(self.comment_bodies, rng.randint(1, 2)))


class Writer:
    """Writes one batch of articles or one chunk of discussions, in its own transaction."""

    def __init__(self, *, texts: Texts, seed: int, batch: int, sections, authors, tags, images):
        self.texts, self.seed, self.batch = texts, seed, batch
        self.now = timezone.now()
        # The first (national) section is the busiest, the three added ones the quietest.
        self.sections = (
            sections,
            list(accumulate(3 if i == 0 else 2 if i < 5 else 1 for i in range(len(sections)))),
        )
        self.authors = (authors, zipf_cumulative(len(authors), offset=5))
        self.tags = (tags, zipf_cumulative(len(tags), offset=10))
        self.images = images

    def rng(self, *key) -> random.Random:
        return random.Random("-".join(map(str, (self.seed, *key))))  # noqa: S311 (not secret)

    @transaction.atomic
    def articles(self, first: int, last: int) -> Counter:
        rng, texts = self.rng("articles", first), self.texts
        articles, documents = [], []
        for number in range(first, last):
            paragraphs = texts.paragraphs(rng)
            excerpt = paragraphs[0][0]
            published = self.now - timedelta(
                seconds=rng.randint(60, ARCHIVE_YEARS * 365 * 24 * 3600)
            )
            image, width, height, alt = (
                self.images[number % len(self.images)] if self.images else NO_IMAGE
            )
            # The image is given to the constructor: set later, it would be opened for its size.
            articles.append(
                Article(
                    title=texts.headline(rng),
                    slug=arabic_slugify(f"{PREFIX}{number}"),
                    section_id=pick(rng, *self.sections),
                    excerpt=excerpt,
                    # What Article.save() does to every body.
                    body=responsive_body_images(
                        sanitize_html(paragraphs_to_html([" ".join(p) for p in paragraphs]))
                    ),
                    status=Article.Status.PUBLISHED,
                    published_at=published,
                    created_at=published - timedelta(minutes=rng.randint(5, 600)),
                    updated_at=published,
                    language="ar",
                    comments_open=rng.random() > 0.05,
                    image=image,
                    image_width=width,
                    image_height=height,
                    image_alt=alt,
                )
            )
            documents.append(texts.search_body(excerpt, paragraphs))
        Article.objects.bulk_create(articles, batch_size=self.batch)

        bylines, links = [], []
        for article in articles:
            credited = pick_distinct(rng, *self.authors, k=1 if rng.random() < 0.8 else 2)
            bylines += [
                Byline(article=article, author_id=pk, label=rng.choice(BYLINE_LABELS), position=i)
                for i, pk in enumerate(credited)
            ]
            links += [
                Article.tags.through(article_id=article.pk, tag_id=pk)
                for pk in pick_distinct(rng, *self.tags, k=rng.randint(2, 4))
            ]
        Byline.objects.bulk_create(bylines, batch_size=self.batch)
        Article.tags.through.objects.bulk_create(links, batch_size=self.batch)
        entries = [
            SearchEntry(article=a, title=texts.terms(a.title), body=document)
            for a, document in zip(articles, documents, strict=True)
        ]
        SearchEntry.objects.bulk_create(entries, batch_size=self.batch)
        check_search_entry(entries[0])
        return Counter(articles=len(articles), bylines=len(bylines), **{"tag links": len(links)})

    @transaction.atomic
    def discussions(self, chunk: list[tuple[int, datetime, int]], number: int) -> int:
        """The comments of a chunk of articles (pk, publication, how many), then their counts.

        Inserted one depth at a time: a reply needs its parent's id. `number` makes the
        commenters' addresses, hence the comments' fingerprints, unique.
        """
        rng = self.rng("comments", chunk[0][0], number)
        levels: list[list[Comment]] = [[] for _ in range(settings.COMMENTS_MAX_DEPTH)]
        for article_id, published, count in chunk:
            for comment in self.discussion(rng, article_id, published, count, number):
                levels[comment.depth].append(comment)
            number += count
        for level in levels:
            for comment in level:
                comment.content_hash = content_fingerprint(
                    email=comment.email, parent=comment.parent, body=comment.body
                )
            Comment.objects.bulk_create(level, batch_size=self.batch)
        comment_counts_change(
            Counter(c.article_id for level in levels for c in level if c.is_public)
        )
        return sum(len(level) for level in levels)

    def discussion(self, rng, article_id: int, published: datetime, count: int, number: int):
        """`count` approved comments in time order; some reply to an earlier one."""
        span = max(60.0, min((self.now - published).total_seconds(), 30 * 24 * 3600.0))
        moments = sorted(rng.uniform(30, span) for _ in range(count))
        comments: list[Comment] = []
        can_take_replies: list[Comment] = []
        for n, seconds in enumerate(moments):
            parent = None
            if can_take_replies and rng.random() < REPLY_RATE:
                parent = rng.choice(can_take_replies)
            thread, depth = thread_place(parent)
            comment = Comment(
                article_id=article_id,
                parent=parent,
                thread=thread,
                depth=depth,
                name=rng.choice(FIRST_NAMES),
                email=f"reader{number + n}@{EMAIL_DOMAIN}",
                body=self.texts.comment(rng),
                status=Comment.Status.APPROVED,
                created_at=min(published + timedelta(seconds=seconds), self.now),
            )
            comments.append(comment)
            # Deeper, the comment form answers beside the parent (comments/forms.py).
            if comment.depth + 1 < settings.COMMENTS_MAX_DEPTH:
                can_take_replies.append(comment)
        return comments


_writer: Writer | None = None  # what forked workers inherit


def _run(task: tuple[str, tuple]):
    method, args = task
    return getattr(_writer, method)(*args)


def run_tasks(writer: Writer, tasks: list, jobs: int):
    """Each task's result, as it is done: here, or in `jobs` forked processes."""
    global _writer
    _writer = writer
    if jobs <= 1:
        yield from map(_run, tasks)
        return
    connections.close_all()  # each process opens its own
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap_unordered(_run, tasks)
        pool.close()  # then let the workers exit by themselves
        pool.join()


class MakeBenchData(BaseCommand):
    help = (
        "Generate a large archive of bench-* articles with bylines, tags, search entries and "
        "threaded comments, and give the seed article 50 approved comments. The sizes are "
        "totals: running it again adds only what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000, help="bench articles in all")
        parser.add_argument("--comments", type=int, default=10000, help="their comments in all")
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=2022, help="random seed (repeatable data)")
        parser.add_argument(
            "--jobs",
            type=int,
            help="processes writing batches (default: one per CPU on PostgreSQL, 1 on SQLite)",
        )
        parser.add_argument(
            "--flush", action="store_true", help="delete the bench data instead, then stop"
        )

    def handle(self, *args, **options):
        if options["flush"]:
            self.flush()
            return
        started = time.monotonic()
        self.batch = options["batch_size"]
        self.jobs = options["jobs"] or (
            multiprocessing.cpu_count() if connection.vendor == "postgresql" else 1
        )
        if connection.in_atomic_block:
            self.jobs = 1  # other connections could not see this transaction's rows (tests)
        texts = Texts()
        seed_article = self.seed_article(texts.seed_title)
        have_articles = bench_articles().count()
        added = Counter()
        writer = Writer(
            texts=texts,
            seed=options["seed"],
            batch=self.batch,
            sections=self.sections(texts, added),
            authors=self.authors(added),
            tags=self.tags(added),
            images=list(
                Article.objects.exclude(image="")
                .exclude(slug__startswith=PREFIX)
                .order_by("pk")
                .values_list("image", "image_width", "image_height", "image_alt")
            ),
        )
        if options["articles"] > have_articles:
            self.add_articles(writer, options["articles"] - have_articles, added)
        have_comments = Comment.objects.filter(article__slug__startswith=PREFIX).count()
        if options["comments"] > have_comments:
            self.add_comments(writer, options["comments"] - have_comments, added)
        self.top_up_seed(writer, seed_article, added)
        if any(added.values()):
            self.update_statistics()
        elapsed = time.monotonic() - started
        seed_count = Article.objects.values_list("comment_count", flat=True).get(pk=seed_article.pk)
        processes = "1 process" if self.jobs == 1 else f"{self.jobs} processes"
        if not any(added.values()):
            self.stdout.write(
                f"Bench data: already there ({have_articles} bench articles, {have_comments} "
                f"comments, {seed_count} approved comments on the seed article)."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Bench data: {added['sections']} sections, {added['authors']} authors, "
                f"{added['tags']} tags, {added['articles']} articles, {added['bylines']} bylines, "
                f"{added['tag links']} tag links, {added['comments']} comments added "
                f"({added['seed comments']} of them on the seed article, which has {seed_count} "
                f"approved), in {elapsed:.1f} s by {processes}."
            )
        )

    # ------------------------------------------------------------------ owners

    def seed_article(self, title: str) -> Article:
        article = Article.objects.filter(title=title).first()
        if article is None:
            call_command("load_demo", stdout=self.stdout, stderr=self.stderr)
            call_command("load_demo_comments", stdout=self.stdout, stderr=self.stderr)
            article = Article.objects.get(title=title)
        return article

    def sections(self, texts: Texts, added: Counter) -> list[int]:
        """The demo's five sections and three more; saved one by one, as the menu cache needs."""
        pks = []
        for position, (name, description) in enumerate(texts.sections + EXTRA_SECTIONS):
            section, created = Section.objects.get_or_create(
                slug=arabic_slugify(name),
                defaults={"name": name, "description": description, "position": position},
            )
            pks.append(section.pk)
            added["sections"] += created
        return pks

    def authors(self, added: Counter) -> list[int]:
        names = [f"{first} {family}" for family, first in product(FAMILY_NAMES, FIRST_NAMES)]
        names = names[::2][:200]
        return self.reuse_or_create(Author, names, added, "authors", bio="صحافي في ديما مسموع.")

    def tags(self, added: Counter) -> list[int]:
        names = [f"{topic} في {place}" for topic, place in product(TOPICS, PLACES)]
        return self.reuse_or_create(Tag, names, added, "tags")

    def reuse_or_create(self, model, names: list[str], added: Counter, what: str, **extra):
        slugs = {arabic_slugify(name, max_length=80): name for name in names}
        before = model.objects.count()
        model.objects.bulk_create(
            [model(name=name, slug=slug, **extra) for slug, name in slugs.items()],
            ignore_conflicts=True,  # already there, by slug or name: reused as it is
        )
        added[what] += model.objects.count() - before
        return list(
            model.objects.filter(slug__in=slugs).order_by("pk").values_list("pk", flat=True)
        )

    # ------------------------------------------------------------------ rows

    def add_articles(self, writer: Writer, count: int, added: Counter) -> None:
        start = max(bench_numbers(), default=-1) + 1
        end = start + count
        tasks = [
            ("articles", (first, min(first + self.batch, end)))
            for first in range(start, end, self.batch)
        ]
        fields = [Article._meta.get_field(name) for name in ("created_at", "updated_at")]
        progress = tqdm(total=count, desc="Articles", unit="article")
        with progress, explicit_timestamps(*fields):
            for done in run_tasks(writer, tasks, self.jobs):
                added.update(done)
                progress.update(done["articles"])

    def add_comments(self, writer: Writer, count: int, added: Counter) -> None:
        """Spread `count` comments over the bench articles: a few hot ones, most with few."""
        targets = list(bench_articles().order_by("pk").values_list("pk", "published_at"))
        if not targets:
            return
        rng = writer.rng("spread", len(targets), count)
        ranks = list(range(len(targets)))
        rng.shuffle(ranks)  # which articles are hot: any of them, not the oldest
        weights = zipf_cumulative(len(targets), offset=max(2, len(targets) / 1000))
        drawn = Counter(rng.choices(ranks, cum_weights=weights, k=count))
        tasks, chunk, in_chunk = [], [], 0
        number = bench_comment_count()
        for index, (pk, published) in enumerate(targets):
            if drawn[index]:
                chunk.append((pk, published, drawn[index]))
                in_chunk += drawn[index]
            if chunk and (in_chunk >= self.batch or index == len(targets) - 1):
                tasks.append(("discussions", (chunk, number)))
                number += in_chunk
                chunk, in_chunk = [], 0
        progress = tqdm(total=count, desc="Comments", unit="comment")
        with progress, explicit_timestamps(Comment._meta.get_field("created_at")):
            for done in run_tasks(writer, tasks, self.jobs):
                added["comments"] += done
                progress.update(done)

    def top_up_seed(self, writer: Writer, article: Article, added: Counter) -> None:
        """The benchmark's article: exactly 50 approved comments (more if readers added some)."""
        missing = SEED_COMMENTS - article.comments.approved().count()
        if missing <= 0:
            return
        chunk = [(article.pk, article.published_at, missing)]
        with explicit_timestamps(Comment._meta.get_field("created_at")):
            writer.discussions(chunk, bench_comment_count())
        added.update(comments=missing, **{"seed comments": missing})

    def update_statistics(self) -> None:
        """VACUUM and ANALYZE what was written, as autovacuum would do some time later.

        Until then PostgreSQL plans with the statistics of an empty archive and reads the
        dead rows left by the comment_count updates: on 100,000 articles the search page
        took 33 s instead of 0.9 s. Not inside a transaction (tests), where VACUUM cannot run.
        """
        if connection.in_atomic_block:
            return
        models = [Article, Article.tags.through, Byline, SearchEntry, Comment, Author, Tag, Section]
        tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"VACUUM (ANALYZE) {tables}")
            else:
                cursor.execute("ANALYZE")

    # ------------------------------------------------------------------ flush

    def flush(self) -> None:
        """Delete bench articles with everything hanging on them, and the seed's extra comments.

        One DELETE per table (`delete_rows`): the ORM's cascade would load a million comments.
        The foreign keys are checked at commit, once replies and parents are both gone.
        """
        articles = bench_articles()
        count = articles.count()
        with transaction.atomic():
            for queryset in (
                Comment.objects.filter(article__in=articles),
                SearchEntry.objects.filter(article__in=articles),
                Byline.objects.filter(article__in=articles),
                Article.tags.through.objects.filter(article__in=articles),
                articles,
            ):
                delete_rows(queryset)
            elsewhere = Comment.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
            removed = comments_delete(list(elsewhere.values_list("pk", flat=True)))
        self.stdout.write(
            self.style.SUCCESS(
                f"Bench data: {count} bench articles deleted with their comments, and {removed} "
                "bench comments elsewhere; sections, authors and tags are kept for next time."
            )
        )
