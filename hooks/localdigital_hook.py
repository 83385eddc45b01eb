"""The thin mkdocs adapter: registers the pages and data the content layer emits.

All checking and page-making happens in the `localdigital` package, which knows nothing of
mkdocs; this file only hands its output to mkdocs as generated files, with each page's
"edit" link pointing at the source file a contributor must change, and wires in the
package's renderer-independent helpers where mkdocs' events allow:

- build/handoff.load_output: under `localdigital build`, the site it validated and emitted once for
  every renderer (run alone, as mkdocs build or serve, the hook does that itself);
- render/shard.py: when `localdigital build` runs one renderer per core, the pages this one skips
  (and `settle`, once a renderer of that build holds the emitted site);
- render/setaside.py: the emitted HTML blocks kept out of Markdown's way while a page converts;
- render/fragments.py: the navigation, header and footer drawn once per folder (overrides/main.html);
  with it, one Markdown converter reused for every page (LOCALDIGITAL_SHORTCUTS=off: neither);
- render/csp.with_csp: each page's Content-Security-Policy as it is written;
- render/chrome.py: what overrides/main.html draws around each page (breadcrumbs, feeds and
  social-card metadata in the head, "report a problem"), given to the templates in on_env;
- build/search.write_search_document: the part of each page search indexes, for Pagefind, written
  as soon as the page is converted; a mark when all of them are (on_env), so Pagefind can start.
"""

from __future__ import annotations

import functools
import logging
import os
import types
from pathlib import Path

import jinja2
import markdown
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from localdigital import cache
from localdigital.build.deploy import repository_url
from localdigital.build.handoff import BUILD_PID, CONVERTED, EMITTED, MANIFEST, SEARCH_DOCUMENTS, load_output
from localdigital.build.pipeline import BuildRefused, findings_text, load_site, say_findings, site_settings
from localdigital.build.search import body_attributes, build_index, search_document, write_search_document
from localdigital.emit import Page
from localdigital.emit.data import ATTRIBUTIONS
from localdigital.render import chrome, pagecache, setaside, shard
from localdigital.render.csp import with_csp
from localdigital.render.fragments import SHORTCUTS, FragmentCache

ROOT = Path(__file__).resolve().parent.parent
# Set by `localdigital build` when it renders in parallel (see localdigital/render/shard.py).
SHARE = shard.parse(os.environ.get(shard.VARIABLE))
FIRST = SHARE is None or SHARE[0] == 0  # the shard that reports warnings and writes the manifest
_elsewhere: set[str] = set()  # the pages other shards write
_headings_wanted: set[str] = set()  # of those, the ones other pages link to with an #anchor
_set_aside: dict[str, dict[str, str]] = {}  # each page's raw HTML blocks while it converts


class _QuietAboutSkippedPages(logging.Filter):
    """mkdocs says "Page skipped" for every page that renders to nothing: in a shard, that is
    every page another shard writes, thousands of lines that say nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Page skipped:")


if SHARE is not None:
    logging.getLogger("mkdocs.commands.build").addFilter(_QuietAboutSkippedPages())


def on_env(env, config, files):
    """Keep the theme's compiled templates in the user's private cache: mkdocs makes a new
    Jinja environment for every build, and every rebuild while serving, and compiling the
    templates again took a third of a second each time. mkdocs calls this once every page is
    converted (before any is drawn into the theme): `localdigital build` is told so, through
    the file LOCALDIGITAL_CONVERTED names, and starts indexing the search documents."""
    converted = os.environ.get(CONVERTED)
    if converted:
        Path(converted).touch()
    env.add_extension(FragmentCache)  # {% cache %} in overrides/main.html
    env.globals["ld_search_body"] = body_attributes  # the element search indexes (overrides/main.html)
    # What overrides/main.html and partials/copyright.html draw around each page (localdigital/render/chrome.py).
    repository = repository_url(config.edit_uri or "")
    env.globals.update(ld_breadcrumbs=chrome.breadcrumbs, ld_feed_links=chrome.feed_links, ld_repository=repository,
                       ld_report=functools.partial(chrome.report_link, repository, config.site_url or ""),
                       ld_attributions=ATTRIBUTIONS, ld_social=functools.partial(chrome.social_meta, site_url=config.site_url or ""))
    folder = cache.cache_dir()
    if folder is not None:
        # Compiled templates name the extensions they call by module path, and Jinja's cache keys
        # only the template's source: keyed by those names too, a moved extension never reads
        # bytecode that names its old path.
        jinja = folder / f"jinja-{cache.key(jinja2.__version__, *sorted(env.extensions))[:16]}"
        jinja.mkdir(mode=0o700, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(jinja))
    return env


def on_startup(command: str, dirty: bool) -> None:
    pagecache.serving_dirty = command == "serve" and dirty


# Runs before other plugins' on_files (priority above the default 0) so that search and
# any later plugin see the generated pages as ordinary files.
@event_priority(50)
def on_files(files: Files, config) -> Files:
    settings = site_settings(config.site_url, config.edit_uri)
    emitted = os.environ.get(EMITTED)  # `localdigital build` emits the site once, for every renderer
    build = os.environ.get(BUILD_PID, "")
    try:
        output = load_output(Path(emitted), settings, int(build) if build.isdigit() else -1) if emitted else None
    except ProcessLookupError as gone:
        raise PluginError(str(gone)) from None
    if output is None and emitted and FIRST:
        print("Note: this renderer's site_url or edit_uri differs from what localdigital build read in mkdocs.yml "
              "(set through a tag such as !ENV?), so each renderer validates and emits the site again, which is slower.")
    if output is None:
        output = _load_site(settings, said=not emitted)
    elif emitted:  # a renderer of `localdigital build`, which runs once: see render/shard.settle
        shard.settle()
    _elsewhere.clear()
    others = sum(not isinstance(v, Page) for v in output.values()) + sum(not f.is_documentation_page() for f in files)
    _elsewhere.update(shard.elsewhere({p: shard.cost(v.markdown) for p, v in output.items() if isinstance(v, Page)}, SHARE,
                                      others))
    _headings_wanted.clear()
    if _elsewhere:
        _headings_wanted.update(shard.anchor_targets({p: v.markdown for p, v in output.items() if isinstance(v, Page)}))
    on_disk = {}
    if pagecache.serving_dirty:  # only pages whose text changed are rebuilt (see localdigital/render/pagecache.py)
        on_disk = pagecache.materialise({p: v.markdown.encode() if isinstance(v, Page) else v for p, v in output.items()},
                                        pagecache.cache_dir(ROOT))
    for path, value in output.items():
        if path in on_disk:
            generated = File.generated(config, path, abs_src_path=on_disk[path])
        else:
            generated = File.generated(config, path, content=value.markdown if isinstance(value, Page) else value)
        if isinstance(value, Page):
            generated.edit_uri = value.source  # None hides the edit link on pages with no single source
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(generated)
    if not FIRST:  # the first renderer writes the data, feeds, images and theme files; the others only their pages
        for file in files:
            if not file.is_documentation_page():
                file.inclusion = InclusionLevel.EXCLUDED  # still known, so links to it are checked (and kept) as before
    return files


def _load_site(settings: tuple[str, str], said: bool):
    """Validate and emit the site here (mkdocs build or serve on their own). said: whether this
    renderer says the content's warnings (not when `localdigital build` has said them)."""
    say = FIRST and said  # one renderer says the findings and writes the manifest
    try:
        manifest = os.environ.get(MANIFEST) if say else None  # for `localdigital build`'s audits
        output, result, note = load_site(ROOT, settings[0], settings[1], Path(manifest) if manifest else None,
                                          pagecache.validation_memo if pagecache.serving_dirty else None)
    except BuildRefused as refused:
        raise PluginError("the content has errors, so the site was not built:\n" + findings_text(refused.result)) from None
    if say:  # warnings only: say them, build anyway
        say_findings(result, note)
    return output


def on_pre_page(page, config, files):
    """A page another shard writes, that no link needs the headings of: not converted at all
    (mkdocs would set up a Markdown converter for it, a millisecond a page). Every other page
    is converted by one Markdown converter, reset between pages (_render_reusing_converter)."""
    if page.file.src_uri in _elsewhere and page.file.src_uri not in _headings_wanted:
        page.render = types.MethodType(_render_nothing, page)
    elif SHORTCUTS:
        page.render = types.MethodType(_render_reusing_converter, page)
    return page


def _render_nothing(page, config, files) -> None:
    page.content, page.toc, page._title_from_render = "", get_toc([]), None
    page.present_anchor_ids = None  # mkdocs' own mark of a page it did not render: no link checks it


_converter: list = []  # (config, Markdown): one converter per build (see below)


def _render_reusing_converter(page, config, files) -> None:
    """mkdocs 1.6's Page.render, line for line, but with one Markdown converter reset between
    pages instead of a new one built for each: building it was a sixth of the time spent
    converting a page. mkdocs 1.x is frozen; compare with Page.render if that ever changes.
    LOCALDIGITAL_SHORTCUTS=off renders with mkdocs' own, and the site must be the same."""
    if not _converter or _converter[0][0] is not config:  # each rebuild while serving has a new config
        _converter[:] = [(config, markdown.Markdown(extensions=config["markdown_extensions"],
                                                    extension_configs=config["mdx_configs"] or {}))]
    md = _converter[0][1].reset()
    raw_html = mkdocs_pages._RawHTMLPreprocessor()
    raw_html._register(md)
    anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    anchors._register(md)
    relative = mkdocs_pages._RelativePathTreeprocessor(page.file, files, config)
    relative._register(md)
    title = mkdocs_pages._ExtractTitleTreeprocessor()
    title._register(md)
    page.content = md.convert(page.markdown)
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = title.title
    page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
    if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative.links_to_anchors


def on_page_markdown(markdown: str, page, config, files) -> str:
    """A page another shard writes: no output. Those a link needs the anchors of are converted
    whole (every anchor as in a single build); the rest are not converted (on_pre_page)."""
    if page.file.src_uri in _elsewhere:
        page.meta["template"] = "localdigital-elsewhere.html"  # renders nothing, so nothing is written
        return markdown
    markdown, _set_aside[page.file.src_uri] = setaside.set_aside(markdown)  # see localdigital/setaside.py
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    blocks = _set_aside.pop(page.file.src_uri, {})
    try:
        html = setaside.put_back(html, blocks)
    except ValueError as lost:
        raise PluginError(f"{page.file.src_uri}: {lost}") from None
    if blocks and page.present_anchor_ids is not None:  # links to the blocks' anchors are checked as before
        page.present_anchor_ids |= setaside.anchor_ids(blocks)
    documents = os.environ.get(SEARCH_DOCUMENTS)  # set by `localdigital build`, see search.py
    if documents and page.file.src_uri not in _elsewhere:
        document = search_document(html, page.url, config.theme["language"] or "en")
        write_search_document(Path(documents), page.file.dest_uri, document)
    return html


def on_post_page(output: str, page, config) -> str:
    """`localdigital build` (which sets LOCALDIGITAL_MANIFEST) gets each page with its
    Content-Security-Policy as it is written, not in a second pass over the files. Not while
    serving: mkdocs serve adds its live-reload script to every page, which the policy would block."""
    if os.environ.get(MANIFEST):
        output = with_csp(output) or output  # a page without <head> is reported by the audit
    return output


def on_post_template(output: str, template_name: str, config) -> str:
    """The theme's own pages (404.html) get their policy as the others do."""
    return on_post_page(output, None, config) if template_name.endswith(".html") else output


def on_post_build(config) -> None:
    """While serving, build the search index once at start-up so the search box works; it is
    not rebuilt on each edit (that would cost seconds), so new words show after a restart.
    `localdigital build` indexes every build itself."""
    site = Path(config.site_dir)
    if pagecache.serving_dirty and not (site / "pagefind").exists():
        for problem in build_index(site):
            print(f"search: {problem}")
