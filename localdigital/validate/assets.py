"""Images in content (rule ids image-*): the one place they are kept, what they may be, and how
pages show them, checked here so that whatever validates also builds.

The rule, as CONTRIBUTING.md says it: an image is a PNG, JPEG, GIF or WebP file of at most
MAX_IMAGE_BYTES in content/images/ (published at images/), its type read from its first bytes,
not its name; SVG is refused (it can carry scripts); every image shown on a page has alt text.
No other file that is not a page is kept in the content folders.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable

from ..content import IMAGE_SUFFIXES, IMAGES_FOLDER
from ..findings import ERROR, Finding
from .records import whole_file

IMAGES_SITE = IMAGES_FOLDER.removeprefix("content/")  # where the site publishes them
MAX_IMAGE_BYTES = 1024 * 1024
# Each format's suffixes and the bytes its files start with.
IMAGE_FORMATS: dict[str, tuple[tuple[str, ...], Callable[[bytes], bool]]] = {
    "PNG": ((".png",), lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "JPEG": ((".jpg", ".jpeg"), lambda head: head.startswith(b"\xff\xd8\xff")),
    "GIF": ((".gif",), lambda head: head[:6] in (b"GIF87a", b"GIF89a")),
    "WebP": ((".webp",), lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP"),
}
HEAD_BYTES = 16
_RULE = (f"keep images in {IMAGES_FOLDER}/ as PNG, JPEG, GIF or WebP files of at most "
         f"{MAX_IMAGE_BYTES // 1024} KB")

Report = Callable[[int, int, str, str, str, str], None]  # line, col, severity, rule, message, hint


def suffix_of(name: str) -> str:
    return "." + name.rpartition(".")[2].lower() if "." in name else ""


def is_image_file(relpath: str) -> bool:
    """A file in the images folder with an image's suffix: one a page may show."""
    folder, _, name = relpath.rpartition("/")
    return folder == IMAGES_FOLDER and suffix_of(name) in IMAGE_SUFFIXES


def format_of(head: bytes) -> str | None:
    """The image format a file's first bytes say it is, whatever its name."""
    for name, (_suffixes, starts) in IMAGE_FORMATS.items():
        if starts(head):
            return name
    return None


def check_asset(relpath: str, size: int, head: bytes) -> Finding | None:
    """A file in the content folders that is neither a content file nor a page."""
    folder, _, name = relpath.rpartition("/")
    if name.startswith("."):
        return None  # .gitkeep and the like: neither content nor published
    suffix = suffix_of(name)
    if suffix == ".svg":
        return whole_file(relpath, "image-svg", "SVG images are not published: an SVG file can carry scripts",
                          f"export it as a PNG file and keep that in {IMAGES_FOLDER}/")
    if folder != IMAGES_FOLDER:
        if suffix in IMAGE_SUFFIXES:
            return whole_file(relpath, "image-place", f"images are kept in {IMAGES_FOLDER}/, not in {folder}/",
                              f"move it to {IMAGES_FOLDER}/{name} and show it with "
                              f"![what it shows]({_from(folder)}{name})")
        return whole_file(relpath, "file-unknown", "this kind of file is not published from the content folders",
                          "content is Markdown (.md) or YAML (.yml) in the right folder; " + _RULE
                          + "; for a document, link to where your organisation publishes it")
    if suffix not in IMAGE_SUFFIXES:
        return whole_file(relpath, "image-format", f"'{name}' is not an image this site publishes",
                          _RULE + "; for a document, link to where your organisation publishes it")
    if size > MAX_IMAGE_BYTES:
        return whole_file(relpath, "image-too-large",
                          f"this image is {size // 1024} KB, larger than the limit of {MAX_IMAGE_BYTES // 1024} KB",
                          "make it smaller (fewer pixels, or JPEG for photographs) and add it again")
    actual = format_of(head)
    if actual is None or suffix not in IMAGE_FORMATS[actual][0]:
        said = next(n for n, (suffixes, _) in IMAGE_FORMATS.items() if suffix in suffixes)
        what = f"a {actual} image" if actual else "not an image this site publishes"
        hint = (f"rename it to end in {IMAGE_FORMATS[actual][0][0]}, and change the pages that show it"
                if actual else f"save it again as a {said} file; " + _RULE)
        return whole_file(relpath, "image-format", f"'{name}' is named as a {said} image but its content is {what}", hint)
    return None


def _from(folder: str) -> str:
    """The relative path from a page in folder (a repository path) to the images folder, as the site sees it."""
    here = folder.removeprefix("content").strip("/")
    depth = len(here.split("/")) if here else 0
    return "../" * depth + IMAGES_SITE + "/"


@functools.lru_cache(maxsize=1)
def _commonmark():
    from markdown_it import MarkdownIt
    return MarkdownIt("commonmark")


def _images(body: str):
    """(alt, target, first line index of its block) of every image in a Markdown body."""
    for token in _commonmark().parse(body):
        if token.type != "inline" or not token.children or not token.map:
            continue
        for child in token.children:
            if child.type == "image":
                yield child.content, str(child.attrs.get("src", "")), token.map[0], token.map[1]


def check_images(body: str, first_line: int, page: str, report: Report) -> set[str]:
    """Every image a page shows: alt text, and a file in the images folder (targets as written
    relative to page, its path in the site). Returns the paths (in the site) reported here as misplaced,
    so the link check does not report them again as broken."""
    if "![" not in body:
        return set()
    misplaced: set[str] = set()
    lines = body.split("\n")
    for alt, target, start, end in _images(body):
        index = next((i for i in range(start, end) if target and target in lines[i]), start)
        line, col = first_line + index, (lines[index].find(target) + 1 if target in lines[index] else 1)
        if not alt.strip():
            report(line, col, ERROR, "image-alt-missing", "this image has no alt text",
                   "say what the image shows between the square brackets: ![Bar chart of missed bins by month](...)")
        if not target or ":" in target.split("/", 1)[0] or target.startswith(("//", "#")):
            continue  # no target, another site's address, or an anchor: the link checks say what is wrong
        path = target.split("#", 1)[0].split("?", 1)[0]
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if resolved.startswith("..") or resolved.startswith("/"):
            continue  # outside the site: the link check says so
        if posixpath.dirname(resolved) != IMAGES_SITE or suffix_of(resolved) not in IMAGE_SUFFIXES:
            name = posixpath.basename(resolved)
            misplaced.add(resolved)
            report(line, col, ERROR, "image-place", f"images are shown only from {IMAGES_FOLDER}/, not from {target}",
                   f"move the file to {IMAGES_FOLDER}/{name} and write ![what it shows]"
                   f"({_from(posixpath.dirname('content/' + page))}{name})" if suffix_of(name) in IMAGE_SUFFIXES
                   else _RULE)
    return misplaced
