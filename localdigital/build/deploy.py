"""The two settings a deployment needs: the site's address (`site_url`: feeds, canonical links,
the sitemap) and the GitHub repository (`edit_uri`: edit links, "add on GitHub" buttons, "report a
problem"), read from mkdocs.yml as mkdocs reads them (plain values, or `!ENV` tags resolved from
the environment, which is how the deploy workflow passes them). A build for deployment
(`localdigital build --deploy`) refuses while either is still a placeholder, and checks that no
placeholder reached the built site; `localdigital check-deploy` says what is still missing.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import yaml
from yaml_env_tag import construct_env_tag  # mkdocs' own !ENV tag (a dependency of mkdocs)

SITE_URL_VARIABLE = "LOCALDIGITAL_SITE_URL"
EDIT_URI_VARIABLE = "LOCALDIGITAL_EDIT_URI"
# What mkdocs.yml says until the deploy workflow gives the real values. Neither may reach a
# deployed site: PLACEHOLDERS are searched for in every built file of a deployment build.
PLACEHOLDER_HOST = "example.invalid"
PLACEHOLDER_REPOSITORY = "OWNER/REPOSITORY"
PLACEHOLDERS = (PLACEHOLDER_HOST, PLACEHOLDER_REPOSITORY)
CHECKLIST = "MAINTAINERS.md"


class _Settings(yaml.SafeLoader):
    """mkdocs.yml read for two plain settings: !ENV resolved as mkdocs resolves it, any other
    tag (!!python/name:…) read as nothing."""


_Settings.add_constructor("!ENV", construct_env_tag)
_Settings.add_multi_constructor("", lambda loader, suffix, node: None)


def read_settings(root: Path) -> tuple[str, str]:
    """(site_url, edit_uri) from root/mkdocs.yml with this process's environment, normalised as
    mkdocs normalises them (the address's path and edit_uri end with a slash); "" when unset."""
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Settings)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        config = None
    config = config if isinstance(config, dict) else {}
    site_url, edit_uri = config.get("site_url"), config.get("edit_uri")
    site_url = site_url if isinstance(site_url, str) else ""
    edit_uri = edit_uri if isinstance(edit_uri, str) else ""
    if site_url:
        parts = urlsplit(site_url)
        if not parts.path.endswith("/"):
            site_url = urlunsplit(parts._replace(path=parts.path + "/"))
    if edit_uri and not edit_uri.endswith("/"):
        edit_uri += "/"
    return site_url, edit_uri


def repository_url(edit_uri: str) -> str:
    """The repository's address (https://github.com/OWNER/NAME) from its edit address
    (…/OWNER/NAME/edit/BRANCH/); "" when edit_uri names none."""
    if not edit_uri.startswith("https://") or "/edit/" not in edit_uri:
        return ""
    return edit_uri.split("/edit/", 1)[0].rstrip("/")


def missing(site_url: str, edit_uri: str) -> list[str]:
    """What stops a deployment, one sentence each, naming the setting to change; [] when none."""
    problems = []
    parts = urlsplit(site_url)
    if not site_url or parts.hostname in (None, PLACEHOLDER_HOST) or parts.scheme != "https":
        problems.append(
            f"site_url is {'not set' if not site_url else 'still ' + site_url}: it must be the site's published https:// "
            f"address. The deploy workflow sets it from GitHub Pages through {SITE_URL_VARIABLE}; "
            f"to build for deployment by hand, set {SITE_URL_VARIABLE} or site_url in mkdocs.yml.")
    repository = repository_url(edit_uri)
    if not repository or PLACEHOLDER_REPOSITORY in edit_uri or len(urlsplit(repository).path.strip("/").split("/")) != 2:
        problems.append(
            f"edit_uri is {'not set' if not edit_uri else 'still ' + edit_uri}: it must be the repository's edit address, "
            f"https://github.com/OWNER/NAME/edit/BRANCH/. The deploy workflow sets it from the repository and its "
            f"default branch through {EDIT_URI_VARIABLE}; by hand, set {EDIT_URI_VARIABLE} or edit_uri in mkdocs.yml.")
    return problems


def placeholders_in(site: Path) -> list[str]:
    """Every built file that still holds a placeholder, as 'PATH holds PLACEHOLDER' (compressed
    files are read uncompressed)."""
    found = []
    needles = [p.encode("ascii") for p in PLACEHOLDERS]
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":  # the sitemap's compressed copy
                try:
                    data = gzip.decompress(data)
                except (OSError, EOFError):
                    pass
            found += [f"{path.relative_to(site).as_posix()} holds {n.decode()}" for n in needles if n in data]
    return found


def check_deploy(root: Path) -> int:
    """`localdigital check-deploy`: the settings as a deployment build here would read them, and
    the one-time repository settings no build can check. Exit 0 when nothing is missing here."""
    site_url, edit_uri = read_settings(root)
    problems = missing(site_url, edit_uri)
    print(f"site_url: {site_url or '(not set)'}" + ("  MISSING" if any(p.startswith("site_url") for p in problems) else "  ok"))
    print(f"edit_uri: {edit_uri or '(not set)'}" + ("  MISSING" if any(p.startswith("edit_uri") for p in problems) else "  ok"))
    for problem in problems:
        print(f"  how to fix: {problem}")
    in_workflow = os.environ.get("GITHUB_ACTIONS") == "true"
    if problems and not in_workflow:
        print(f"(The deploy workflow sets both from GitHub; here, set {SITE_URL_VARIABLE} and {EDIT_URI_VARIABLE} "
              "to check what it would build.)")
    checks = _repository_files(root)
    for line in checks:
        print(line)
    print(f"Check by hand, once per repository (see {CHECKLIST}): Settings > Pages > Source is 'GitHub Actions'; "
          "Settings > Actions > General allows GitHub Actions to create pull requests; the issue forms' labels exist.")
    labels = _issue_form_labels(root)
    if labels:
        print("Labels the issue forms use: " + ", ".join(labels))
    return 1 if problems or any(line.startswith("MISSING") for line in checks) else 0


def _repository_files(root: Path) -> list[str]:
    wanted = {".github/workflows/deploy.yml": "publishes the site to GitHub Pages",
              ".github/workflows/issue-to-pr.yml": "turns issue forms into pull requests",
              ".github/ISSUE_TEMPLATE/config.yml": "the issue forms' chooser",
              CHECKLIST: "the maintainer's checklist"}
    return [f"{'ok' if (root / path).is_file() else 'MISSING'}: {path} ({what})" for path, what in wanted.items()]


def _issue_form_labels(root: Path) -> list[str]:
    labels: set[str] = set()
    for form in sorted((root / ".github/ISSUE_TEMPLATE").glob("*.yml")):
        try:
            data = yaml.safe_load(form.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        value = data.get("labels") if isinstance(data, dict) else None
        labels.update(v for v in (value if isinstance(value, list) else [value] if isinstance(value, str) else []) if isinstance(v, str))
    return sorted(labels)
