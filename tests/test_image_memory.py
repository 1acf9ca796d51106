"""An accepted upload costs a worker at most 150 MB over its idle size, whatever its kind.

Issue 20's probe: a 115 KB PNG of 6300×6300 pixels took a worker from 88 MB to 395 MB. Each
image here goes through the upload path and its renditions in a fresh process that reports its
own peak (tests/image_memory.py). Images at the edge of what is accepted are accepted; larger
ones are refused before any decoding.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

PEAK_BUDGET_MB = 150
ROOT = Path(__file__).resolve().parent.parent


def drawing(width: int, height: int, mode: str = "RGB") -> Image.Image:
    """A gradient crossed by lines: compresses like a graphic, decodes like any image."""
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for y in range(0, max(width, height), 97):
        draw.line([(0, y), (width, y // 2)], fill=(200, 30, 60), width=5)
    return image if mode == "RGB" else image.convert(mode)


def sparse(width: int, height: int) -> Image.Image:
    """White with a few lines: a picture that compresses to almost nothing, as the probe's."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 300):
        draw.line([(0, y), (width, y)], fill="red", width=3)
    return image


# name: (width, height, mode, format, save options, accepted). The accepted ones sit just
# under articles.images.DECODE_BUDGET (80 MiB) at their cost per pixel: 4 bytes for RGB, 8
# with alpha (a premultiplied copy), 5 for a palette (converted), 16 for WebP; a baseline
# JPEG is decoded at a fraction of its size, up to MAX_IMAGE_PIXELS (40 MP).
CASES = {
    "the probe's PNG, 6300×6300": (6300, 6300, "RGB", "PNG", {"optimize": True}, False),
    "a WebP of 6300×6300": (6300, 6300, "RGB", "WEBP", {"quality": 80}, False),
    "a progressive JPEG of 6300×6300": (6300, 6300, "RGB", "JPEG", {"progressive": True}, False),
    "an RGB PNG of 21 MP": (4570, 4570, "RGB", "PNG", {}, True),
    "an RGBA PNG of 10 MP": (3230, 3230, "RGBA", "PNG", {}, True),
    "a grey PNG of 6300×6300": (6300, 6300, "L", "PNG", {}, True),
    "a GIF of 16 MP": (4090, 4090, "P", "GIF", {}, True),
    "a baseline JPEG of 40 MP": (7300, 5470, "RGB", "JPEG", {"quality": 85}, True),
    "a progressive JPEG of 19 MP": (4350, 4350, "RGB", "JPEG", {"progressive": True}, True),
    "a CMYK JPEG of 40 MP": (7300, 5470, "CMYK", "JPEG", {"quality": 85}, True),
    "a WebP of 5 MP": (2280, 2280, "RGB", "WEBP", {"quality": 80}, True),
}


def peak_of(path: Path) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "dima.settings_test"}
    done = subprocess.run(  # noqa: S603 (this interpreter, a module of the suite)
        [sys.executable, "-m", "tests.image_memory", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("case", CASES)
def test_an_upload_and_its_renditions_stay_within_150_mb_over_the_idle_worker(case, tmp_path):
    width, height, mode, image_format, options, accepted = CASES[case]
    path = tmp_path / f"upload.{image_format.lower()}"
    probe = case.startswith("the probe's")
    image = sparse(width, height) if probe else drawing(width, height, mode)
    image.save(path, image_format, **options)
    del image
    if probe:
        assert path.stat().st_size < 150_000  # a small file, a large picture

    measured = peak_of(path)

    assert measured["peak_over_idle_mb"] <= PEAK_BUDGET_MB, measured
    assert measured["accepted"] is accepted, measured
    if not accepted:
        assert "ميغابكسل" in measured["refusal"]  # said in the site's language
