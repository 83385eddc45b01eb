"""Safety of what will be published: Markdown bodies and text fields.

Python-Markdown (what mkdocs renders with) passes raw HTML, javascript: links and
attr_list event handlers straight through, so these checks read the source text
itself: raw HTML, link and image targets, attribute lists, personal data.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
import unicodedata
from collections.abc import Callable


from ..content import IMAGES_FOLDER
from ..findings import ERROR, WARNING
from ..load.loader import may_spell_address



@functools.lru_cache(maxsize=1)
def _commonmark():
    """A CommonMark parser, to find code blocks; imported only for bodies that may have one."""
    from markdown_it import MarkdownIt
    return MarkdownIt("commonmark")


ALLOWED_SCHEMES = frozenset(("http", "https", "mailto"))
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_BACKTICKS = re.compile(r"`++")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^<>\s]*+>|<[\w.+\-]++@[\w\-]++(?:\.[\w\-]++)++>")
# CommonMark reads <scheme:anything> as a link for any scheme (<javascript:...> too), and <a@b.c> as mailto.
_MARKDOWN_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}+:[^<>\x00-\x20]*+>|<[\w.+\-]++@[\w\-]++(?:\.[\w\-]++)++>")
_RAW_HTML = re.compile(r"<\s*+(?:[/!?]\s*+)?[A-Za-z]|<!--")
_LINK_TARGET = re.compile(r"\]\(\s*+(<[^<>\n]*+>|[^)\s]*+)")
_REFERENCE_DEF = re.compile(r"^ {0,3}+\[[^\]\n]++\]:\s*+(<[^<>\n]*+>|\S++)")
_ATTR_LIST = re.compile(r"\{([^{}\n]*+)\}")  # the inside is stripped in Python: no backtracking over spaces
_ATTR_PAIR = re.compile(r"(?<![\w:.\-])([A-Za-z_:][\w:.\-]*+)\s*+=")
_ATTR_TOKEN = re.compile(r"""[^ =}]++(?:="[^"]*+"|='[^']*+'|=[^ =}]++)?+""")  # as attr_list scans
_INLINE_END = frozenset((")", "*", "_", "`", "]", ">"))  # attr_list also applies right after an inline element
# The only attributes a contributor may set with an attribute list (tests/test_attr_lists.py pins it).
# Not target or rel: target="_blank" rel="opener" hands the opened page control of this one.
SAFE_ATTRIBUTES = frozenset(("title", "alt", "lang", "width", "height", "loading"))
# Ids and classes the theme (mkdocs-material: ids __config, __search, __drawer...; classes md-*) and
# the site (ld-*) use for themselves: a page setting one could overlay or break them.
RESERVED_ID_PREFIXES = ("__", "md-", "ld-")
RESERVED_CLASS_PREFIXES = ("md-", "ld-")
RESERVED_HEADING_PREFIXES = ("__", "ld-")  # a heading's id is made from its words: "## __config" gives "__config"
_EMAIL = re.compile(r"(?<![\w.+\-])([\w.+\-]++)@([\w\-]++(?:\.[\w\-]++)++)")

Report = Callable[[int, int, str, str, str, str], None]  # line, col, severity, rule, message, hint


def scheme_of(target: str) -> str | None:
    """The scheme of a link target as a browser would see it (entities decoded, controls removed)."""
    cleaned = _CONTROL.sub("", html.unescape(html.unescape(target)))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def check_link(target: str, report: Report, line: int, col: int, relpath: str, exists: Callable[[str], bool]) -> None:
    target = target.strip()
    if target.startswith("<") and target.endswith(">"):
        target = target[1:-1]
    if not target:
        report(line, col, ERROR, "link-empty", "this link has no address", "put the web address between the brackets: [text](https://...)")
        return
    scheme = scheme_of(target)
    if scheme is not None:
        if scheme not in ALLOWED_SCHEMES:
            report(line, col, ERROR, "link-scheme", f"links to '{scheme}:' addresses are not allowed",
                   "link only to https://, http:// or mailto: addresses, or to another page of this site")
        return
    if target.startswith(("//", "\\")) or "\\" in target:
        report(line, col, ERROR, "link-scheme", "this link leaves the site without saying how",
               "write the full address starting with https://")
        return
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return  # an anchor on the same page
    if path.startswith("/"):
        report(line, col, ERROR, "link-relative", "links inside the site must be relative to this file",
               "write the path from this file, e.g. ../projects/my-project.md")
        return
    # Resolved in the site's page tree (see content.site_path), where the link will be followed.
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(relpath), html.unescape(path)))
    if resolved.startswith("../") or resolved == ".." or resolved.startswith("/"):
        report(line, col, ERROR, "link-outside", f"this link points outside the site ({target})",
               "link only to other pages of this site, or use a full https:// address")
        return
    if not exists(resolved):
        report(line, col, ERROR, "link-broken", f"this link points to a file that does not exist: {target}",
               "check the file name and folder; paths are relative to this file")


def check_text_field(text: str, report_at: Callable[[str, str, str, str], None], path: tuple = ()) -> None:
    """A front-matter value: no HTML, no personal data (and in signed_by, roles, not names)."""
    if "<" in text and _RAW_HTML.search(_AUTOLINK.sub("", text)):
        report_at(ERROR, "field-html", "HTML is not allowed in fields", "write plain text; remove anything between < and >")
    for _col, severity, rule, message, hint in personal_data(text):
        report_at(severity, rule, message, hint)
    if path[:1] == ("signed_by",) and isinstance(text, str):
        name = person_name(text)
        if name:
            report_at(ERROR, "personal-name", f"'{name}' looks like a person's name; signed_by lists roles",
                      "write the role only, e.g. Chief Executive or Leader of the Council")


# ---- personal data -----------------------------------------------------------------------------
# Everything here reads contributor text in one pass: possessive runs, and runs that can only
# start where the previous character could not have continued them.

_PHONE_HINT = "do not publish phone numbers; give a role mailbox or a contact form instead"
_URL_LIKE = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]*+", re.I)
# A run of digits with the separators people write in phone numbers: + ( ) space . - and no-break space.
_PHONE_RUN = re.compile(r"(?<![\w+/=&#%.\-])(?:\+|\b)\(?\d(?:[ .\-\u00a0]?+\(?+\d\)?+){6,16}(?![\w@])")


def _phone_numbers(text: str) -> list[int]:
    """Offsets of what reads as a phone number: UK national (0 and 9 or 10 digits: mobiles 07,
    landlines 01 and 02, 03, 08...), +44 or 0044 with or without (0), or another country's +NN."""
    if sum(text.count(digit) for digit in "0123456789") < 9:
        return []
    masked = _URL_LIKE.sub(lambda m: " " * len(m.group(0)), text) if ("//" in text or "www." in text.lower()) else text
    found = []
    for match in _PHONE_RUN.finditer(masked):
        digits = "".join(c for c in match.group(0) if c.isdigit())
        international = match.group(0).startswith("+")
        if digits.startswith("00"):
            digits, international = digits[2:], True
        if international:
            if digits.startswith("44"):
                national = digits[2:].removeprefix("0")  # +44 (0)7700 ...
                if len(national) in (9, 10) and national[0] != "0":
                    found.append(match.start())
            elif 8 <= len(digits) <= 15:
                found.append(match.start())
        elif digits.startswith("0") and len(digits) in (10, 11) and digits[1] != "0":
            found.append(match.start())
    return found


WEBMAIL = frozenset("""
gmail googlemail hotmail outlook live msn yahoo ymail rocketmail icloud me mac aol btinternet btopenworld
sky virginmedia ntlworld blueyonder talktalk tiscali plus plusnet protonmail proton pm gmx mail zoho yandex
fastmail hey tesco o2 orange lycos inbox
""".split())
ROLE_WORDS = frozenset("""
digital data info information enquiries enquiry contact contacts team teams service services customer customers
support help helpdesk it ict web website webmaster office admin administration press media comms communications
foi privacy dpo transformation procurement planning council democratic democracy feedback hello mail complaints
noreply no reply local gov government declaration programme program project projects partnership partnerships
innovation technology tech strategy policy performance change business intelligence insight research open
reception general main switchboard ask us hub unit group board secretariat governance legal finance housing
waste recycling bins highways parking transport licensing revenues benefits council tax schools education
libraries library social care health public environmental events tourism grants jobs careers recruitment hr
people workforce members cabinet chief executive leader mayor office officer director directorate ceo cdio cio
cto clerk electoral elections registration registrar development economy economic regeneration sustainability
climate community communities engagement consultation consultations standards security cyber assurance audit
accessibility design user research ux content service-desk servicedesk desk apps api dev developers github
city county borough district metropolitan unitary parish town national north south east west central
""".split())
_WORD = re.compile(r"[a-z]++")


def _role_words_only(token: str) -> bool:
    """Whether a run of letters is made only of role words (localdigital = local + digital), in one pass."""
    reachable = [True] + [False] * len(token)
    for end in range(1, len(token) + 1):
        for start in range(max(0, end - 16), end):
            if reachable[start] and token[start:end] in ROLE_WORDS:
                reachable[end] = True
                break
    return reachable[-1]


def mailbox_problem(local: str, domain: str) -> str | None:
    """Why an address is personal: 'webmail' (a personal provider), 'person' (a person-shaped
    mailbox: jsmith, j.smith, jane.smith, jane_smith) or None for a role mailbox."""
    domain = domain.lower().rstrip(".")
    labels = domain.split(".")
    if labels[0] in WEBMAIL and len(labels) <= 3:
        return "webmail"
    local = local.lower().split("+", 1)[0]
    parts = [part for part in re.split(r"[._\-]++", local) if part]
    if not parts:
        return None
    letters = [part for part in parts if part.isalpha()]
    if any(_role_words_only(part) for part in letters):
        return None
    if len(parts) in (2, 3) and len(letters) == len(parts):
        return "person"  # jane.smith, j.smith, jane_smith, jane.a.smith
    if len(parts) == 1 and (letters or parts[0].rstrip("0123456789").isalpha()) and 3 <= len(parts[0]) <= 24:
        return "person"  # jsmith, janesmith, jsmith2: one word that is not a role
    return None


_OBFUSCATED_AT = re.compile(r"(?<!\s)\s*+(?:[\[({<]\s*+at\s*+[\])}>]|\bAT\b)\s*+")
_OBFUSCATED_DOT = re.compile(r"(?<!\s)\s*+[\[({<]\s*+dot\s*+[\])}>]\s*+|(?<=\w)\s++dot\s++(?=\w)", re.I)
_SPELLED_AT = re.compile(r"(?<=\w)\s++at\s++(?=\w)", re.I)


def _spelled_out(text: str) -> str | None:
    """The text with 'jane dot smith at council dot gov dot uk' and 'jane [at] council.gov.uk'
    written as addresses, or None when it spells out none. A bare ' at ' counts only beside a
    spelled ' dot ', so that 'find us at www.council.gov.uk' is not read as an address."""
    if not may_spell_address(text):  # without a bracketed or capital "at" or a "dot", nothing to substitute
        return None
    dotted = _OBFUSCATED_DOT.sub(".", text) if "dot" in text.lower() else text
    joined = _OBFUSCATED_AT.sub("@", dotted)
    if dotted is not text:
        joined = _SPELLED_AT.sub("@", joined)
    return joined if joined != text else None


class PersonalScan:
    """Which of personal_data's readings a whole text (a page's body) can need, found once, so that
    its lines skip the readings that cannot find anything: a phone number needs nine digits in the
    text, an address spelled out a bracketed or capital "at" or a "dot", an address an "@"."""

    __slots__ = ("phones", "spelled", "any")

    def __init__(self, text: str) -> None:
        self.phones = sum(text.count(digit) for digit in "0123456789") >= 9
        # Blanking a line's code spans can put a bracket next to an "at" ("( `x` at )"), so a text
        # with backticks is always read line by line.
        self.spelled = "`" in text or may_spell_address(text)
        self.any = self.phones or self.spelled or "@" in text


def personal_data(text: str, scan: PersonalScan | None = None) -> list[tuple[int, str, str, str, str]]:
    """(column, severity, rule, message, hint) for each phone number and personal email address.
    scan, made from a text that holds this one, skips the readings that text rules out."""
    found = []
    if scan is None or scan.phones:
        for offset in _phone_numbers(text):
            found.append((offset + 1, ERROR, "personal-phone", "this looks like a phone number", _PHONE_HINT))
    spelled = _spelled_out(text) if scan is None or scan.spelled else None
    for source, shifted in ((text, False), (spelled, True)):
        if not source or "@" not in source:
            continue
        for match in _EMAIL.finditer(source):
            if shifted and match.group(0) in text:
                continue  # already read in the text as written
            problem = mailbox_problem(match.group(1), match.group(2))
            address = match.group(0)
            col = 1 if shifted else match.start() + 1
            if problem == "webmail":
                found.append((col, ERROR, "personal-email", f"'{address}' is a personal email provider's address",
                              "give your organisation's role mailbox, such as digital@yourcouncil.gov.uk, or a contact form"))
            elif problem == "person":
                found.append((col, ERROR, "personal-email", f"'{address}' looks like a named person's email address",
                              "use a role mailbox such as digital@yourcouncil.gov.uk, so it still works when people move on"))
    return found


_PERSON_TITLES = frozenset("cllr councillor cllr. mr mrs ms miss mx dr sir dame prof professor lord lady baroness baron rt hon".split())
_ROLE_TITLE_WORDS = ROLE_WORDS | frozenset("""
of for the and to in on at with head deputy assistant interim acting managing senior principal lead strategic
corporate group portfolio holder member chair chairman chairwoman chairperson vice president secretary state
minister permanent under parliamentary manager general authority combined fire rescue police crime commissioner
authority trust nhs board committee resources adult adults children childrens family families neighbourhood
neighbourhoods place places growth infrastructure property assets operations operational commercial smart
cities city-wide partnerships executive-director s151 monitoring chief-executive town clerk mayoral
""".split())
_NAME_WORD = re.compile(r"[A-Z][a-z'’\-]++|[A-Z]\.?(?=\s|$)")


def person_name(text: str) -> str | None:
    """A person's name in a signed_by entry, which should be a role: a title followed by a name
    (Cllr Jane Smith, Dr Jones), or a part of the entry made only of capitalised words that are
    not role words (Jane Smith, Chief Executive)."""
    for part in re.split(r"\s*+[,;/()\u2013\u2014]\s*+|\s++-\s++", text.strip()):
        words = part.split()
        if not words:
            continue
        for index, word in enumerate(words[:-1]):
            if word.lower().rstrip(".") in _PERSON_TITLES and _NAME_WORD.fullmatch(words[index + 1]) \
                    and words[index + 1].lower() not in _ROLE_TITLE_WORDS:
                return " ".join(words[index:index + 3])
        names = [word for word in words if _NAME_WORD.fullmatch(word) and word.lower().rstrip(".") not in _ROLE_TITLE_WORDS
                 and word.lower().rstrip(".") not in _PERSON_TITLES]
        if names and len(names) == len(words) and len(words) <= 4:
            return part
    return None


_PY_FENCE_OPEN = re.compile(r"^(`{3,}+|~{3,}+)[ ]*+(?:\{[^\n]*\}|\.?[\w#.+-]*+[ ]*+)?+$")


def _fenced_alike(lines: list[str], span: list[int] | None) -> bool:
    """Whether the site's renderer (Python-Markdown's fenced_code) also reads this CommonMark
    fence as code: it opens at the start of a line and is closed by exactly the same fence.
    Otherwise its lines are checked like any others, since the renderer would pass raw HTML
    in them through (an unclosed fence, a longer closing fence, a fence inside a list)."""
    if not span or span[1] - span[0] < 2:
        return False
    opening = _PY_FENCE_OPEN.match(lines[span[0]])
    return bool(opening) and lines[span[1] - 1].rstrip(" ") == opening.group(1)


def check_markdown(body: str, first_line: int, relpath: str, report: Report, exists: Callable[[str], bool]) -> None:
    """Raw HTML, unsafe links and attribute lists, and personal data in a Markdown body."""
    if _too_complex(body, first_line, report):
        return
    lines = body.split("\n")
    scan = PersonalScan(body)
    references = _reference_targets(lines) if "]:" in body else {}
    code_lines: set[int] = set()
    if "`" in body or "~~~" in body or "    " in body:
        for token in _commonmark().parse(body):
            if token.type == "code_block" and token.map:
                code_lines.update(range(token.map[0], token.map[1]))
            elif token.type == "fence" and _fenced_alike(lines, token.map):
                # The opening line is not code: fenced_code puts what follows the fence in the page, as the
                # block's attributes (```{ onclick=alert(1) } gives <code onclick>) or its class (```07700900123
                # gives class="language-07700900123"), so that line is checked like any other.
                code_lines.update(range(token.map[0] + 1, token.map[1]))
    for index, raw_line in enumerate(lines):
        if index in code_lines or not raw_line:
            continue
        line = first_line + index
        text = mask_inline_code(raw_line) if "`" in raw_line else raw_line
        if "<" in text:
            masked = _MARKDOWN_AUTOLINK.sub(lambda m: " " * len(m.group(0)), text)
            found = _RAW_HTML.search(masked)
            if found:
                report(line, found.start() + 1, ERROR, "markdown-raw-html", "raw HTML is not allowed in Markdown",
                       "use Markdown instead (e.g. **bold**, [link](https://...)); to show a < sign in text write &lt;")
            for match in _MARKDOWN_AUTOLINK.finditer(text):
                target = match.group(0)[1:-1]
                if scheme_of(target) is None and "@" in target:
                    continue  # <name@example.gov.uk> is a mailto: link, not a file
                check_link(target, report, line, match.start() + 1, relpath, exists)
        if "](" in text:
            for match in _LINK_TARGET.finditer(text):
                check_link(match.group(1), report, line, match.start(1) + 1, relpath, exists)
        if "](" in text or "][" in text or ("]" in text and references):
            for col, label, target in _link_texts(text, references):
                for severity, rule, message, hint in deceptive_link(label, target):
                    report(line, col, severity, rule, message, hint)
        if "![" in text:
            for col, target in _image_targets(text, references):
                if scheme_of(target.strip().strip("<>")) in ALLOWED_SCHEMES:  # other schemes are link-scheme errors
                    report(line, col, ERROR, "image-external",
                           "this image is loaded from another site, which would see every visitor and could change the picture",
                           f"keep a copy of the image in {IMAGES_FOLDER}/, with its licence, and link to it there, "
                           f"e.g. ![A description]({'../' * relpath.count('/')}{IMAGES_FOLDER.removeprefix('content/')}/my-image.png)")
        if "]:" in text:
            match = _REFERENCE_DEF.match(text)
            if match:
                check_link(match.group(1), report, line, match.start(1) + 1, relpath, exists)
        if "{" in text:
            named: set[str] = set()
            for col, names, inner in _attribute_lists(text, raw_line):
                for name in names:
                    if name.lower() not in SAFE_ATTRIBUTES and name not in named:
                        named.add(name)
                        report(line, col, ERROR, "attr-list-unsafe",
                               f"the attribute '{name}' is not allowed in an attribute list",
                               "remove it; only classes (.name), ids (#name) and "
                               + ", ".join(sorted(SAFE_ATTRIBUTES)) + " may be set")
                for token in _ATTR_TOKEN.findall(inner):
                    reserved = RESERVED_ID_PREFIXES if token[0] == "#" else RESERVED_CLASS_PREFIXES if token[0] == "." else ()
                    if reserved and token[1:].lower().startswith(reserved) and token not in named:
                        named.add(token)
                        kind = "id" if token[0] == "#" else "class"
                        report(line, col, ERROR, "attr-list-reserved",
                               f"the {kind} '{token[1:]}' belongs to the site's own layout",
                               f"choose another {kind}; names starting with "
                               + " or ".join(f"'{p}'" for p in (RESERVED_ID_PREFIXES if kind == "id" else RESERVED_CLASS_PREFIXES))
                               + " are kept for the site")
        # A heading may sit in a blockquote or a list item ("> ## x", "- ## x"): its id is made all the same.
        inside = _CONTAINER_MARKS.match(raw_line).end()
        underline = _in_container(lines[index + 1]).strip() if index + 1 < len(lines) else ""
        if raw_line.startswith("#", inside) or underline and set(underline) in ({"="}, {"-"}):
            slug = heading_slug(raw_line[inside:], setext=bool(underline) and set(underline) in ({"="}, {"-"}))
            if slug is not None and slug.startswith(RESERVED_HEADING_PREFIXES):
                report(line, 1, ERROR, "heading-reserved-id",
                       f"this heading's link name would be '{slug}', which belongs to the site's own layout",
                       "reword the heading so that it starts with a letter or digit, not " +
                       " or ".join(f"'{p}'" for p in RESERVED_HEADING_PREFIXES))
        if scan.any:
            for col, severity, rule, message, hint in personal_data(text, scan):
                report(line, col, severity, rule, message, hint)


MAX_SPACE_RUN = 100  # spaces or tabs in a row inside a line; indentation and tables need far fewer
MAX_BRACKETS = 1000  # '[' in one page; a long page with many links has a few hundred
MAX_BACKTICKS = 10_000  # '`' in one page; code is better in a fenced block than in thousands of spans
_SPACE_RUN = re.compile(r"[ \t]{%d}" % (MAX_SPACE_RUN + 1))
_SPACES = " " * (MAX_SPACE_RUN + 1)  # without a tab, a run needs this (found by the string's own search)


def too_complex(body: str) -> bool:
    """Whether check_markdown refuses the body as markdown-too-complex (and checks nothing else):
    other checks that parse the body (assets.check_images) must not parse it either."""
    return _too_complex(body, 1, lambda *_finding: None)


def _too_complex(body: str, first_line: int, report: Report) -> bool:
    """Text the site's renderer would take minutes over. Python-Markdown's own patterns (attr_list's
    heading pattern, fenced_code's opening fence) backtrack over long runs of spaces, and its link
    parser looks for the closing bracket of every '[': a page made of these is refused before it
    is rendered, with nothing else checked."""
    run = _SPACE_RUN.search(body) if "\t" in body or _SPACES in body else None
    if run:
        line = first_line + body.count("\n", 0, run.start())
        report(line, run.start() - body.rfind("\n", 0, run.start()), ERROR, "markdown-too-complex",
               f"this line has more than {MAX_SPACE_RUN} spaces in a row",
               "remove the run of spaces; to lay text out, use a list or a table")
        return True
    brackets = body.count("[")
    if brackets > MAX_BRACKETS:
        report(first_line, 1, ERROR, "markdown-too-complex",
               f"the text has {brackets} square brackets, more than the limit of {MAX_BRACKETS}",
               "split the page, or write fewer links; a [ that is not a link can be written as &#91;")
        return True
    backticks = body.count("`")
    if backticks > MAX_BACKTICKS:
        report(first_line, 1, ERROR, "markdown-too-complex",
               f"the text has {backticks} backticks (`), more than the limit of {MAX_BACKTICKS}",
               "split the page, or put code in a few fenced blocks instead of many short ones")
        return True
    return False


_ATX_HEADING = re.compile(r"^ {0,3}+#{1,6}+(?:[ \t]|$)")
# What a line of a blockquote or a list item starts with before its own text: '>', '-', '*', '+', '1.', '1)' and
# the spaces around them (more than Python-Markdown takes: a heading's id is checked wherever one could be).
_CONTAINER_MARKS = re.compile(r"(?:[ \t]*+(?:>|[-*+](?=[ \t])|\d{1,9}+[.)](?=[ \t])))*+[ \t]*+")
_SLUG_DROP = re.compile(r"[^\w\s-]")
_SLUG_JOIN = re.compile(r"[-\s]++")


def _in_container(line: str) -> str:
    """A line without the marks of the blockquotes and list items it is in."""
    return line[_CONTAINER_MARKS.match(line).end():]


def heading_slug(text: str, setext: bool = False) -> str | None:
    """The id Python-Markdown's toc extension gives a heading line (ATX, or with setext the text
    line of a Setext heading), as its default slugify makes it; None when the line is not a heading."""
    match = _ATX_HEADING.match(text)
    if not match and not setext:
        return None
    words = text[match.end():] if match else text
    if match:
        words = words.rstrip(" \t").rstrip("#").rstrip(" \t")  # the optional closing #s
    tail = attr_tail(words)
    if tail is not None:
        words = words[:tail[0]].rstrip(" {:")
    words = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode("ascii")
    words = _SLUG_DROP.sub("", _INLINE_MARKUP.sub("", words)).strip().lower()
    return _SLUG_JOIN.sub("-", words)


_INLINE_MARKUP = re.compile(r"[*`]++")  # emphasis and code marks are not part of the heading's text


def is_external(target: str) -> bool:
    """Whether a link or image target leaves the site (any scheme, or a // or \\ address)."""
    target = target.strip()
    if target.startswith("<") and target.endswith(">"):
        target = target[1:-1].strip()
    return scheme_of(target) is not None or target.startswith(("//", "\\")) or "\\" in target


def _label(text: str) -> str:
    return " ".join(text.split()).lower()


def _reference_targets(lines: list[str]) -> dict[str, str]:
    """Reference definitions ([label]: target) by label, as Markdown matches them (case and spacing ignored)."""
    found: dict[str, str] = {}
    for line in lines:
        if "]:" in line:
            match = _REFERENCE_DEF.match(line)
            if match:
                label = line[line.index("[") + 1:line.index("]:")]
                found.setdefault(_label(label), match.group(1))
    return found


# ---- deceptive links ---------------------------------------------------------------------------

# Domains of government in the UK: a link whose text names one of these must go there.
GOVERNMENT_DOMAINS = ("gov.uk", "nhs.uk", "police.uk", "gov.scot", "gov.wales", "llyw.cymru", "parliament.uk", "mod.uk",
                      "nidirect.gov.uk", "judiciary.uk", "sch.uk", "nhs.scot", "hscni.net")
_TLDS = frozenset("uk com org net gov scot wales cymru london eu info io dev app edu int co ie us me ai tech digital "
                  "online site cloud nhs police".split())
_DOMAIN_IN_TEXT = re.compile(r"(?<![\w.\-@/])((?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.){1,8}[a-z]{2,24}+)(?![\w\-])", re.I)
# Letters of other scripts drawn like Latin ones (a small part of Unicode's confusables list).
_LOOKALIKE = str.maketrans("аеорсухіјѕԁһԛԝνοαεκτιρχуАВЕКМНОРСТХІЈЅ", "aeopcyxijsdhqwvoaektipxyABEKMHOPCTXIJS")


def is_government(domain: str) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in GOVERNMENT_DOMAINS)


def _host(target: str) -> str | None:
    """The host of an http(s) link, lower-case, without www.; None for other links."""
    target = target.strip().strip("<>")
    if scheme_of(target) not in ("http", "https"):
        return None
    rest = target.split(":", 1)[1].lstrip("/\\")
    host = re.split(r"[/?#\\]", rest, maxsplit=1)[0].rsplit("@", 1)[-1].split(":", 1)[0].rstrip(".").lower()
    return host.removeprefix("www.")


def _claimed(label: str) -> list[str]:
    """Domains the text of a link names: www.gov.uk, council.gov.uk, and the brand GOV.UK."""
    host = _host(label.strip())
    found = [host] if host else []  # the text is itself an address
    for match in _DOMAIN_IN_TEXT.finditer(label):
        domain = match.group(1).lower().removeprefix("www.")
        if domain.rsplit(".", 1)[-1] in _TLDS:
            found.append(domain)
    return found


def _readable_host(host: str) -> str:
    """A punycode host (xn--...) as the letters it shows; the host itself when it cannot be read."""
    try:
        return host.encode("ascii").decode("idna")
    except (UnicodeError, ValueError):
        return host


def _scripts(label: str) -> set[str]:
    return {unicodedata.name(char, "?").split(" ")[0] for char in label if char.isalpha()}


def deceptive_link(label: str, target: str) -> list[tuple[str, str, str, str]]:
    """(severity, rule, message, hint) when a link's text or address could mislead: text naming a
    different domain, a host in punycode or mixing scripts. Errors when government is imitated."""
    host = _host(target)
    if host is None:
        return []
    found = []
    plain = host.isascii() and "xn--" not in host  # a to z, digits and signs: one script, nothing to look like
    shown = _readable_host(host) if "xn--" in host else host
    skeleton = shown if plain else shown.translate(_LOOKALIKE)
    mixed = not plain and any(len(_scripts(part)) > 1 for part in shown.split("."))
    if not plain:
        imitates = skeleton != shown and is_government(skeleton)
        if imitates:
            message = f"this link's address '{shown}' uses letters from other alphabets to look like {skeleton}"
        elif mixed:
            message = f"this link's address '{shown}' mixes letters from different alphabets"
        elif "xn--" not in host:
            message = f"this link's address '{shown}' has letters beyond a to z"
        else:
            message = f"this link's address '{host}' is written in punycode (xn--), which shows as '{shown}'"
        government = imitates or any(is_government(d) for d in _claimed(label))
        found.append((ERROR if government else WARNING, "link-host-lookalike", message,
                      "check where the link really goes, and write the real address in plain letters"))
    # Text naming a domain or an address has a dot in it, or a colon (https://intranet).
    claims = _claimed(label) if ("." in label or ":" in label) and _says_where(label) else []
    if claims and not any(host == d or host.endswith("." + d) for d in claims):
        claim = claims[0]
        government = any(is_government(d) for d in claims)
        found.append((ERROR if government else WARNING, "link-text-domain",
                      f"the link's text names {claim} but it goes to {shown}",
                      "make the text say where the link goes, or link to the address the text names"))
    return found


MAX_CLAIM_WORDS = 3  # "GOV.UK Pay", "Apply on GOV.UK": a short text naming a domain says where the link goes


def _says_where(label: str) -> bool:
    """Whether a link's text names where it goes: an address (www..., https://...), or a domain with
    at most a few words beside it. A longer text only mentions a domain ("GOV.UK Pay project
    reflections (North East Lincolnshire Digital)", a blog post about GOV.UK Pay)."""
    lowered = label.lower()
    if "www." in lowered or "://" in lowered:
        return True
    words = label.split()
    return len([w for w in words if not _DOMAIN_IN_TEXT.search(w)]) <= MAX_CLAIM_WORDS


def _link_texts(text: str, references: dict[str, str]) -> list[tuple[int, str, str]]:
    """(column, text, target) of each link on a line (not images): [text](target), [text][label],
    [label][] and [label]; brackets paired in one pass."""
    pairs = _bracket_pairs(text)
    found = []
    for opener, closer in pairs.items():
        if _is_image(text, opener) or text[opener - 1:opener] == "]":
            continue  # an image, or the label part of [text][label]
        label = text[opener + 1:closer]
        after = text[closer + 1:closer + 2]
        if after == "(":
            match = _LINK_TARGET.match(text, closer)
            if match:
                found.append((opener + 1, label, match.group(1)))
            continue
        if after == "[":
            end = text.find("]", closer + 2)
            key = text[closer + 2:end] if end != -1 and text[closer + 2:end].strip() else label
        else:
            key = label
        target = references.get(_label(key))
        if target is not None and not text[closer + 1:closer + 2] == ":":
            found.append((opener + 1, label, target))
    return found


def _is_image(text: str, opener: int) -> bool:
    """Whether the '[' at opener starts an image: an '!' before it that no backslash escapes ('\\!' is
    text, '\\\\!' a backslash then an image). Each run of backslashes is before one '!': linear on a line."""
    if not opener or text[opener - 1] != "!":
        return False
    start = opener - 1
    while start and text[start - 1] == "\\":
        start -= 1
    return (opener - 1 - start) % 2 == 0


def _bracket_pairs(text: str) -> dict[int, int]:
    """Each '[' position -> the position of its ']', by a stack in one pass (escaped brackets skipped)."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    escaped = False
    for position, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            stack.append(position)
        elif char == "]" and stack:
            pairs[stack.pop()] = position
    return pairs


def check_links_field(data: object, mark: Callable[[tuple], tuple[int, int]], report: Report) -> None:
    """Front matter's links: (title and url): the title may not name a domain the url does not go to."""
    links = data.get("links") if isinstance(data, dict) else None
    if not isinstance(links, list):
        return
    for index, entry in enumerate(links):
        if isinstance(entry, dict) and isinstance(entry.get("title"), str) and isinstance(entry.get("url"), str):
            for severity, rule, message, hint in deceptive_link(entry["title"], entry["url"]):
                report(*mark(("links", index, "title")), severity, rule, f"'links' entry {index + 1}: {message}", hint)


def _image_targets(text: str, references: dict[str, str]) -> list[tuple[int, str]]:
    """(column, target) of each image on a line: ![alt](target), ![alt][label], ![label][] and
    ![label], also inside a link's text. Brackets are paired in one pass with a stack."""
    # position of a '[' preceded by an unescaped '!' -> position of its ']'
    pairs = {opener: closer for opener, closer in _bracket_pairs(text).items() if _is_image(text, opener)}
    found = []
    for opener, closer in pairs.items():
        after = text[closer + 1:closer + 2]
        if after == "(":
            match = _LINK_TARGET.match(text, closer)
            if match:
                found.append((match.start(1) + 1, match.group(1)))
            continue
        label = text[opener + 1:closer]
        if after == "[":
            end = text.find("]", closer + 2)
            if end != -1 and text[closer + 2:end].strip():
                label = text[closer + 2:end]
        target = references.get(_label(label))
        if target is not None:
            found.append((opener, target))
    return found


def _attribute_lists(text: str, raw: str | None = None) -> list[tuple[int, list[str], str]]:
    """(column, attribute names) of each {...} on a line, read as generously as attr_list reads it.
    raw is the line before its code spans were blanked out: a list right after a span applies to it."""
    found = []
    end = len(text.rstrip())
    for match in _ATTR_LIST.finditer(text):
        inner = match.group(1).strip()
        inner = inner[1:].strip() if inner.startswith(":") else inner
        names = _ATTR_PAIR.findall(inner)
        if match.end() == end or (raw or text)[match.start() - 1:match.start()] in _INLINE_END:
            # Where attr_list applies, a bare word becomes an attribute too: {: onclick } gives <p onclick>.
            names += _bare_words(inner)
        found.append((match.start() + 1, names, inner))
    tail = attr_tail(text)
    if tail is not None:  # at the end of a heading or line attr_list takes everything from the first " {" to the last "}"
        start, inner = tail
        inner = inner[1:] if inner.startswith(":") else inner
        found.append((start + 1, _ATTR_PAIR.findall(inner) + _bare_words(inner), inner))
    return found


def attr_tail(text: str) -> tuple[int, str] | None:
    """(offset, inside) of the attribute list that attr_list's HEADER_RE,
    [ ]+{:?[ ]*([^}\\n ][^\\n]*)[ ]*}[ ]*$, finds at the end of a line, found by one scan instead
    of that pattern's backtracking: the first " {" whose inside starts before the line's last '}'."""
    last = len(text.rstrip(" ")) - 1
    if last < 0 or text[last] != "}":
        return None
    position = text.find(" {")
    while 0 <= position and position + 1 < last:
        after = position + 2
        first = _skip_spaces(text, after, last)
        if first < last and text[first] != "}":
            if text[after] == ":":  # the pattern's ':?' takes the colon when what follows still matches
                second = _skip_spaces(text, after + 1, last)
                if second < last and text[second] != "}":
                    first = second
            return first, text[first:last]
        position = text.find(" {", position + 1)
    return None


def _skip_spaces(text: str, start: int, stop: int) -> int:
    while start < stop and text[start] == " ":
        start += 1
    return start


def mask_inline_code(line: str) -> str:
    """The line with each CommonMark code span (`...`, ``...``) blanked out, in one pass: a run
    of backticks opens a span that the next run of exactly the same length closes."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)]
    by_length: dict[int, list[int]] = {}
    for number, (start, stop) in enumerate(runs):
        by_length.setdefault(stop - start, []).append(number)
    taken = {length: 0 for length in by_length}  # how far into each length's list the scan has come
    pieces = []
    done = 0
    number = 0
    while number < len(runs):
        start, stop = runs[number]
        same = by_length[stop - start]
        index = taken[stop - start]
        while index < len(same) and same[index] <= number:
            index += 1
        taken[stop - start] = index
        if index == len(same):
            number += 1
            continue  # no closing run: these backticks are text
        close = runs[same[index]][1]
        pieces += [line[done:start], " " * (close - start)]
        done = close
        number = same[index] + 1
    pieces.append(line[done:])
    return "".join(pieces)


def _bare_words(inner: str) -> list[str]:
    return [token for token in _ATTR_TOKEN.findall(inner) if "=" not in token and token[0] not in ".#"]
