"""Allow-list sanitising of the rich-text body: what the editor stores is what readers may get.

The editor (CKEditor 4) is treated as untrusted input: a script, an event handler, a
`javascript:` link or a style attack pasted into it never reaches a reader.
"""

import nh3

TAGS = {
    "a", "b", "blockquote", "br", "caption", "em", "figcaption", "figure", "h2", "h3", "h4",
    "hr", "i", "img", "li", "ol", "p", "s", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
# dir and lang everywhere: Arabic paragraphs quoting Latin words depend on them.
ATTRIBUTES = {
    "*": {"dir", "lang"},
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# The editor's image alignment and caption classes, and nothing else.
CLASSES = {
    "figure": {"image-captioned", "image-start", "image-center", "image-end"},
    "img": {"image-start", "image-center", "image-end"},
}


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        allowed_classes=CLASSES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
