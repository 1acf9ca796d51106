from django.core.exceptions import ValidationError

from redirects.models import OLD_PATH_MAX_LENGTH, Redirect
from redirects.paths import canonical_path


def redirect_set(*, old: str, new: str, note: str = "") -> Redirect:
    """Send readers of `old` (any spelling) to `new`: create the redirect or update it.

    The importer calls this once per old address, tens of thousands of times: one query when
    nothing changed, two otherwise. Raises ValidationError for an unsafe `new` or an `old`
    too long to store.
    """
    old_path, new = canonical_path(old), new.strip()
    redirect = Redirect.objects.filter(old_path=old_path).first()
    if redirect is not None and (redirect.new_path, redirect.note) == (new, note):
        return redirect
    created = redirect is None
    if created:
        redirect = Redirect(old_path=old_path)
    redirect.new_path, redirect.note = new, note
    # The unique check would cost a query: the lookup above has just made it.
    redirect.full_clean(validate_unique=False, validate_constraints=False)
    if created:
        # An upsert: a redirect for the same address saved meanwhile is updated, not doubled.
        Redirect.objects.bulk_create(
            [redirect],
            update_conflicts=True,
            unique_fields=["old_path"],
            update_fields=["new_path", "note", "updated_at"],
        )
    else:
        redirect.save(update_fields=["new_path", "note", "updated_at"])
    return redirect


def redirect_find(path_with_query: str) -> Redirect | None:
    """The redirect for an address in any spelling (path, or path and query), if there is one."""
    old_path = canonical_path(path_with_query)
    if len(old_path) > OLD_PATH_MAX_LENGTH:
        return None  # no stored address is that long: spare the database the question
    return Redirect.objects.filter(old_path=old_path).first()


def redirects_set_many(
    pairs: list[tuple[str, str]], *, note: str = ""
) -> tuple[int, list[tuple[str, str]]]:
    """`redirect_set` for several addresses at once: two queries for up to 500 of them.

    Returns how many redirects were made or changed, and the (old address, reason) of those
    refused. When two pairs name the same old address, the last one wins.
    """
    wanted: dict[str, Redirect] = {}
    refused: list[tuple[str, str]] = []
    for old, new in pairs:
        redirect = Redirect(old_path=canonical_path(old), new_path=new.strip(), note=note)
        try:
            redirect.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            refused.append((old, "; ".join(error.messages)))
            continue
        wanted[redirect.old_path] = redirect
    if not wanted:
        return 0, refused
    paths = list(wanted)
    stored = {}
    for start in range(0, len(paths), 500):  # within any database's limit of parameters
        stored.update(
            (old_path, (new_path, stored_note))
            for old_path, new_path, stored_note in Redirect.objects.filter(
                old_path__in=paths[start : start + 500]
            ).values_list("old_path", "new_path", "note")
        )
    changed = [r for path, r in wanted.items() if stored.get(path) != (r.new_path, r.note)]
    if changed:
        Redirect.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["old_path"],
            update_fields=["new_path", "note", "updated_at"],
        )
    return len(changed), refused
