"""The command line: `localdigital validate`, `new TYPE`, `find NAME`, `emit --out DIR`, `build` and `check-deploy`.

Run from the repository root. Exit codes: 0 no errors (warnings allowed), 1 errors,
2 a usage error. Never a traceback for bad content: every problem is a finding.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from . import report
from .content import BY_NAME
from .contribute.starters import QUESTIONS, fill, relpath_for
from .validate import validate

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit 2 with a plain message, as argparse does, but say how to get help
        self.print_usage(sys.stderr)
        print(f"localdigital: {message} (see 'localdigital --help')", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="localdigital", description="Check and build the Local Digital community site's content.")
    parser.add_argument("--root", default=".", help="the repository root (default: the current folder)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("validate", help="check content files; with PATHs, only those (and what refers to them)")
    check.add_argument("paths", nargs="*", metavar="PATH")
    check.add_argument("--format", choices=("text", "github", "json"), default="text")
    check.add_argument("--jobs", type=int, default=0, metavar="N",
                       help="processes for a large repository's files (default: one per core, at most 4; 1: one process)")

    new = commands.add_parser("new", help="write a commented template for a new item")
    new.add_argument("type", choices=sorted(BY_NAME), metavar="TYPE", help="one of: " + ", ".join(sorted(BY_NAME)))
    for name in sorted({q[0] for qs in QUESTIONS.values() for q in qs}):
        new.add_argument(f"--{name.replace('_', '-')}", dest=name, help=argparse.SUPPRESS if name != "id" else "file name")
    new.add_argument("--no-input", action="store_true", help="do not ask: every answer must be given as a flag")

    find = commands.add_parser("find", help="find an organisation's register code by its name (e.g. localdigital find Adur)")
    find.add_argument("name", nargs="+", metavar="NAME")

    emit = commands.add_parser("emit", help="write the site's generated pages and data to a folder")
    emit.add_argument("--out", required=True, help="the folder to write into")

    build = commands.add_parser("build", help="validate, build, index and audit the site, then swap it into place")
    build.add_argument("--out", default="site", help="the folder to publish into (default: site)")
    build.add_argument("--deploy", action="store_true",
                       help="a build to publish: refused while site_url or edit_uri is still a placeholder")

    commands.add_parser("check-deploy", help="say what the deployment still needs (settings, repository files, one-time settings)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    root = Path(args.root).resolve()
    if not (root / "schemas").is_dir():
        print(f"localdigital: {root} is not the repository root (it has no schemas/ folder); "
              "run from the repository root or pass --root", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "validate":
        return run_validate(root, args.paths or None, args.format, max(args.jobs, 0))
    if args.command == "new":
        return run_new(root, args)
    if args.command == "build":
        from .build import build_site
        out = Path(args.out)
        return build_site(root, out if out.is_absolute() else root / out, deploy=args.deploy)
    if args.command == "check-deploy":
        from .build.deploy import check_deploy
        return check_deploy(root)
    if args.command == "emit":
        return run_emit(root, Path(args.out))
    if args.command == "find":
        return run_find(root, " ".join(args.name))
    return EXIT_USAGE


def run_validate(root: Path, paths: list[str] | None, form: str, jobs: int = 0) -> int:
    # A run makes hundreds of thousands of small objects and no garbage that only the cycle
    # collector could free; collecting as they pile up took a sixth of the time (issue 18). This
    # process ends when the report is printed, so it does without.
    gc.disable()
    result = validate(root, paths, jobs=jobs)
    if form == "json":
        print(report.as_json(result.findings, result.files))
    else:
        lines = report.as_github if form == "github" else report.as_text
        for line in lines(result.findings, result.files):
            print(line)
        if form == "github":
            report.write_step_summary(result.findings, result.files)
    return EXIT_ERRORS if result.errors else EXIT_OK


def run_find(root: Path, query: str) -> int:
    """`localdigital find NAME`: register codes by name; exit 1 when nothing matches."""
    from .contribute.find import find, report as find_report, signed_codes
    from .load.registers import RegisterError, load_registers
    try:
        registers = load_registers(root / "registers")
    except RegisterError as exc:
        print(f"localdigital: the registers cannot be read: {exc}", file=sys.stderr)
        return EXIT_USAGE
    found = find(registers, query)
    for line in find_report(found, query, signed_codes(root)):
        print(line)
    return EXIT_OK if found.organisations else EXIT_ERRORS


def run_emit(root: Path, out_dir: Path) -> int:
    """`localdigital emit --out DIR`: the same pages and data, as files, for any renderer."""
    from .build.pipeline import BuildRefused, findings_text, load_site  # not imported by validate: start-up
    try:
        output, _result, note = load_site(root)
    except BuildRefused as refused:
        print(findings_text(refused.result))
        return EXIT_ERRORS
    for path, value in output.items():
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(value if isinstance(value, bytes) else value.markdown.encode("utf-8"))
    print(f"wrote {len(output)} files to {out_dir}" + (f" ({note})" if note else ""))
    return EXIT_OK


def run_new(root: Path, args: argparse.Namespace) -> int:
    from .contribute.interview import Interview, NoAnswers
    name = args.type
    interview = Interview(root, name)
    given = {field: getattr(args, field, None) for field, _q, _e in QUESTIONS[name]}
    interactive = not args.no_input and sys.stdin.isatty()
    try:
        answers = interview.run(given, input if interactive else None)
    except NoAnswers as missing:
        why = "--no-input was given" if args.no_input else "there is no terminal to ask in"
        print(f"localdigital: nothing was written: {why}, so give every answer as a flag "
              f"(missing: {', '.join(missing.missing)})", file=sys.stderr)
        return EXIT_USAGE
    except ValueError as bad:
        print(f"localdigital: nothing was written: {bad}", file=sys.stderr)
        return EXIT_USAGE
    except (EOFError, KeyboardInterrupt):
        print("\nlocaldigital: stopped; nothing was written", file=sys.stderr)
        return EXIT_USAGE
    relpath = relpath_for(name, answers["id"])
    target = root / relpath
    if target.exists() or target.is_symlink():
        print(f"localdigital: {relpath} already exists; choose another name (nothing was written)", file=sys.stderr)
        return EXIT_USAGE
    text = fill(name, answers)
    result = validate(root, [relpath], overlay={relpath: text.encode("utf-8")})
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    print(f"wrote {relpath}")
    if result.findings:
        print("check these before you commit:")
        for line in report.as_text(result.findings, 1):
            print("  " + line)
    return EXIT_OK
