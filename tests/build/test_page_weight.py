"""Page weight per template, compressed, first visit: under the budget (build/weight.py), and
reported in test-output/page-weight.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from localdigital.build import build_site
from localdigital.build.weight import BUDGET, page_weight
from tests.support import GOOD, REPO, make_site_repo

TEMPLATES = {"home": "", "listing": "projects/", "signatory": "signatories/essex-county-council/",
             "project": "projects/shared-waste/", "pattern": "patterns/book-bulky-waste/", "statistics": "statistics/",
             "section": "share/", "glossary": "glossary/", "facet": "projects/by_phase/discovery/"}


@pytest.fixture(scope="module")
def weights(tmp_path_factory) -> dict[str, tuple[int, dict[str, int]]]:
    root = make_site_repo(tmp_path_factory.mktemp("weight") / "repo", GOOD)
    assert build_site(root, root / "site") == 0
    found = {name: page_weight(root / "site", url) for name, url in TEMPLATES.items()}
    out = REPO / "test-output"
    out.mkdir(exist_ok=True)
    lines = ["| template | KiB (gzip, first visit) | budget KiB |", "|---|---|---|"]
    lines += [f"| {name} | {total / 1024:.1f} | {BUDGET / 1024:.0f} |" for name, (total, _sizes) in found.items()]
    (out / "page-weight.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return found


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_template_is_within_the_page_weight_budget(weights, name: str) -> None:
    total, sizes = weights[name]
    assert any(path.endswith(".css") for path in sizes) and any(path.endswith(".js") for path in sizes)  # assets are counted
    assert total <= BUDGET, sorted(sizes.items(), key=lambda pair: -pair[1])[:5]


def test_the_weight_counts_what_a_page_names_and_not_search(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "pagefind").mkdir()
    (site / "style.css").write_text("x" * 1000)
    (site / "pagefind/pagefind.js").write_text("y" * 1000)
    (site / "a/index.html").write_text('<link rel="stylesheet" href="../style.css"><script src="../pagefind/pagefind.js"></script>'
                                       '<script src="https://elsewhere.example/x.js"></script>')
    total, sizes = page_weight(site, "a/")
    assert sorted(sizes) == ["a/index.html", "style.css"] and total == sum(sizes.values())
