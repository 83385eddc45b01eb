"""Commented templates for new content, used by `localdigital new`, CONTRIBUTING.md and
the site's prefilled "add to GitHub" links. Each is valid once its blanks are filled.

A blank is written as a YAML comment after the field, so a template with blanks left
reads as the fields that must be filled in; `fill` puts the answers in.
"""

from __future__ import annotations

import json
import re

from ..content import BY_NAME, ContentType

TEMPLATES: dict[str, str] = {
    "signatory": """\
# yaml-language-server: $schema=../schemas/signatory.schema.json
# A signatory of the Local Digital Declaration. The file name is its id: lower-case words
# joined by hyphens, e.g. signatories/essex-county-council.yml.
organisation:
  # A council or public body: its register code, e.g. ESS for Essex (localdigital find NAME,
  # or the site's Find your council page, gives it).
  code: {code}
  # A body outside the registers (a supplier, a charity): delete 'code:' above and give instead
  # name: Example Digital Co-operative
  # kind: supplier            # supplier, charity, community, public-body, sector-body or other
  # website: https://example.org
signed_on: {signed_on}          # YYYY-MM-DD
signed_by:
  - {signed_by}                 # a role, not a person's name, e.g. Chief Executive
contact: {contact}              # a role mailbox or a contact form, never a named person
commitment:
  title: {commitment_title}
  # partners: [ESS, adur-district-council]   # signatory ids or register codes
  # mission: What the project will do, in a sentence.
  # impact: What will change for residents or staff.
  # due: 2027-03-31
  status: planned               # planned, in-progress, delivered or stopped
# sources:                      # public pages that show the signature, if any
#   - https://www.example.gov.uk/news/we-signed-the-local-digital-declaration
""",
    "case-study": """\
---
# yaml-language-server: $schema=../../schemas/case-study.schema.json
title: {title}
summary: {summary}
organisations:
  - {organisation}              # signatory id or register code, e.g. ESS
published: {published}          # YYYY-MM-DD
principles: [{principles}]      # which of the five principles, numbers 1 to 5
# services: [524]               # LGSL codes from registers/lgsl/local_services.csv
# outcomes:
#   - Missed bin reports fell by a third.
# licence: OGL-UK-3.0
---

## What we did

Describe the problem, what you tried and what you learned. Plain Markdown: no HTML.
""",
    "procurement-brief": """\
---
# yaml-language-server: $schema=../../schemas/procurement-brief.schema.json
title: {title}
summary: {summary}
organisation: {organisation}    # the buyer: signatory id or register code
status: {status}                # draft, open, awarded, closed or cancelled
# agreement: RM1557.14          # Crown Commercial Service agreement, e.g. G-Cloud 14 (see the site's agreements page)
# lot: Lot 2                    # as the notice gives it, e.g. Lot 2 or Lot 2 Cloud Software
# route: further-competition    # opportunity, further-competition, direct-award, or call-off if not known which
# year: 2026                    # the year you bought it (or published it, while it is open)
# closing_date: 2026-12-31      # while open: the last day suppliers can apply
# value_band: 100k-500k         # under-25k, 25k-100k, 100k-500k, 500k-1m or over-1m
# notice: https://www.contractsfinder.service.gov.uk/notice/...
# documents:
#   - title: Business case
#     url: https://www.example.gov.uk/business-case.pdf
---

## What we are buying and why

Describe the need, the outcome you want and how others could reuse this brief.
""",
    "pattern": """\
---
# yaml-language-server: $schema=../schemas/pattern.schema.json
title: {title}
summary: {summary}
kind: {kind}                    # service-pattern, component, data-standard, process, technology or platform
# maturity: beta                # alpha, beta or live
# owner: ESS                    # signatory id or register code
# repository: https://github.com/example/example
# licence: MIT
---

## How to use it

Describe the pattern, when to use it and who already does.
""",
    "project": """\
---
# yaml-language-server: $schema=../../schemas/project.schema.json
title: {title}
summary: {summary}
lead: {lead}                    # signatory id or register code
phase: {phase}                  # discovery, alpha, beta, live or retired
looking_for_partners: {looking_for_partners}   # true or false
# partners: [ESS]
# services: [524]
# principles: [1, 2]
---

## About the project

What problem you are solving together, and what partners would do.
""",
}

# The questions `localdigital new` asks, per type: (field, question, example).
QUESTIONS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "signatory": (("id", "File name (lower-case words joined by hyphens)", "essex-county-council"),
                  ("code", "Register code of the organisation", "ESS"),
                  ("signed_on", "Date signed (YYYY-MM-DD)", "2026-11-27"),
                  ("signed_by", "Role of who signed", "Chief Executive"),
                  ("contact", "Role mailbox or contact form", "digital@example.gov.uk"),
                  ("commitment_title", "Title of your declaration project", "Open up our waste data")),
    "case-study": (("id", "File name", "missed-bins-reporting"), ("title", "Title", "Reporting missed bins online"),
                   ("summary", "One-sentence summary", "How we moved missed bin reports online."),
                   ("organisation", "Your organisation (signatory id or register code)", "ESS"),
                   ("published", "Date (YYYY-MM-DD)", "2026-11-27"), ("principles", "Principles (numbers 1-5, commas)", "1, 2")),
    "procurement-brief": (("id", "File name", "waste-app-brief"), ("title", "Title", "A new waste service app"),
                          ("summary", "One-sentence summary", "Our brief for a waste service app, for reuse."),
                          ("organisation", "Buying organisation", "ESS"), ("status", "Status", "open")),
    "pattern": (("id", "File name", "book-a-bulky-waste-collection"), ("title", "Title", "Book a bulky waste collection"),
                ("summary", "One-sentence summary", "A tested pattern for booking bulky waste collections."),
                ("kind", "Kind", "service-pattern")),
    "project": (("id", "File name", "shared-waste-service"), ("title", "Title", "A shared digital waste service"),
                ("summary", "One-sentence summary", "Councils building one waste service together."),
                ("lead", "Lead organisation", "ESS"), ("phase", "Phase", "discovery"),
                ("looking_for_partners", "Looking for partners? (yes or no)", "yes")),
}

_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ,.'()/&£%+-]*$")


def yaml_scalar(value: str) -> str:
    """A value as a safe YAML scalar: plain when it is simple, double-quoted otherwise."""
    if value and _PLAIN.match(value) and ": " not in value and " #" not in value and not value.endswith(":"):
        return value
    return json.dumps(value, ensure_ascii=False)


def fill(ctype: ContentType | str, answers: dict[str, str]) -> str:
    """The template with answers put in; principles are a list of numbers."""
    name = ctype if isinstance(ctype, str) else ctype.name
    template = TEMPLATES[name]
    values = {}
    for field, _question, _example in QUESTIONS[name]:
        if field == "id":
            continue
        value = answers.get(field, "").strip()
        if field == "principles":
            values[field] = ", ".join(p.strip() for p in value.split(",") if p.strip())
        else:
            values[field] = yaml_scalar(value)
    return template.format(**values)


def relpath_for(name: str, ident: str) -> str:
    ctype = BY_NAME[name]
    return f"{ctype.folder}/{ident}{ctype.suffix}"


# ---- issue 14: training, events and shared documents ------------------------------------------

TEMPLATES.update({
    "training": """\
---
# yaml-language-server: $schema=../../schemas/training.schema.json
title: {title}
summary: {summary}
provider: {provider}            # who runs or funds it, as they name themselves
format: {format}                # course, e-learning, programme, pilot, community, event-series or funding-and-support
status: {status}                # running, ended, paused, pilot, planned or unknown
# status_as_at: 2026-11-27      # the date of the source the status comes from
# audience: Council officers new to agile
# cost: free                    # free, paid, funded, mixed or unknown
# dates: Every spring since 2021
# link: https://www.example.gov.uk/training
# principles: [1, 4]
# sources:
#   - https://www.example.gov.uk/news/new-training
---

## About it

What people learn, how it runs and how to join. Plain Markdown: no HTML.
""",
    "event": """\
---
# yaml-language-server: $schema=../../schemas/event.schema.json
title: {title}
summary: {summary}
start: {start}                  # a date (2027-03-04), or a date and UK time: 2027-03-04T10:00+00:00 (GMT) or +01:00 (BST)
# end: 2027-03-04T16:00+00:00   # in the same form as start, not before it
# online: true                  # true for an online event
# place: Civic Centre, Chelmsford   # a venue and town, never a home address
# organiser: Essex County Council
# booking: https://www.example.gov.uk/book
# principles: [5]
---

## About the event

Who it is for and what will happen. Plain Markdown: no HTML.
""",
    "document": """\
---
# yaml-language-server: $schema=../../schemas/document.schema.json
title: {title}
summary: {summary}
kind: {kind}                    # business-case, discovery-report, alpha-report, beta-report, service-design, user-research, procurement-document, guide, evaluation or project-brief
organisations:
  - {organisation}              # signatory id or register code, e.g. ESS
link: {link}                    # where the document lives (or delete it and keep the files here: see files:)
# year: 2026
# link_is_document: false      # when the link is a page that links to the document
# licence: OGL-UK-3.0           # needed for files kept here; leave out if the source states none
# files:                        # files kept here, in content/documents/<this file's name>/
#   - file: discovery-report.pdf
#     title: Discovery report
# related: [shared-waste-service]   # ids of related projects, patterns, case studies
---

## What it is

What the document covers and how others could reuse it. Plain Markdown: no HTML.
""",
})

QUESTIONS.update({
    "training": (("id", "File name", "agile-for-council-officers"), ("title", "Title", "Agile for council officers"),
                 ("summary", "One-sentence summary", "A two-day course in agile delivery for council officers."),
                 ("provider", "Who runs it", "Essex County Council"), ("format", "Format", "course"),
                 ("status", "Status", "running")),
    "event": (("id", "File name", "essex-digital-meetup-2027"), ("title", "Title", "Essex digital meet-up"),
              ("summary", "One-sentence summary", "An afternoon of show and tells from Essex councils."),
              ("start", "Start (a date, or date and UK time with offset)", "2027-03-04T13:00+00:00")),
    "document": (("id", "File name", "waste-discovery-report"), ("title", "Title", "Waste service discovery report"),
                 ("summary", "One-sentence summary", "What we learned about missed bin reports in discovery."),
                 ("kind", "Kind", "discovery-report"), ("organisation", "Your organisation (signatory id or register code)", "ESS"),
                 ("link", "Where it lives (a web address)", "https://www.example.gov.uk/discovery-report")),
})

# ---- issue 13: the self-assessment starter, with every criterion of the list prefilled ----------

def _criteria_block() -> str:
    """Every criterion of registers/criteria/criteria.yml as a commented entry rated not-yet."""
    from pathlib import Path

    from ..load.criteria import CriteriaError, load_criteria
    try:
        criteria = load_criteria(Path(__file__).resolve().parents[2] / "registers")
    except CriteriaError:
        return "  - id: p1-user-research\n    status: not-yet\n    target: not-yet\n"
    lines = []
    for number, name in sorted(criteria.principles.items()):
        lines.append(f"  # ---- Principle {number}. {name}")
        for criterion in criteria.for_principle(number):
            lines += [f"  # {criterion.title}: {criterion.statement}",
                      f"  - id: {criterion.id}",
                      "    status: not-yet     # not-yet, partly or fully: where the council is today",
                      "    target: not-yet     # where it aims to be: not-yet, partly or fully",
                      "    # evidence:         # needed for partly and fully",
                      "    #   - an-item-id-on-this-site",
                      "    #   - https://www.example.gov.uk/a-public-page-that-shows-it"]
    return "\n".join(lines) + "\n"


TEMPLATES["self-assessment"] = """\
---
# yaml-language-server: $schema=../../schemas/self-assessment.schema.json
# A council's self-assessment against the five principles of the Local Digital Declaration.
# Name the file <signatory id>-<date>.md, e.g. content/self-assessments/essex-county-council-2026-11-27.md.
# Rate each criterion not-yet, partly or fully, and set your own target. partly and fully need
# evidence: the id of an item on this site (a case study, project, pattern or brief) or a public
# https:// address. There is no score and no league table. Keep every criterion you rated last time.
organisation: {organisation}     # your signatory id: your file name in signatories/ without .yml
assessed_on: {assessed_on}       # YYYY-MM-DD
assessed_by:
  - {assessed_by}                # roles, never people's names, e.g. Head of Digital
# scope: whole-council           # whole-council, directorate or service
# next_review: 2027-11-27        # when you plan to assess again
# declaration_project:           # the four fields of your declaration project
#   title: Open up our waste data
#   partners: [ESS]
#   mission: What the project will do, in a sentence.
#   impact: What will change for residents or staff.
criteria:
""".replace("{", "{{").replace("}", "}}").replace("{{organisation}}", "{organisation}").replace(
    "{{assessed_on}}", "{assessed_on}").replace("{{assessed_by}}", "{assessed_by}") + _criteria_block() + """\
---

Anything a reader should know about this assessment: how it was made, who took part (by role).
"""
QUESTIONS["self-assessment"] = (
    ("id", "File name (your signatory id, a hyphen, the date)", "essex-county-council-2026-11-27"),
    ("organisation", "Your signatory id (your file name in signatories/ without .yml)", "essex-county-council"),
    ("assessed_on", "Date of the assessment (YYYY-MM-DD)", "2026-11-27"),
    ("assessed_by", "Role of who assessed", "Head of Digital"))
