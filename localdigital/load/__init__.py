"""Load: files in git to records. One strict loader for YAML and front matter (loader.py), the
reference registers (registers.py) and what git says of each file's history (history.py).
Imports nothing above it."""
