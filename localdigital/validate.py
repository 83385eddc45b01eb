"""Validation of a whole content repository, or of the files a pull request changes.

Runs top to bottom: discover files (no symlinks, nothing outside the content folders),
load each strictly, check it against its schema, then the rules across files
(ids, references, registers, dates, near-duplicates) and the safety of what will be
published. Every problem is collected as a Finding; nothing stops at the first one.
"""

from __future__ import annotations

import datetime
import difflib
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import safety
from .content import (ASSET_SUFFIXES, CONTENT_ROOTS, GENERATED_PAGES, SIGNATORY, ContentType, content_type_for, item_id,
                      site_path)
from .findings import ERROR, WARNING, Finding, sort_findings
from .loader import MAX_FILE_BYTES, Loaded, load_markdown_file, load_yaml_file
from .registers import Registers, RegisterError, load_registers
from .schemas import SchemaError, check_record, describe, load_schemas

LAUNCH = datetime.date(2018, 7, 4)
MAX_FILES = 20_000
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_SAFETY_FINDINGS = 25  # per file: enough to show what is wrong, bounded whatever the file holds


class _Enough(Exception):
    def __init__(self, line: int) -> None:
        self.line = line
_SLUG_FILE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_RESERVED = frozenset("con prn aux nul com1 com2 com3 com4 com5 com6 com7 com8 com9 lpt1 lpt2 lpt3 lpt4 lpt5 lpt6 lpt7 lpt8 lpt9".split())

# Fields holding organisation references, per content type: (path pattern, many?)
ORG_FIELDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "signatory": (("commitment", "partners", "*"),),
    "case-study": (("organisations", "*"), ("adopted_by", "*")),
    "procurement-brief": (("organisation",), ("partners", "*"), ("reused_by", "*")),
    "pattern": (("owner",), ("used_by", "*")),
    "project": (("lead",), ("partners", "*"), ("interested", "*")),
}
# Dates that cannot be in the future (commitment.due may be).
PAST_DATES = (("signed_on",), ("published",), ("started",), ("award", "date"),
              ("commitment", "updates", "*", "date"), ("updates", "*", "date"))
DATE_FIELDS = PAST_DATES + (("commitment", "due"),)


@dataclass(slots=True)
class Record:
    """One content file, loaded and checked."""

    relpath: str
    ctype: ContentType | None  # None for a hand-written page
    loaded: Loaded
    valid: bool = False

    @property
    def id(self) -> str:
        return item_id(self.relpath)

    @property
    def data(self) -> dict:
        return self.loaded.data if isinstance(self.loaded.data, dict) else {}


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    records: dict[str, Record] = field(default_factory=dict)
    files: int = 0
    registers: Registers | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]


def whole_file(path: str, rule: str, message: str, hint: str, severity: str = ERROR) -> Finding:
    return Finding(path, 1, 1, severity, rule, message, hint)


# ---- discovery ----------------------------------------------------------------------

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
    return loaded


def _file_name_problem(relpath: str, ctype: ContentType | None) -> Finding | None:
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


# ---- the run ------------------------------------------------------------------------

class Validator:
    """One validation run over a repository root."""

    def __init__(self, root: Path, overlay: dict[str, bytes] | None = None, today: datetime.date | None = None,
                 memo: dict | None = None) -> None:
        self.root = root
        self.overlay = overlay or {}
        self.today = today or datetime.date.today()
        # Per-file results kept between runs by a long-lived caller (`make serve`): a file whose
        # size and time are unchanged is not read or checked again. Rules across files always run.
        self.memo = memo
        self.result = Result()
        self.registers: Registers | None = None

    def stamp(self, relpath: str) -> tuple[int, int] | None:
        """A file's size and modification time, when results may be kept for it."""
        if self.memo is None or relpath in self.overlay:
            return None
        try:
            info = os.stat(self.root / relpath)
        except OSError:
            return None
        return info.st_size, info.st_mtime_ns

    def read(self, relpath: str) -> bytes | None:
        if relpath in self.overlay:
            return self.overlay[relpath]
        try:
            with open(self.root / relpath, "rb") as handle:
                return handle.read(MAX_FILE_BYTES + 1)  # one byte past the cap is enough to refuse it
        except OSError as exc:
            self.result.findings.append(whole_file(relpath, "file-unreadable", f"the file cannot be read ({exc.strerror})",
                                                   "check that it exists and is readable"))
            return None

    def run(self, paths: Iterable[str] | None = None) -> Result:
        result = self.result
        try:
            self.registers = load_registers(self.root / "registers")
            schemas = load_schemas(self.root)
        except (RegisterError, SchemaError) as exc:
            result.findings.append(whole_file("registers" if isinstance(exc, RegisterError) else "schemas",
                                              "setup", str(exc), "restore the file from git, then run again"))
            return result
        result.registers = self.registers
        files, found = discover(self.root)
        files = sorted(set(files) | {p for p in self.overlay if p not in files})
        result.findings.extend(found)
        selected = None if paths is None else {_normalise(p) for p in paths}
        if selected is not None:
            for path in selected:
                if path.startswith("../") or os.path.isabs(path):
                    result.findings.append(whole_file(path, "path-outside", "this path is outside the repository",
                                                      "give paths relative to the repository root"))
        exists = ({site_path(f) for f in files} | GENERATED_PAGES).__contains__
        if self.memo is not None:
            # Links are checked against the list of files, and records against the schemas and
            # registers: when any of those changes, nothing kept is reused.
            setup = (tuple(files), id(schemas), id(self.registers))
            if self.memo.get("__setup__") != setup or selected is not None:
                self.memo.clear()
            self.memo["__setup__"] = setup
            if selected is not None:
                self.memo = None
        # With a selection (a pull request's files), the other files are only skimmed for what
        # the rules across files need (ids, titles, signatory codes), unless they mention a
        # selected file that is gone, when they are checked in full to report the broken reference.
        gone = [item_id(p) for p in selected if p not in files] if selected is not None else []
        for relpath in files:
            ctype = content_type_for(relpath)
            problem = _file_name_problem(relpath, ctype)
            if problem:
                result.findings.append(problem)
                if problem.rule == "file-unknown" or ctype is None:
                    continue
            name = relpath.rpartition("/")[2]
            if ctype is None and not name.endswith(".md"):
                continue  # an asset beside the pages
            stamp = self.stamp(relpath)
            if stamp is not None and self.memo.get(relpath, (None,))[0] == stamp:
                _stamp, kept, valid = self.memo[relpath]
                result.records[relpath] = Record(relpath, ctype, replace(kept, findings=list(kept.findings)), valid)
                continue
            raw = self.read(relpath)
            if raw is None:
                continue
            if selected is not None and relpath not in selected and ctype is not None \
                    and not any(ident.encode() in raw for ident in gone):
                result.records[relpath] = Record(relpath, ctype, skim(relpath, raw, ctype))
                continue
            if ctype is not None and not ctype.markdown:
                loaded = load_yaml_file(relpath, raw)
            else:
                loaded = load_markdown_file(relpath, raw, front_matter_required=ctype is not None)
            record = Record(relpath, ctype, loaded)
            result.records[relpath] = record
            if ctype is not None and isinstance(loaded.data, dict):
                record.valid = check_record(loaded, schemas[ctype.name])
            if selected is None or relpath in selected:
                self.check_safety(record, exists)
            if stamp is not None:
                self.memo[relpath] = (stamp, replace(loaded, findings=list(loaded.findings)), record.valid)
        result.files = len(files)
        self.check_across(selected)
        for record in result.records.values():
            result.findings.extend(record.loaded.findings)
        if selected is not None:
            touched = self.touched_ids(selected)
            result.findings = [f for f in result.findings if f.path in selected or f.path in touched
                               or f.path in ("registers", "schemas")]
        result.findings = sort_findings(result.findings)
        return result

    def touched_ids(self, selected: set[str]) -> set[str]:
        """Files outside the selection whose findings concern the selected files (references to them)."""
        ids = {item_id(p) for p in selected}
        touched = set()
        for relpath, record in self.result.records.items():
            if relpath in selected:
                continue
            if any(f.rule in ("ref-unknown-organisation", "ref-unknown-item", "id-duplicate", "signatory-duplicate")
                   and any(f"'{i}'" in f.message or f"/{i}." in f.message for i in ids) for f in record.loaded.findings):
                touched.add(relpath)
        return touched

    # ---- per file -----------------------------------------------------------------

    def check_safety(self, record: Record, exists) -> None:
        loaded = record.loaded

        reported = [0]

        def report(line: int, col: int, severity: str, rule: str, message: str, hint: str) -> None:
            if reported[0] >= MAX_SAFETY_FINDINGS:
                raise _Enough(line)
            reported[0] += 1
            loaded.findings.append(Finding(record.relpath, line, col, severity, rule, message, hint))

        try:
            if loaded.body:
                safety.check_markdown(loaded.body, loaded.body_line, site_path(record.relpath), report, exists)
            if isinstance(loaded.data, dict):
                for path, value in loaded.suspect:  # the loader lists the only values these checks can fire on
                    line, col = loaded.mark(path)
                    safety.check_text_field(value, lambda sev, rule, msg, hint, _l=line, _c=col:
                                            report(_l, _c, sev, rule, f"{describe(path)}: {msg}", hint), path)
                safety.check_links_field(loaded.data, loaded.mark, report)
        except _Enough as enough:
            # A hostile file with a problem on every line would otherwise make millions of findings.
            loaded.findings.append(Finding(record.relpath, enough.line, 1, ERROR, "too-many-problems",
                                           f"this file has more than {MAX_SAFETY_FINDINGS} problems; checking stopped here",
                                           "fix the problems above, then check the file again"))

    # ---- across files ---------------------------------------------------------------

    def check_across(self, selected: set[str] | None) -> None:
        records = self.result.records
        registers = self.registers
        # Two namespaces: organisations (signatories) and items; each must be unique within its own.
        by_id: dict[tuple[bool, str], list[Record]] = defaultdict(list)
        for record in records.values():
            if record.ctype is not None:
                by_id[(record.ctype is SIGNATORY, record.id)].append(record)
        signatory_ids = {r.id for r in records.values() if r.ctype is SIGNATORY}
        item_ids = {r.id for r in records.values() if r.ctype is not None and r.ctype is not SIGNATORY}
        for (_is_signatory, ident), group in by_id.items():
            if len(group) > 1:
                for record in group[1:]:
                    others = ", ".join(r.relpath for r in group if r is not record)
                    record.loaded.error("id-duplicate", f"the id '{ident}' is already used by {others}",
                                        "ids are file names and must be unique: rename this file")
        codes: dict[str, Record] = {}
        for record in records.values():
            data = record.data
            if record.ctype is None or not data:
                continue
            loaded = record.loaded
            if "id" in data and isinstance(data["id"], str) and data["id"] != record.id:
                loaded.error("id-filename", f"the id '{data['id']}' does not match the file name '{record.id}'",
                             f"change it to 'id: {record.id}', or delete the id line (the file name is the id)", ("id",))
            self.check_dates(record)
            if record.ctype is SIGNATORY:
                self.check_signatory(record, codes)
            for pattern in ORG_FIELDS.get(record.ctype.name, ()):
                for path, value in _at(data, pattern, ()):
                    if isinstance(value, str):
                        self.check_org_ref(loaded, path, value, signatory_ids)
            for path, value in _at(data, ("related", "*"), ()):
                if isinstance(value, str) and value not in item_ids:
                    loaded.error("ref-unknown-item", f"{describe(path)}: there is no case study, brief, pattern or project '{value}'",
                                 "write the file name (without .md) of an existing item", path)
                elif value == record.id:
                    loaded.error("ref-self", f"{describe(path)}: an item cannot be related to itself", "remove this entry", path)
            for path, value in _at(data, ("services", "*"), ()):
                if isinstance(value, int) and registers and value not in registers.services:
                    loaded.error("service-unknown", f"{describe(path)}: {value} is not a known LGSL service code",
                                 "find the code in registers/lgsl/local_services.csv, e.g. 524 for bin collection", path)
            agreement = data.get("agreement")
            if isinstance(agreement, str) and registers and agreement not in registers.agreements:
                # A warning, not an error: the register stops in 2018 plus a few later agreements, so a
                # real newer reference (G-Cloud 14 is RM1557.14) must not block a pull request.
                loaded.findings.append(Finding(
                    record.relpath, *loaded.mark(("agreement",)), WARNING, "agreement-unknown",
                    f"'{agreement}' is not in our register of Crown Commercial Service agreements",
                    "check the reference on the notice (e.g. RM1557.13 for G-Cloud 13); if it is right, a maintainer "
                    "adds it to registers/procurement-frameworks/framework-references.csv with its source"))
        self.check_near_duplicates(selected)

    def check_org_ref(self, loaded: Loaded, path: tuple, value: str, signatory_ids: set[str]) -> None:
        if value in signatory_ids or (self.registers and self.registers.organisation(value)):
            return
        suggestions = self.registers.suggest(value) if self.registers else []
        suggestions = difflib.get_close_matches(value, list(signatory_ids), n=2) + suggestions
        hint = ("did you mean " + " or ".join(f"'{s}'" for s in suggestions[:3]) + "? " if suggestions else "") + \
            "write a signatory id (its file name), a register code such as ESS, or name: and kind: for a body outside the registers"
        loaded.error("ref-unknown-organisation", f"{describe(path)}: no signatory or registered organisation is called '{value}'", hint, path)

    def check_signatory(self, record: Record, codes: dict[str, Record]) -> None:
        data, loaded = record.data, record.loaded
        organisation = data.get("organisation")
        if not isinstance(organisation, dict) or not isinstance(organisation.get("code"), str):
            return
        code = organisation["code"]
        path = ("organisation", "code")
        if code in codes:
            loaded.error("signatory-duplicate", f"{codes[code].relpath} already records '{code}' as a signatory",
                         "add your changes to that file instead of creating a new one", path)
        codes.setdefault(code, record)
        body = self.registers.organisation(code) if self.registers else None
        if body is None:
            self.check_org_ref(loaded, path, code, set())
            return
        signed = _date(data.get("signed_on"))
        if body.end is not None:
            if signed is None:
                loaded.error("organisation-ended", f"{body.name} ended on {body.end.isoformat()} and cannot sign now",
                             "give the date it signed (signed_on) if it signed before then; otherwise sign as its successor", path)
            elif signed >= body.end:
                loaded.error("organisation-ended", f"{body.name} ended on {body.end.isoformat()}, before the signature on {signed.isoformat()}",
                             "check the date, or sign as the organisation that replaced it", ("signed_on",))
        if body.start is not None and signed is not None and signed < body.start:
            loaded.error("organisation-not-started", f"{body.name} only began on {body.start.isoformat()}, after the signature date",
                         "check the date, or sign as the organisation that existed then", ("signed_on",))

    def check_dates(self, record: Record) -> None:
        data, loaded = record.data, record.loaded
        for pattern in DATE_FIELDS:
            for path, value in _at(data, pattern, ()):
                if not isinstance(value, str) or not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
                    continue  # the schema reports the form
                try:
                    day = datetime.date.fromisoformat(value)
                except ValueError:
                    loaded.error("date-invalid", f"{describe(path)}: {value} is not a real date",
                                 "check the day and month (YYYY-MM-DD)", path)
                    continue
                if pattern in PAST_DATES and day > self.today:
                    loaded.error("date-future", f"{describe(path)}: {value} is in the future",
                                 "dates of things that happened cannot be later than today", path)
                if pattern == ("signed_on",) and day < LAUNCH:
                    loaded.error("date-before-launch", f"the signature date {value} is before the Declaration was launched on {LAUNCH.isoformat()}",
                                 "check the year", path)
        for updates_path in (("updates",), ("commitment", "updates")):
            updates = _get(data, updates_path)
            if not isinstance(updates, list):
                continue
            previous = None
            for index, update in enumerate(updates):
                day = _date(update.get("date")) if isinstance(update, dict) else None
                if day is None:
                    continue
                if previous is not None and day < previous:
                    path = updates_path + (index, "date")
                    loaded.error("date-order", f"{describe(path)}: this update is dated before the one above it",
                                 "list updates oldest first, adding new ones at the bottom", path)
                previous = day

    def check_near_duplicates(self, selected: set[str] | None) -> None:
        """Warn when a title says much the same as others of its type ("3 projects already cover ...")."""
        by_type: dict[str, list[tuple[Record, frozenset[str]]]] = defaultdict(list)
        for record in self.result.records.values():
            title = record.data.get("title") if record.ctype is not None else None
            if isinstance(title, str):
                words = _title_words(title)
                if len(words) >= 2:
                    by_type[record.ctype.name].append((record, words))
        for entries in by_type.values():
            # A similarity join with prefix filtering: two titles with Jaccard >= 0.6 must share
            # one of the rarest few words of each, so only those words are indexed and looked up.
            # Word sets become bit masks, so an overlap is one AND and a bit count.
            frequency: Counter[str] = Counter(word for _record, words in entries for word in words)
            bit = {word: 1 << number for number, word in enumerate(frequency)}
            masks = [sum(bit[word] for word in words) for _record, words in entries]
            sizes = [len(words) for _record, words in entries]
            prefixes = [_prefix(words, frequency) for _record, words in entries]
            index: dict[str, list[int]] = defaultdict(list)
            for position, prefix in enumerate(prefixes):
                for word in prefix:
                    index[word].append(position)
            for position, (record, words) in enumerate(entries):
                if selected is not None and record.relpath not in selected:
                    continue
                mask, size = masks[position], sizes[position]
                smallest, largest = NEAR_DUPLICATE * size, size / NEAR_DUPLICATE  # Jaccard bounds the sizes too
                counts = {}
                for other in {other for word in prefixes[position] for other in index[word]}:
                    other_size = sizes[other]
                    if smallest <= other_size <= largest and other != position:
                        shared = (mask & masks[other]).bit_count()
                        if shared >= NEAR_DUPLICATE * (size + other_size - shared):
                            counts[other] = shared
                related = set(_related(record))
                similar = []
                for other in counts:
                    other_record = entries[other][0]
                    if other_record.id not in related and record.id not in _related(other_record):
                        similar.append(other_record)
                if similar:
                    similar.sort(key=lambda r: r.relpath)
                    names = "; ".join(f"'{r.data['title']}' ({r.relpath})" for r in similar[:3])
                    count = len(similar)
                    noun = f"{record.ctype.plural.lower()} already cover" if count > 1 else f"{record.ctype.label} already covers"
                    record.loaded.findings.append(Finding(
                        record.relpath, *record.loaded.mark(("title",)), WARNING, "title-near-duplicate",
                        f"{count} other {noun} much the same: {names}",
                        "check whether you can join or reuse it; if yours is different, make the title say how, "
                        "or list it under related: if they belong together"))


NEAR_DUPLICATE = 0.6  # Jaccard similarity of title words at which a warning is given


def _prefix(words: frozenset[str], frequency: Counter) -> list[str]:
    ordered = sorted(words, key=lambda word: (frequency[word], word))
    return ordered[: len(ordered) - math.ceil(NEAR_DUPLICATE * len(ordered)) + 1]


_STOP = frozenset("a an and the of for to in on with by at from our your their new digital council councils local service services "
                  "project projects system platform discovery alpha beta live phase".split())


def _title_words(title: str) -> frozenset[str]:
    words = re.findall(r"[a-z0-9]+", title.lower())
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w not in _STOP)


def _related(record: Record) -> list:
    related = record.data.get("related")
    return related if isinstance(related, list) else []


def _normalise(path: str) -> str:
    return Path(os.path.normpath(path)).as_posix().removeprefix("./")


def _date(value: object) -> datetime.date | None:
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _get(data: object, path: tuple) -> object:
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _at(data: object, pattern: tuple, prefix: tuple) -> Iterable[tuple[tuple, object]]:
    """Every (path, value) matching a pattern with '*' for list items."""
    if not pattern:
        yield prefix, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from _at(item, rest, prefix + (index,))
    elif isinstance(data, dict) and head in data:
        yield from _at(data[head], rest, prefix + (head,))


def validate(root: Path, paths: Iterable[str] | None = None, overlay: dict[str, bytes] | None = None,
             today: datetime.date | None = None, memo: dict | None = None) -> Result:
    """Validate the repository at root; with paths, report on those files (and what refers to them).
    memo, kept by a long-lived caller between runs, lets unchanged files' checks be reused."""
    return Validator(root, overlay, today, memo).run(paths)
