"""The hostile-document corpus (tests/hostile/documents.py): each file is refused on the line of
the document that names it, with a clear message, in bounded time (the reading runs in a child
process under limits of memory and CPU), and a real build refuses to publish it, leaving the last
good site as it was. Clean files pass; a named author is a warning."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from localdigital.build import build_site
from localdigital.validate import validate
from tests.hostile import documents as corpus
from tests.support import GOOD, TODAY, make_site_repo

SECONDS = 30.0  # validating one hostile document, child process included (most take a fraction of a second)


def shown(findings) -> str:
    return "\n".join(f"  {f.path}:{f.line}:{f.col} {f.severity} [{f.rule}] {f.message}" for f in findings)


def with_document(root: Path, name: str, raw: bytes, licence: str = "OGL-UK-3.0") -> Path:
    (root / corpus.FOLDER).mkdir(parents=True, exist_ok=True)
    (root / corpus.DOC).write_text(corpus.document(name, licence), encoding="utf-8")
    (root / corpus.FOLDER / name).write_bytes(raw)
    return root


@pytest.mark.parametrize("case", corpus.HOSTILE, ids=[c[0] for c in corpus.HOSTILE])
def test_a_hostile_document_is_refused_on_the_line_naming_it_and_never_published(case, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # read afresh, not from a result kept by an earlier run
    _name, file_name, make, rule = case
    root = with_document(make_site_repo(tmp_path / "repo", GOOD), file_name, make())
    started = time.perf_counter()
    result = validate(root, today=TODAY)
    assert time.perf_counter() - started < SECONDS
    errors = [f for f in result.errors if f.path == corpus.DOC and f.line == corpus.FILE_LINE
              and f.rule.startswith("document-") and (rule is None or f.rule == rule)]
    assert errors, f"expected [{rule or 'document-*'}] at {corpus.DOC}:{corpus.FILE_LINE}, got:\n{shown(result.findings)}"
    assert all(file_name in f.message for f in errors), "the message names the file"
    assert all(f.hint for f in errors)

    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site\n", encoding="utf-8")
    assert build_site(root, site) == 1
    assert sorted(os.listdir(site)) == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the last good site\n"


def test_the_corpus_covers_every_threat_of_the_issue() -> None:
    names = {c[0] for c in corpus.HOSTILE}
    assert {"pdf-javascript", "pdf-launch-action", "pdf-embedded-file", "pdf-xfa", "docm-renamed-docx", "ole-renamed-pdf",
            "pdf-bomb", "truncated-pdf"} <= names


@pytest.mark.parametrize("file_name, make", [("report.pdf", corpus.clean_pdf), ("report.docx", corpus.clean_docx)])
def test_a_clean_file_with_an_open_licence_passes(file_name, make, make_repo) -> None:
    root = with_document(make_repo(copy_registers=False), file_name, make())
    result = validate(root, today=TODAY)
    assert result.findings == [], shown(result.findings)


def test_a_file_whose_metadata_names_an_author_is_a_warning_on_its_line(make_repo) -> None:
    root = with_document(make_repo(), "report.pdf", corpus.pdf_with_author())
    result = validate(root, today=TODAY)
    assert [(f.line, f.severity, f.rule) for f in result.findings] == [(corpus.FILE_LINE, "warning", "document-author-named")]


def test_a_file_kept_here_needs_an_open_licence(make_repo) -> None:
    root = with_document(make_repo(), "report.pdf", corpus.clean_pdf(), licence="All-rights-reserved")
    result = validate(root, today=TODAY)
    assert [(f.line, f.rule) for f in result.errors] == [(7, "document-licence-not-open")], shown(result.findings)


def test_the_type_is_read_from_the_bytes_not_the_name(make_repo) -> None:
    root = with_document(make_repo(), "report.docx", corpus.clean_pdf())
    result = validate(root, today=TODAY)
    assert [(f.line, f.rule) for f in result.errors] == [(corpus.FILE_LINE, "document-file-type")], shown(result.findings)
    assert "its bytes are PDF" in result.errors[0].message


def test_a_file_too_large_is_refused_without_being_read(make_repo) -> None:
    from localdigital.load.documents import MAX_DOCUMENT_BYTES
    root = with_document(make_repo(), "report.pdf", b"%PDF-1.7\n" + b" " * MAX_DOCUMENT_BYTES)
    result = validate(root, today=TODAY)
    assert [(f.line, f.rule) for f in result.errors] == [(corpus.FILE_LINE, "document-file-too-large")], shown(result.findings)


def test_a_file_no_document_names_is_refused_on_the_file_itself(make_repo) -> None:
    root = with_document(make_repo(), "report.pdf", corpus.clean_pdf())
    (root / corpus.FOLDER / "extra.pdf").write_bytes(corpus.clean_pdf())
    (root / "content/documents/nobody").mkdir()
    (root / "content/documents/nobody/x.csv").write_text("a,b\n", encoding="utf-8")
    result = validate(root, today=TODAY)
    assert sorted((f.path, f.rule) for f in result.errors) == [
        ("content/documents/hostile-report/extra.pdf", "document-file-unlisted"),
        ("content/documents/nobody/x.csv", "document-file-unlisted")], shown(result.findings)


def test_a_pull_request_changing_only_the_file_checks_it_with_its_document(make_repo) -> None:
    root = with_document(make_repo(), "report.pdf", corpus.pdf_with_javascript())
    result = validate(root, [corpus.FOLDER + "report.pdf"], today=TODAY)
    assert [(f.path, f.line, f.rule) for f in result.errors] == [(corpus.DOC, corpus.FILE_LINE, "document-active-content")]


def test_a_file_the_document_names_must_exist(make_repo) -> None:
    root = make_repo({corpus.DOC: corpus.document("missing.pdf")})
    result = validate(root, today=TODAY)
    assert [(f.line, f.rule) for f in result.errors] == [(corpus.FILE_LINE, "document-file-missing")], shown(result.findings)


def test_the_child_that_reads_a_document_cannot_take_more_than_its_memory_limit() -> None:
    """The limits run_limited sets on its child: a child that asks for more memory fails, and run_limited
    turns any failed child into a finding (the PDF bomb above is stopped by pypdf's own cap first)."""
    import subprocess
    import sys

    from localdigital.load.documents import MEMORY_LIMIT, _limits
    hungry = subprocess.run([sys.executable, "-c", f"b = bytearray({MEMORY_LIMIT * 2})"], preexec_fn=_limits,
                            capture_output=True, check=False)
    assert hungry.returncode != 0 and b"MemoryError" in hungry.stderr
    fine = subprocess.run([sys.executable, "-c", f"b = bytearray({MEMORY_LIMIT // 8})"], preexec_fn=_limits, check=False)
    assert fine.returncode == 0


def test_a_child_that_fails_is_a_finding_not_a_traceback(tmp_path) -> None:
    from localdigital.load import documents
    path = tmp_path / "report.pdf"
    path.write_bytes(corpus.clean_pdf())
    problems = documents.run_limited(str(path), "report.pdf")
    assert problems == []
    missing = documents.run_limited(str(tmp_path / "gone.pdf"), "gone.pdf")  # the child fails to open it
    assert [p[1] for p in missing] == ["document-too-complex"]


def test_results_are_kept_by_the_files_bytes_so_a_changed_file_is_read_again(make_repo, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = with_document(make_repo(), "report.pdf", corpus.pdf_with_javascript())
    first = validate(root, today=TODAY)
    assert [f.rule for f in first.errors] == ["document-active-content"]
    assert list((tmp_path / "cache/localdigital").glob("document-*")), "the result was kept"
    assert validate(root, today=TODAY).findings == first.findings  # read back from the cache
    (root / corpus.FOLDER / "report.pdf").write_bytes(corpus.clean_pdf())
    assert validate(root, today=TODAY).findings == []
    (root / corpus.FOLDER / "report.pdf").write_bytes(corpus.pdf_with_javascript())
    assert [f.rule for f in validate(root, today=TODAY).errors] == ["document-active-content"]
