"""Hostile pull-request content, one case per attack, each with the finding it must get.

Small text cases are written here as literals (and tests/hostile/owasp-xss.md holds the
OWASP XSS filter-evasion vectors as Markdown); huge files, odd bytes and symbolic links
are made at test time by `Case.make`, so nothing large or unreadable lives in git.

A case's `expect` lists (path, line, rule): line None means "anywhere in the file".
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent

PROJECT_HEAD = ("---\ntitle: A shared waste service\nsummary: Councils building one waste service together.\n"
                "lead: essex-county-council\nphase: discovery\n---\n\n")
SIGNATORY = "organisation:\n  code: ESS\nsigned_on: 2018-07-04\n"


@dataclass
class Case:
    name: str
    files: dict[str, bytes] = field(default_factory=dict)
    expect: list[tuple[str, int | None, str]] = field(default_factory=list)
    setup: Callable[[Path], None] | None = None  # makes what cannot be a literal (links, huge files)
    big: bool = False  # checked against a memory bound too

    def make(self, root: Path) -> None:
        for relpath, raw in self.files.items():
            target = root / relpath
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(raw)
        if self.setup is not None:
            self.setup(root)


def project(body: str, name: str = "content/projects/hostile.md") -> dict[str, bytes]:
    return {name: (PROJECT_HEAD + body).encode("utf-8")}


def front(fields: str, name: str = "content/projects/hostile.md", body: str = "Text.\n") -> dict[str, bytes]:
    return {name: ("---\n" + fields + "---\n\n" + body).encode("utf-8")}


P = "content/projects/hostile.md"
S = "signatories/hostile.yml"
BODY = PROJECT_HEAD.count("\n") + 1  # the first line of a project's body


# ---- generated at test time ------------------------------------------------------------------

def _huge(root: Path) -> None:
    """A 50 MB signatory, written sparsely-fast in 1 MB blocks."""
    block = (b"# " + b"x" * 1021 + b"\n")
    with open(root / S, "wb") as handle:
        handle.write(SIGNATORY.encode())
        for _ in range(50 * 1024):
            handle.write(block)


def _million_keys(root: Path) -> None:
    with open(root / P, "w", encoding="utf-8") as handle:
        handle.write("---\n")
        handle.writelines(f"k{n}: v\n" for n in range(1_000_000))
        handle.write("---\n\nText.\n")


def _many_keys_under_the_size_cap(root: Path) -> None:
    """25,000 short keys in under 256 KB: refused by the node count, not the size cap."""
    import itertools
    import string
    letters = string.ascii_lowercase
    keys = ("".join(p) for n in (1, 2, 3, 4) for p in itertools.product(letters, repeat=n))
    with open(root / P, "w", encoding="utf-8") as handle:
        handle.write("---\n")
        handle.writelines(f"{k}:\n" for k in itertools.islice(keys, 25_000))
        handle.write("---\n\nText.\n")


def _link(target: str, link: str, directory: bool = False) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        path = root / link
        path.parent.mkdir(parents=True, exist_ok=True)
        resolved = target if target.startswith("/") else target
        os.symlink(resolved, path, target_is_directory=directory)
    return setup


def _link_outside_folder(root: Path) -> None:
    outside = root.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.md").write_text(PROJECT_HEAD + "Secret.\n", encoding="utf-8")
    os.symlink(outside, root / "content/projects/elsewhere", target_is_directory=True)


def _link_inside_folder(root: Path) -> None:
    os.symlink(root / "content/projects", root / "content/mirror", target_is_directory=True)


def _fifo(root: Path) -> None:
    os.mkfifo(root / "content/projects/pipe.md")


# ---- the corpus --------------------------------------------------------------------------------

ALIAS_BOMB = "\n".join(["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
                       + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join(f"*{chr(97 + i)}" for _ in range(9)) + "]"
                          for i in range(8)]) + "\n"

CASES: list[Case] = [
    # YAML structure
    Case("alias-bomb", front(ALIAS_BOMB), [(P, 2, "yaml-alias")]),
    Case("alias-bomb-signatory", {S: (SIGNATORY + ALIAS_BOMB).encode()}, [(S, 4, "yaml-alias")]),
    Case("merge-key", {S: b"base: &b {code: ESS}\norganisation:\n  <<: *b\nsigned_on: 2018-07-04\n"}, [(S, 1, "yaml-alias")]),
    Case("python-tag", {S: b"organisation: !!python/object/apply:os.system ['id']\nsigned_on: 2018-07-04\n"}, [(S, 1, "yaml-tag")]),
    Case("deep-flow-nesting-10000", front("title: " + "[" * 10_000 + "]" * 10_000 + "\n"), [(P, 2, "yaml-syntax")]),
    Case("deep-block-nesting", {S: ("".join(" " * i + f"k{i}:\n" for i in range(600)) + " " * 600 + "end: x\n").encode()},
         [(S, None, "yaml-too-deep")]),
    Case("file-50-mb", {}, [(S, 1, "file-too-large")], setup=_huge, big=True),
    Case("front-matter-million-keys", {}, [(P, 1, "file-too-large")], setup=_million_keys, big=True),
    Case("front-matter-25000-keys", {}, [(P, None, "yaml-too-many-values")], setup=_many_keys_under_the_size_cap, big=True),
    Case("duplicate-keys", {S: b"organisation:\n  code: ESS\nsigned_on: 2018-07-04\nsigned_on: 2019-01-01\n"}, [(S, 4, "yaml-duplicate-key")]),
    Case("tab-indent", {S: b"organisation:\n\tcode: ESS\nsigned_on: 2018-07-04\n"}, [(S, 2, "yaml-tab")]),
    # Bytes and encodings
    Case("invalid-utf8", {S: SIGNATORY.encode() + b"contact: caf\xe9\n"}, [(S, 4, "encoding")]),
    Case("utf16-le-bom", {S: b"\xff\xfe" + SIGNATORY.encode("utf-16-le")}, [(S, 1, "encoding")]),
    Case("utf16-be-bom", {S: b"\xfe\xff" + SIGNATORY.encode("utf-16-be")}, [(S, 1, "encoding")]),
    Case("utf16-without-bom", {S: SIGNATORY.encode("utf-16-le")}, [(S, 1, "encoding")]),
    Case("utf8-bom-then-bad-field", {S: b"\xef\xbb\xbf" + SIGNATORY.encode() + b"contact: <b>x</b>\n"}, [(S, 4, "field-html")]),
    Case("crlf-then-raw-html", {P: (PROJECT_HEAD + "Fine.\n<img src=x onerror=alert(1)>\n").replace("\n", "\r\n").encode()},
         [(P, BODY + 1, "markdown-raw-html")]),
    Case("lone-cr", {S: b"organisation:\r  code: ESS\rsigned_on: 2018-07-04\r"}, [(S, 1, "line-endings")]),
    Case("nul-byte", {S: SIGNATORY.encode() + b"contact: a\x00b\n"}, [(S, 4, "encoding")]),
    Case("nul-byte-in-body", {P: (PROJECT_HEAD + "one\ntwo\x00\n").encode()}, [(P, BODY + 1, "encoding")]),
    # Raw HTML and Markdown
    Case("script-in-body", project("Hello <script>alert(1)</script>\n"), [(P, BODY, "markdown-raw-html")]),
    Case("script-in-field", front("title: <script>alert(1)</script>\nsummary: s\nlead: essex-county-council\nphase: discovery\n"),
         [(P, 2, "field-html")]),
    Case("html-comment-hides-script", project("x <!-- --><script>alert(1)</script>\n"), [(P, BODY, "markdown-raw-html")]),
    Case("md-in-html-block", project('<div markdown="1" onclick="alert(1)">\nx\n</div>\n'), [(P, BODY, "markdown-raw-html")]),
    Case("attr-list-onclick", project("A paragraph.\n{: onclick=\"alert(1)\" }\n"), [(P, BODY + 1, "attr-list-unsafe")]),
    Case("attr-list-onclick-no-colon", project("# Heading { onmouseover=alert(1) }\n"), [(P, BODY, "attr-list-unsafe")]),
    Case("attr-list-href-javascript", project("[x](https://example.org){: href=\"javascript:alert(1)\" }\n"),
         [(P, BODY, "attr-list-unsafe")]),
    Case("attr-list-style", project("Text\n{: style=\"background:url(javascript:alert(1))\" }\n"), [(P, BODY + 1, "attr-list-unsafe")]),
    Case("attr-list-src-on-image", project("![a](x.png){: src=\"javascript:alert(1)\" }\n"), [(P, BODY, "attr-list-unsafe")]),
    Case("attr-list-uppercase-handler", project("Text\n{: OnClick=alert(1) }\n"), [(P, BODY + 1, "attr-list-unsafe")]),
    # Link schemes
    Case("javascript-link", project("[x](javascript:alert(1))\n"), [(P, BODY, "link-scheme")]),
    Case("javascript-link-mixed-case", project("[x](JaVaScRiPt:alert(1))\n"), [(P, BODY, "link-scheme")]),
    Case("javascript-link-entity", project("[x](&#106;avascript:alert(1))\n"), [(P, BODY, "link-scheme")]),
    Case("javascript-link-hex-entity-tab", project("[x](java&#x09;script:alert(1))\n"), [(P, BODY, "link-scheme")]),
    Case("javascript-link-double-encoded", project("[x](&amp;#106;avascript:alert(1))\n"), [(P, BODY, "link-scheme")]),
    Case("javascript-link-named-entity", project("[x](javascript&colon;alert(1))\n"), [(P, BODY, "link-scheme")]),
    Case("javascript-link-leading-space", project("[x](<  javascript:alert(1)>)\n"), [(P, BODY, "link-scheme")]),
    Case("javascript-link-angle", project("[x](<javascript:alert(1)>)\n"), [(P, BODY, "link-scheme")]),
    Case("javascript-autolink", project("<javascript:alert(1)>\n"), [(P, BODY, "link-scheme")]),
    Case("javascript-reference-link", project("[x][r]\n\n[r]: javascript:alert(1)\n"), [(P, BODY + 2, "link-scheme")]),
    Case("javascript-reference-link-title", project("[x][r]\n\n[r]: <JAVASCRIPT:alert(1)> \"t\"\n"), [(P, BODY + 2, "link-scheme")]),
    Case("javascript-image", project("![x](javascript:alert(1))\n"), [(P, BODY, "link-scheme")]),
    Case("data-link", project("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n"), [(P, BODY, "link-scheme")]),
    Case("data-image-svg", project("![x](DATA:image/svg+xml,<svg onload=alert(1)>)\n"), [(P, BODY, "link-scheme")]),
    Case("vbscript-link", project("[x](VbScript:msgbox(1))\n"), [(P, BODY, "link-scheme")]),
    Case("javascript-in-field-url", front("title: T\nsummary: s\nlead: essex-county-council\nphase: discovery\n"
                                          "links:\n  - title: x\n    url: javascript:alert(1)\n"), [(P, None, "")]),
    Case("protocol-relative-link", project("[x](//evil.example/)\n"), [(P, BODY, "link-scheme")]),
    Case("backslash-link", project("[x](\\\\evil.example\\share)\n"), [(P, BODY, "link-scheme")]),
    # Paths and names
    Case("dotdot-link", project("[x](../../../../etc/passwd)\n"), [(P, BODY, "link-outside")]),
    Case("dotdot-link-encoded", project("[x](..%2f..%2f..%2fetc/passwd)\n"), [(P, BODY, "link-broken")]),
    Case("absolute-link", project("[x](/etc/passwd)\n"), [(P, BODY, "link-relative")]),
    Case("dotdot-in-related", front("title: T\nsummary: s\nlead: essex-county-council\nphase: discovery\nrelated: [../../etc/passwd]\n"),
         [(P, 6, "")]),
    Case("dotdot-in-lead", front("title: T\nsummary: s\nlead: ../signatories/essex-county-council\nphase: discovery\n"),
         [(P, 4, "")]),
    Case("file-name-with-spaces", {"content/projects/my project.md": (PROJECT_HEAD + "x\n").encode()},
         [("content/projects/my project.md", 1, "file-name")]),
    Case("page-name-with-spaces", {"content/about us.md": b"# About\n"}, [("content/about us.md", 1, "file-name")]),
    Case("cyrillic-e-in-file-name", {"content/projects/shar\u0435d-waste.md": (PROJECT_HEAD + "x\n").encode()},
         [("content/projects/shar\u0435d-waste.md", 1, "file-name")]),
    Case("cyrillic-e-in-signatory-name", {"signatories/\u0435ssex-county-council.yml": SIGNATORY.encode()},
         [("signatories/\u0435ssex-county-council.yml", 1, "file-name")]),
    Case("cyrillic-e-in-id-reference", front("title: T\nsummary: s\nlead: \u0435ssex-county-council\nphase: discovery\n"),
         [(P, 4, "")]),
    Case("cyrillic-e-in-id-field", {S: ("id: hostil\u0435\n" + SIGNATORY).encode()}, [(S, 1, "")]),
    Case("reserved-name-con", {"content/con.md": b"# Con\n"}, [("content/con.md", 1, "file-name")]),
    Case("reserved-name-aux-project", {"content/projects/aux.md": (PROJECT_HEAD + "x\n").encode()},
         [("content/projects/aux.md", 1, "file-name")]),
    Case("reserved-name-nul-signatory", {"signatories/NUL.yml": SIGNATORY.encode()}, [("signatories/NUL.yml", 1, "file-name")]),
    Case("symlink-to-file-outside", {}, [("content/projects/passwd.md", 1, "symlink")],
         setup=_link("/etc/passwd", "content/projects/passwd.md")),
    Case("symlink-to-file-inside", {}, [("content/projects/copy.md", 1, "symlink")],
         setup=_link("../how-to-sign.md", "content/projects/copy.md")),
    Case("symlink-to-folder-outside", {}, [("content/projects/elsewhere", 1, "symlink")], setup=_link_outside_folder),
    Case("symlink-to-folder-inside", {}, [("content/mirror", 1, "symlink")], setup=_link_inside_folder),
    Case("symlink-loop", {}, [("content/loop", 1, "symlink")], setup=_link("loop", "content/loop")),
    Case("symlink-content-root", {}, [("patterns", 1, "symlink")], setup=lambda root: (
        __import__("shutil").rmtree(root / "patterns"), os.symlink("/etc", root / "patterns", target_is_directory=True))),
    Case("named-pipe", {}, [("content/projects/pipe.md", 1, "file-special")], setup=_fifo),
    Case("dot-dot-file-name", {"content/projects/..md": b"x"}, [("content/projects/..md", 1, "file-name")]),
    Case("unknown-executable", {"content/run.js": b"alert(1)\n"}, [("content/run.js", 1, "file-unknown")]),
    Case("html-file-in-content", {"content/page.html": b"<script>alert(1)</script>\n"}, [("content/page.html", 1, "file-unknown")]),
    Case("hidden-file-project", {"content/projects/.hidden.md": (PROJECT_HEAD + "Never listed.\n").encode()},
         [("content/projects/.hidden.md", 1, "file-name")]),
    Case("hidden-file-page", {"content/.about.md": b"# About\n"}, [("content/.about.md", 1, "file-name")]),
    Case("hidden-file-signatory", {"signatories/.essex.yml": SIGNATORY.encode()}, [("signatories/.essex.yml", 1, "file-name")]),
    # Round two (issue 19, items 1, 11, 12): a hand-written page that would write to, inside or over a path the
    # build writes, or over another file but for letter case.
    *[Case(f"page-over-generated-{relpath.replace('/', '-')}", {relpath: b"# Withdrawn\n\nReport concerns at the official form.\n"},
           [(relpath, 1, "page-path-reserved")])
      for relpath in ("content/signatories/essex-county-council.md", "content/index.md", "content/404.html.md",
                      "content/sitemap.xml.md", "content/data/projects.json.md", "content/feeds/all.xml.md",
                      "content/pagefind/pagefind.js.md", "content/assets/javascripts/filters.js.md",
                      "content/projects/shared-waste/index.md", "content/Partners.md", "content/principles/1.md")],
    Case("page-differing-only-in-case", {"content/Privacy.md": b"# Privacy\n\nA second notice.\n"},
         [("content/Privacy.md", 1, "file-name-case")]),
]

# The OWASP XSS filter-evasion cheat sheet, vector by vector, as a contributor could write it in
# Markdown: every non-blank, non-comment line of owasp-xss.md must get a finding on that line.
OWASP_FILE = HERE / "owasp-xss.md"


def owasp_case() -> Case:
    """The vectors in files of 20 (the validator stops at 25 problems a file), one finding a line."""
    vectors = [line for line in OWASP_FILE.read_text(encoding="utf-8").split("\n") if line.strip() and not line.startswith("%%")]
    files: dict[str, bytes] = {}
    expect: list[tuple[str, int | None, str]] = []
    for start in range(0, len(vectors), 20):
        name = f"content/projects/owasp-{start // 20}.md"
        chunk = vectors[start:start + 20]
        files.update(project("\n\n".join(chunk) + "\n", name))
        expect += [(name, BODY + 2 * i, "") for i in range(len(chunk))]
    return Case("owasp-xss-cheat-sheet", files, expect)


CASES.append(owasp_case())
