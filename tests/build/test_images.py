"""Images in content, built for real: one kept in content/images/ validates, builds and is
shown; the same image anywhere else is refused by the validator on its line, never by the build."""

from __future__ import annotations

from pathlib import Path

from localdigital.build import build_site
from localdigital.validate import validate
from tests.support import GOOD, make_site_repo, png


CASE_STUDY = """\
---
title: Reporting missed bins online
summary: How we moved missed bin reports online.
organisations: [ESS]
published: 2024-01-01
principles: [1]
---

What we did.

![Bar chart of missed bin reports by month]({target})
"""


def test_an_image_in_the_images_folder_validates_builds_and_is_shown(tmp_path: Path) -> None:
    files = dict(GOOD, **{"content/case-studies/missed-bins.md": CASE_STUDY.format(target="../images/missed-bins.png")})
    root = make_site_repo(tmp_path / "repo", files)
    (root / "content/images").mkdir()
    (root / "content/images/missed-bins.png").write_bytes(png())
    assert validate(root).errors == []
    assert build_site(root, root / "site") == 0
    assert (root / "site/images/missed-bins.png").read_bytes() == png()
    page = (root / "site/case-studies/missed-bins/index.html").read_text()
    assert 'src="../../images/missed-bins.png"' in page
    assert 'alt="Bar chart of missed bin reports by month"' in page


def test_an_image_beside_its_page_is_refused_on_its_line_by_the_validator_not_the_build(tmp_path: Path, capfd) -> None:
    files = dict(GOOD, **{"content/case-studies/missed-bins.md": CASE_STUDY.format(target="missed-bins.png")})
    root = make_site_repo(tmp_path / "repo", files)
    (root / "content/case-studies/missed-bins.png").write_bytes(png())
    found = {(f.path, f.line, f.rule) for f in validate(root).errors}
    assert found == {("content/case-studies/missed-bins.md", 11, "image-place"),
                     ("content/case-studies/missed-bins.png", 1, "image-place")}
    assert build_site(root, root / "site") == 1
    said = capfd.readouterr().out
    assert "[image-place]" in said and "how to fix: move the file to content/images/missed-bins.png" in said
    assert "strict mode" not in said and "not found among documentation files" not in said
