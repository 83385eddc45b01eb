"""The pipeline, driven once: validate → history → model → emit, refused when the content has
errors. Used by `localdigital build`, by the mkdocs hook when mkdocs runs on its own, and by
`localdigital emit`. Also what the built site must hold (the manifest, for the audits) and the
two site settings the renderer's configuration gives."""

from __future__ import annotations

import json
from pathlib import Path

from .. import report
from ..emit import DEFAULT_SITE_URL, Output, OutputCollision, emit_site
from ..findings import ERROR, Finding
from ..load.history import read_history
from ..model import SiteModel, build_model
from ..validate import Result, validate


def site_path_of(src: str) -> str:
    """Where an emitted page or data file lands in the built site (directory URLs)."""
    if not src.endswith(".md"):
        return src
    return src[:-3] + ".html" if src == "index.md" or src.endswith("/index.md") else src[:-3] + "/index.html"


def manifest(model: SiteModel, output: Output, site_url: str = DEFAULT_SITE_URL) -> dict:
    """What the built site must hold, for the post-build audits: every output and every item,
    and the address the feeds link to them under."""
    return {
        "site_url": site_url,
        "outputs": sorted(site_path_of(src) for src in output),
        "items": [{"type": i.ctype.name, "id": i.id, "relpath": i.relpath, "url": i.url,
                   "first_published": i.first_published.isoformat() if i.first_published else None}
                  for i in model.all_items()],
    }


class BuildRefused(Exception):
    """Content has errors: the site is not built. Carries the findings."""

    def __init__(self, result: Result) -> None:
        super().__init__(f"{len(result.errors)} errors in the content")
        self.result = result


def load_site(root: Path, site_url: str = DEFAULT_SITE_URL, new_base: str = "",
              manifest_path: Path | None = None, memo: dict | None = None, jobs: int = 1) -> tuple[Output, Result, str]:
    """Validate, model and emit; refuse when any finding is an error. Returns (output, result, history note).
    new_base is GitHub's new-file address of the repository (…/new/main/), for "add" links; with
    manifest_path, the manifest of what was emitted is written there for the post-build audits;
    memo is the validator's per-file memory between runs (see validate.Validator); jobs, the
    processes a large repository's files may be checked in (validate.parallel; 1 in a caller with threads)."""
    result = validate(root, memo=memo, jobs=jobs)
    if result.errors:
        raise BuildRefused(result)
    history = read_history(root)
    model = build_model(result, history.dates, new_base=new_base)
    try:
        output = emit_site(model, root, site_url)
    except OutputCollision as collision:  # a path the validator does not know the build writes: refuse, on the file
        result.findings.append(Finding(collision.relpath, 1, 1, ERROR, "page-path-reserved",
                                       f"the site makes the page {collision.path} itself", "rename or move the file"))
        raise BuildRefused(result) from None
    if manifest_path is not None:
        manifest_path.write_text(json.dumps(manifest(model, output, site_url)), encoding="utf-8")
    return output, result, history.note


def new_file_base(edit_uri: str) -> str:
    """GitHub's new-file address of the repository (…/new/main/) from the edit address the
    renderer's configuration gives (…/edit/main/); empty when there is none."""
    return edit_uri.replace("/edit/", "/new/", 1) if edit_uri.startswith("https://") else ""


def site_settings(site_url: str | None, edit_uri: str | None) -> tuple[str, str]:
    """(site_url, new_base) for load_site, from the renderer's two settings (either may be unset)."""
    return site_url or DEFAULT_SITE_URL, new_file_base(edit_uri or "")


def findings_text(result: Result) -> str:
    """Every finding of a run, as `localdigital validate` prints them."""
    return "\n".join(report.as_text(result.findings, result.files))


def say_findings(result: Result, note: str, flush: bool = False) -> None:
    """What a build that goes ahead says: its warnings (it has no errors), and the history's
    note (e.g. a shallow clone: first-published dates are approximate or left out)."""
    if result.findings:
        print(findings_text(result), flush=flush)
    if note:
        print(f"Note: {note}.", flush=flush)
