"""Issue forms to content files: the answers a council gives in a GitHub issue form become
a signatory, case study, brief, pattern or project file, checked by the validator.

Runs in the `issue-to-pr` workflow (`python -m localdigital.issueform --event FILE`).
Every answer is untrusted: each value is written as a double-quoted YAML scalar with
every line break and unusual character escaped, so no answer can add a field, close the
front matter or reach a shell. The issue forms in .github/ISSUE_TEMPLATE/ use the labels
and ids listed in FORMS; tests/contribute/test_issueform.py checks that they agree.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..content import BY_NAME
from ..findings import ERROR, Finding, sort_findings
from ..load.registers import RegisterError, load_registers
from ..validate import validate

MAX_BODY_BYTES = 64 * 1024
NO_RESPONSE = "_No response_"
LABEL_PREFIX = "form:"

PRINCIPLES = (
    "1: redesign services around the needs of the people using them",
    "2: fix our plumbing and break dependence on inflexible technology",
    "3: design safe and secure ways of sharing information",
    "4: demonstrate digital leadership",
    "5: embed an open culture that values digital ways of working",
)


@dataclass(frozen=True, slots=True)
class Question:
    """One question of an issue form: its id (the schema's field name), label and how to read the answer."""

    id: str
    label: str
    kind: str = "text"  # text (one line), lines (one entry a line), numbers, principles, body, confirm, yes-no
    required: bool = False
    options: tuple[str, ...] = ()  # confirm: the form's boxes, every one of which must be ticked


# The boxes of each form's Confirmation question, as .github/ISSUE_TEMPLATE/ words them (every one
# is required there; tests/test_issueform_structure.py checks that the two agree).
SIGN_BOXES = (
    "I have the authority to sign for this organisation, or am asking on behalf of someone who has",
    "The contact is a role mailbox or contact form, not a person's own address",
    "Nothing here is personal data",
)
SHARE_BOXES = (
    "I may share this on behalf of my organisation",
    "What I share may be published under the licence I gave (Open Government Licence if I gave none)",
    "Nothing here is personal data: no names of staff or residents, no personal email addresses or phone numbers",
)
_SIGN_CONFIRM = Question("confirm", "Confirmation", "confirm", True, SIGN_BOXES)
_SHARE_CONFIRM = Question("confirm", "Confirmation", "confirm", True, SHARE_BOXES)


_ORG = "Your organisation's register code or signatory id"
_STORY = Question("body", "The story", "body", True)

FORMS: dict[str, tuple[Question, ...]] = {
    "signatory": (
        Question("code", "Register code of your organisation", required=True),
        Question("signed_on", "Date signed (YYYY-MM-DD)"),
        Question("signed_by", "Roles of who signed", "lines", True),
        Question("contact", "Role mailbox or contact form", required=True),
        Question("commitment_title", "Your Declaration project", required=True),
        Question("mission", "What the project will do"),
        Question("impact", "What will change"),
        Question("due", "When it is due (YYYY-MM-DD)"),
        Question("status", "Status of the project"),
        Question("partners", "Partners", "lines"),
        Question("sources", "Public pages that show the signature", "lines"),
        _SIGN_CONFIRM,
    ),
    "case-study": (
        Question("title", "Title", required=True),
        Question("summary", "Summary", required=True),
        Question("organisations", "Organisations that did the work", "lines", True),
        Question("published", "Date (YYYY-MM-DD)"),
        Question("principles", "Principles", "principles"),
        Question("services", "Services (LGSL codes)", "numbers"),
        Question("outcomes", "Outcomes", "lines"),
        Question("licence", "Licence"),
        Question("sources", "Public pages about this work", "lines"),
        _STORY,
        _SHARE_CONFIRM,
    ),
    "procurement-brief": (
        Question("title", "Title", required=True),
        Question("summary", "Summary", required=True),
        Question("organisation", "Buying organisation", required=True),
        Question("partners", "Partners", "lines"),
        Question("status", "Status"),
        Question("agreement", "Crown Commercial Service agreement"),
        Question("lot", "Lot"),
        Question("route", "How you bought through the agreement"),
        Question("year", "Year"),
        Question("closing_date", "Closing date (YYYY-MM-DD)"),
        Question("value_band", "Value band"),
        Question("contract_length", "Contract length"),
        Question("notice", "Notice address"),
        Question("services", "Services (LGSL codes)", "numbers"),
        Question("principles", "Principles", "principles"),
        Question("licence", "Licence"),
        _STORY,
        _SHARE_CONFIRM,
    ),
    "pattern": (
        Question("title", "Title", required=True),
        Question("summary", "Summary", required=True),
        Question("kind", "Kind of pattern", required=True),
        Question("maturity", "Maturity"),
        Question("owner", "Owner"),
        Question("used_by", "Used by", "lines"),
        Question("repository", "Code repository"),
        Question("licence", "Licence"),
        Question("services", "Services (LGSL codes)", "numbers"),
        Question("principles", "Principles", "principles"),
        _STORY,
        _SHARE_CONFIRM,
    ),
    "project": (
        Question("title", "Title", required=True),
        Question("summary", "Summary", required=True),
        Question("lead", "Lead organisation", required=True),
        Question("partners", "Partners", "lines"),
        Question("phase", "Phase"),
        Question("looking_for_partners", "Looking for partners", "yes-no"),
        Question("services", "Services (LGSL codes)", "numbers"),
        Question("principles", "Principles", "principles"),
        _STORY,
        _SHARE_CONFIRM,
    ),
}

# Issue 14: training, events and shared documents (a form can only link to a document: files kept
# in the repository are added by pull request, where they are checked).
FORMS.update({
    "training": (
        Question("title", "Title", required=True),
        Question("summary", "Summary", required=True),
        Question("provider", "Provider", required=True),
        Question("format", "Format", required=True),
        Question("status", "Status", required=True),
        Question("audience", "Audience"),
        Question("cost", "Cost"),
        Question("dates", "Dates"),
        Question("link", "Link"),
        Question("principles", "Principles", "principles"),
        Question("sources", "Public pages about it", "lines"),
        _STORY,
        _SHARE_CONFIRM,
    ),
    "event": (
        Question("title", "Title", required=True),
        Question("summary", "Summary", required=True),
        Question("start", "Start", required=True),
        Question("end", "End"),
        Question("online", "Online", "yes-no"),
        Question("place", "Place"),
        Question("organiser", "Organiser"),
        Question("booking", "Booking link"),
        Question("principles", "Principles", "principles"),
        _STORY,
        _SHARE_CONFIRM,
    ),
    "document": (
        Question("title", "Title", required=True),
        Question("summary", "Summary", required=True),
        Question("kind", "Kind of document", required=True),
        Question("organisations", "Organisations that wrote it", "lines", True),
        Question("year", "Year"),
        Question("link", "Where it lives", required=True),
        Question("licence", "Licence"),
        Question("principles", "Principles", "principles"),
        Question("sources", "Public pages about it", "lines"),
        _STORY,
        _SHARE_CONFIRM,
    ),
})
# Issue 13: a council's self-assessment; its ratings are one line per criterion (see _ratings).
FORMS["self-assessment"] = (
    Question("organisation", "Your signatory id", required=True),
    Question("assessed_on", "Date of the assessment (YYYY-MM-DD)", required=True),
    Question("assessed_by", "Roles of who assessed", "lines"),
    Question("next_review", "Next review (YYYY-MM-DD)"),
    Question("criteria", "Ratings", "ratings", True),
    Question("body", "Notes", "body"),
    Question("confirm", "Confirmation", "confirm", True, (SHARE_BOXES[0], SHARE_BOXES[2])),
)

# Answers chosen from a dropdown are shown as these words; the file holds the value beside them.
DROPDOWN_VALUES: dict[str, dict[str, str]] = {
    "status": {"Planned": "planned", "In progress": "in-progress", "Delivered": "delivered", "Stopped": "stopped",
               "Draft": "draft", "Open": "open", "Awarded": "awarded", "Closed": "closed", "Cancelled": "cancelled"},
    "value_band": {"Under £25,000": "under-25k", "£25,000 to £100,000": "25k-100k", "£100,000 to £500,000": "100k-500k",
                   "£500,000 to £1 million": "500k-1m", "Over £1 million": "over-1m"},
    "kind": {"Service pattern": "service-pattern", "Component": "component", "Data standard": "data-standard",
             "Process": "process", "Technology": "technology", "Platform": "platform"},
    "maturity": {"Alpha": "alpha", "Beta": "beta", "Live": "live"},
    "route": {"Published opportunity": "opportunity", "Further competition": "further-competition",
              "Direct award": "direct-award", "Call-off (method not stated)": "call-off"},
    "phase": {"Discovery": "discovery", "Alpha": "alpha", "Beta": "beta", "Live": "live", "Retired": "retired"},
}
DROPDOWN_VALUES["status"].update({"Running": "running", "Ended": "ended", "Paused": "paused", "Pilot": "pilot",
                                  "Not known": "unknown"})
DROPDOWN_VALUES["kind"].update({"Business case": "business-case", "Discovery report": "discovery-report",
                                "Alpha report": "alpha-report", "Beta report": "beta-report", "Service design": "service-design",
                                "User research": "user-research", "Procurement document": "procurement-document",
                                "Guide": "guide", "Evaluation": "evaluation", "Project brief": "project-brief"})
DROPDOWN_VALUES["format"] = {"Course": "course", "E-learning": "e-learning", "Programme": "programme", "Pilot": "pilot",
                             "Community": "community", "Series of events": "event-series", "Funding and support": "funding-and-support"}
DROPDOWN_VALUES["cost"] = {"Free": "free", "Paid": "paid", "Funded for eligible councils": "funded", "Mixed": "mixed",
                           "Not known": "unknown"}

_SLUG_WORDS = re.compile(r"[a-z0-9]+")
# Every pattern that reads an answer is linear: possessive runs, no two runs that can share characters.
_BULLET = re.compile(r"^(?:[-*+]\s++|\d++[.)]\s++)")
_BOX = re.compile(r"^[^\S\n]*+[-*][^\S\n]*+\[([ xX])\][^\S\n]*+(.*)$", re.MULTILINE)
_DIGITS = re.compile(r"\d++")
_PRINCIPLE = re.compile(r"(?:^|[,\n])[^\S\n]*+(?:- \[[xX]\] )?([1-5])\b")
_BACKTICKS = re.compile(r"`++")
_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Converted:
    """What an issue became: the file's path and text (empty when refused) and the validator's findings."""

    relpath: str
    text: str
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        return bool(self.text) and not any(f.is_error for f in self.findings)


# ---- reading the issue body ----------------------------------------------------------

def parse_body(body: str, questions: tuple[Question, ...]) -> dict[str, str]:
    """The answers by question id (see read_answers); problems with the headings are left out."""
    return read_answers(body, questions)[0]


def read_answers(body: str, questions: tuple[Question, ...]) -> tuple[dict[str, str], list[str]]:
    """The answers by question id, and what is wrong with the form's headings.

    GitHub writes each answer under a '### Label' heading, in form order; '_No response_' means the
    question was left blank. The body is split only at the form's own headings; other headings are
    part of an answer. A form heading that appears twice or out of order is a problem, since an
    answer could then stand in for a later question: nothing is read from such a body."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    by_heading = {"### " + question.label: question for question in questions}
    found: list[tuple[int, Question]] = []
    for index, line in enumerate(lines):
        question = by_heading.get(line.rstrip())
        if question is not None:
            found.append((index, question))
    problems = []
    counts: dict[str, int] = {}
    for _index, question in found:
        counts[question.id] = counts.get(question.id, 0) + 1
    for question in questions:
        if counts.get(question.id, 0) > 1:
            problems.append(f"the heading '### {question.label}' appears {counts[question.id]} times; "
                            "a heading of the form must not be typed inside an answer")
    if not problems:
        order = {question.id: number for number, question in enumerate(questions)}
        for (_a, before), (_b, after) in zip(found, found[1:], strict=False):
            if order[after.id] < order[before.id]:
                problems.append(f"the heading '### {after.label}' comes after '### {before.label}', "
                                "not in the order of the form")
                break
    if problems:
        return {}, problems
    answers: dict[str, str] = {}
    for number, (index, question) in enumerate(found):
        end = found[number + 1][0] if number + 1 < len(found) else len(lines)
        answer = "\n".join(lines[index + 1:end]).strip("\n").strip()
        answers[question.id] = "" if answer == NO_RESPONSE else answer
    return answers, []


def _clean(text: str) -> str:
    """Unicode normalised, control characters removed (a YAML file cannot hold most of them)."""
    return _UNSAFE_CHARS.sub("", unicodedata.normalize("NFC", text))


def _one_line(text: str) -> str:
    return " ".join(_clean(text).split())


def _entries(text: str) -> list[str]:
    entries = []
    for line in _clean(text).split("\n"):
        line = line.strip()
        line = _BULLET.sub("", line).strip()  # people paste bulleted lists
        if line and line not in entries:
            entries.append(" ".join(line.split()))
    return entries


def _unticked(text: str, options: tuple[str, ...]) -> list[str]:
    """The boxes among options not ticked in an answer ("- [X] label" lines); with no options
    known, any unticked box, or all of them when none is ticked."""
    ticked, unticked = set(), []
    for match in _BOX.finditer(text):
        words = " ".join(match.group(2).split())
        if match.group(1) in "xX":
            ticked.add(words)
        else:
            unticked.append(words)
    if options:
        return [option for option in options if " ".join(option.split()) not in ticked]
    return unticked or ([] if ticked else ["(no box is ticked)"])


def _ticked(text: str, options: tuple[str, ...] = ()) -> bool:
    return not _unticked(text, options)


# ---- writing the file ----------------------------------------------------------------

def quote(value: str) -> str:
    """A string as a double-quoted YAML scalar: one line, with quotes, backslashes and anything
    unusual escaped. Nothing in it can end the value, start a new field or close front matter."""
    out = ['"']
    for char in value:
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F or char in "\u2028\u2029\ufeff\ufffe\uffff" \
                or 0xD800 <= ord(char) <= 0xDFFF:
            out.append(f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return quote(str(value))


def _emit(data: dict[str, object], indent: str = "") -> list[str]:
    lines: list[str] = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            lines.extend(_emit(value, indent + "  "))
        elif isinstance(value, list):
            lines.append(f"{indent}{key}:")
            for item in value:
                if isinstance(item, dict):  # a mapping in a list (a self-assessment's ratings)
                    inner = _emit(item, indent + "    ")
                    lines += [f"{indent}  - {inner[0].lstrip()}"] + inner[1:]
                else:
                    lines.append(f"{indent}  - {_scalar(item)}")
        else:
            lines.append(f"{indent}{key}: {_scalar(value)}")
    return lines


def _record(name: str, answers: dict[str, str]) -> dict[str, object]:
    """The content file's fields from the answers, in the order the templates use. Blank answers are left out."""
    data: dict[str, object] = {}
    questions = {q.id: q for q in FORMS[name]}
    for qid, question in questions.items():
        raw = answers.get(qid, "")
        if question.kind in ("body", "confirm") or not raw.strip():
            continue
        if question.kind == "lines":
            value: object = _entries(raw)
        elif question.kind == "ratings":
            value = _ratings(raw)
        elif question.kind == "numbers":
            value = [int(n) if len(n) < 10 else n for n in _DIGITS.findall(raw)] or _one_line(raw)
        elif question.kind == "principles":
            value = sorted({int(n) for n in _PRINCIPLE.findall(raw)}) or _one_line(raw)
        elif question.kind == "yes-no":
            word = _one_line(raw).lower()
            value = True if word == "yes" else False if word == "no" else _one_line(raw)
        else:
            value = _one_line(raw)
            value = DROPDOWN_VALUES.get(qid, {}).get(str(value), value)
        data[qid] = value
    if name == "signatory":
        signatory: dict[str, object] = {}
        if "code" in data:
            signatory["organisation"] = {"code": data.pop("code")}
        for qid in ("signed_on", "signed_by", "contact"):
            if qid in data:
                signatory[qid] = data.pop(qid)
        commitment: dict[str, object] = {}
        if "commitment_title" in data:
            commitment["title"] = data.pop("commitment_title")
        for qid in ("partners", "mission", "impact", "due", "status"):
            if qid in data:
                commitment[qid] = data.pop(qid)
        if commitment:
            signatory["commitment"] = commitment
        signatory.update(data)  # sources
        return signatory
    if name in ("case-study", "document") and "organisations" in data and not isinstance(data["organisations"], list):
        data["organisations"] = [data["organisations"]]
    return data


_STEP_WORDS = {"not yet": "not-yet", "not-yet": "not-yet", "partly": "partly", "fully": "fully"}


def _ratings(text: str) -> list[dict[str, object]]:
    """A self-assessment's ratings, one a line: 'p1-user-research: partly, target fully, evidence
    shared-waste https://example.org/x'. A word that is not on the scale is kept as written, so the
    validator names it on its line; a line without a criterion id is kept whole as the id, likewise."""
    out: list[dict[str, object]] = []
    for line in _entries(text):
        ident, _colon, rest = line.partition(":")
        parts = [p.strip() for p in rest.split(",") if p.strip()]
        status = _STEP_WORDS.get(parts[0].lower(), parts[0]) if parts else ""
        rating: dict[str, object] = {"id": ident.strip(), "status": status, "target": status}
        for part in parts[1:]:
            word, _space, value = part.partition(" ")
            if word.lower() == "target":
                rating["target"] = _STEP_WORDS.get(value.strip().lower(), value.strip())
            elif word.lower() == "evidence":
                rating["evidence"] = value.split()
        out.append(rating)
    return out


def render(name: str, answers: dict[str, str], issue_number: int | None = None) -> str:
    """The content file's text for these answers."""
    ctype = BY_NAME[name]
    depth = "../" * (ctype.folder.count("/") + 1)
    source = f"issue #{issue_number}" if issue_number else "an issue form"
    header = [f"# yaml-language-server: $schema={depth}schemas/{name}.schema.json",
              f"# Written from {source}; edit it like any other file."]
    fields = _emit(_record(name, answers))
    if not ctype.markdown:
        return "\n".join(header + fields) + "\n"
    story = _clean(answers.get("body", "")).strip()
    # The body follows the closing '---'; a line of '---' inside it is Markdown, not front matter.
    return "\n".join(["---"] + header + fields + ["---", ""]) + "\n" + (story + "\n" if story else "")


def slugify(text: str, limit: int = 60) -> str:
    """Lower-case words joined by hyphens, cut at a word boundary; '' when there are no letters or digits."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = _SLUG_WORDS.findall(ascii_text)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or (words[0][:limit] if words else "")


def choose_path(root: Path, name: str, answers: dict[str, str], issue_number: int | None) -> str:
    """A file path from the title (or the organisation's register name) that does not overwrite a file."""
    ctype = BY_NAME[name]
    if name == "signatory":
        code = _one_line(answers.get("code", ""))
        try:
            body = load_registers(root / "registers").organisation(code) if code else None
        except RegisterError:
            body = None
        stem = slugify(body.name if body else code)
    elif name == "self-assessment":  # <signatory id>-<date>
        stem = slugify(f"{answers.get('organisation', '')} {answers.get('assessed_on', '')}", 100)
    else:
        stem = slugify(answers.get("title", ""))
    stem = stem or (f"issue-{issue_number}" if issue_number else "new-item")
    relpath = f"{ctype.folder}/{stem}{ctype.suffix}"
    if name != "signatory":
        count = 2
        while (root / relpath).exists():
            relpath = f"{ctype.folder}/{stem}-{count}{ctype.suffix}"
            count += 1
    return relpath


def convert(root: Path, name: str, body: str, issue_number: int | None = None,
            today: datetime.date | None = None) -> Converted:
    """An issue-form body to (relpath, text, findings). Findings about the form itself come first;
    then the validator checks the file as if it were in the repository."""
    size = len(body.encode("utf-8", "surrogatepass"))
    if size > MAX_BODY_BYTES:
        return Converted("", "", [Finding("issue", 1, 1, ERROR, "issue-too-long",
                                          f"the issue is {size // 1024} KB long, more than the limit of {MAX_BODY_BYTES // 1024} KB",
                                          "shorten your answers, and link to long documents instead of pasting them in")])
    questions = FORMS[name]
    answers, problems = read_answers(body, questions)
    if problems:
        return Converted("", "", [Finding("issue", 1, 1, ERROR, "issue-form-headings", problem,
                                          "edit the issue so that each question's heading (### ...) appears once, "
                                          "in the form's order, and remove any copy of one from your answers")
                                  for problem in problems])
    relpath = choose_path(root, name, answers, issue_number)
    text = render(name, answers, issue_number)
    findings: list[Finding] = []
    for question in questions:
        answer = answers.get(question.id, "")
        if question.kind == "confirm":
            missing = _unticked(answer, question.options)
            if missing:
                findings.append(Finding(relpath, 1, 1, ERROR, "issue-form-unconfirmed",
                                        f"under '{question.label}', {len(missing)} of the boxes "
                                        f"{'is' if len(missing) == 1 else 'are'} not ticked: " + "; ".join(missing),
                                        "edit the issue and tick each box, once you have checked that each is true"))
        elif question.required and not answer.strip():
            findings.append(Finding(relpath, 1, 1, ERROR, "issue-form-missing",
                                    f"the answer to '{question.label}' is missing",
                                    f"edit the issue and fill in '{question.label}'"))
    if name == "signatory" and (root / relpath).exists():
        findings.append(Finding(relpath, 1, 1, ERROR, "issue-form-exists",
                                f"{relpath} already records this organisation",
                                "ask for changes to that file in a comment, or edit it on GitHub"))
        return Converted(relpath, text, sort_findings(findings))
    result = validate(root, [relpath], overlay={relpath: text.encode("utf-8")}, today=today)
    return Converted(relpath, text, findings + [f for f in result.findings if f not in findings])


# ---- telling the contributor ---------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|@~])")


def _plain(text: str) -> str:
    """Text safe to show in a Markdown comment: no links, images, HTML or @mentions from the answers."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def comment(converted: Converted) -> str:
    """The comment left on the issue when its answers do not make a valid file yet."""
    errors = [f for f in converted.findings if f.is_error]
    warnings = [f for f in converted.findings if not f.is_error]
    lines = ["Thank you for your contribution. We could not turn your answers into a file yet.", "",
             "Please edit the issue (the **...** menu at the top right of it, then **Edit**), fix the points below "
             "and save: the check runs again by itself.", ""]
    for finding in errors + warnings:
        from_file = converted.text and not finding.rule.startswith("issue-")
        where = f"line {finding.line} of the file" if from_file else "your answers"
        kind = "Problem" if finding.is_error else "Worth checking"
        lines.append(f"- **{kind}** ({where}): {_plain(finding.message)}. How to fix: {_plain(finding.hint)}.")
    if converted.text:
        fence = "`" * max(3, max((len(run) for run in _BACKTICKS.findall(converted.text)), default=0) + 1)
        lines += ["", f"<details><summary>The file your answers make ({_plain(converted.relpath)})</summary>", "",
                  fence + "text", converted.text.rstrip("\n"), fence, "", "</details>"]
    return "\n".join(lines) + "\n"


def pull_request_body(converted: Converted, issue_number: int | None) -> str:
    closes = f"Closes #{issue_number}.\n\n" if issue_number else ""
    warnings = [f for f in converted.findings if not f.is_error]
    lines = [f"{closes}Written by the issue form into `{converted.relpath}`. A maintainer checks it before merging.", ""]
    if warnings:
        lines.append("Worth checking:")
        lines += [f"- line {f.line}: {_plain(f.message)}" for f in warnings]
    return "\n".join(lines) + "\n"


def form_type(labels: list[object]) -> str | None:
    """The content type named by a `form:TYPE` label, or None."""
    for label in labels:
        name = label.get("name") if isinstance(label, dict) else None
        if isinstance(name, str) and name.startswith(LABEL_PREFIX) and name[len(LABEL_PREFIX):] in FORMS:
            return name[len(LABEL_PREFIX):]
    return None


# The title each form starts an issue with (`title:` in .github/ISSUE_TEMPLATE/); a test keeps them in step.
TITLE_PREFIXES = {"signatory": "Sign:", "case-study": "Case study:", "procurement-brief": "Brief:",
                  "pattern": "Pattern:", "project": "Project:", "training": "Training:", "event": "Event:",
                  "document": "Document:", "self-assessment": "Self-assessment:"}
LABELS_MISSING = (
    "This issue looks like one of the site's forms ({form}), but it does not have the labels the forms apply, "
    "so it was not turned into a pull request. The labels `issue-form` and `form:{name}` must exist in the "
    "repository (Issues, then Labels): GitHub leaves out a form's labels that do not exist. A maintainer creates "
    "them, adds them to this issue, and edits it (any small change) to run the check again.\n")


def pull_request_title(name: str, issue_title: str, fallback: str) -> str:
    """"Add project: Shared bins" from the issue title "Project: Shared bins", not "Add project: Project: ..."."""
    title = _one_line(issue_title).strip()
    prefix = TITLE_PREFIXES.get(name, "")
    if prefix and title.casefold().startswith(prefix.casefold()):
        title = title[len(prefix):].strip()
    return f"Add {BY_NAME[name].label}: {(title or fallback)[:200]}"


def form_from_title(title: object) -> str | None:
    """The form an issue's title says it came from, for an issue without the form labels."""
    text = title.strip().casefold() if isinstance(title, str) else ""
    return next((name for name, prefix in TITLE_PREFIXES.items() if text.startswith(prefix.casefold())), None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m localdigital.issueform",
                                     description="Turn a GitHub issue-form submission into a content file.")
    parser.add_argument("--event", required=True, help="the workflow's event JSON file ($GITHUB_EVENT_PATH)")
    parser.add_argument("--out-dir", default=".", help="the repository root to write into (default: .)")
    parser.add_argument("--report-dir", help="also write pr-title.txt, pr-body.md and comment.md here")
    args = parser.parse_args(argv)
    root = Path(args.out_dir).resolve()
    try:
        with open(args.event, "rb") as handle:
            event = json.loads(handle.read(8 * MAX_BODY_BYTES + 1_000_000))
        issue = event["issue"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"issueform: cannot read the event file: {exc}", file=sys.stderr)
        return 2
    name = form_type(issue.get("labels") or [])
    if name is None:
        guessed = form_from_title(issue.get("title"))
        if guessed is not None and args.report_dir:  # labels missing from the repository: say so on the issue
            Path(args.report_dir).mkdir(parents=True, exist_ok=True)
            (Path(args.report_dir) / "comment.md").write_text(
                LABELS_MISSING.format(form=TITLE_PREFIXES[guessed].rstrip(":"), name=guessed), encoding="utf-8")
            print("issueform: the issue has no form labels; the labels must be created", file=sys.stderr)
            return 1
        print("issueform: the issue has no form:TYPE label, so it was not written by one of our forms", file=sys.stderr)
        return 2
    number = issue.get("number") if isinstance(issue.get("number"), int) else None
    body = issue.get("body") if isinstance(issue.get("body"), str) else ""
    converted = convert(root, name, body, number)
    report = Path(args.report_dir) if args.report_dir else None
    if report:
        report.mkdir(parents=True, exist_ok=True)
    if not converted.ok:
        text = comment(converted)
        print(text)
        if report:
            (report / "comment.md").write_text(text, encoding="utf-8")
        return 1
    target = root / converted.relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite a contributor's file
        handle.write(converted.text)
    if report:
        title = pull_request_title(name, str(issue.get("title") or ""), converted.relpath)
        (report / "pr-title.txt").write_text(title, encoding="utf-8")
        (report / "pr-body.md").write_text(pull_request_body(converted, number), encoding="utf-8")
        (report / "path.txt").write_text(converted.relpath, encoding="utf-8")
    print(converted.relpath)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
