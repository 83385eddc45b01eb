"""Page weight: the bytes a first visit to a page downloads, compressed as a server would send
them (gzip), counting the page and the stylesheets, scripts and images it names on the site.
Search's own files load only when someone searches, so they are not counted. Used by the
tests (a budget per template) and by anyone who wants the figures (python -m localdigital.build.weight SITE)."""

from __future__ import annotations

import gzip
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

# Bytes over the wire per page, first visit, compressed: issue 18's readers' budget (150 KB on a
# phone), the one scripts/bench's read stage holds every template to. Pages are 79-114 KB at
# 1,000 and 5,000 generated items (BENCHMARKS.md, Readers).
BUDGET = 150_000


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and (a.get("rel") or "") in ("stylesheet", "icon") and a.get("href"):
            self.found.append(a["href"])
        elif tag in ("script", "img") and a.get("src"):
            self.found.append(a["src"])


def page_weight(site: Path, url: str) -> tuple[int, dict[str, int]]:
    """(total compressed bytes, {file: compressed bytes}) of the page at url (e.g. "projects/")."""
    page = site / url / "index.html" if not url.endswith(".html") else site / url
    files = {page.relative_to(site).as_posix(): page.read_bytes()}
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    base = "http://site/" + url
    for href in parser.found:
        target = urlsplit(urljoin(base, href))
        if target.netloc != "site" or target.path.startswith("/pagefind/"):
            continue
        path = site / target.path.lstrip("/")
        if path.is_file():
            files[target.path.lstrip("/")] = path.read_bytes()
    sizes = {name: len(gzip.compress(data, 6)) for name, data in files.items()}
    return sum(sizes.values()), sizes


if __name__ == "__main__":
    site = Path(sys.argv[1])
    for url in sys.argv[2:] or [""]:
        total, _sizes = page_weight(site, url)
        print(f"{url or '/'}\t{total}\t{'over' if total > BUDGET else 'within'} budget ({BUDGET})")
