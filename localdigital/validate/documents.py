"""Rules about shared documents and the files kept beside them (rule ids document-*).

A document's files sit in its own folder, content/documents/<id>/, each named under `files:`
in content/documents/<id>.md. Every problem with a file is reported on the line of the `.md`
that names it: a file kept here must have an open licence, be within the size limit, be of an
allowed type read from its bytes, and carry no active content (load/documents.py reads it, in a
child process under limits of memory and time). A file in a document's folder that no document
names is refused on the file itself: nothing is published that no one listed.
"""

from __future__ import annotations

from pathlib import Path

import json
from functools import cache as once

from .. import cache
from ..content import DOCUMENT
from ..findings import ERROR, WARNING, Finding
from ..load import documents as reader
from ..load.documents import MAX_DOCUMENT_BYTES, run_limited
from .records import Record, whole_file

# Open licences a file kept here may carry (SPDX ids; OGL-UK-* are the UK's Open Government Licences).
OPEN_LICENCES = frozenset("""OGL-UK-1.0 OGL-UK-2.0 OGL-UK-3.0 CC-BY-2.0 CC-BY-2.5 CC-BY-3.0 CC-BY-4.0 CC-BY-SA-3.0
CC-BY-SA-4.0 CC0-1.0 ODC-By-1.0 ODbL-1.0 PDDL-1.0 MIT Apache-2.0 BSD-2-Clause BSD-3-Clause GPL-2.0-or-later
GPL-3.0-or-later GPL-2.0-only GPL-3.0-only AGPL-3.0-or-later LGPL-3.0-or-later MPL-2.0 EUPL-1.2""".split())
FOLDER = DOCUMENT.folder + "/"


def document_files(record: Record) -> list[tuple[int, str]]:
    """(index, file name) of each file a document names."""
    files = record.data.get("files")
    if not isinstance(files, list):
        return []
    return [(i, f["file"]) for i, f in enumerate(files) if isinstance(f, dict) and isinstance(f.get("file"), str)]


def check_document(record: Record, root: Path) -> None:
    """A document's licence and each file it keeps here."""
    if record.ctype is not DOCUMENT or not record.valid:
        return
    loaded, named = record.loaded, document_files(record)
    if not named:
        return
    licence = record.data.get("licence")
    if licence is None:
        loaded.error("document-licence-not-open", "files kept here need an open licence, and this document gives none",
                     "add e.g. 'licence: OGL-UK-3.0' if your organisation publishes it under the Open Government Licence; "
                     "otherwise delete files: and link to where the document lives", ("files",))
    elif licence not in OPEN_LICENCES:
        loaded.error("document-licence-not-open", f"files kept here need an open licence, and '{licence}' is not one this site knows",
                     "write one of " + ", ".join(sorted(OPEN_LICENCES)[:8]) + " (SPDX ids), or link to the document instead",
                     ("licence",))
    for index, name in named:
        path = ("files", index, "file")
        relpath = f"{FOLDER}{record.id}/{name}"
        full = root / relpath
        if not full.is_file() or full.is_symlink():
            loaded.error("document-file-missing", f"'{name}' is not in {FOLDER}{record.id}/",
                         f"add the file as {relpath}, or correct its name here", path)
            continue
        size = full.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            loaded.error("document-file-too-large", f"'{name}' is {size / 2**20:.1f} MB; files kept here may be at most "
                         f"{MAX_DOCUMENT_BYTES // 2**20} MB", "make it smaller (e.g. compress its images), or link to it instead", path)
            continue
        line, col = loaded.mark(path)
        for severity, rule, message, hint in inspect_cached(full, name):
            loaded.findings.append(Finding(record.relpath, line, col, ERROR if severity == ERROR else WARNING, rule, message, hint))


@once
def _reader_version() -> str:
    """What the results depend on besides the file: the reader's own code and pypdf's version."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        pypdf = version("pypdf")
    except PackageNotFoundError:
        pypdf = "?"
    return cache.key(Path(reader.__file__).read_bytes(), pypdf)


def inspect_cached(full: Path, name: str) -> list[tuple[str, str, str, str]]:
    """run_limited's problems for a file, kept in the user's private cache by the file's bytes, its
    name and the reader's version: a build or `make serve` does not read an unchanged file again."""
    name_key = "document-" + cache.key(_reader_version(), name, full.read_bytes())
    kept = cache.read(name_key)
    if kept is not None:
        try:
            return [tuple(p) for p in json.loads(kept)]
        except ValueError:
            pass
    problems = run_limited(str(full), name)
    cache.write(name_key, json.dumps(problems).encode("utf-8"))
    return problems


def owners(paths: set[str]) -> set[str]:
    """The document files (content/documents/<id>.md) whose folders hold some of these paths."""
    return {f"{FOLDER}{p[len(FOLDER):].partition('/')[0]}{DOCUMENT.suffix}" for p in paths
            if p.startswith(FOLDER) and p.count("/") >= 3}


def check_unlisted(files: list[str], records: dict[str, Record]) -> list[Finding]:
    """A file in content/documents/<id>/ that the document <id> does not name, or with no document <id>."""
    named: dict[str, set[str] | None] = {}
    for record in records.values():
        if record.ctype is DOCUMENT and not record.valid:
            named[record.id] = None  # skimmed or invalid: its own findings say what is wrong
        elif record.ctype is DOCUMENT:
            named[record.id] = {name for _i, name in document_files(record)}
    findings = []
    for relpath in files:
        if not relpath.startswith(FOLDER) or relpath.count("/") < 3:
            continue
        rest = relpath[len(FOLDER):]
        ident, _, name = rest.partition("/")
        if ident not in named:
            findings.append(whole_file(relpath, "document-file-unlisted", f"this file is in the folder of a document '{ident}' that does not exist",
                                       f"add {FOLDER}{ident}.md naming it under files:, or delete the file"))
        elif named[ident] is not None and name not in named[ident]:
            findings.append(whole_file(relpath, "document-file-unlisted", f"this file is not named under files: in {FOLDER}{ident}.md, so it would "
                                       "never be checked or published", f"add '- file: {name}' with a title under files: in {FOLDER}{ident}.md, "
                                       "or delete the file"))
    return findings

