"""Rules about files themselves (rule ids file-*, symlink, repository-too-large, id-filename):
which files there are, without following links, and whether their names can be published."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..content import (ASSET_SUFFIXES, CONTENT_ROOTS, PAGES_ROOT, SELF_ASSESSMENT, SIGNATORY, ContentType, content_type_for, is_kept_document_file,
                       owned_by_build,
                       site_path)
from ..findings import Finding
from ..load.loader import Loaded
from .records import Record, whole_file

# Room for the 100,000 items the site is built to hold (BENCHMARKS.md) with their councils'
# self-assessments; a pull request adding more is refused before anything is read.
MAX_FILES = 150_000
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
_SLUG_FILE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_RESERVED = frozenset("con prn aux nul com1 com2 com3 com4 com5 com6 com7 com8 com9 lpt1 lpt2 lpt3 lpt4 lpt5 lpt6 lpt7 lpt8 lpt9".split())


def discover(root: Path) -> tuple[list[str], list[Finding]]:
    """Every file under the content folders, without following links. Symlinks are findings."""
    files: list[str] = []
    findings: list[Finding] = []
    total = 0
    stack = [name for name in CONTENT_ROOTS if os.path.lexists(root / name)]
    for name in stack:
        if (root / name).is_symlink():
            findings.append(whole_file(name, "symlink", "this folder is a symbolic link",
                                       "replace the link with a real folder; links are never published"))
    stack = [name for name in stack if not (root / name).is_symlink()]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(root / folder))
        except OSError as exc:
            findings.append(whole_file(folder, "file-unreadable", f"this folder cannot be read ({exc.strerror})",
                                       "check its permissions"))
            continue
        for entry in entries:
            rel = f"{folder}/{entry.name}"
            if entry.is_symlink():
                findings.append(whole_file(rel, "symlink", "this is a symbolic link, which could publish a file from elsewhere",
                                           "replace the link with the file itself, or delete it"))
            elif entry.is_dir(follow_symlinks=False):
                if not entry.name.startswith("."):
                    stack.append(rel)
            elif entry.is_file(follow_symlinks=False):
                files.append(rel)
                total += entry.stat(follow_symlinks=False).st_size
            else:
                findings.append(whole_file(rel, "file-special", "this is not a regular file", "delete it"))
        if len(files) > MAX_FILES or total > MAX_TOTAL_BYTES:
            findings.append(whole_file(folder, "repository-too-large",
                                       f"the content folders hold more than {MAX_FILES} files or {MAX_TOTAL_BYTES // 2**20} MB",
                                       "split the change into smaller pull requests; nothing was validated"))
            return [], findings
    files.sort()
    return files, findings


_TITLE = re.compile(rb"^title:[ \t]*+(.+)", re.M)  # trailing blanks stripped after: no backtracking
_CODE = re.compile(rb"^[ \t]+code:[ \t]*['\"]?([^'\"\s#]+)", re.M)
_ORGANISATION = re.compile(rb"^organisation:[ \t]*+['\"]?([^'\"\s#]+)", re.M)


def skim(relpath: str, raw: bytes, ctype: ContentType) -> Loaded:
    """The few fields of an untouched file that rules across files read, without a full load.

    Used only when validating a selection: an untouched file's own problems are not reported
    then, so it need not be parsed; a title or code written in an unusual YAML form may be
    read slightly differently, which can only change a near-duplicate warning."""
    loaded = Loaded(relpath, data={})
    head = raw[:raw.find(b"\n---", 4)] if ctype.markdown else raw
    title = _TITLE.search(head)
    if title:
        loaded.data["title"] = title.group(1).rstrip(b" \t").decode("utf-8", "replace").strip("'\"")
    if ctype is SIGNATORY:
        code = _CODE.search(head)
        if code:
            loaded.data["organisation"] = {"code": code.group(1).decode("utf-8", "replace")}
    elif ctype is SELF_ASSESSMENT:  # whose it is: a pull request's run checks the history of the councils it touches only
        council = _ORGANISATION.search(head)
        if council:
            loaded.data["organisation"] = council.group(1).decode("utf-8", "replace")
    return loaded


def file_name_problem(relpath: str, ctype: ContentType | None) -> Finding | None:
    name = relpath.rpartition("/")[2]
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    suffix = "." + suffix.lower() if dot else ""
    if name.startswith("."):
        if ctype is None and suffix not in (".md", ".markdown", ".yml", ".yaml"):
            return None  # .gitkeep and the like: neither content nor published
        return whole_file(relpath, "file-name", f"the file name '{name}' starts with a dot, so its page would be hidden",
                          "rename it without the leading dot, using lower-case letters, digits and hyphens")
    if stem.lower() in _RESERVED:
        return whole_file(relpath, "file-name", f"'{name}' is a reserved file name on Windows", "choose another name")
    if ctype is not None:
        if suffix != ctype.suffix:
            if suffix in (".yaml", ".markdown") or (suffix in (".yml", ".md") and suffix != ctype.suffix):
                return whole_file(relpath, "file-name", f"files in {ctype.folder}/ must end in {ctype.suffix}",
                                  f"rename the file to {stem}{ctype.suffix}")
            return whole_file(relpath, "file-unknown", f"this file is not a {ctype.label}; {ctype.folder}/ holds only {ctype.suffix} files",
                              "move it elsewhere or delete it")
        if not _SLUG_FILE.match(stem):
            fixed = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "my-item"
            return whole_file(relpath, "file-name",
                              f"the file name '{name}' must use only lower-case letters, digits and hyphens",
                              f"rename it, e.g. to {fixed}{ctype.suffix}")
        return None
    if suffix == ".md" or suffix in ASSET_SUFFIXES:
        if not re.match(r"^[A-Za-z0-9][A-Za-z0-9._\-]*$", name):
            return whole_file(relpath, "file-name", f"the file name '{name}' has spaces or unusual characters",
                              "use only letters, digits, hyphens and dots")
        return None
    return whole_file(relpath, "file-unknown", "this kind of file is not published from the content folders",
                      "content is Markdown (.md) or YAML (.yml) in the right folder; images and documents may be "
                      + ", ".join(sorted(ASSET_SUFFIXES)))


def check_id_matches_name(record: Record) -> None:
    """An id written in the file must be its file name: the file name is the id."""
    data = record.data
    if "id" in data and isinstance(data["id"], str) and data["id"] != record.id:
        record.loaded.error("id-filename", f"the id '{data['id']}' does not match the file name '{record.id}'",
                            f"change it to 'id: {record.id}', or delete the id line (the file name is the id)", ("id",))


def check_site_paths(files: list[str], blame_first: set[str] | None = None) -> list[Finding]:
    """Every path of the built site has one owner. A hand-written page or file under content/
    may not write to, inside or over a path the build writes (rule page-path-reserved), nor
    share its path with another file but for letter case (rule file-name-case): on a
    case-insensitive file system one would overwrite the other. Of two such files, the one in
    blame_first (the files a pull request changes) is named, else one with upper-case letters
    (site files are named in lower case), else the later one."""
    findings: list[Finding] = []
    by_folded: dict[str, str] = {}
    ordered = sorted(files, key=lambda f: (blame_first is not None and f in blame_first, f != f.lower(), f))
    for relpath in ordered:
        path = site_path(relpath)
        if relpath.startswith(PAGES_ROOT + "/") and content_type_for(relpath) is None and not is_kept_document_file(relpath):
            reason = owned_by_build(path)
            if reason:
                findings.append(whole_file(relpath, "page-path-reserved", f"{reason}, so this file cannot be published as {path}",
                                           "rename or move the file (hand-written pages sit directly in content/ or in a "
                                           "folder of their own there)"))
                continue
        folded = re.sub(r"(^|/)index\.md$|\.md$", "", path.casefold())  # x.md and x/index.md are both the page x/
        if folded in by_folded:
            findings.append(whole_file(relpath, "file-name-case",
                                       f"{by_folded[folded]} would be published at the same address, or one that differs "
                                       "only in upper and lower case; on many computers one would overwrite the other",
                                       "give the file a different name, in lower case"))
        else:
            by_folded[folded] = relpath
    return findings

