"""The hostile corpus: files a stranger's pull request might hold (see corpus.py)."""
