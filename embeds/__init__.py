"""Videos and posts from other sites (YouTube, Facebook, X), shown only when a reader asks.

Knows no app: it turns an address into an `Embed` (providers.py) and an article body's
whole-address paragraphs into click-to-load figures (body.py). Nothing here ever keeps an
editor's `<iframe>`: the frame's address is built from a strictly parsed address.
"""
