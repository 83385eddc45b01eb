"""Handing the emitted site to renderer processes, and the environment they are started with.

`localdigital build` validates and emits once, while its renderers (mkdocs processes, one per
core) start, and each renderer's hook reads the result instead of doing it again. The names of
the environment variables that carry this contract are written here once, for both sides.
"""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

from ..emit import Output

MANIFEST = "LOCALDIGITAL_MANIFEST"  # where the first renderer writes what was emitted (for the audits)
SEARCH_DOCUMENTS = "LOCALDIGITAL_SEARCH_DOCUMENTS"  # the folder each page's search document goes to
BUILD_PID = "LOCALDIGITAL_BUILD_PID"  # the build's process: a renderer whose build has gone stops waiting
EMITTED = "LOCALDIGITAL_EMITTED"  # the emitted site, written by save_output
CONVERTED = "LOCALDIGITAL_CONVERTED"  # marked by a renderer once it has converted its pages


def _made_by() -> tuple[str, int]:
    """This module's file and version on disk: a renderer importing another copy of the
    package than the build's does not read what the build wrote."""
    here = Path(__file__).resolve()
    return str(here), here.stat().st_mtime_ns


def save_output(path: Path, settings: tuple[str, str], output: Output) -> None:
    """Write output, emitted with settings (site_url, new_base), for load_output. Written
    aside and moved into place, so a reader never sees half of it. path must be in a folder
    only this user can write to (the build makes one with tempfile.mkdtemp): the file is a
    pickle, which a renderer trusts as the build's own."""
    part = path.with_name(path.name + ".part")
    try:
        with part.open("wb") as f:
            pickle.dump(((tuple(settings), _made_by()), output), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)  # a disk full, Ctrl+C: no half file left behind


def load_output(path: Path, settings: tuple[str, str], parent: int) -> Output | None:
    """The output save_output writes at path, once it is there, if it was emitted with the same
    settings as this renderer's, by the same copy of this package (else None: the renderer
    emits its own). Waits while its parent is the process parent (the build's);
    ProcessLookupError once it is not (the build has stopped, even before this renderer
    started to wait)."""
    while not path.exists():
        if os.getppid() != parent:
            raise ProcessLookupError("the build that started this renderer has stopped")
        time.sleep(0.01)
    with path.open("rb") as f:
        made, output = pickle.load(f)  # noqa: S301 - the build's own file, in its private folder (see save_output)
    return output if made == (tuple(settings), _made_by()) else None
