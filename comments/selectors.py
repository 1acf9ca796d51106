from dataclasses import dataclass, field

from articles.models import Article
from comments.models import Comment


@dataclass
class Thread:
    comment: Comment
    replies: list["Thread"] = field(default_factory=list)


@dataclass
class ThreadPage:
    threads: list[Thread]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    def in_order(self) -> list[tuple[Thread, int]]:
        """Every comment of the page as it is read, each with how many reply lists end right
        after it, so that the page renders in one loop rather than one include per comment."""
        flat: list[tuple[Thread, int]] = []

        def walk(threads: list[Thread]) -> None:
            for thread in threads:
                flat.append((thread, 0))
                if thread.replies:
                    walk(thread.replies)
                    last, closes = flat[-1]
                    flat[-1] = (last, closes + 1)

        walk(self.threads)
        return flat


def comment_threads(article: Article, *, page: int, per_page: int) -> ThreadPage:
    """One page of approved threads with all their approved replies, in two queries."""
    offset = (page - 1) * per_page
    top = list(Comment.objects.threads_for(article)[offset : offset + per_page + 1])
    has_next = len(top) > per_page
    top = top[:per_page]
    nodes = {c.pk: Thread(c) for c in top}
    threads = list(nodes.values())
    for reply in Comment.objects.replies_in(list(nodes)):
        parent = nodes.get(reply.parent_id)
        if parent is not None:  # a reply whose parent is hidden stays hidden too
            nodes[reply.pk] = Thread(reply)
            parent.replies.append(nodes[reply.pk])
    return ThreadPage(threads=threads, number=page, has_next=has_next)
