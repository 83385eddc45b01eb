"""Validation of a whole content repository, or of the files a pull request changes.

Runs top to bottom: discover files (no symlinks, nothing outside the content folders),
load each strictly, check it against its schema, then the rules across files
(ids, references, registers, dates, near-duplicates) and the safety of what will be
published. Every problem is collected as a Finding; nothing stops at the first one.

Each rule family has a file, named as its rule ids are (a new rule goes in the file of its
family, with an example folder under tests/example-files/invalid/<rule-id>/):

    files.py       file-*, symlink, repository-too-large, id-filename: which files, and their names
    schemas.py     schema-*: each file against its content type's JSON Schema
    safety.py      link-*, markdown-*, attr-list-*, field-*, personal-*: what will be published
    references.py  ref-*, service-unknown, organisation-*: what an item names
    agreements.py  agreement-*, brief-*: a procurement brief's agreement, lot and dates against the register
    dates.py       date-*
    events.py      event-*: times with a zone, in UK time, end not before start, past events
    documents.py   document-*: files kept beside a document (licence, type, size, active content)
    assessments.py assessment-*: council self-assessments (criteria, evidence, dates, history)
    duplicates.py  id-duplicate, signatory-duplicate, title-near-duplicate
    assets.py      image-*: images kept in content/images/, and how pages show them
    examples.py    template-example: a starter template's example text left in

(yaml-*, encoding-*, front-matter-* and the other rules of reading a file are the loader's,
in load/loader.py.)
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..content import GENERATED_PAGES, SIGNATORY, ContentType, content_type_for, is_kept_document_file, item_id, site_path
from ..findings import ERROR, Finding, sort_findings
from ..load.history import first_added
from ..load.loader import MAX_FILE_BYTES, load_markdown_file, load_yaml_file
from ..load.registers import Registers, RegisterError, load_registers
from ..load.criteria import CriteriaError, load_criteria
from . import agreements, assessments, assets, dates, documents, duplicates, events, examples, parallel, references, safety
from .files import MAX_FILES, MAX_TOTAL_BYTES, check_id_matches_name, check_site_paths, discover, file_name_problem, skim
from .records import Record, Result, whole_file
from .schemas import SchemaError, check_record, describe, load_schemas

__all__ = ["MAX_FILES", "MAX_TOTAL_BYTES", "Record", "Result", "Validator", "validate"]

MAX_SAFETY_FINDINGS = 25  # per file: enough to show what is wrong, bounded whatever the file holds


class _Enough(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


# ---- the run ------------------------------------------------------------------------

class Validator:
    """One validation run over a repository root."""

    def __init__(self, root: Path, overlay: dict[str, bytes] | None = None, today: datetime.date | None = None,
                 memo: dict | None = None, jobs: int = 1) -> None:
        self.root = root
        self.jobs = jobs  # processes for the per-file checks (0: as many as the machine has); see parallel.py
        self.overlay = overlay or {}
        self.today = today or datetime.date.today()
        # Per-file results kept between runs by a long-lived caller (`make serve`): a file whose
        # size and time are unchanged is not read or checked again. Rules across files always run.
        self.memo = memo
        self.result = Result()
        self.registers: Registers | None = None
        self.files: list[str] = []  # every file discovered, for the rules about files kept beside documents

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
        if selected is not None:  # a document's file is checked with the document that names it
            selected |= documents.owners(selected)
        if selected is not None:
            for path in selected:
                if path.startswith("../") or os.path.isabs(path):
                    result.findings.append(whole_file(path, "path-outside", "this path is outside the repository",
                                                      "give paths relative to the repository root"))
        # What a page may link to: pages, images in the one place they are kept (assets.py), agreements' pages.
        exists = ({site_path(f) for f in files if f.endswith((".md", ".yml")) or assets.is_image_file(f)}
                  | GENERATED_PAGES | agreements.agreement_pages(self.registers)).__contains__
        result.findings.extend(check_site_paths(files, selected))
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
        pending: list[tuple[str, ContentType | None]] = []  # files to load and check in full, in order
        for relpath in files:
            ctype = content_type_for(relpath)
            problem = file_name_problem(relpath, ctype)
            if is_kept_document_file(relpath):
                problem = None  # checked with its document (documents.py), or reported there as not listed
            elif problem and problem.rule == "file-unknown" or ctype is None and not relpath.endswith(".md") and not problem:
                problem = self.check_asset(relpath) or problem
            if problem:
                result.findings.append(problem)
                if problem.rule == "file-unknown" or problem.rule.startswith("image-") or ctype is None:
                    continue
            name = relpath.rpartition("/")[2]
            if ctype is None and not name.endswith(".md"):
                continue  # an asset beside the pages
            stamp = self.stamp(relpath)
            if stamp is not None and self.memo.get(relpath, (None,))[0] == stamp:
                _stamp, kept, valid = self.memo[relpath]
                result.records[relpath] = Record(relpath, ctype, replace(kept, findings=list(kept.findings)), valid)
                continue
            if selected is not None and relpath not in selected and ctype is not None:
                raw = self.read(relpath)
                if raw is None:
                    continue
                if not any(ident.encode() in raw for ident in gone):
                    result.records[relpath] = Record(relpath, ctype, skim(relpath, raw, ctype))
                    continue
            result.records[relpath] = None  # its place in the order; filled below
            pending.append((relpath, ctype))
        checked = self.check_files(pending, schemas, exists, selected)
        for relpath, _ctype in pending:
            record = checked.get(relpath)
            if record is None:
                del result.records[relpath]  # unreadable: reported by read()
                continue
            result.records[relpath] = record
            stamp = self.stamp(relpath)
            if stamp is not None:
                self.memo[relpath] = (stamp, replace(record.loaded, findings=list(record.loaded.findings)), record.valid)
        result.files = len(files) if selected is None else len(selected)  # the files checked in full
        self.files = files
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
            if any(f.rule in ("ref-unknown-organisation", "ref-unknown-item", "id-duplicate", "signatory-duplicate",
                              "assessment-evidence-unknown")
                   and any(f"'{i}'" in f.message or f"/{i}." in f.message for i in ids) for f in record.loaded.findings):
                touched.add(relpath)
        return touched

    # ---- per file -----------------------------------------------------------------

    def check_file(self, relpath: str, ctype: ContentType | None, schemas, exists, selected: set[str] | None) -> Record | None:
        """Read, load and check one file on its own (the rules across files come later)."""
        raw = self.read(relpath)
        if raw is None:
            return None
        if ctype is not None and not ctype.markdown:
            loaded = load_yaml_file(relpath, raw)
        else:
            loaded = load_markdown_file(relpath, raw, front_matter_required=ctype is not None)
        record = Record(relpath, ctype, loaded)
        if ctype is not None and isinstance(loaded.data, dict):
            record.valid = check_record(loaded, schemas[ctype.name])
        if selected is None or relpath in selected:
            self.check_safety(record, exists)
        return record

    def check_files(self, pending: list[tuple[str, ContentType | None]], schemas, exists,
                    selected: set[str] | None) -> dict[str, Record]:
        """Each pending file checked on its own: in this process, or, for a large repository on a
        machine with more than one core, shared with forked worker processes (see parallel.py)."""
        jobs = parallel.jobs_for(self.jobs, len(pending)) if self.memo is None else 1
        if jobs > 1:
            return parallel.check_in_parts(self, pending, schemas, exists, selected, jobs)
        return {relpath: record for relpath, ctype in pending
                if (record := self.check_file(relpath, ctype, schemas, exists, selected)) is not None}

    def check_asset(self, relpath: str) -> Finding | None:
        """A file that is not content: an image in its place, or a finding (assets.py)."""
        if relpath in self.overlay:
            raw = self.overlay[relpath]
            return assets.check_asset(relpath, len(raw), raw[:assets.HEAD_BYTES])
        try:
            with open(self.root / relpath, "rb") as handle:
                return assets.check_asset(relpath, os.fstat(handle.fileno()).st_size, handle.read(assets.HEAD_BYTES))
        except OSError as exc:
            return whole_file(relpath, "file-unreadable", f"the file cannot be read ({exc.strerror})",
                              "check that it exists and is readable")

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
                page = site_path(record.relpath)
                misplaced = set() if safety.too_complex(loaded.body) else assets.check_images(loaded.body, loaded.body_line, page, report)
                safety.check_markdown(loaded.body, loaded.body_line, page, report,
                                      (lambda path: path in misplaced or exists(path)) if misplaced else exists)
            if record.ctype is not None and isinstance(loaded.data, dict):
                examples.check_examples(loaded.data, loaded.body, loaded.body_line, loaded.mark, report)
            if isinstance(loaded.data, dict):
                for path, value in loaded.suspect:  # the loader lists the only values these checks can fire on
                    safety.check_text_field(value, lambda sev, rule, msg, hint, _p=path:
                                            report(*loaded.mark(_p), sev, rule, f"{describe(_p)}: {msg}", hint), path)
                safety.check_links_field(loaded.data, loaded.mark, report)
        except _Enough as enough:
            # A hostile file with a problem on every line would otherwise make millions of findings.
            loaded.findings.append(Finding(record.relpath, enough.line, 1, ERROR, "too-many-problems",
                                           f"this file has more than {MAX_SAFETY_FINDINGS} problems; checking stopped here",
                                           "fix the problems above, then check the file again"))

    # ---- across files ---------------------------------------------------------------

    def check_across(self, selected: set[str] | None) -> None:
        """The rules across files, each in the file of its rule family."""
        records, registers = self.result.records, self.registers
        duplicates.check_ids(records)
        signatory_ids = {r.id for r in records.values() if r.ctype is SIGNATORY}
        item_ids = {r.id for r in records.values() if r.ctype is not None and r.ctype is not SIGNATORY}
        codes: dict[str, list[Record]] = {}
        for record in records.values():
            if record.ctype is None or not record.data:
                continue
            check_id_matches_name(record)
            dates.check_dates(record, self.today)
            if record.ctype is SIGNATORY:
                duplicates.check_signatory_code(record, codes)
                references.check_signatory_body(record, registers)
            references.check_references(record, registers, signatory_ids, item_ids)
            events.check_event(record, self.today, selected)
            if selected is None or record.relpath in selected:
                documents.check_document(record, self.root)
            agreements.check_agreement(record, registers, self.today)
        duplicates.report_signatory_duplicates(codes, self.added_order(selected))
        self.result.findings.extend(documents.check_unlisted(self.files, records))
        duplicates.check_near_duplicates(records, selected)
        # Issue 13: council self-assessments (criteria from the registers folder).
        try:
            criteria = load_criteria(self.root / "registers")
        except CriteriaError as exc:
            self.result.findings.append(whole_file("registers", "setup", str(exc), "restore the file from git, then run again"))
            return
        assessments.check_assessments(records, criteria, self.today, self.read,
                                      lambda relpath: selected is not None and relpath not in selected)

    def added_order(self, selected: set[str] | None):
        """When each file came into the repository, for blaming the later of two duplicates: a file
        in the selection (a pull request's) or being written counts as newest, then files git has
        not recorded, then by git's date."""
        def added(relpath: str) -> tuple[int, float]:
            if selected is not None and relpath in selected or relpath in self.overlay:
                return (1, 0.0)
            when = first_added(self.root, relpath)
            return (0, float("inf") if when is None else when)
        return added


def _normalise(path: str) -> str:
    return Path(os.path.normpath(path)).as_posix().removeprefix("./")


def validate(root: Path, paths: Iterable[str] | None = None, overlay: dict[str, bytes] | None = None,
             today: datetime.date | None = None, memo: dict | None = None, jobs: int = 1) -> Result:
    """Validate the repository at root; with paths, report on those files (and what refers to them).
    memo, kept by a long-lived caller between runs, lets unchanged files' checks be reused.
    jobs > 1 (or 0, for as many as the machine has) lets a large repository's files be checked in
    that many processes; a caller that runs threads must leave it at 1 (see parallel.py)."""
    return Validator(root, overlay, today, memo, jobs).run(paths)
