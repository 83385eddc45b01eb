"""Images: the files in the images folder, published as they are at images/. Validation has
refused anything else there (validate/assets.py), and the build runs only on valid content."""

from __future__ import annotations

import os
from pathlib import Path

from ..content import IMAGE_SUFFIXES, IMAGES_FOLDER
from .markup import Output


def images(root: Path) -> Output:
    folder = root / IMAGES_FOLDER
    out: Output = {}
    if not folder.is_dir() or folder.is_symlink():
        return out
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        name = entry.name
        if not name.startswith(".") and entry.is_file(follow_symlinks=False) \
                and "." + name.rpartition(".")[2].lower() in IMAGE_SUFFIXES:
            with open(entry.path, "rb") as handle:
                out[f"{IMAGES_FOLDER.removeprefix('content/')}/{name}"] = handle.read()
    return out
