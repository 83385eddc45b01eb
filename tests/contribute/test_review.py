"""The review summary: two real commits in a fixture repository give the expected lines."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from localdigital.contribute.review import ReviewError, field_changes, main, summarise
from tests.support import write_files

ADUR_BEFORE = "organisation:\n  code: ADU\ncommitment:\n  title: Open up our waste data\n  status: in-progress\n"
ADUR_AFTER = ("organisation:\n  code: ADU\ncontact: digital@adur-worthing.gov.uk\ncommitment:\n  title: Open up our waste data\n"
              "  status: delivered\nsources:\n  - https://www.adur-worthing.gov.uk/news/declaration\n")
PROJECT = "---\ntitle: {title}\nsummary: Councils building one waste service together.\nlead: ADU\n---\n\n{body}\n"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def history(make_repo):
    """A git repository with a first commit; commit(files, removed) adds a second and returns the root."""
    root = make_repo({
        "signatories/adur-district-council.yml": ADUR_BEFORE,
        "content/projects/shared-waste-service.md": PROJECT.format(title="Shared waste collection service", body="Hello."),
        "content/projects/old-project.md": PROJECT.format(title="Retired parking permits", body="Old."),
    })
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test")
    git(root, "config", "user.email", "test@example.org")
    git(root, "config", "commit.gpgsign", "false")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")

    def commit(files: dict[str, str], removed: tuple[str, ...] = ()) -> Path:
        write_files(root, files)
        for path in removed:
            (root / path).unlink()
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "second")
        return root

    return commit


def test_a_status_change_is_told_in_words_with_the_register_name(history) -> None:
    root = history({"signatories/adur-district-council.yml": ADUR_AFTER})
    summary = summarise(root, "HEAD^1", "HEAD")
    assert "- Adur District Council: commitment status in-progress → delivered" in [line.strip() for line in summary.splitlines()]
    assert "0 added, 1 changed, 0 removed" in summary


def test_new_links_and_contact_details_need_a_second_look(history) -> None:
    root = history({"signatories/adur-district-council.yml": ADUR_AFTER})
    lines = summarise(root, "HEAD^1", "HEAD").splitlines()
    look = lines[lines.index("### Needs a second look"):]
    assert any("new external link: https://www.adur-worthing.gov.uk/news/declaration" in line for line in look)
    assert any("contact details: digital\\@adur-worthing.gov.uk" in line for line in look)


def test_a_link_that_was_already_there_does_not_need_a_second_look(history) -> None:
    root = history({"content/projects/shared-waste-service.md":
                    PROJECT.format(title="Shared waste collection service", body="Hello. See https://example.org/a")})
    history_root = root
    first = summarise(history_root, "HEAD^1", "HEAD")
    assert "new external link: https://example.org/a" in first
    git(root, "commit", "-q", "--allow-empty", "-m", "third")
    write_files(root, {"content/projects/shared-waste-service.md":
                       PROJECT.format(title="Shared waste collection service", body="Hello again. See https://example.org/a")})
    git(root, "commit", "-q", "-am", "fourth")
    assert "Needs a second look" not in summarise(root, "HEAD^1", "HEAD")


def test_added_and_removed_items_are_listed_with_their_titles(history) -> None:
    root = history({"content/projects/bulky-waste-booking.md": PROJECT.format(title="Bulky waste booking", body="New.")},
                   removed=("content/projects/old-project.md",))
    lines = summarise(root, "HEAD^1", "HEAD").splitlines()
    assert "1 added, 0 changed, 1 removed" in lines
    assert "- Project: Bulky waste booking (`content/projects/bulky-waste-booking.md`)" in lines
    assert "- Project: Retired parking permits (`content/projects/old-project.md`)" in lines


def test_organisations_touched_use_register_names(history) -> None:
    root = history({"content/projects/bulky-waste-booking.md": PROJECT.format(title="Bulky waste booking", body="New.")})
    lines = summarise(root, "HEAD^1", "HEAD").splitlines()
    touched = lines[lines.index("### Organisations touched"):]
    assert "- Adur District Council" in touched


def test_a_near_duplicate_title_is_warned_about(history) -> None:
    root = history({"content/projects/shared-waste-collection.md":
                    PROJECT.format(title="Shared waste collection service", body="Again.")})
    summary = summarise(root, "HEAD^1", "HEAD")
    assert "### Possible duplicates" in summary
    assert "shared-waste-service.md" in summary


def test_a_change_only_in_the_page_text_says_so(history) -> None:
    root = history({"content/projects/shared-waste-service.md":
                    PROJECT.format(title="Shared waste collection service", body="Hello, world.")})
    lines = [line.strip() for line in summarise(root, "HEAD^1", "HEAD").splitlines()]
    assert "- Shared waste collection service: text of the page changed" in lines


def test_markdown_in_a_title_is_shown_as_text_not_rendered(history) -> None:
    root = history({"content/projects/x-project.md": PROJECT.format(title='"[Click](https://evil.example) @here"', body=".")})
    summary = summarise(root, "HEAD^1", "HEAD")
    assert "\\[Click\\]" in summary and "\\@here" in summary


def test_no_content_change_says_so(history) -> None:
    root = history({"README.md": "hello\n"})
    assert "No content files change." in summarise(root, "HEAD^1", "HEAD")


def test_list_changes_name_what_was_added_and_removed() -> None:
    assert field_changes({"sources": ["https://a.example"]}, {"sources": ["https://b.example"]}) == [
        "sources: added https://b.example; removed https://a.example"]


def test_an_unknown_revision_is_a_plain_error_with_exit_code_2(history, capsys) -> None:
    root = history({"README.md": "x\n"})
    assert main(["--root", str(root), "--base", "no-such-branch"]) == 2
    assert "cannot compare no-such-branch" in capsys.readouterr().err
    with pytest.raises(ReviewError):
        summarise(root, "--output=/tmp/x", "HEAD")


def test_files_kept_beside_documents_are_listed_even_when_nothing_else_changes(history) -> None:
    root = history({"content/documents/waste-report/report.pdf": "%PDF-1.7 not really\n"})
    text = summarise(root, "HEAD~1", "HEAD")
    assert "### Files kept beside documents" in text
    assert "- added: `content/documents/waste-report/report.pdf`" in text
    assert "No content files change." not in text
