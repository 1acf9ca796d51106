"""What the admin's article form posts, for tests that write articles as an editor would."""


def article_form(section, author, **fields) -> dict:
    return {
        "title": "موسم سياحي واعد",
        "slug": "",
        "language": "ar",
        "section": section.pk,
        "excerpt": "",
        "body": "<p>نص.</p>",
        "image_alt": "",
        "image_caption": "",
        "image_credit": "",
        "status": "draft",
        "published_at_0": "2099-01-01",
        "published_at_1": "10:00:00",
        "comments_open": "on",
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "1",
        "bylines-MAX_NUM_FORMS": "1000",
        "bylines-0-position": "0",
        "bylines-0-label": "",
        "bylines-0-author": author.pk,
        # The corrections inline (editors only): none added.
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "corrections-MIN_NUM_FORMS": "0",
        "corrections-MAX_NUM_FORMS": "1000",
        # Review: the editorial notes' inline, with no note written.
        "editorial_notes-TOTAL_FORMS": "0",
        "editorial_notes-INITIAL_FORMS": "0",
        "editorial_notes-MIN_NUM_FORMS": "0",
        "editorial_notes-MAX_NUM_FORMS": "1000",
        **fields,
    }
