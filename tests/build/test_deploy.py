"""Deploying to the real address: the settings come from the environment the deploy workflow
sets, a build for deployment refuses placeholders, and none reaches the built site."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from localdigital.build import build_site
from localdigital.build.deploy import missing, read_settings, repository_url
from tests.support import GOOD, REPO, make_site_repo

SITE = "https://councils.github.io/local-digital"  # as actions/configure-pages gives it: no slash
EDIT = "https://github.com/councils/local-digital/edit/trunk/"


@pytest.fixture(scope="module")
def deployed(tmp_path_factory) -> Path:
    root = make_site_repo(tmp_path_factory.mktemp("deploy") / "repo", GOOD)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("LOCALDIGITAL_SITE_URL", SITE)
        env.setenv("LOCALDIGITAL_EDIT_URI", EDIT)
        assert build_site(root, root / "site", deploy=True) == 0
    return root / "site"


def test_a_deployment_build_has_the_real_address_in_feeds_canonical_links_and_the_sitemap(deployed: Path) -> None:
    feed = (deployed / "feeds/all.xml").read_text(encoding="utf-8")
    assert f"{SITE}/projects/shared-waste/" in feed
    page = (deployed / "projects/shared-waste/index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE}/projects/shared-waste/">' in page
    assert f"<loc>{SITE}/projects/shared-waste/</loc>" in (deployed / "sitemap.xml").read_text(encoding="utf-8")


def test_a_deployment_build_has_the_real_repository_in_edit_and_add_links(deployed: Path) -> None:
    page = (deployed / "projects/shared-waste/index.html").read_text(encoding="utf-8")
    assert f'href="{EDIT}content/projects/shared-waste.md"' in page
    listing = (deployed / "projects/index.html").read_text(encoding="utf-8")
    assert "https://github.com/councils/local-digital/new/trunk/content/projects?filename=" in listing


def test_no_placeholder_is_left_anywhere_in_a_deployed_site(deployed: Path) -> None:
    files = [p for p in deployed.rglob("*") if p.is_file()]
    assert len(files) > 50
    for path in files:
        data = path.read_bytes()
        data = gzip.decompress(data) if path.suffix == ".gz" else data
        assert b"example.invalid" not in data and b"OWNER/REPOSITORY" not in data, path.relative_to(deployed)


@pytest.mark.parametrize("unset, named", [("LOCALDIGITAL_SITE_URL", "site_url"), ("LOCALDIGITAL_EDIT_URI", "edit_uri")])
def test_a_deployment_build_with_a_placeholder_fails_naming_the_setting_and_leaves_the_site(
        tmp_path: Path, capfd, monkeypatch, unset: str, named: str) -> None:
    root = make_site_repo(tmp_path / "repo", GOOD)
    (root / "site").mkdir()
    (root / "site/index.html").write_text("last good site", encoding="utf-8")
    monkeypatch.setenv("LOCALDIGITAL_SITE_URL", SITE)
    monkeypatch.setenv("LOCALDIGITAL_EDIT_URI", EDIT)
    monkeypatch.delenv(unset)
    assert build_site(root, root / "site", deploy=True) == 1
    said = capfd.readouterr().err
    assert f"deploy: {named} is still " in said and unset in said
    assert "not built for deployment" in said
    assert (root / "site/index.html").read_text(encoding="utf-8") == "last good site"


def test_a_local_build_needs_neither_setting(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("LOCALDIGITAL_SITE_URL", raising=False)
    monkeypatch.delenv("LOCALDIGITAL_EDIT_URI", raising=False)
    root = make_site_repo(tmp_path / "repo", GOOD)
    assert read_settings(root) == ("https://example.invalid/", "https://github.com/OWNER/REPOSITORY/edit/main/")
    assert len(missing(*read_settings(root))) == 2


def test_the_settings_are_read_from_the_environment_as_mkdocs_reads_them(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LOCALDIGITAL_SITE_URL", "https://digital.example.gov.uk/site")
    monkeypatch.setenv("LOCALDIGITAL_EDIT_URI", "https://github.com/a/b/edit/main")
    assert read_settings(REPO) == ("https://digital.example.gov.uk/site/", "https://github.com/a/b/edit/main/")
    assert missing(*read_settings(REPO)) == []
    assert repository_url("https://github.com/a/b/edit/main/") == "https://github.com/a/b"


@pytest.mark.parametrize("site_url, edit_uri, problems", [
    ("http://digital.example.gov.uk/", "https://github.com/a/b/edit/main/", ["site_url"]),  # not https
    ("", "", ["site_url", "edit_uri"]),
    ("https://digital.example.gov.uk/", "https://github.com/a/edit/main/", ["edit_uri"]),  # no repository name
])
def test_what_a_deployment_still_needs(site_url: str, edit_uri: str, problems: list[str]) -> None:
    assert [p.split(" ", 1)[0] for p in missing(site_url, edit_uri)] == problems


def test_check_deploy_says_what_is_missing_and_how_to_fix_it(monkeypatch) -> None:
    monkeypatch.delenv("LOCALDIGITAL_SITE_URL", raising=False)
    monkeypatch.delenv("LOCALDIGITAL_EDIT_URI", raising=False)
    done = subprocess.run([sys.executable, "-m", "localdigital", "check-deploy"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 1
    assert "site_url: https://example.invalid/  MISSING" in done.stdout
    assert "how to fix: edit_uri is still" in done.stdout
    assert "Source is 'GitHub Actions'" in done.stdout
    monkeypatch.setenv("LOCALDIGITAL_SITE_URL", SITE)
    monkeypatch.setenv("LOCALDIGITAL_EDIT_URI", EDIT)
    done = subprocess.run([sys.executable, "-m", "localdigital", "check-deploy"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    assert "MISSING" not in done.stdout


def test_every_page_has_a_social_card_at_the_sites_own_address(deployed: Path) -> None:
    page = (deployed / "projects/shared-waste/index.html").read_text(encoding="utf-8")
    assert f'<meta property="og:image" content="{SITE}/social-card.png">' in page
    assert f'<meta property="og:url" content="{SITE}/projects/shared-waste/">' in page
    assert '<meta property="og:title" content="A shared waste service">' in page
    assert (deployed / "social-card.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_the_deploy_workflow_passes_the_settings_mkdocs_reads_and_builds_for_deployment() -> None:
    import yaml

    from localdigital.build.deploy import EDIT_URI_VARIABLE, SITE_URL_VARIABLE
    workflow = yaml.safe_load((REPO / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    pages = next(step for step in steps if step.get("id") == "pages")
    assert pages["uses"].startswith("actions/configure-pages@") and pages["with"]["enablement"] is False
    build = next(step for step in steps if "localdigital build" in step.get("run", ""))
    assert build["env"][SITE_URL_VARIABLE] == "${{ steps.pages.outputs.base_url }}"
    assert build["env"][EDIT_URI_VARIABLE] == ("${{ github.server_url }}/${{ github.repository }}/edit/"
                                               "${{ github.event.repository.default_branch }}/")
    assert "--deploy" in build["run"]
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"site_url: !ENV [{SITE_URL_VARIABLE}," in config and f"edit_uri: !ENV [{EDIT_URI_VARIABLE}," in config
