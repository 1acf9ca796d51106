"""What an import did, counted as it goes, and printed as one table at the end."""

from collections import Counter
from dataclasses import dataclass, field

# Warnings printed in full; beyond this many, the rest are counted (all of them with -v 2).
WARNINGS_SHOWN = 20


@dataclass
class ImportReport:
    dry_run: bool = False
    posts: Counter = field(default_factory=Counter)  # (WordPress status, outcome)
    pages: Counter = field(default_factory=Counter)  # (WordPress status, outcome)
    comments: Counter = field(default_factory=Counter)  # (WordPress status, outcome)
    authors: Counter = field(default_factory=Counter)  # outcome
    sections: Counter = field(default_factory=Counter)
    tags: Counter = field(default_factory=Counter)
    images: Counter = field(default_factory=Counter)  # copied, reused, missing, refused
    redirects: int = 0
    shortcodes: Counter = field(default_factory=Counter)
    other_items: Counter = field(default_factory=Counter)  # post types not imported
    sticky: int = 0
    warnings: list[str] = field(default_factory=list)
    interrupted: bool = False

    def warn(self, message: str) -> None:
        self.warnings.append(" ".join(message.split()))

    def rows(self) -> list[tuple[str, str, int]]:
        """(what, detail, how many), in the order the table shows them."""
        rows: list[tuple[str, str, int]] = []
        for label, counter in (("posts", self.posts), ("pages", self.pages)):
            for (status, outcome), n in sorted(counter.items()):
                rows.append((label, f"{status}: {outcome}", n))
        for (status, outcome), n in sorted(self.comments.items()):
            rows.append(("comments", f"{status}: {outcome}", n))
        for label, counter in (
            ("authors", self.authors),
            ("sections", self.sections),
            ("tags", self.tags),
            ("images", self.images),
        ):
            for outcome, n in sorted(counter.items()):
                rows.append((label, outcome, n))
        rows.append(("redirects", "made or updated", self.redirects))
        for name, n in sorted(self.shortcodes.items()):
            rows.append(("shortcodes", f"[{name}]", n))
        for post_type, n in sorted(self.other_items.items()):
            rows.append(("not imported", f"post type {post_type}", n))
        if self.sticky:
            rows.append(("sticky posts", "imported as ordinary articles", self.sticky))
        rows.append(("warnings", "", len(self.warnings)))
        return rows

    def render(self, *, all_warnings: bool = False) -> str:
        rows = self.rows()
        first = max(len(r[0]) for r in rows)
        second = max(len(r[1]) for r in rows)
        title = (
            "WordPress import (dry run: nothing was written)"
            if self.dry_run
            else ("WordPress import")
        )
        if self.interrupted:
            title += " — interrupted: run the same command again to finish"
        lines = [title, "-" * (first + second + 12)]
        lines += [f"{a:<{first}}  {b:<{second}}  {n:>7}" for a, b, n in rows]
        shown = self.warnings if all_warnings else self.warnings[:WARNINGS_SHOWN]
        if shown:
            lines += ["", "Warnings:"] + [f"  - {w}" for w in shown]
        if len(shown) < len(self.warnings):
            lines.append(f"  … and {len(self.warnings) - len(shown)} more (-v 2 shows them all)")
        return "\n".join(lines)
