"""Fast rebuilds while serving: emitted pages as files that change only when their text does.

mkdocs' --dirty mode rebuilds a page only when its source file is newer than its output.
Pages held in memory always count as changed, so while serving, each emitted page is
written to a cache folder outside the repository, and rewritten only when its text
differs from last time. Listings and every page that shows a changed title change too,
so they are rebuilt with it; the rest are left as they are.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

# Set by the mkdocs adapter when `mkdocs serve --dirty` starts; kept here because mkdocs
# reloads the hook module on every rebuild, but not this package.
serving_dirty = False
# The validator's per-file results between rebuilds while serving (see validate.Validator).
validation_memo: dict = {}


def cache_dir(root: Path) -> Path:
    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"localdigital-pages-{digest}"


def materialise(pages: dict[str, bytes], folder: Path) -> dict[str, str]:
    """Write each page under folder unless it is unchanged; return path -> absolute file path."""
    written = {}
    for path, content in pages.items():
        target = folder / path
        try:
            unchanged = target.stat().st_size == len(content) and target.read_bytes() == content
        except OSError:
            unchanged = False
        if not unchanged:
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(target.name + ".tmp")
            temporary.write_bytes(content)
            os.replace(temporary, target)
        written[path] = str(target)
    return written
