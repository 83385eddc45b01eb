"""The page policy each rendered page carries (render/csp.py): scripts only from the site and the
theme's own inline scripts by their hashes, as a browser checks them (sha256 of the script's text,
base64). Anything else inline, or a look-alike of a theme script, gets no hash and is blocked."""

from __future__ import annotations

import base64
import hashlib

import pytest

from localdigital.render.csp import CSP_MARK, directive, policy, with_csp

# The theme's inline scripts as mkdocs-material writes them (a page two folders deep, and the 404 page's scope).
SCOPE = '__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0)'
SCOPE_404 = '__md_scope=new URL("/repository/",location)'
PALETTE = 'var palette=__md_get("__palette");if(palette&&palette.color){}'
TARGET = 'var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))'


def sha(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def page(*scripts: str, head: str = "<head>") -> str:
    return (f"<!doctype html><html>{head}<title>A page</title>"
            + "".join(f"<script>{s}</script>" for s in scripts) + "</head><body><p>Text</p></body></html>")


def script_src(text: str) -> list[str]:
    start = text.index(f"<meta {CSP_MARK} content=\"") + len(f"<meta {CSP_MARK} content=\"")
    return directive(text[start:text.index('"', start)], "script-src").split()


def test_the_theme_scripts_are_allowed_by_their_hashes_and_nothing_else_inline() -> None:
    out = with_csp(page(SCOPE, PALETTE, TARGET, "alert(1)"))
    assert sorted(script_src(out)) == sorted(["'self'", "'wasm-unsafe-eval'", sha(SCOPE), sha(PALETTE), sha(TARGET)])
    assert sha("alert(1)") not in script_src(out)


def test_the_policy_is_written_first_in_the_head() -> None:
    out = with_csp(page(SCOPE, head='<head lang="en">'))
    assert out.startswith(f'<!doctype html><html><head lang="en"><meta {CSP_MARK} content="default-src \'self\';')
    assert out.endswith("<title>A page</title>" + f"<script>{SCOPE}</script></head><body><p>Text</p></body></html>")
    assert with_csp(page(head="<HEAD>")).startswith(f"<!doctype html><html><HEAD><meta {CSP_MARK}")


def test_a_page_without_a_head_gets_none_and_a_header_is_not_a_head() -> None:
    assert with_csp("<html><body><p>Text</p></body></html>") is None
    assert with_csp("<html><header><p>Text</p></header></html>") is None


def test_the_404_pages_scope_is_the_sites_path() -> None:
    assert sha(SCOPE_404) in script_src(with_csp(page(SCOPE_404)))
    assert sha('__md_scope=new URL("/",location)') in script_src(with_csp(page('__md_scope=new URL("/",location)')))


@pytest.mark.parametrize("script", [
    "alert(1);" + PALETTE,  # a theme script's start, but not at the start
    "alert(1);" + TARGET,
    "alert(1);" + SCOPE,
    '__md_scope=new URL("javascript:alert(1)",location)',  # a scope that is not a path
    '__md_scope=new URL("/"+alert(1)+"",location)',
    '__md_scope=new URL("../"+alert(1)+"",location)',
])
def test_a_look_alike_of_a_theme_script_gets_no_hash(script: str) -> None:
    assert script_src(with_csp(page(script))) == ["'self'", "'wasm-unsafe-eval'"]


def test_each_script_is_hashed_on_its_own_and_once() -> None:
    """Two scripts are two hashes (not one over both and the HTML between); the same script twice is one."""
    assert script_src(with_csp(page(PALETTE, PALETTE))) == ["'self'", "'wasm-unsafe-eval'", sha(PALETTE)]
    assert sorted(script_src(with_csp(page(PALETTE, TARGET)))) == sorted(["'self'", "'wasm-unsafe-eval'", sha(PALETTE), sha(TARGET)])


def test_a_page_that_has_its_policy_already_is_left_as_it_is() -> None:
    once = with_csp(page(SCOPE))
    assert with_csp(once) == once
    assert once.count(CSP_MARK) == 1


def test_the_policy_is_looked_for_in_the_first_2048_characters() -> None:
    start = f"<!doctype html><html><head><meta {CSP_MARK}"

    def with_mark_ending_at(end: int) -> str:
        return page(head="<head>" + "x" * (end - len(start)) + f"<meta {CSP_MARK} content=\"\">")

    within = with_mark_ending_at(2048)
    assert within.index(CSP_MARK) + len(CSP_MARK) == 2048
    assert with_csp(within) == within  # the mark's last character is the 2048th
    assert with_csp(with_mark_ending_at(2049)).count(CSP_MARK) == 2  # one further: a page's text, not its policy


def test_the_policy_allows_only_the_site_itself() -> None:
    csp = policy(["abc="])
    assert directive(csp, "default-src") == "'self'"
    assert directive(csp, "script-src") == "'self' 'wasm-unsafe-eval' 'sha256-abc='"
    assert directive(csp, "img-src") == "'self' data:"
    assert directive(csp, "object-src") == "'none'"
    assert directive(csp, "base-uri") == "'none'"
    assert directive(csp, "frame-src") == "'none'"
    assert directive(csp, "form-action") == "'self'"


def test_directive_reads_a_policy_as_a_browser_does() -> None:
    assert directive("default-src 'self';; Script-Src 'self' 'unsafe-inline' ;", "script-src") == "'self' 'unsafe-inline'"
    assert directive("default-src 'self'", "script-src") == ""
    assert directive("", "script-src") == ""
