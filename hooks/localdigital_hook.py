"""The thin mkdocs adapter: registers the pages and data the content layer emits.

All checking and page-making happens in the `localdigital` package, which knows nothing of
mkdocs; this file only hands its output to mkdocs as generated files, with each page's
"edit" link pointing at the source file a contributor must change.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from localdigital import report
from localdigital.emit import BuildRefused, Page, load_site

ROOT = Path(__file__).resolve().parent.parent


# Runs before other plugins' on_files (priority above the default 0) so that search and
# any later plugin see the generated pages as ordinary files.
@event_priority(50)
def on_files(files: Files, config) -> Files:
    try:
        edit = config.edit_uri or ""
        new_base = edit.replace("/edit/", "/new/", 1) if edit.startswith("https://") else ""
        output, result, _note = load_site(ROOT, config.site_url or "https://example.invalid/", new_base)
    except BuildRefused as refused:
        lines = "\n".join(report.as_text(refused.result.findings, refused.result.files))
        raise PluginError("the content has errors, so the site was not built:\n" + lines) from None
    if result.findings:  # warnings only: say them, build anyway
        print("\n".join(report.as_text(result.findings, result.files)))
    for path, value in output.items():
        if isinstance(value, Page):
            generated = File.generated(config, path, content=value.markdown)
            generated.edit_uri = value.source  # None hides the edit link on pages with no single source
        else:
            generated = File.generated(config, path, content=value)
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(generated)
    return files
