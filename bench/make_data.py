"""Generate the benchmark archive (bench/archive.py) in the database DATABASE_URL names:

    .venv/bin/python bench/make_data.py --articles 1000 --comments 10000 [--jobs N]
    .venv/bin/python bench/make_data.py --flush

`make bench` (bench/run.py) runs it before measuring; it is here to generate or delete the
archive on its own.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dima.settings")
    import django

    django.setup()
    from archive import MakeBenchData

    MakeBenchData().run_from_argv([sys.argv[0], "make_data", *sys.argv[1:]])


if __name__ == "__main__":
    main()
