"""Beside the pipeline, for contributors and maintainers: the commented starter files of
`localdigital new` (starters.py), the issue-form converter (issueform.py) and the review
summary of a pull request (review.py)."""
