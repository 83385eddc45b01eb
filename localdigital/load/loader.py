"""The one strict loader for YAML files and Markdown front matter.

Parses with libyaml's composer (C speed) and walks the node graph itself, so that
every scalar stays a string, aliases, anchors, tags and duplicate keys are refused, and
every value keeps its line and column. Any problem becomes a Finding of that file;
nothing here raises on bad input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import yaml
import yaml.cyaml

from ..findings import ERROR, Finding

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 20  # content needs about 5 levels; deeper is a mistake or an attack
MAX_NODES = 20_000  # a front matter with a million keys is refused, not walked

# Characters a value cannot hold, however written (a YAML escape such as "\r", "\e" or "\x01" makes
# them without the character being in the file): control characters other than line feed and tab,
# line and paragraph separators, byte-order marks, non-characters, and the bidirectional
# overrides that make text display in a different order from the one it is read in.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")

# Values safety.check_text_field could find something in, and only those (with any signed_by
# entry): HTML needs '<', an address '@', a phone number nine digits, an address spelled out
# (jane [at] council dot gov dot uk) a bracketed or capital "at" or a "dot" (safety.PersonalScan
# reads a page's body by the same conditions; tests/validate/test_prefilters.py pins that they
# agree with the checks). A document without any of these (and without a backslash, which could
# write one as an escape) is searched no further; nine digits are looked for in each value, in
# one pass from its start.
_SUSPECT = re.compile(r"[<@]|AT|[\[({<]\s*+at|[Dd][Oo][Tt]")
_NINE_DIGITS = re.compile(r"\A(?:\D*+\d){9}")  # anchored: one pass however it is called
_BRACKETED_AT = re.compile(r"[\[({<]\s*+at")


def may_spell_address(text: str) -> bool:
    """Whether text holds what an address spelled out needs (a capital or bracketed "at", or a
    "dot" in any case), found with the string's own searches where they can rule it out."""
    if "AT" in text or "dot" in text.lower():
        return True
    return ("[" in text or "(" in text or "{" in text or "<" in text) and _BRACKETED_AT.search(text) is not None


Path_ = tuple  # a path into the data: keys (str) and list indexes (int)
NULLS = frozenset(("", "~", "null", "Null", "NULL"))

_MAPPING = yaml.MappingNode
_SCALAR = yaml.ScalarNode
# The tags libyaml gives plain values by itself; any other (!name, !!python/..., !!binary) was written by hand.
# The base resolver gives every plain scalar the str tag (no implicit int, bool, null or date
# typing: the schema types values), and is cheaper per node than the safe one.
class _Composer(yaml.cyaml.CParser):
    """libyaml's parser and composer with the cheapest possible resolver: no implicit types,
    no path resolvers (the composer calls these three for every node)."""

    _TAGS = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
             yaml.MappingNode: "tag:yaml.org,2002:map"}

    def resolve(self, kind, value, implicit):
        return self._TAGS[kind]

    def descend_resolver(self, current_node, current_index):
        return None

    def ascend_resolver(self):
        return None


_PLAIN_TAGS = frozenset("tag:yaml.org,2002:" + name for name in ("str", "map", "seq"))


@dataclass(slots=True)
class Loaded:
    """The result of loading one file: data (or None), marks, body and findings."""

    path: str
    data: object = None
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    body: str = ""  # Markdown after the front matter ("" for YAML files)
    body_line: int = 1  # the file line on which the body starts
    findings: list[Finding] = field(default_factory=list)
    suspect: list[tuple[Path_, str]] = field(default_factory=list)  # values safety looks at closer (see _SUSPECT)
    # The YAML text (and its first line's offset in the file) that marks of values below the top
    # level are read from when a finding first asks for one: most files have no such finding, and
    # recording every value's place while loading took a third of the load.
    source: str = ""
    offset: int = 0

    def mark(self, path: Path_) -> tuple[int, int]:
        """The line and column of the value at path, or of its nearest parent that exists."""
        if len(path) > 1 and path not in self.marks and self.source:
            self.marks.update(_all_marks(self.source, self.offset))
            self.source = ""  # read once
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    def error(self, rule: str, message: str, hint: str, path: Path_ = ()) -> None:
        """An error about the value at path (the whole file when path is empty)."""
        line, col = self.mark(path)
        self.findings.append(Finding(self.path, line, col, ERROR, rule, message, hint))

    def error_at(self, line: int, col: int, rule: str, message: str, hint: str) -> None:
        self.findings.append(Finding(self.path, line, col, ERROR, rule, message, hint))


class _Walk:
    """Turns a composed node graph into plain dicts, lists and strings, keeping marks.

    The checks a node needs only when its document holds a particular character are made
    only then (found once per document, in C): an alias needs '&', a tag '!', a control
    character or a leading tab a control character, a tab or a backslash escape. Documents
    too short to hold MAX_NODES values are not counted. Scalars, most of the nodes, are read
    in their parent's loop rather than by a call of their own."""

    __slots__ = ("loaded", "offset", "seen", "count", "aliases", "tags", "controls", "counting", "suspects")

    def __init__(self, loaded: Loaded, offset: int, text: str = "\0!&\\") -> None:
        self.loaded = loaded
        self.offset = offset
        self.seen: set[int] = set()
        self.count = 0
        self.aliases = "&" in text
        self.tags = "!" in text
        # Every character _CONTROL_CHARS names but the tab is one str.isprintable refuses (with others,
        # such as a no-break space, which only make the values be looked at one by one).
        self.controls = "\\" in text or "\t" in text or not text.replace("\n", "").isprintable()
        self.counting = len(text) * 2 >= MAX_NODES  # a value takes at least one character (and its empty partner none)
        self.suspects = "\\" in text or "<" in text or "@" in text or may_spell_address(text)

    def fail(self, rule: str, node: yaml.Node, message: str, hint: str) -> None:
        mark = node.start_mark
        self.loaded.findings.append(
            Finding(self.loaded.path, mark.line + 1 + self.offset, mark.column + 1, ERROR, rule, message, hint)
        )

    def control(self, node: yaml.Node, text: str, what: str) -> None:
        found = _CONTROL_CHARS.search(text)
        char = found.group(0) if found else "\t"
        name = unicodedata.name(char, "") or {"\t": "tab", "\r": "carriage return", "\x1b": "escape",
                                                   "\x00": "NUL"}.get(char, "a control character")
        where = "starts with a tab" if not found else f"holds the invisible character U+{ord(char):04X} ({name.lower()})"
        self.fail("yaml-control-character", node, f"this {what} {where}",
                  "retype the value as plain text; remove escapes such as \\r, \\t, \\e or \\x01 and any pasted invisible characters")

    def enter(self, node: yaml.Node, depth: int) -> None:
        """The checks of every node: aliases walked once, the node count, tags, the depth."""
        if self.aliases:
            key = id(node)
            if key in self.seen:
                raise _Alias
            self.seen.add(key)
        if self.counting:
            self.count += 1
            if self.count > MAX_NODES:
                raise _TooBig(node)
        if self.tags and node.tag not in _PLAIN_TAGS:
            self.fail("yaml-tag", node, f"the tag '{node.tag}' is not allowed",
                      "remove the tag (the word starting with !) and write a plain value")
        if depth > MAX_DEPTH:
            raise _TooDeep(node)

    def value(self, node: yaml.Node, path: Path_, depth: int) -> object:
        try:
            self.enter(node, depth)
        except _Alias:
            return None  # an alias: reported where it is written by _anchors_and_aliases, and never walked twice
        if node.__class__ is _SCALAR:
            return self.scalar(node, path)
        marks = self.loaded.marks
        offset = self.offset + 1
        simple = not (self.aliases or self.counting or self.tags)
        depth += 1
        if node.__class__ is _MAPPING:
            result: dict[str, object] = {}
            for key_node, value_node in node.value:
                if key_node.__class__ is not _SCALAR:
                    self.fail("yaml-complex-key", key_node, "a field name must be a plain word",
                              "write the field name as text followed by a colon, e.g. title:")
                    continue
                name = key_node.value
                if self.controls and _CONTROL_CHARS.search(name):
                    self.control(key_node, name, "field name")
                    continue
                if name in result:
                    self.fail("yaml-duplicate-key", key_node, f"the field '{name}' is given twice",
                              f"keep one '{name}:' line and delete the other")
                    continue
                child = path + (name,)
                if depth == 1:  # the fields' own places; deeper ones are read when asked for (Loaded.mark)
                    mark = key_node.start_mark
                    marks[child] = (mark.line + offset, mark.column + 1)
                if name == "<<":
                    self.fail("yaml-merge-key", key_node, "merge keys (<<) are not allowed",
                              "write every field out in full")
                    continue
                if simple and value_node.__class__ is _SCALAR and depth <= MAX_DEPTH:
                    result[name] = self.scalar(value_node, child)
                else:
                    result[name] = self.value(value_node, child, depth)
            return result
        items = []
        for index, item in enumerate(node.value):
            child = path + (index,)
            if depth == 1:
                mark = item.start_mark
                marks[child] = (mark.line + offset, mark.column + 1)
            if simple and item.__class__ is _SCALAR and depth <= MAX_DEPTH:
                items.append(self.scalar(item, child))
            else:
                items.append(self.value(item, child, depth))
        return items

    def scalar(self, node: yaml.Node, path: Path_) -> str | None:
        text = node.value
        if self.controls and (_CONTROL_CHARS.search(text) or text[:1] == "\t"):
            self.control(node, text, "value")  # kept as written, so no second finding says it is empty
        if not node.style and text in NULLS:  # libyaml gives a plain scalar the style '' (PyYAML: None)
            return None
        if path[:1] == ("signed_by",) or _NINE_DIGITS.match(text) or self.suspects and _SUSPECT.search(text):
            self.loaded.suspect.append((path, text))  # may hold HTML or personal data: safety looks closer
        return text


class _Alias(Exception):
    pass


class _TooDeep(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _TooBig(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def decode(path: str, raw: bytes, loaded: Loaded) -> str | None:
    """Bytes to text: UTF-8 only, with the size cap checked first. None when refused."""
    if len(raw) > MAX_FILE_BYTES:
        loaded.error("file-too-large", f"the file is larger than the limit of {MAX_FILE_BYTES // 1024} KB",
                     "split the content, or link to large documents instead of pasting them in")
        return None
    if not raw.strip():
        loaded.error("file-empty", "the file is empty", "fill in the template (localdigital new TYPE writes one), or delete the file")
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        loaded.error("encoding", "the file is saved as UTF-16", "save the file as UTF-8 (without BOM)")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        loaded.error_at(line, col, "encoding",
                                       "the file has bytes that are not valid UTF-8 text",
                                       "save the file as UTF-8; retype any character that shows as a box or question mark")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]  # a UTF-8 byte-order mark is harmless: GitHub's editor may add one
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        loaded.error_at(line, 1, "encoding", "the file contains a NUL byte",
                                       "save the file as plain UTF-8 text")
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            line = text.count("\n", 0, text.index("\r")) + 1
            loaded.error_at(line, 1, "line-endings",
                                           "the file uses old Mac line endings (a lone carriage return)",
                                           "save the file with Unix (LF) or Windows (CRLF) line endings")
            return None
    return text


def parse_yaml(text: str, loaded: Loaded, offset: int = 0) -> object:
    """Compose and walk one YAML document; problems go to loaded.findings."""
    tab = _leading_tab(text)
    if tab is not None:
        loaded.error_at(tab + 1 + offset, 1, "yaml-tab",
                                       "this line is indented with a tab", "indent with spaces, not tabs")
        return None
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1 + offset, mark.column + 1) if mark else (1 + offset, 1)
        problem = (exc.problem or exc.context or "the YAML is not well formed").strip()
        source = text.split("\n")[mark.line] if mark and mark.line < text.count("\n") + 1 else ""
        loaded.error_at(line, col, "yaml-syntax",
                                       f"this is not valid YAML: {problem}", _syntax_hint(problem, source, col))
        return None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, at a byte offset into the text
        before = text.encode("utf-8")[:max(exc.position, 0)].decode("utf-8", "ignore")
        loaded.error_at(before.count("\n") + 1 + offset, len(before) - before.rfind("\n"), "yaml-syntax",
                        f"this is not valid YAML: the character U+{exc.character:04X} is not allowed",
                        "delete the invisible character; retype the line if you cannot see where it is")
        return None
    except yaml.YAMLError as exc:
        loaded.error_at(1 + offset, 1, "yaml-syntax",
                                       f"this is not valid YAML: {exc}", _syntax_hint(str(exc)))
        return None
    finally:
        loader.dispose()
    if node is None:
        loaded.error("file-empty", "there are no fields in this file", "fill in the fields of the template")
        return None
    if "&" in text:  # an alias needs an anchor, so text without '&' has neither
        for line, col, is_alias in _anchors_and_aliases(text):
            if is_alias:
                loaded.error_at(line + offset, col, "yaml-alias",
                                "this value repeats another one with a YAML alias (*name)",
                                "write the value out in full; aliases and anchors are not allowed")
            else:
                loaded.error_at(line + offset, col, "yaml-alias", "YAML anchors (&name) are not allowed",
                                "remove the &name and write each value out in full")
    walk = _Walk(loaded, offset, text)
    try:
        data = walk.value(node, (), 0)
    except _TooDeep as exc:
        walk.fail("yaml-too-deep", exc.node, f"the fields are nested more than {MAX_DEPTH} levels deep",
                  "content needs only a few levels; check the indentation")
        return None
    except _TooBig as exc:
        walk.fail("yaml-too-many-values", exc.node, f"the file has more than {MAX_NODES} values",
                  "content files are small; split the file or remove the repeated values")
        return None
    if not isinstance(data, dict):
        loaded.error_at(1 + offset, 1, "yaml-not-mapping",
                                       "the file must be a list of fields (name: value), not a single value or a list",
                                       "start each line with a field name and a colon, e.g. title: My project")
        return None
    loaded.marks[()] = (node.start_mark.line + 1 + offset, node.start_mark.column + 1)
    loaded.source, loaded.offset = text, offset
    return data


def _all_marks(text: str, offset: int) -> dict[Path_, tuple[int, int]]:
    """The line and column of every value of a document parse_yaml has read (within MAX_DEPTH and
    MAX_NODES), by the path its walk gives it. Each node is visited once, as in the walk: an
    alias's node is reached by the path where it was first written, never again (an alias bomb
    of a few lines would otherwise name billions of paths)."""
    composer = _Composer(text)
    try:
        root = composer.get_single_node()
    finally:
        composer.dispose()
    marks: dict[Path_, tuple[int, int]] = {}
    stack: list[tuple[yaml.Node, Path_]] = [(root, ())]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        children = []
        if node.__class__ is _MAPPING:
            names: set[str] = set()
            for key, value in node.value:
                if key.__class__ is not _SCALAR or key.value in names:
                    continue  # the walk keeps the first of a repeated field
                names.add(key.value)
                marks[path + (key.value,)] = (key.start_mark.line + 1 + offset, key.start_mark.column + 1)
                children.append((value, path + (key.value,)))
        elif node.__class__ is not _SCALAR:
            for index, item in enumerate(node.value):
                marks[path + (index,)] = (item.start_mark.line + 1 + offset, item.start_mark.column + 1)
                children.append((item, path + (index,)))
        stack.extend(reversed(children))  # in the document's order, as the walk goes
    return marks


def _anchors_and_aliases(text: str) -> list[tuple[int, int, bool]]:
    """(line, column, is_alias) of every anchor (&name) and alias (*name), from the parser's events."""
    found = []
    parser = _Composer(text)
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                found.append((event.start_mark.line + 1, event.start_mark.column + 1, isinstance(event, yaml.AliasEvent)))
                if len(found) >= 50:
                    break  # enough to show the problem; a file of thousands of aliases gets no more findings
    except yaml.YAMLError:
        pass
    finally:
        parser.dispose()
    return found


def _leading_tab(text: str) -> int | None:
    if "\t" not in text:
        return None
    for number, line in enumerate(text.split("\n")):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            return number
    return None


_INDENT_HINT = ("check the indentation: a field must start in the same column as the fields beside it, "
                "and a field inside another (such as code: under organisation:) two spaces further in")


def _syntax_hint(problem: str, source: str = "", col: int = 0) -> str:
    if "mapping values" in problem:
        before = source[:max(col - 1, 0)].strip()
        if source and ":" not in before:
            return _INDENT_HINT  # the first colon on its line: the field is indented where no field can start
        return "a value containing ': ' must be put in quotes, e.g. title: \"Bins: a new service\""
    if "did not find expected key" in problem:
        return _INDENT_HINT
    if "found character '\\t'" in problem or "tab" in problem:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in problem:
        return "each line needs a field name followed by a colon and a space"
    if "nesting depth" in problem:
        return "remove the deeply nested brackets"
    return "check the indentation and quotes on this line and the one before it"


def load_yaml_file(path: str, raw: bytes) -> Loaded:
    loaded = Loaded(path)
    text = decode(path, raw, loaded)
    if text is not None:
        loaded.data = parse_yaml(text, loaded)
    return loaded


def load_markdown_file(path: str, raw: bytes, front_matter_required: bool = True) -> Loaded:
    """A Markdown file: front matter between '---' lines at the top, then the body."""
    loaded = Loaded(path)
    text = decode(path, raw, loaded)
    if text is None:
        return loaded
    if not text.startswith("---\n"):
        if front_matter_required:
            loaded.error("front-matter-missing", "the file does not start with front matter",
                         "make the first line '---', then the fields, then another '---' line before the text")
        else:
            loaded.data = {}
            loaded.body = text
        return loaded
    end = text.find("\n---\n", 3)
    if end == -1 and text.endswith("\n---"):
        end = len(text) - 4
    if end == -1:
        loaded.error("front-matter-unclosed", "the front matter is not closed",
                     "add a line with only '---' after the last field, before the text")
        return loaded
    yaml_text = text[4:end + 1]
    loaded.body = text[end + 5:]
    loaded.body_line = yaml_text.count("\n") + 3
    if not yaml_text.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in yaml_text.split("\n")):
        loaded.error("file-empty", "the front matter has no fields", "fill in the fields between the '---' lines")
        return loaded
    loaded.data = parse_yaml(yaml_text, loaded, offset=1)
    return loaded
