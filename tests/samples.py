"""Sample training, events and documents (issue 14) for the build and browser tests: an upcoming
and a past event, an ended course, a document with a PDF kept here and one only linked."""

from __future__ import annotations

from pathlib import Path

from tests.hostile import documents as corpus
from tests.support import GOOD, make_site_repo

UPCOMING = """---
title: Essex digital meet-up
summary: An afternoon of show and tells from Essex councils.
start: 2099-03-04T13:00+00:00
end: 2099-03-04T17:00+00:00
place: Civic Centre, Chelmsford
organiser: Essex County Council
booking: https://www.example.gov.uk/book
principles: [5]
---

Show and tells.
"""
PAST = """---
title: LocalGovCamp 2019
summary: The sector's unconference, held in Leeds in 2019.
start: 2019-07-04
end: 2019-07-06
place: Leeds
principles: [2]
---
"""
TRAINING = """---
title: Agile for council officers
summary: A two-day course in agile delivery for council officers.
provider: Essex County Council
format: course
status: ended
status_as_at: 2022-11-09
cost: free
principles: [4]
---
"""
DOCUMENT = """---
title: Waste service discovery report
summary: What we learned about missed bin reports in discovery.
kind: discovery-report
organisations: [essex-county-council]
year: 2024
licence: OGL-UK-3.0
files:
  - file: report.pdf
    title: The discovery report
---
"""
LINKED = """---
title: A linked alpha report
summary: An alpha report published on the council's own site.
kind: alpha-report
organisations: [ESS]
year: 2021
link: https://www.example.gov.uk/alpha
link_is_document: false
---
"""


def site_with_issue14_content(root: Path) -> Path:
    files = {**GOOD, "content/events/essex-meetup.md": UPCOMING, "content/events/localgovcamp-2019.md": PAST,
             "content/training/agile-for-officers.md": TRAINING, "content/documents/waste-discovery.md": DOCUMENT,
             "content/documents/linked-alpha.md": LINKED}
    make_site_repo(root, files)
    (root / "content/documents/waste-discovery").mkdir()
    (root / "content/documents/waste-discovery/report.pdf").write_bytes(corpus.clean_pdf())
    return root
