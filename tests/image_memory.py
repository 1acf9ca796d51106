"""Run one image through the upload path, in this fresh process, and print its peak memory.

    python -m tests.image_memory IMAGE_FILE

What the web worker does (validate and clean the upload, store it) and what the task worker
does (the renditions), one after the other, in one process: stricter than either alone.
"Idle" is the process once Django is set up and a small image has gone the same way (every
codec loaded), as a worker that has served requests. The peak is the kernel's high-water
mark (VmHWM), reset at idle through /proc/self/clear_refs. Prints one JSON object.
"""

import io
import json
import os
import sys
from pathlib import Path


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(field)


def _through_the_pipeline(path: Path | None, data: bytes | None = None) -> str:
    from django.core.exceptions import ValidationError
    from django.core.files import File
    from django.core.files.storage import default_storage

    from articles.images import clean_upload, make_renditions
    from articles.models import EditorImage

    source = open(path, "rb") if path else io.BytesIO(data)  # noqa: SIM115 (closed below)
    try:
        upload = File(source, name=path.name if path else "warm.png")
        try:
            cleaned = clean_upload(upload)
        except ValidationError as error:
            return " ".join(error.messages)
    finally:
        source.close()
    name = default_storage.save(f"editor/probe/{cleaned.name}", cleaned)
    del cleaned
    make_renditions(EditorImage(image=name).image)
    return ""


def main(path: Path) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dima.settings_test")
    import django

    django.setup()
    from PIL import Image

    for image_format in ("PNG", "JPEG", "WEBP", "GIF"):
        warm = io.BytesIO()
        Image.new("RGB", (1300, 900), "#3f8f4f").save(warm, image_format)
        _through_the_pipeline(None, warm.getvalue())
    idle_kb = _status_kb("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # the high-water mark starts again here
    refused = _through_the_pipeline(path)
    peak_kb = _status_kb("VmHWM")
    return {
        "file": path.name,
        "accepted": not refused,
        "refusal": refused,
        "idle_mb": round(idle_kb / 1024, 1),
        "peak_over_idle_mb": round((peak_kb - idle_kb) / 1024, 1),
    }


if __name__ == "__main__":
    sys.stdout.write(json.dumps(main(Path(sys.argv[1])), ensure_ascii=False) + "\n")
