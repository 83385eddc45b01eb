"""`localdigital new`'s questions, asked so that the file it writes cannot be invalid: the title
(or, for a signatory, the organisation) first and the file name derived from it, every answer
checked as it is given and asked again when it will not do, yes/no taken in words, and no
silent example answers when there is no one to ask.

An answer's check returns (value to write, problem); a problem is said and the question asked
again. The checks read the type's schema (its enums) and the registers, as the validator does.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from pathlib import Path

from ..content import BY_NAME, SIGNATORY
from ..load.registers import Registers, load_registers
from .starters import QUESTIONS

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
YES = frozenset(("yes", "y", "true", "t"))
NO = frozenset(("no", "n", "false", "f"))
MAX_TEXT = 300


class NoAnswers(Exception):
    """Answers are missing and there is no terminal to ask them in."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(", ".join(missing))
        self.missing = missing


def slug_of(text: str) -> str:
    """A file name from a title: lower-case words joined by hyphens."""
    return "-".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())[:80].strip("-")


class Interview:
    """The questions for one content type, with what each answer must be."""

    def __init__(self, root: Path, type_name: str) -> None:
        self.root = root
        self.type_name = type_name
        self.ctype = BY_NAME[type_name]
        schema = json.loads((root / self.ctype.schema_file).read_text(encoding="utf-8"))
        self.enums = {name: spec["enum"] for name, spec in schema.get("properties", {}).items()
                      if isinstance(spec, dict) and "enum" in spec}
        self._registers: Registers | None = None

    @property
    def registers(self) -> Registers:
        if self._registers is None:
            self._registers = load_registers(self.root / "registers")
        return self._registers

    def order(self) -> list[tuple[str, str, str]]:
        """The questions, the file name last: its suggestion is made from the answers before it."""
        questions = list(QUESTIONS[self.type_name])
        return [q for q in questions if q[0] != "id"] + [q for q in questions if q[0] == "id"]

    def suggested_id(self, answers: dict[str, str]) -> str:
        if self.ctype is SIGNATORY:
            body = self.registers.organisation(answers.get("code", ""))
            return slug_of(body.name) if body else ""
        if self.type_name == "self-assessment":  # no title: the council's signatory id and the date
            return slug_of(f"{answers.get('organisation', '')} {answers.get('assessed_on', '')}")
        return slug_of(answers.get("title", ""))

    # ---- each answer ---------------------------------------------------------------------

    def check(self, field: str, answer: str) -> tuple[str, str | None]:
        answer = answer.strip()
        if not answer:
            return answer, "an answer is needed"
        checker: Callable[[str], tuple[str, str | None]] = getattr(self, f"_check_{field}", self._check_text)
        if field in self.enums:
            return self._check_enum(field, answer)
        return checker(answer)

    def _check_text(self, answer: str) -> tuple[str, str | None]:
        if len(answer) > MAX_TEXT:
            return answer, f"keep it under {MAX_TEXT} characters"
        if "<" in answer:
            return answer, "write plain text, without < or >"
        return answer, None

    def _check_enum(self, field: str, answer: str) -> tuple[str, str | None]:
        value = answer.lower().replace(" ", "-")
        allowed = self.enums[field]
        return (value, None) if value in allowed else (answer, "write one of: " + ", ".join(allowed))

    def _check_id(self, answer: str) -> tuple[str, str | None]:
        if SLUG.match(answer):
            return answer, None
        return answer, f"use lower-case letters, digits and hyphens only, e.g. {slug_of(answer) or 'my-item'}"

    def _check_date(self, answer: str) -> tuple[str, str | None]:
        try:
            day = datetime.date.fromisoformat(answer)
        except ValueError:
            return answer, "write the date as YYYY-MM-DD, e.g. 2026-03-31"
        if len(answer) != 10:
            return answer, "write the date as YYYY-MM-DD, e.g. 2026-03-31"
        if day > datetime.date.today():
            return answer, "the date cannot be in the future"
        return answer, None

    _check_signed_on = _check_published = _check_date

    def _check_principles(self, answer: str) -> tuple[str, str | None]:
        parts = [p.strip() for p in answer.replace(" and ", ",").split(",") if p.strip()]
        if parts and all(p in ("1", "2", "3", "4", "5") for p in parts):
            return ", ".join(dict.fromkeys(parts)), None
        return answer, "give numbers from 1 to 5, separated by commas, e.g. 1, 3"

    def _check_looking_for_partners(self, answer: str) -> tuple[str, str | None]:
        word = answer.lower()
        if word in YES:
            return "true", None
        if word in NO:
            return "false", None
        return answer, "answer yes or no"

    def _check_organisation(self, answer: str, signatory_ids: bool = True) -> tuple[str, str | None]:
        if self.type_name == "self-assessment":  # a council assesses itself once it has signed: its signatory id
            if (self.root / SIGNATORY.folder / f"{answer}.yml").is_file():
                return answer, None
            return answer, ("no signatory has that id: give your council's file name in signatories/ without .yml; "
                            "a council signs before it assesses itself here (localdigital find NAME says whether it has)")
        if self.registers.organisation(answer) or (signatory_ids and (self.root / SIGNATORY.folder / f"{answer}.yml").is_file()):
            return answer, None
        named = self.registers.codes_for_name(answer)
        if len(named) == 1:
            return named[0], None
        ideas = self.registers.suggest(answer)
        shown = "; ".join(f"{code} ({self.registers.organisations[code].name})" for code in ideas)
        return answer, ("no organisation has that code or name" + (f": did you mean {shown}?" if shown else "")
                        + " (localdigital find NAME searches the registers)")

    _check_lead = _check_organisation

    def _check_code(self, answer: str) -> tuple[str, str | None]:
        """A signatory's own organisation: a register code (or its exact name), not another signatory's id."""
        return self._check_organisation(answer, signatory_ids=False)

    def _check_contact(self, answer: str) -> tuple[str, str | None]:
        if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", answer) or re.fullmatch(r"https://\S+", answer):
            return answer, None
        return answer, "give a role mailbox such as digital@council.gov.uk, or a https:// contact form"

    # ---- the whole interview ----------------------------------------------------------------

    def run(self, given: dict[str, str | None], ask: Callable[[str], str] | None,
            say: Callable[[str], None] = print) -> dict[str, str]:
        """Answers for every question: from given (flags), else asked with ask (None: no terminal).
        Raises NoAnswers when answers are missing and cannot be asked; ValueError for a bad flag."""
        if ask is None:
            missing = [f"--{field.replace('_', '-')}" for field, _q, _e in self.order()
                       if given.get(field) is None and not (field == "id" and self.suggested_id(
                           {k: v for k, v in given.items() if v is not None}))]
            if missing:
                raise NoAnswers(missing)
        answers: dict[str, str] = {}
        for field, question, example in self.order():
            default = self.suggested_id(answers) if field == "id" else ""
            if given.get(field) is not None:
                value, problem = self.check(field, given[field] or "")
                if problem:
                    raise ValueError(f"--{field.replace('_', '-')} {given[field]!r}: {problem}")
                answers[field] = value
                continue
            if ask is None:
                answers[field] = default
                continue
            while True:
                prompt = f"{question} [{default}]: " if default else f"{question} (e.g. {example}): "
                value, problem = self.check(field, ask(prompt).strip() or default)
                if problem is None:
                    answers[field] = value
                    break
                say(f"  {problem}; please answer again")
        return answers
