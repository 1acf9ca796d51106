"""Featured images for demo articles, drawn with Pillow so the demo ships no third-party photo."""

import hashlib
import io
import random

from PIL import Image, ImageDraw, ImageFilter

SIZE = (1200, 675)
PALETTES = [
    ("#7a0c1f", "#b3122e", "#f2c14e", "#f7f4ef"),
    ("#0b3c5d", "#328cc1", "#d9b310", "#f4f4f4"),
    ("#1d4d2b", "#3f8f4f", "#e0c45c", "#f6f1e1"),
    ("#3b1f4a", "#8e3b8a", "#f08a5d", "#f9ede3"),
    ("#4a3520", "#b5651d", "#e8c07d", "#fbf6ec"),
    ("#17313b", "#2f6d6a", "#f0a868", "#eef5f2"),
]


def illustration(key: str, palette_index: int) -> bytes:
    """Return a JPEG of an abstract composition that is always the same for the same key."""
    rng = random.Random(hashlib.sha256(key.encode()).digest())  # noqa: S311 (not for security)
    deep, main, warm, light = PALETTES[palette_index % len(PALETTES)]
    width, height = SIZE
    # A vertical gradient from the deep colour to the main one.
    mask = Image.linear_gradient("L").resize(SIZE)
    image = Image.composite(Image.new("RGB", SIZE, main), Image.new("RGB", SIZE, deep), mask)
    # A low sun, then arches (a nod to Moroccan doorways) scattered by the seeded generator.
    sun = rng.randint(90, 160)
    sx, sy = rng.randint(sun, width - sun), rng.randint(sun, height // 2)
    _paint(
        image, warm, 230, lambda d: d.ellipse([sx - sun, sy - sun, sx + sun, sy + sun], fill=255)
    )
    for _ in range(rng.randint(3, 6)):
        w = rng.randint(160, 340)
        x = rng.randint(-w // 2, width - w // 2)
        y = rng.randint(height // 3, height - 80)

        def arch(d, x=x, y=y, w=w):
            d.rectangle([x, y, x + w, height], fill=255)
            d.ellipse([x, y - w // 2, x + w, y + w // 2], fill=255)

        _paint(image, rng.choice([light, deep]), rng.randint(110, 190), arch)
    for _ in range(rng.randint(8, 14)):
        r = rng.randint(8, 44)
        cx, cy = rng.randint(0, width), rng.randint(0, height // 2)
        star = (cx, cy, r)
        _paint(
            image,
            light,
            rng.randint(40, 110),
            lambda d, star=star: d.regular_polygon(star, n_sides=8, fill=255),
        )
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80, optimize=True, progressive=True)
    return out.getvalue()


def _paint(image: Image.Image, colour: str, alpha: int, shape) -> None:
    """Draw `shape` once into a mask, then lay `colour` through it at `alpha` opacity."""
    mask = Image.new("L", image.size, 0)
    shape(ImageDraw.Draw(mask))
    image.paste(colour, mask=mask.point(lambda v: v * alpha // 255))
