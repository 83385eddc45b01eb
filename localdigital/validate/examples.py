"""Example text left in (rule id template-example): a file that still holds the starter
templates' example answers or placeholder sentences (contribute/starters.py, CONTRIBUTING.md)
would publish them as if they were the contributor's. A warning: the words may be meant."""

from __future__ import annotations

from collections.abc import Callable

from ..findings import WARNING

# The templates' placeholder sentences and example contact; a test keeps them in step with
# starters.py. Example titles and summaries are not flagged: they read as real titles, and are
# used so in many files.
EXAMPLE_CONTACTS = frozenset(("digital@example.gov.uk",))
EXAMPLE_SENTENCES = (
    "Describe the problem, what you tried and what you learned.",
    "Describe the need, the outcome you want and how others could reuse this brief.",
    "Describe the pattern, when to use it and who already does.",
    "What problem you are solving together, and what partners would do.",
    "What people learn, how it runs and how to join.",
    "Who it is for and what will happen.",
    "What the document covers and how others could reuse it.",
    "Anything a reader should know about this assessment: how it was made, who took part (by role).",
)
_HINT = "replace the template's example with your own words (or delete the line if it is optional)"


def check_examples(data: dict, body: str, body_line: int, mark: Callable[[tuple], tuple[int, int]],
                   report: Callable[[int, int, str, str, str, str], None]) -> None:
    contact = data.get("contact")
    if isinstance(contact, str) and contact.strip() in EXAMPLE_CONTACTS:
        line, col = mark(("contact",))
        report(line, col, WARNING, "template-example", f"the contact is still the template's example, {contact.strip()}",
               "give your organisation's role mailbox or contact form")
    if body:
        for sentence in EXAMPLE_SENTENCES:
            at = body.find(sentence)
            if at >= 0:
                report(body_line + body.count("\n", 0, at), 1, WARNING, "template-example",
                       "this is still the template's placeholder text", _HINT)
