"""Local Digital: the content layer of the Local Digital Declaration community site.

The pipeline, one folder a stage, read top to bottom:

    load/        files in git → records (strict YAML and front matter), registers, history
    validate/    records → findings: the run, and one file per rule family
    model.py     valid records joined with the registers and each other → the site model
    emit/        site model → pages, open data and feeds (pure: no validation, build or render)
    render/      what the mkdocs hook uses while pages render
    build/       `localdigital build`: validate and emit once, render, search, audit, swap
    contribute/  beside the pipeline: starters, the issue-form converter, the review summary
    cli.py       the command line; nothing in the package imports it

Nothing in this package imports mkdocs; the hook (hooks/localdigital_hook.py) is the adapter.
A stage imports only stages above it in this list, and content.py, findings.py, report.py
and cache.py, which any stage may use (tests/test_layout.py holds the line).
"""

__version__ = "0.1.0"
