"""One-off importer: ../shared/data/ldd-facts/{training,artefacts,case-studies}.yaml → content files.

Kept so that anyone can see how the imported content was made, and re-run it (it never
overwrites an existing file). Nothing is invented: every field comes from a record; a field the
record does not have is left out. Gatherer notes (`notes`, `principles_basis`) stay out of
public fields; people's names and personal pages (personal blogs, /author/ pages, addresses
that carry a person's name) are left out of sources and links. The fixes the sources needed:

- organisation names split at commas by YAML flow lists are joined again ('Ministry of
  Housing' + 'Communities and Local Government'; an open bracket continues the name);
- 'owner/name path' GitHub citations become https://github.com/owner/name/blob/HEAD/path;
- the pattern id 'localgov-drupal' is 'localgov-drupal-platform' here; related ids that are
  not items of this repository are dropped;
- licences: only an SPDX id stated for the document itself is kept; a repository's licence
  (whose cover of the reports is not stated) is said in the body, not claimed as the licence.

Run from the repository root: .venv/bin/python scripts/import_ldd_facts.py [../shared/data/ldd-facts]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import quote

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from localdigital.load.registers import load_registers  # noqa: E402

PERSONAL = ("samvillis.me", "philrumens.blogspot.com", "sarahlay.com", "carlhaggerty.wordpress.com", "kingstonrichard",
            "noah.makes.news", "/author/", "medium.com/@", "documents.pub/document/opencommunity-discovery-2019-5-1-davidson",
            "interestsme.interests.me")
PATTERN_IDS = {"localgov-drupal": "localgov-drupal-platform"}
JOIN_AFTER = ("Ministry of Housing", "Department for Levelling Up")
ORG_CODES: dict[str, str] = {}  # filled from the registers and signatories


def personal(url: str) -> bool:
    return any(marker in url for marker in PERSONAL)


def url_of(citation: str) -> str | None:
    """A source or link as a URL: GitHub 'owner/name path' citations become blob URLs."""
    citation = citation.strip()
    if citation.startswith(("http://", "https://")):
        return citation
    match = re.match(r"^([\w.-]+/[\w.-]+)(?: (.*))?$", citation)
    if not match:
        return None
    repo, rest = match.group(1), (match.group(2) or "").strip()
    if not rest or rest.startswith("("):
        return f"https://github.com/{repo}"
    return f"https://github.com/{repo}/blob/HEAD/{quote(rest)}"


def urls(citations) -> list[str]:
    out = []
    for citation in citations or []:
        url = url_of(citation) if isinstance(citation, str) else None
        if url and not personal(url) and url not in out:
            out.append(url)
    return out


def join_names(names) -> list[str]:
    """Organisation names as written, with those YAML split at commas joined again."""
    out: list[str] = []
    for name in names or []:
        name = str(name).strip()
        if out and (out[-1].count("(") > out[-1].count(")") or out[-1] in JOIN_AFTER):
            out[-1] = f"{out[-1]}, {name}"
        else:
            out.append(name)
    return out


def org_ref(name: str) -> object:
    """A register code or signatory id where the name is a registered body; otherwise name and kind."""
    plain = re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()
    for candidate in (name, plain):
        if candidate.lower() in ORG_CODES:
            return ORG_CODES[candidate.lower()]
    public = re.search(r"\b(Council|Councils|Ministry|Department|Authority|MHCLG|DLUHC|DCLG|Government)\b", name)
    return {"name": name, "kind": "public-body" if public else "other"}


def load_codes(registers) -> None:
    for path in sorted((ROOT / "signatories").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        code = (data.get("organisation") or {}).get("code")
        body = registers.organisation(code) if code else None
        if body:
            ORG_CODES[body.name.lower()] = path.stem
        if (data.get("organisation") or {}).get("name"):
            ORG_CODES[data["organisation"]["name"].lower()] = path.stem
    ORG_CODES.setdefault("ministry of housing, communities and local government", "ministry-of-housing-communities-and-local-government")
    ORG_CODES.setdefault("mhclg", "ministry-of-housing-communities-and-local-government")


def code_for(registers, name: str) -> object:
    ref = org_ref(name)
    if isinstance(ref, dict):
        codes = registers.codes_for_name(re.sub(r"\s*\([^)]*\)\s*$", "", name).strip())
        if len(codes) == 1:
            return codes[0]
    return ref


def first_sentence(words: str, limit: int = 600) -> str:
    words = " ".join(str(words).split())
    cut = re.match(r"^(.{10,}?[.!?])(?:\s|$)", words)
    summary = cut.group(1) if cut else words
    return summary if len(summary) <= limit else summary[: limit - 1].rsplit(" ", 1)[0] + "…"


def rest_of(words: str, summary: str, heading: str) -> str:
    """The description after the sentence the summary already says (the page shows the summary)."""
    words = " ".join(str(words).split())
    rest = words[len(summary):].strip() if words.startswith(summary) else words
    return f"{heading}\n\n{rest}\n" if rest else ""


def front(data: dict, schema: str) -> str:
    lines = ["---", f"# yaml-language-server: $schema=../../schemas/{schema}.schema.json"]
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000, default_flow_style=False)
    return "\n".join(lines) + "\n" + text + "---\n"


def slug(ident: str, prefix: str) -> str:
    return ident.removeprefix(prefix)


def related(record: dict, existing: set[str]) -> list[str]:
    ids = [PATTERN_IDS.get(i, i) for i in (record.get("related_projects") or []) + (record.get("related_patterns") or [])]
    return [i for i in dict.fromkeys(ids) if i in existing]


def write(path: Path, text: str, written: list[str]) -> None:
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    written.append(path.relative_to(ROOT).as_posix())


def main(facts: Path) -> None:
    registers = load_registers(ROOT / "registers")
    load_codes(registers)
    existing = {p.stem for folder in ("content/projects", "patterns", "content/case-studies", "content/procurement-briefs")
                for p in (ROOT / folder).glob("*.md")}
    written: list[str] = []
    import_training(facts, existing, written)
    import_documents(facts, existing, registers, written)
    import_case_studies(facts, existing, registers, written)
    print(json.dumps(written, indent=1))


TRAINING_IDS = {"tr-localgov-digital-pipeline": "localgov-digital-pipeline-community"}  # the pattern has that id


def import_training(facts: Path, existing: set[str], written: list[str]) -> None:
    records = yaml.safe_load((facts / "training.yaml").read_text(encoding="utf-8"))["records"]
    for record in records:
        ident = TRAINING_IDS.get(record["id"], slug(record["id"], "tr-"))
        if not urls(record["sources"]):
            print(f"left out {record['id']}: it rests only on personal pages", file=sys.stderr)
            continue
        provider = re.sub(r"\s*\(earlier editions organised by [^)]*\)", "", record["provider"])  # a person's name
        data: dict = {"title": record["title"], "summary": first_sentence(record["description"]), "provider": provider,
                      "format": record["format"], "status": record["status"]}
        for key in ("audience", "cost", "cost_note", "dates", "recurrence"):
            if record.get(key) and record[key] != "not stated":
                data[key] = " ".join(str(record[key]).split())
        if record.get("status_basis"):
            data["status_note"] = " ".join(str(record["status_basis"]).split())
        link = urls([record.get("link")] if record.get("link") else [])
        if link:
            data["link"] = link[0]
        rel = related(record, existing)
        if rel:
            data["related"] = rel
        data["sources"] = urls(record["sources"])
        body = rest_of(record["description"], data["summary"], "## About it")
        if record["status"] == "running":
            body += "\n'Running' is as at the date of the latest source (see the status note), not necessarily today.\n"
        write(ROOT / "content/training" / f"{ident}.md", front(data, "training") + "\n" + body, written)


DOC_KINDS = {"other": "project-brief"}  # the one 'other' record is a project brief (SOURCE.md)


def import_documents(facts: Path, existing: set[str], registers, written: list[str]) -> None:
    records = yaml.safe_load((facts / "artefacts.yaml").read_text(encoding="utf-8"))["records"]
    for record in records:
        ident = slug(record["id"], "art-")
        link = urls([record["link"]])
        sources = urls(record["sources"])
        if not link:
            print(f"left out {record['id']}: its only link is a personal page", file=sys.stderr)
            continue
        organisations = []
        for name in join_names(record["organisations"]):
            ref = code_for(registers, name)
            if ref not in organisations:
                organisations.append(ref)
        data: dict = {"title": record["title"], "summary": first_sentence(record["description"]),
                      "kind": DOC_KINDS.get(record["kind"], record["kind"]), "organisations": organisations}
        if record.get("year"):
            data["year"] = str(record["year"])
        data["link"] = link[0]
        if record.get("link_is_artefact") is False:
            data["link_is_document"] = False
        rel = related(record, existing)
        if rel:
            data["related"] = rel
        data["sources"] = sources or link
        body = rest_of(record["description"], data["summary"], "## What it is")
        suppliers = [s for s in record.get("authors_or_suppliers") or [] if s]
        if suppliers:
            body += "\nSuppliers named in the sources: " + ", ".join(suppliers) + ".\n"
        if record.get("format"):
            body += f"\nFormat: {record['format']}.\n"
        if record.get("licence"):
            body += (f"\nThe repository it is kept in states a licence ({record['licence']}); whether that licence covers "
                     "this document is not stated, so this site records its licence as not stated.\n")
        write(ROOT / "content/documents" / f"{ident}.md", front(data, "document") + "\n" + body, written)


def import_case_studies(facts: Path, existing: set[str], registers, written: list[str]) -> None:
    """The case studies whose sources do not tie them to principles (the 6 that do were imported
    before, when the schema required principles): principles are left out, not inferred."""
    records = yaml.safe_load((facts / "case-studies.yaml").read_text(encoding="utf-8"))["records"]
    for record in records:
        if record.get("principles"):
            continue
        ident = slug(record["id"], "cs-")
        sources = urls((record.get("links") or []) + record["sources"])
        if not sources:
            print(f"left out {record['id']}: it rests only on personal pages", file=sys.stderr)
            continue
        organisations = []
        for name in join_names(record["organisations"]):
            ref = code_for(registers, name)
            if ref not in organisations:
                organisations.append(ref)
        data: dict = {"title": record["title"], "summary": first_sentence(record["summary"]), "organisations": organisations}
        outcomes = [" ".join(str(o).split()) for o in record.get("outcomes") or []]
        if outcomes:
            data["outcomes"] = outcomes
        rel = related(record, existing)
        if rel:
            data["related"] = rel
        data["sources"] = sources
        body = rest_of(record["summary"], data["summary"], "## What happened")
        facts_lines = []
        if record.get("year"):
            facts_lines.append(f"- When: {record['year']}")
        if record.get("service_area"):
            facts_lines.append(f"- Service area: {record['service_area']}")
        suppliers = [s for s in record.get("delivery_partners") or [] if s]
        if suppliers:
            facts_lines.append("- Suppliers named in the sources: " + ", ".join(suppliers))
        if record.get("outcome_basis"):
            facts_lines.append(f"- Who reports the outcomes: {' '.join(str(record['outcome_basis']).split())}")
        if facts_lines:
            body += ("\n" if body else "") + "## About this case study\n\n" + "\n".join(facts_lines) + "\n"
        write(ROOT / "content/case-studies" / f"{ident}.md", front(data, "case-study") + "\n" + body, written)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data/ldd-facts")
