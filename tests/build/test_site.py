"""Real mkdocs builds of tiny repositories: pages, edit links, open data, feeds, refusal."""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from localdigital.build import build_site
from localdigital.build.audit import Expected, article_problems, audit_site, audit_sources, site_files
from tests.support import GOOD, PATTERN, PROJECT, make_site_repo


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = make_site_repo(tmp_path_factory.mktemp("site") / "repo", GOOD)
    assert build_site(root, root / "site") == 0
    return root / "site"


def test_every_item_has_a_page_reachable_from_its_listing(built: Path) -> None:
    listing = (built / "projects/index.html").read_text()
    assert 'href="shared-waste/"' in listing
    assert (built / "projects/shared-waste/index.html").exists()
    assert (built / "patterns/book-bulky-waste/index.html").exists()
    assert (built / "signatories/essex-county-council/index.html").exists()


def test_signatory_page_shows_register_facts_and_the_work_it_leads(built: Path) -> None:
    page = (built / "signatories/essex-county-council/index.html").read_text()
    assert "Essex County Council" in page
    assert "East of England" in page  # region comes from the register, not the contributor
    assert "A shared waste service" in page


def test_edit_link_opens_the_source_file_even_for_a_yaml_signatory(built: Path) -> None:
    page = (built / "signatories/essex-county-council/index.html").read_text()
    assert "/edit/main/signatories/essex-county-council.yml" in page


def test_authored_quotes_cannot_break_out_of_the_page_head(built: Path) -> None:
    page = (built / "projects/shared-waste/index.html").read_text()
    assert 'content="Councils building one waste service together, &quot;in the open&quot;."' in page


def test_open_data_validates_against_the_published_schema(built: Path) -> None:
    rows = json.loads((built / "data/projects.json").read_text())
    schema = json.loads((built / "schemas/project.schema.json").read_text())
    assert [row["id"] for row in rows] == ["shared-waste"]
    authored = {k: v for k, v in rows[0].items() if k not in ("id", "type", "url", "source", "derived")}
    jsonschema.Draft202012Validator(schema).validate(authored)
    lines = (built / "data/projects.json").read_text().splitlines()  # one record a line: easy to read and diff
    assert lines[0] == "[" and lines[-1] == "]" and json.loads(lines[1]) == rows[0]
    assert json.loads((built / "data/case-studies.json").read_text()) == []
    catalogue = json.loads((built / "data/data.json").read_text())
    assert {d["type"] for d in catalogue["datasets"]} == {"signatory", "case-study", "procurement-brief", "pattern", "project",
                                                          "training", "event", "document",
                                                          "agreement",  # the register of agreements (issue 15)
                                                          "self-assessment", "assessment-rating", "criterion"}  # issue 13


def test_signatory_export_credits_register_fields_as_derived(built: Path) -> None:
    rows = json.loads((built / "data/signatories.json").read_text())
    assert rows[0]["derived"]["gss_code"] == "E10000012"
    assert rows[0]["derived"]["nation"] == "England"


def test_feeds_are_atom_with_an_entry_per_dated_item(built: Path) -> None:
    tree = ET.parse(built / "feeds/all.xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = {e.findtext("a:title", namespaces=ns) for e in tree.getroot().findall("a:entry", ns)}
    assert titles == {"Essex County Council", "A shared waste service", "Book a bulky waste collection"}
    principle = ET.parse(built / "feeds/principle-2.xml").getroot()
    assert [e.findtext("a:title", namespaces=ns) for e in principle.findall("a:entry", ns)] == ["A shared waste service"]


def test_related_items_link_both_ways(built: Path) -> None:
    project = (built / "projects/shared-waste/index.html").read_text()
    assert "Book a bulky waste collection" in project


def test_no_page_loads_anything_from_another_origin(built: Path) -> None:
    for page in built.rglob("*.html"):
        html = page.read_text()
        assert "fonts.googleapis.com" not in html
        assert "api.github.com" not in html
        for tag in ("<script src=\"http", "<link rel=\"stylesheet\" href=\"http"):
            assert tag not in html, page


def test_the_built_site_passes_its_own_audit(built: Path) -> None:
    assert audit_site(built) == []


def test_the_audit_finds_an_item_missing_from_or_repeated_in_its_listing(built: Path, tmp_path: Path) -> None:
    from localdigital.build.audit import audit_nothing_lost, read_manifest
    from localdigital.build.pipeline import load_site
    root, site = built.parent, tmp_path / "site"
    shutil.copytree(built, site)
    load_site(root, manifest_path=tmp_path / "manifest.json")
    expected = read_manifest(tmp_path / "manifest.json")
    assert audit_nothing_lost(site, expected) == []
    listing = site / "projects" / "index.html"
    html = listing.read_text(encoding="utf-8")
    row = '<a href="shared-waste/">'
    assert html.count(row) == 1
    listing.write_text(html.replace(row, '<a href="elsewhere/">'), encoding="utf-8")
    assert audit_nothing_lost(site, expected) == [
        "content/projects/shared-waste.md: appears 0 times in projects/index.html, not once"]
    listing.write_text(html.replace(row, row + "x</a> " + row), encoding="utf-8")
    assert audit_nothing_lost(site, expected) == [
        "content/projects/shared-waste.md: appears 2 times in projects/index.html, not once"]


@pytest.mark.parametrize("added, said", [
    ('<textarea name="x"></textarea>', "the sanitiser removes a <textarea> element from the article"),
    ('<p style="color: red">x</p>', "the sanitiser removes style= on <p> from the article"),
    ('<a href="https://example.org/" accesskey="x">x</a>', "the sanitiser removes accesskey= on <a> from the article"),
    # A stray closing tag ends the <article> early in the whole page's parse: what follows must
    # still be checked as part of the article (it is, parsed alone).
    ('<p>hi</p></div><link rel="stylesheet" href="https://evil.example/x.css">',
     "the sanitiser removes a <link> element from the article"),
])
@pytest.mark.parametrize("articles", [1, 2])
def test_the_audit_finds_what_the_sanitiser_would_remove_from_an_article(built: Path, tmp_path: Path, added: str, said: str,
                                                                         articles: int) -> None:
    page = built / "projects" / "shared-waste" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert html.count("<article") == 1 and html.count("</article>") == 1
    changed = html.replace("</article>", added + "</article>")
    if articles == 2:
        changed = changed.replace("</body>", "<article><p>Another</p></article></body>")
    assert article_problems("page.html", html) == []
    assert f"page.html: {said}" in article_problems("page.html", changed)
    (tmp_path / "page.html").write_text(changed, encoding="utf-8")
    assert f"page.html: {said}" in audit_site(tmp_path)


def test_audit_refuses_an_inline_event_handler_or_javascript_link(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<p><img src="x.png" onerror="alert(1)"><a href=" JaVa&#x09;script:alert(1)">x</a></p>')
    problems = audit_site(tmp_path)
    assert any("onerror" in p for p in problems)
    assert any("javascript: URL" in p for p in problems)


def test_the_audit_in_several_processes_finds_what_one_finds_in_the_same_order(built: Path, tmp_path: Path,
                                                                              monkeypatch) -> None:
    site = tmp_path / "site"
    shutil.copytree(built, site)
    for n in range(60):  # more than one task of pages for each of two processes (at the same depth)
        (site / f"projects/copy-{n}").mkdir()
        shutil.copy(site / "projects/shared-waste/index.html", site / f"projects/copy-{n}/index.html")
    pages = sorted(site.rglob("*.html"))
    for n in (3, len(pages) // 2, len(pages) - 1):  # problems early, in the middle and late in the walk
        text = pages[n].read_text(encoding="utf-8")
        pages[n].write_text(text.replace("</article>", '<a href="javascript:alert(1)" onclick="x()">x</a></article>', 1),
                            encoding="utf-8")
    one = audit_site(site)
    assert len([p for p in one if "inline event handler onclick=" in p]) == 3
    from localdigital.build import audit
    pools = []

    class Recorded(audit.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs) -> None:
            pools.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(audit, "ProcessPoolExecutor", Recorded)
    monkeypatch.setattr(audit, "_can_fork", lambda: True)  # other tests' threads (the browser's) may still run
    assert audit_site(site, workers=2) == one
    assert len(pools) == 1  # it did run in other processes
    assert gc.get_freeze_count() == 0  # frozen only while the audit processes were forked
    assert audit_site(built, workers=2) == []


def _page_audit_that_dies(site: Path, relpath: str) -> list[str]:
    """In an audit process: killed (as by the kernel, out of memory) at the projects listing."""
    if relpath == "projects/index.html":
        os.kill(os.getpid(), signal.SIGKILL)
    return []


_INTERRUPT_HANDLED = multiprocessing.Event()  # made before the audit processes fork, so they share it


def _page_audit_that_interrupts(site: Path, relpath: str) -> list[str]:
    """In an audit process: Ctrl+C reaches the build (its parent) at the projects listing, and
    this page's audit lasts until the build has taken it (an event, not a guess of the clock:
    on a busy machine the other process could otherwise finish every page first)."""
    if relpath == "projects/index.html":
        os.kill(os.getppid(), signal.SIGINT)
        _INTERRUPT_HANDLED.wait(timeout=60)
    return []


def _many_pages(built: Path, site: Path) -> None:
    shutil.copytree(built, site)
    for n in range(200):
        (site / f"projects/copy-{n}").mkdir()
        shutil.copy(site / "projects/shared-waste/index.html", site / f"projects/copy-{n}/index.html")


def test_an_audit_process_killed_mid_way_fails_the_audit_not_the_build(built: Path, tmp_path: Path, monkeypatch) -> None:
    from localdigital.build import audit
    _many_pages(built, tmp_path / "site")
    monkeypatch.setattr(audit, "_page_audit", _page_audit_that_dies)
    monkeypatch.setattr(audit, "_can_fork", lambda: True)
    assert audit_site(tmp_path / "site", workers=2) == ["the audit of the pages did not finish (one of its processes was stopped)"]


def test_ctrl_c_during_the_audit_in_several_processes_stops_them_all(built: Path, tmp_path: Path, monkeypatch) -> None:
    from localdigital.build import audit
    _many_pages(built, tmp_path / "site")
    monkeypatch.setattr(audit, "_page_audit", _page_audit_that_interrupts)
    monkeypatch.setattr(audit, "_can_fork", lambda: True)

    def interrupted(signum, frame):  # Python's own handler, and a word to the audit process that it was taken
        _INTERRUPT_HANDLED.set()
        raise KeyboardInterrupt

    _INTERRUPT_HANDLED.clear()
    previous = signal.signal(signal.SIGINT, interrupted)
    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            audit_site(tmp_path / "site", workers=2)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert time.monotonic() - started < 30
    assert multiprocessing.active_children() == []  # no audit process left behind


def test_a_page_without_a_head_has_no_policy_and_is_refused(built: Path, tmp_path: Path) -> None:
    # The hook writes every page's policy, the theme's 404 page included (on_post_template);
    # the audit refuses any HTML file that has none, however it got into the site.
    assert 'http-equiv="Content-Security-Policy"' in (built / "404.html").read_text(encoding="utf-8")[:2048]
    (tmp_path / "stray.html").write_text("<p>no head</p>", encoding="utf-8")
    assert "stray.html: a page without <head>, so no Content-Security-Policy" in audit_site(tmp_path)


def test_every_file_in_the_site_must_come_from_an_allowed_source(tmp_path: Path) -> None:
    root, site = tmp_path / "repo", tmp_path / "site"
    (root / "docs").mkdir(parents=True)
    (root / "docs/extra.css").write_text("p {}")
    for relpath in ("index.html", "404.html", "extra.css", "pagefind/pagefind.js", "stray.txt", "deep/er/stray.js",
                    "deep-er/x.html"):
        (site / relpath).parent.mkdir(parents=True, exist_ok=True)
        (site / relpath).write_text("x")
    (site / "empty").mkdir()
    (site / "linked").symlink_to(root / "docs")  # a link to a folder: never followed, a file no source made
    expected = Expected(outputs={"index.html"}, items=[])
    assert audit_sources(site, root, expected) == [  # in the order of the paths' parts, as Path sorts them
        f"{relpath}: a file in the built site that no allowed source made"
        for relpath in ("deep/er/stray.js", "deep-er/x.html", "linked", "stray.txt")]
    files, links = site_files(site)
    assert links == ["linked"] and "linked" in files and not any(f.startswith("linked/") for f in files)
    assert audit_sources(site, root, expected, files) == audit_sources(site, root, expected)


def test_a_page_the_audit_cannot_read_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(b"<html><head></head><body><p>fine</p></body></html>")
    (tmp_path / "b.html").symlink_to(tmp_path / "nowhere")  # cannot be read
    problems = audit_site(tmp_path)
    assert "b.html: a symbolic link in the built site" in problems
    assert any(p.startswith("b.html: could not be audited (FileNotFoundError") for p in problems), problems


def test_content_with_errors_leaves_the_last_good_site_untouched(tmp_path: Path) -> None:
    root = make_site_repo(tmp_path / "repo", GOOD)
    site = root / "site"
    assert build_site(root, site) == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (root / "content/projects/bad.md").write_text("---\ntitle: Bad\nsummary: <script>alert(1)</script> here\n---\n")
    assert build_site(root, site) == 1
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before


def test_add_link_opens_github_new_file_page_with_a_template_that_validates_once_filled(built: Path, tmp_path: Path) -> None:
    import re
    from urllib.parse import parse_qs, urlsplit

    from localdigital.validate import validate
    listing = (built / "projects/index.html").read_text()
    href = re.search(r'href="(https://github.com/[^"]+/new/main/content/projects[^"]+)"', listing).group(1)
    query = parse_qs(urlsplit(href.replace("&amp;", "&")).query)
    template = query["value"][0]
    assert query["filename"] == ["your-project.md"]
    filled = (template.replace('title: ""', "title: A shared waste service").replace('summary: ""', "summary: Councils building one waste service together.")
              .replace('lead: ""', "lead: ESS").replace('phase: ""', "phase: discovery").replace('looking_for_partners: ""', "looking_for_partners: true"))
    root = make_site_repo(tmp_path / "repo", {"content/projects/new-one.md": filled})
    result = validate(root)
    assert result.errors == [], [f.message for f in result.errors]


def test_home_sign_button_leads_to_how_to_sign_which_opens_the_template_in_githubs_editor(built: Path) -> None:
    # First check whether you are already listed (how-to-sign), then sign: its links are the repository's own.
    home = (built / "index.html").read_text()
    assert 'class="md-button md-button--primary" href="how-to-sign/">Sign the Declaration</a>' in home
    how = (built / "how-to-sign/index.html").read_text()
    assert "/new/main/signatories?filename=your-signatory.yml&amp;value=" in how
    assert "https://github.com/OWNER/REPOSITORY/issues/new/choose" in how


def test_templates_page_offers_every_type_with_its_commented_template(built: Path) -> None:
    page = (built / "templates/index.html").read_text()
    for folder in ("signatories", "content/case-studies", "content/procurement-briefs", "patterns", "content/projects"):
        assert f"/new/main/{folder}?filename=" in page
    assert "yaml-language-server" in page


def test_every_feed_parses_cleanly_in_a_feed_reader(built: Path) -> None:
    feedparser = pytest.importorskip("feedparser")
    feeds = sorted((built / "feeds").glob("*.xml"))
    from localdigital.content import CONTENT_TYPES
    assert len(feeds) == 2 + 5 + len(CONTENT_TYPES)  # all, artefacts, one per principle, one per listing
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path.name, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        for entry in parsed.entries:
            assert entry.link.startswith("https://example.invalid/") and entry.published_parsed and entry.title


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_parallel_renderers_write_exactly_the_site_one_renderer_writes(tmp_path: Path) -> None:
    from localdigital.build import render
    files = {**GOOD,
             # a setext heading, a fenced block of "#" lines and a link to another page's anchor:
             # with three renderers, the linked page is written by another process
             "content/how-to-sign.md": "# Sign\n\nWho can sign\n------------\n\n```text\n# not a heading\n```\n\nA chief executive.\n",
             "content/how-to-share.md": "# Share\n\nFirst [check who can sign](how-to-sign.md#who-can-sign).\n"}
    root = make_site_repo(tmp_path / "repo", files)
    one, three = tmp_path / "one", tmp_path / "three"
    assert render(root, one, shards=1)
    assert render(root, three, shards=3)
    assert _tree(one) == _tree(three)
    assert 'href="../how-to-sign/#who-can-sign"' in (three / "how-to-share/index.html").read_text(encoding="utf-8")
    assert not list(tmp_path.glob("three-*")), "the other renderers' folders are removed"


def test_only_the_first_renderer_writes_the_data_feeds_and_theme_files(tmp_path: Path, monkeypatch) -> None:
    # The others write their pages alone: before, each wrote every data file, feed and theme
    # file again, for the merge to throw away.
    from localdigital.build import render, shard
    real_merge, seen = shard.merge, {}

    def merge(folders):
        for n, folder in enumerate(folders):
            seen[n] = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
        real_merge(folders)

    monkeypatch.setattr(shard, "merge", merge)
    root = make_site_repo(tmp_path / "repo", GOOD)
    assert render(root, tmp_path / "out", shards=2)
    first, other = seen[0], seen[1]
    for written in ("data/projects.json", "feeds/all.xml", "assets/stylesheets/site.css"):
        assert written in first and written not in other, written
    assert any(p.endswith("/index.html") and p != "index.html" for p in other)  # its share of the pages
    assert not {p for p in other if not p.endswith(".html") and p not in ("sitemap.xml", "sitemap.xml.gz")}
    site = _tree(tmp_path / "out")
    assert first | other <= set(site)


def test_parallel_renderers_say_a_content_error_once(tmp_path: Path, capfd) -> None:
    from localdigital.build import render
    root = make_site_repo(tmp_path / "repo", {**GOOD, "content/projects/bad.md": "---\ntitle: Bad\n---\n"})
    assert not render(root, tmp_path / "out", shards=2)
    said = capfd.readouterr()
    assert (said.out + said.err).count("content/projects/bad.md:") == 1


def test_the_build_says_the_contents_warnings_once_however_many_renderers(tmp_path: Path, capfd) -> None:
    # localdigital build validates and emits the site once, for every renderer (build._emit_once):
    # the renderers take the site it hands them and validate nothing themselves.
    from localdigital.build import render
    warned = PATTERN.replace("How to use it.", "How to use it. See [example.org](https://example.com).")
    root = make_site_repo(tmp_path / "repo", {**GOOD, "patterns/book-bulky-waste.md": warned})
    assert render(root, tmp_path / "out", shards=2)
    said = capfd.readouterr()
    assert (said.out + said.err).count("patterns/book-bulky-waste.md:") == 1
    assert "validates and emits the site again" not in said.out + said.err


@pytest.mark.parametrize("setting, value, seen, again", [
    # !ENV is resolved as mkdocs resolves it (build/deploy.read_settings): the site is emitted once
    ("site_url", "!ENV [LD_TEST_SETTING, https://example.invalid/]", "https://councils.example/projects/shared-waste/", False),
    ("site_url", "https://councils.example/site", None, False),  # mkdocs adds the slash to the path: so does the build
    ("edit_uri", "https://github.com/OWNER/REPOSITORY/edit/main", None, False),  # and at the end of edit_uri
])
def test_the_renderers_emit_the_site_again_only_when_the_build_cannot_read_their_settings(
        tmp_path: Path, capfd, monkeypatch, setting: str, value: str, seen: str | None, again: bool) -> None:
    # The build reads site_url and edit_uri from mkdocs.yml as mkdocs does (plain values and
    # !ENV) and normalises them as mkdocs does.
    root = make_site_repo(tmp_path / "repo", GOOD)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    line = next(line for line in config.splitlines() if line.startswith(f"{setting}:"))
    (root / "mkdocs.yml").write_text(config.replace(line, f"{setting}: {value}"), encoding="utf-8")
    monkeypatch.setenv("LD_TEST_SETTING", "https://councils.example/")
    assert build_site(root, root / "site") == 0
    said = capfd.readouterr()
    assert ("validates and emits the site again" in said.out + said.err) == again
    if seen:
        feed = (root / "site" / "feeds" / "all.xml").read_text(encoding="utf-8")
        assert seen in feed and "example.invalid" not in feed


def test_the_site_handed_to_the_renderers_is_whole_or_absent(tmp_path: Path) -> None:
    import os
    import pickle

    from localdigital.build.handoff import load_output, save_output
    from localdigital.emit import Page
    path = tmp_path / "site.emitted"
    settings = ("https://example.invalid/", "")
    with pytest.raises((pickle.PicklingError, AttributeError)):  # a value that cannot be written (as a full disk would stop it)
        save_output(path, settings, {"index.md": Page("# Home", None), "broken": lambda: None})
    assert list(tmp_path.iterdir()) == []  # neither the file nor a half of it
    save_output(path, settings, {"index.md": Page("# Home", None)})
    assert load_output(path, settings, os.getppid()) == {"index.md": Page("# Home", None)}
    assert load_output(path, ("https://councils.example/", ""), os.getppid()) is None  # other settings: emit again


def test_a_renderer_whose_build_has_stopped_does_not_wait_for_it(tmp_path: Path) -> None:
    # A renderer waits for the site the build emits only while the build is its parent.
    import sys
    root = make_site_repo(tmp_path / "repo", GOOD)
    said, pid = tmp_path / "said.txt", tmp_path / "pid.txt"
    launcher = ("import os, subprocess, sys\n"
                "env = {**os.environ, 'NO_MKDOCS_2_WARNING': '1', 'LOCALDIGITAL_EMITTED': sys.argv[1],"
                " 'LOCALDIGITAL_BUILD_PID': str(os.getpid())}\n"
                "renderer = subprocess.Popen([sys.executable, '-m', 'mkdocs', 'build', '--site-dir', sys.argv[2]],"
                " stdout=open(sys.argv[3], 'w'), stderr=subprocess.STDOUT, env=env)\n"
                "open(sys.argv[4], 'w').write(str(renderer.pid))\n")  # and stops at once
    subprocess.run([sys.executable, "-c", launcher, str(tmp_path / "never"), str(tmp_path / "out"), str(said), str(pid)],
                   cwd=root, check=True)
    try:
        deadline = time.monotonic() + 60
        while "Aborted" not in said.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "the build that started this renderer has stopped" in said.read_text(encoding="utf-8")
    finally:  # had it waited, it would wait for ever
        try:
            os.kill(int(pid.read_text()), signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_an_error_only_a_renderer_stopped_early_had_said_is_still_said_once(capsys) -> None:
    # The renderer that fails first stops the others, the first one too, maybe before it said
    # the error: the error's lines, continuation lines included, come from whichever said them.
    import tempfile

    from localdigital.build import _say_once
    logs = [tempfile.TemporaryFile(mode="w+", encoding="utf-8") for _ in range(3)]
    two = ("WARNING -  the content has warnings:\n"
           "content/a.md:2:1: warning: a named person's email [privacy]\n  how to fix: use a role mailbox\n"
           "content/b.md:2:1: warning: a named person's email [privacy]\n  how to fix: use a role mailbox\n")
    logs[0].write("INFO    -  Cleaning site directory\n" + two)
    error = ("ERROR   -  the content has errors, so the site was not built:\n"
             "content/projects/bad.md:1:1: error: summary is missing [schema]\n  how to fix: add a summary\n")
    logs[1].write("INFO    -  Cleaning site directory\n" + two + error)
    logs[2].write(error + "Aborted with a BuildError!\n")
    try:
        _say_once(logs)
    finally:
        for log in logs:
            log.close()
    said = capsys.readouterr().out
    assert said.count("content/projects/bad.md:1:1") == 1 and said.count("how to fix: add a summary") == 1
    assert said.count("Cleaning site directory") == 1 and said.count("Aborted") == 1
    assert said.count("content/a.md:2:1") == 1 and said.count("how to fix: use a role mailbox") == 2  # one under each


def test_a_link_to_a_missing_anchor_stops_the_build(tmp_path: Path) -> None:
    # mkdocs' --quiet silences --strict; the build must not use it.
    files = {**GOOD, "content/how-to-share.md": "# Share\n\nFirst [check who can sign](how-to-sign.md#no-such-heading).\n"}
    root = make_site_repo(tmp_path / "repo", files)
    assert build_site(root, root / "site") == 1
    assert not (root / "site").exists()


def _primary_navigation(page: Path, site: Path) -> dict[str, str]:
    """Each primary-navigation link of a built page: its label -> the site path it resolves to."""
    import posixpath

    from lxml import html
    document = html.fromstring(page.read_text(encoding="utf-8"))
    here = page.parent.relative_to(site).as_posix()
    links = {}
    for link in document.xpath('//nav[contains(@class, "md-nav--primary")]//a[contains(@class, "md-nav__link")][@href]'):
        if "#" in link.get("href"):
            continue  # the active page's own table of contents, shown in the navigation on phones
        label = " ".join(link.text_content().split())
        links[label] = posixpath.normpath(posixpath.join(here, link.get("href")))
    return links


def test_every_pages_navigation_leads_where_the_home_pages_does(built: Path) -> None:
    # The navigation is drawn once per folder and reused (overrides/main.html): each page's
    # links must still lead to the same pages as the home page's, from wherever it is.
    expected = _primary_navigation(built / "index.html", built)
    assert {"Signatories", "Patterns", "Projects"} <= set(expected)
    pages = [p for p in built.rglob("index.html") if "pagefind" not in p.parts]
    assert len(pages) > 20
    for page in pages:
        assert _primary_navigation(page, built) == expected, page.relative_to(built)


def test_the_renderers_shortcuts_change_no_page(built: Path, monkeypatch) -> None:
    # The navigation, header, footer, styles, scripts and theme configuration are drawn once
    # per folder or depth and reused (localdigital/render/fragments.py), and one Markdown converter
    # converts every page (hooks/): every page must come out byte for byte as without them.
    monkeypatch.setenv("LOCALDIGITAL_SHORTCUTS", "off")
    uncached = built.parent / "site-uncached"
    assert build_site(built.parent, uncached) == 0
    pages = sorted(p.relative_to(built) for p in built.rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) > 20 and any(len(p.parts) == 3 for p in pages)  # items and facet pages too
    assert pages == sorted(p.relative_to(uncached) for p in uncached.rglob("*.html") if "pagefind" not in p.parts)
    for page in pages:
        assert (built / page).read_bytes() == (uncached / page).read_bytes(), page


def test_a_fenced_block_of_html_is_shown_as_code_as_the_validator_reads_it(tmp_path: Path) -> None:
    # The validator (CommonMark) lets HTML through inside ``` fences; the site must render the
    # fence as code too, not pass the HTML on (found by tests/build/test_fuzz_build.py).
    project = PROJECT.replace("We are building it together.", "Embed it like this:\n\n```\n<script>alert(1)</script>\n```\n")
    root = make_site_repo(tmp_path / "repo", {**GOOD, "content/projects/shared-waste.md": project})
    assert build_site(root, root / "site") == 0
    page = (root / "site/projects/shared-waste/index.html").read_text(encoding="utf-8")
    assert "<code>&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_markdown_in_a_link_address_stays_part_of_the_address(tmp_path: Path) -> None:
    # Found by tests/build/test_fuzz_build.py: Markdown's link pattern ran inside the emitted <a href>.
    url = 'https://example.org/[x](https://example.org/"onmouseover="alert(1))'
    project = PROJECT.replace("principles: [1, 2]\n", f"principles: [1, 2]\nlinks:\n  - title: Blog\n    url: '{url}'\n")
    root = make_site_repo(tmp_path / "repo", {**GOOD, "content/projects/shared-waste.md": project})
    assert build_site(root, root / "site") == 0
    from lxml import html
    page = html.fromstring((root / "site/projects/shared-waste/index.html").read_text(encoding="utf-8"))
    links = page.xpath('//article//a[normalize-space() = "Blog"]')
    assert [link.get("href") for link in links] == [url]
    assert not page.xpath("//article//@*[starts-with(name(), 'on') or contains(name(), 'onmouseover')]")


def test_parallel_renderers_still_refuse_a_link_to_a_missing_anchor_on_another_renderers_page(tmp_path: Path) -> None:
    from localdigital.build import render
    for shards in (1, 2, 3):
        files = {**GOOD, "content/how-to-sign.md": "# Sign\n\n## Who can sign\n\nA chief executive.\n",
                 "content/how-to-share.md": "# Share\n\nFirst [check who can sign](how-to-sign.md#who-may-sign).\n"}
        root = make_site_repo(tmp_path / f"repo-{shards}", files)
        assert not render(root, tmp_path / f"out-{shards}", shards=shards), shards


def test_markdown_in_a_link_title_or_partner_name_stays_text(tmp_path: Path) -> None:
    # Found by tests/build/test_fuzz_build.py: Markdown between the tags of the emitted <a> made a link.
    project = PROJECT.replace("principles: [1, 2]\n", "principles: [1, 2]\npartners:\n  - name: '[Partner](javascript:alert(2))'\n"
                              "    kind: other\nlinks:\n  - title: '[x](javascript:alert(1)) blog'\n    url: https://example.org/blog\n")
    root = make_site_repo(tmp_path / "repo", {**GOOD, "content/projects/shared-waste.md": project})
    assert build_site(root, root / "site") == 0
    from lxml import html
    page = html.fromstring((root / "site/projects/shared-waste/index.html").read_text(encoding="utf-8"))
    assert not [h for h in page.xpath("//@href") if "javascript" in h.lower()]
    assert page.xpath('//article//a[@href="https://example.org/blog"]')[0].text_content() == "[x](javascript:alert(1)) blog"
    assert "[Partner](javascript:alert(2))" in page.xpath("string(//article)")


def test_parallel_renderers_accept_a_link_to_any_anchor_a_single_renderer_accepts(tmp_path: Path) -> None:
    # Found in review: a paragraph's {#id} is an anchor too, on a page another renderer writes.
    from localdigital.build import render
    files = {**GOOD, "content/how-to-sign.md": "# Sign\n\nWrite to the clerk.\n{#contact}\n",
             "content/how-to-share.md": "# Share\n\nFirst [ask the clerk](how-to-sign.md#contact).\n"}
    root = make_site_repo(tmp_path / "repo", files)
    for shards in (1, 2, 3):
        assert render(root, tmp_path / f"out-{shards}", shards=shards), shards


def test_a_link_to_an_anchor_in_an_emitted_html_block_is_checked(tmp_path: Path) -> None:
    # The emitted HTML blocks are kept out of Markdown's way while a page converts (render/setaside.py),
    # anchors and all: a link to one of their anchors still passes, and to a missing one still fails.
    from localdigital.build import render
    from localdigital.build.pipeline import load_site
    from localdigital.render.setaside import anchor_ids, set_aside
    for anchor, ok in (("chart-agreements-title", True), ("chart-nothing-title", False)):
        files = {**GOOD, "content/how-to-share.md": f"# Share\n\nSee [the chart](statistics.md#{anchor}).\n"}
        root = make_site_repo(tmp_path / f"repo-{anchor}", files)
        page = load_site(root)[0]["statistics.md"].markdown
        assert "chart-agreements-title" in anchor_ids(set_aside(page)[1])  # the anchor is in a block set aside
        for shards in (1, 2):
            assert render(root, tmp_path / f"out-{anchor}-{shards}", shards=shards) is ok, (anchor, shards)


def test_renderers_do_not_list_the_pages_they_leave_to_others(tmp_path: Path, capfd) -> None:
    from localdigital.build import render
    root = make_site_repo(tmp_path / "repo", GOOD)
    assert render(root, tmp_path / "out", shards=3)
    said = capfd.readouterr()
    assert "Page skipped" not in said.out + said.err


def test_the_home_page_title_names_the_site_once(built: Path) -> None:
    home = (built / "index.html").read_text(encoding="utf-8")
    assert "<title>Local Digital: the community site of the Local Digital Declaration</title>" in home
    assert "<title>Signatories - Local Digital</title>" in (built / "signatories/index.html").read_text(encoding="utf-8")


def test_a_built_pages_navigation_is_drawn_without_its_indentation(built: Path) -> None:
    # render/fragments.tidy: the theme's indentation and blank lines are dropped from the
    # fragments drawn once per folder (tests/render/test_fragments.py checks nothing else changes).
    page = (built / "projects/shared-waste/index.html").read_text(encoding="utf-8")
    start = page.index('<nav class="md-nav md-nav--primary')
    nav = page[start:page.rindex("</nav>", start, page.index('<nav class="md-nav md-nav--secondary'))]
    assert "Sign the Declaration" in nav and "\n " not in nav and "\n\n" not in nav
