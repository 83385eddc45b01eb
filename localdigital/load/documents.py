"""Reading a document file kept in the repository (content/documents/<id>/<file>): what it is,
from its bytes, and whether it carries active content or names a person as its author.

`inspect(path, name)` returns a list of problems, each (severity, rule, message, how to fix).
A stranger's file can be built to exhaust whatever reads it (a PDF bomb, a zip of a million
entries, a cross-reference loop), so the validator never calls this in its own process: it runs
`python -m localdigital.load.documents PATH NAME` under limits of memory and CPU time
(`run_limited`) and reads the JSON it prints. Caps inside bound the work on top of that.

Allowed: PDF, OpenDocument (.odt, .ods), Office Open XML (.docx, .xlsx) and CSV (UTF-8 text).
Refused: PDF JavaScript, launch and other actions that run when it opens, embedded files, XFA
forms; Office macros (a vbaProject.bin, a macro-enabled content type, ActiveX), embedded OLE
objects; OpenDocument scripts and macros; old binary Office files (OLE, such as .doc or .xls),
whatever they are named.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import zipfile

ERROR, WARNING = "error", "warning"
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024  # per file
MEMORY_LIMIT = 512 * 1024 * 1024  # address space of the checking process
CPU_SECONDS = 10
WALL_SECONDS = 30
MAX_PDF_OBJECTS = 100_000
MAX_ZIP_ENTRIES = 5_000
MAX_PART_BYTES = 4 * 1024 * 1024  # of a zip part read to look inside (content types, metadata)

KINDS = {".pdf": "pdf", ".docx": "ooxml", ".xlsx": "ooxml", ".odt": "odf", ".ods": "odf", ".csv": "csv"}
KIND_NAMES = {"pdf": "PDF", "ooxml": "Office Open XML (.docx, .xlsx)", "odf": "OpenDocument (.odt, .ods)", "csv": "CSV text",
              "ole": "old binary Office (OLE: .doc, .xls, .ppt, .msg)", "zip": "ZIP archive", "unknown": "unrecognised"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OOXML_MAIN = {".docx": "word/", ".xlsx": "xl/"}
ODF_MIME = {".odt": b"application/vnd.oasis.opendocument.text", ".ods": b"application/vnd.oasis.opendocument.spreadsheet"}

Problem = tuple[str, str, str, str]  # severity, rule, message, how to fix
_MACRO_FIX = "save it again without macros or scripts (e.g. as .docx or .xlsx, or print to PDF), then replace the file"
_PDF_FIX = "export the document to PDF again without scripts, actions, attachments or forms (e.g. 'Save as PDF' or PDF/A), then replace the file"
_AUTHOR_FIX = "remove the author from the file's properties (in Word: File → Info → Inspect document), or ignore this if it names a team or the council"


def sniff(head: bytes) -> str:
    """The file's kind from its first bytes, not its name."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
            return "csv"
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 3:  # a character cut by the end of the sample
                return "csv"
    return "unknown"


def inspect(path: str, name: str) -> list[Problem]:
    """Problems of one file (path on disk, name as the contributor gave it)."""
    suffix = os.path.splitext(name)[1].lower()
    expected = KINDS.get(suffix)
    if expected is None:
        return [(ERROR, "document-file-type", f"'{name}' is not a kind of file kept here",
                 "keep PDF, OpenDocument (.odt, .ods), Office Open XML (.docx, .xlsx) or CSV files, or link to the document instead")]
    with open(path, "rb") as handle:
        head = handle.read(4096)
    kind = sniff(head)
    if kind == "ole":
        return [(ERROR, "document-old-office", f"'{name}' is an old binary Office file (OLE), which can carry macros, whatever it is named",
                 "save it as .docx, .xlsx, .odt or PDF and keep that instead")]
    if kind == "zip" and expected in ("ooxml", "odf"):
        return _zip(path, name, suffix, expected)
    if kind != expected:
        return [(ERROR, "document-file-type", f"'{name}' is named {suffix} but its bytes are {KIND_NAMES[kind]}",
                 f"keep only {KIND_NAMES[expected]} files under this name: export it again, or rename it to what it is if that is allowed")]
    if kind == "pdf":
        return _pdf(path, name)
    return []  # CSV: UTF-8 text


# ---- PDF ------------------------------------------------------------------------------------

_ACTIVE_ACTIONS = {"/JavaScript": "JavaScript", "/Launch": "a launch action (it can start a program)",
                   "/ImportData": "an import-data action", "/SubmitForm": "a submit-form action (it sends data elsewhere)",
                   "/RichMediaExecute": "a rich-media action", "/GoToE": "a go-to-embedded-file action",
                   "/Rendition": "a rendition action (it can play embedded media or scripts)"}


def _check_pdf_dict(obj, where: str, name: str, found: dict[str, str]) -> None:
    """Active content in one PDF dictionary, recorded in found (what -> message, once each)."""
    from pypdf.generic import DictionaryObject, IndirectObject
    keys = set(obj.keys())
    if "/JS" in keys or "/JavaScript" in keys:
        found.setdefault("js", f"'{name}' contains JavaScript ({where})")
    action = obj.get("/S")
    if action == "/JavaScript":
        found.setdefault("js", f"'{name}' contains JavaScript ({where})")
    elif action in _ACTIVE_ACTIONS:
        found.setdefault(str(action), f"'{name}' contains {_ACTIVE_ACTIONS[action]} ({where})")
    if "/EmbeddedFiles" in keys or "/EF" in keys or obj.get("/Type") == "/EmbeddedFile" or obj.get("/Subtype") == "/FileAttachment":
        found.setdefault("embedded", f"'{name}' has a file embedded in it ({where})")
    if "/XFA" in keys:
        found.setdefault("xfa", f"'{name}' has an XFA form, which can run scripts ({where})")
    if "/AA" in keys:
        found.setdefault("aa", f"'{name}' has actions that run by themselves when it is opened or used ({where})")
    if "/OpenAction" in keys:
        opening = obj["/OpenAction"]
        opening = opening.get_object() if isinstance(opening, IndirectObject) else opening
        if isinstance(opening, DictionaryObject) and opening.get("/S") not in (None, "/GoTo"):
            found.setdefault("open", f"'{name}' has an action that runs when it is opened ({where})")


def _pdf_dicts(reader):
    """(object number, dictionary) for every object in the file, not only those reachable from
    the catalogue (a script kept anywhere can be reached by a crafted reference); None past the cap."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject
    numbers = [(num, gen) for gen, table in reader.xref.items() for num in table]
    numbers += [(num, 0) for num in reader.xref_objStm]
    if len(numbers) > MAX_PDF_OBJECTS:
        yield None
        return
    for num, gen in numbers:
        obj = reader.get_object(IndirectObject(num, gen, reader))  # an object that cannot be read refuses the file
        for value in obj if isinstance(obj, ArrayObject) else [obj]:
            value = value.get_object() if isinstance(value, IndirectObject) else value
            if isinstance(value, DictionaryObject):
                yield num, value


_PDF_UNREADABLE = (ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, EOFError, OverflowError,
                   AssertionError, ZeroDivisionError)


def _pdf(path: str, name: str) -> list[Problem]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError
    from pypdf.generic import DictionaryObject

    found: dict[str, str] = {}
    try:
        with open(path, "rb") as handle:
            handle.seek(max(0, os.path.getsize(path) - 1024))
            if b"%%EOF" not in handle.read():
                return [(ERROR, "document-unreadable", f"'{name}' does not end as a PDF must (no %%EOF): it is cut short or damaged",
                         "export the PDF again and replace the file")]
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            return [(ERROR, "document-unreadable", f"'{name}' is an encrypted PDF, which cannot be checked",
                     "save it again without a password or encryption, then replace the file")]
        _check_pdf_dict(reader.trailer["/Root"].get_object(), "its catalogue", name, found)
        for entry in _pdf_dicts(reader):
            if entry is None:
                return [(ERROR, "document-too-complex", f"'{name}' has more than {MAX_PDF_OBJECTS:,} objects, more than a document needs",
                         _PDF_FIX)]
            _check_pdf_dict(entry[1], f"object {entry[0]}", name, found)
        problems: list[Problem] = [(ERROR, "document-active-content", message, _PDF_FIX) for message in found.values()]
        info = reader.trailer.get("/Info")
        info = info.get_object() if info is not None else None
        if isinstance(info, DictionaryObject) and str(info.get("/Author") or "").strip():
            problems.append((WARNING, "document-author-named", f"'{name}': its Author property is filled in, which may name a person",
                             _AUTHOR_FIX))
        return problems
    except RecursionError:
        return [(ERROR, "document-too-complex", f"'{name}' nests its objects too deeply to be checked", _PDF_FIX)]
    except (PyPdfError, *_PDF_UNREADABLE) as exc:
        if "Limit" in type(exc).__name__:  # pypdf's own caps, e.g. on how far a stream may inflate
            return [(ERROR, "document-too-complex", f"'{name}' holds a stream that inflates beyond what a document needs (a 'bomb')",
                     _PDF_FIX)]
        return [(ERROR, "document-unreadable", f"'{name}' cannot be read as a PDF ({type(exc).__name__}): it may be cut short or damaged",
                 "export the PDF again and replace the file")]


# ---- Office Open XML and OpenDocument (zip files) -----------------------------------------

_CREATOR = re.compile(rb"<(dc:creator|cp:lastModifiedBy|meta:initial-creator)>([^<]{0,200})</", re.I)


def _zip(path: str, name: str, suffix: str, kind: str) -> list[Problem]:
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                return [(ERROR, "document-too-complex", f"'{name}' holds more than {MAX_ZIP_ENTRIES:,} parts, more than a document needs",
                         "save the document again, then replace the file")]
            names = [e.filename for e in entries]
            lower = [n.lower() for n in names]

            def part(wanted: str) -> bytes:
                info = archive.getinfo(wanted)
                with archive.open(info) as handle:
                    return handle.read(MAX_PART_BYTES)

            problems = _ooxml(name, suffix, names, lower, part) if kind == "ooxml" else _odf(name, suffix, names, lower, part)
            for meta in ("docProps/core.xml", "meta.xml"):
                if meta in names and not any(p[0] == ERROR for p in problems):
                    if any(value.strip() for _tag, value in _CREATOR.findall(part(meta))):
                        problems.append((WARNING, "document-author-named",
                                         f"'{name}': its author or 'last modified by' property is filled in, which may name a person",
                                         _AUTHOR_FIX))
            return problems
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, OSError, EOFError, NotImplementedError,
            RuntimeError) as exc:
        return [(ERROR, "document-unreadable", f"'{name}' cannot be read as a {KIND_NAMES[kind]} file ({type(exc).__name__}): "
                 "it may be cut short or damaged", "save the document again and replace the file")]


def _ooxml(name: str, suffix: str, names: list[str], lower: list[str], part) -> list[Problem]:
    if "[Content_Types].xml" not in names:
        return [(ERROR, "document-file-type", f"'{name}' is a zip file but not an Office document", "keep the document itself, not an archive")]
    problems: list[Problem] = []
    types = part("[Content_Types].xml").lower()
    if any(n.rsplit("/", 1)[-1] in ("vbaproject.bin", "vbadata.xml") for n in lower) or b"macroenabled" in types or b"vbaproject" in types:
        problems.append((ERROR, "document-active-content", f"'{name}' contains Office macros (a macro-enabled document, whatever it is named)",
                         _MACRO_FIX))
    if any(n.startswith(("word/activex/", "xl/activex/", "ppt/activex/")) for n in lower):
        problems.append((ERROR, "document-active-content", f"'{name}' contains ActiveX controls", _MACRO_FIX))
    if any("/embeddings/" in n and (n.endswith(".bin") or "oleobject" in n) for n in lower):
        problems.append((ERROR, "document-active-content", f"'{name}' has an OLE object embedded in it, which can carry macros",
                         "remove the embedded object (paste a picture or a link instead), then replace the file"))
    if not problems and not any(n.startswith(OOXML_MAIN[suffix]) for n in names):
        problems.append((ERROR, "document-file-type", f"'{name}' is named {suffix} but is another kind of Office document",
                         "give the file the suffix of what it is (.docx for Word, .xlsx for Excel)"))
    return problems


def _odf(name: str, suffix: str, names: list[str], lower: list[str], part) -> list[Problem]:
    if "mimetype" not in names or not part("mimetype").startswith(ODF_MIME[suffix]):
        return [(ERROR, "document-file-type", f"'{name}' is a zip file but not an OpenDocument {suffix} file",
                 "keep the document itself, saved as OpenDocument, not an archive")]
    if any(n.startswith(("basic/", "scripts/")) for n in lower):
        return [(ERROR, "document-active-content", f"'{name}' contains macros or scripts (Basic/ or Scripts/)", _MACRO_FIX)]
    if "content.xml" in names:
        content = part("content.xml")
        if b"<office:script" in content and b"<office:scripts/>" not in content or b"<script:event-listener" in content:
            return [(ERROR, "document-active-content", f"'{name}' contains scripts or script events", _MACRO_FIX)]
    return []


# ---- running it under limits ------------------------------------------------------------------

def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_limited(path: str, name: str) -> list[Problem]:
    """inspect() in a child process with its memory and CPU time limited; a child that runs out
    of either, or fails in any other way, is a finding about the file, never a traceback here."""
    refused = f"'{name}' could not be checked within {MEMORY_LIMIT // 2**20} MB of memory and {CPU_SECONDS} seconds"
    hint = "it may be built to exhaust whatever opens it (a 'bomb'); export the document again and replace the file"
    try:
        # The child limits itself before it opens the file (main); no preexec_fn, which is unsafe
        # when the caller has threads (mkdocs serve has).
        child = subprocess.run([sys.executable, "-m", "localdigital.load.documents", path, name], capture_output=True,
                               timeout=WALL_SECONDS, stdin=subprocess.DEVNULL, check=False)
    except subprocess.TimeoutExpired:
        return [(ERROR, "document-too-complex", refused, hint)]
    if child.returncode != 0:
        return [(ERROR, "document-too-complex", refused, hint)]
    try:
        return [tuple(p) for p in json.loads(child.stdout)]
    except ValueError:
        return [(ERROR, "document-too-complex", refused, hint)]


def main(argv: list[str]) -> int:
    _limits()  # before anything of the file is read
    sys.setrecursionlimit(2000)
    try:
        problems = inspect(argv[0], argv[1])
    except MemoryError:
        return 3
    print(json.dumps(problems))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
