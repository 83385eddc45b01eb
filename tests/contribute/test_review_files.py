"""The review summary lists files that are not content items (images, pages, anything else), so
a maintainer cannot merge a screenshot without seeing it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from localdigital.contribute.review import summarise
from tests.support import png, write_files


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", *args],
                   cwd=root, check=True, capture_output=True)


def test_an_added_and_a_removed_image_are_listed_with_their_size(make_repo) -> None:
    root = make_repo({"content/images/old-chart.png": png(), "content/how-to-share.md": "# Share\n"})
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "first")
    (root / "content/images/old-chart.png").unlink()
    write_files(root, {"content/images/screenshot.png": png() + b"\0" * 100, "content/how-to-share.md": "# Share it\n"})
    git(root, "add", "-A")
    git(root, "commit", "-qm", "second")
    text = summarise(root, "HEAD^1", "HEAD")
    assert "### Other files" in text
    assert f"- Image added: `content/images/screenshot.png` ({len(png()) + 100:,} bytes): published with the site" in text
    assert "- Image removed: `content/images/old-chart.png`" in text
    assert "- Page changed: `content/how-to-share.md`" in text
    assert "3 other files (images, pages, anything else)" in text
