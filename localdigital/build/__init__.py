"""`make site`: validate, render with mkdocs into a fresh folder, audit it, then swap it in.

The last good site/ is replaced only when every step has passed, so a failed or
interrupted build never leaves a half site. mkdocs runs as its own process: this
package does not import it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..content import CONTENT_ROOTS
from ..render import shard
from .deploy import missing, placeholders_in, read_settings
from .handoff import BUILD_PID, CONVERTED, EMITTED, MANIFEST, SEARCH_DOCUMENTS, save_output
from .pipeline import BuildRefused, findings_text, load_site, say_findings, site_settings
from .search import BUNDLE, finish_index, start_index, stop_index


def build_site(root: Path, out: Path, deploy: bool = False) -> int:
    """Render, index, audit, swap: one labelled step each. Validation runs inside the render:
    this process validates and emits the site once while the renderers start, and hands it to
    them (render, _emit_once), so the content is read once per build. deploy: a build for
    publishing, refused while site_url or edit_uri is a placeholder, and audited for any
    placeholder left in the built files (deploy.py)."""
    # Here, not at the top: each renderer imports this package (for handoff.py) and never audits,
    # and the audit's lxml and nh3 took it 33 ms to import.
    from .audit import Expected, PageAudit, audit_nothing_lost, audit_sources, read_manifest
    if deploy:
        refused = missing(*read_settings(root))
        for problem in refused:
            print(f"deploy: {problem}", file=sys.stderr)
        if refused:
            print(f"The site was not built for deployment (see above). {out.name}/ is unchanged.", file=sys.stderr)
            return 1
    parent = out.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = parent / f".{out.name}-new-{os.getpid()}"
        for folder in (staging, _search_documents(staging), _bundle(staging)):
            shutil.rmtree(folder, ignore_errors=True)
        documents = _documents_folder(root, staging)
    except OSError as exc:
        print(f"Cannot write beside {out}: {exc.strerror}. Choose a folder you can write to.", file=sys.stderr)
        return 1
    on_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminated) if on_main_thread else None
    indexing: list = []  # Pagefind, once started
    auditing: list = []  # the audit of the pages, once started
    cleaning: list = []  # the removal of the search documents, once started

    def start_indexing() -> None:  # once every page is converted: Pagefind runs beside the renderers, then the audit
        indexing.append(start_index(staging, documents, _bundle(staging)))

    try:
        if not render(root, staging, when_converted=start_indexing, documents=documents):
            print(f"The site was not built (see above). {out.name}/ is unchanged.", file=sys.stderr)
            return 1
        if not indexing:  # no renderer said its pages were converted (a renderer other than ours)
            start_indexing()
        # Every page has its CSP from the hook: checked here. One audit process more than the cores:
        # while this process checks the whole site (below), and when one audit process has ended
        # before another, the cores stay busy (at 1,000 items, 2 to 2.5% less time in two sets of
        # eight alternating builds).
        pages = PageAudit(staging, workers=shard.count() + 1)
        auditing.append(pages)  # stopped however the build ends, even while it starts
        pages.start()
        # While the audit processes read the pages: the search index, then the checks of the whole site.
        problems = finish_index(indexing[0])
        if _bundle(staging).is_dir():
            os.replace(_bundle(staging), staging / BUNDLE)
        # The search documents are removed beside the checks below (on disk, when memory had no room
        # for them, it took a second at 5,000 items); waited for in finally.
        cleaning.append(threading.Thread(target=shutil.rmtree, args=(documents, True), daemon=True))
        cleaning[0].start()
        expected = read_manifest(_manifest_path(staging))
        if isinstance(expected, Expected):
            problems += audit_sources(staging, root, expected, pages.files)
            problems += audit_nothing_lost(staging, expected)
        else:
            problems.append(expected)
        problems = pages.problems() + problems
        if deploy:
            problems += [f"{found}: a deployed site must carry its real address and repository" for found in placeholders_in(staging)]
        for problem in problems:
            print(f"audit: {problem}", file=sys.stderr)
        if problems:
            print(f"The built site failed its checks. {out.name}/ is unchanged.", file=sys.stderr)
            return 1
        _swap(staging, out)
    except KeyboardInterrupt:
        print(f"Interrupted. {out.name}/ is unchanged.", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"Could not write the site ({exc.strerror}: {exc.filename}). {out.name}/ is unchanged.", file=sys.stderr)
        return 1
    finally:
        if indexing:  # interrupted, or failed: Pagefind is stopped, not waited for (nothing to do once it has finished)
            stop_index(indexing[0])
        if auditing:
            auditing[0].stop()
        for thread in cleaning:
            thread.join()
        for folder in (staging, documents, _bundle(staging)):
            shutil.rmtree(folder, ignore_errors=True)
        _manifest_path(staging).unlink(missing_ok=True)
        if on_main_thread and previous is not None:
            signal.signal(signal.SIGTERM, previous)
    print(f"Built {out}")
    return 0


def _terminated(signum, frame) -> None:
    """SIGTERM (a CI job cancelled, say) ends the build as Ctrl+C does: renderers stopped,
    staging folders removed, site/ unchanged."""
    raise KeyboardInterrupt


def _manifest_path(staging: Path) -> Path:
    return staging.with_name(staging.name + ".manifest.json")


def _search_documents(staging: Path) -> Path:
    """Where the renderers write each page's search document (see search.py) when there is no
    room in memory for them (_documents_folder)."""
    return staging.with_name(staging.name + ".search")


# The search documents are written once, read once by Pagefind and removed: at 1,000 items,
# 1,276 files in as many folders. On this project's build machines a file or folder created on
# disk cost the processor 0.05 to 0.7 ms (the file system's own work, counted as the build's),
# and in memory almost nothing; the build took 4 to 19% less time with them in memory (BENCHMARKS.md).
# So they go to a private folder in Linux's in-memory file system, /dev/shm (there in containers
# too, where it holds 64 MB unless told otherwise), when it has room for them with a wide margin:
# they take about four times the content's bytes (a listing repeats its items), and the margin is
# four times that again. Otherwise, or elsewhere, they go beside the site, on disk.
MEMORY = Path("/dev/shm")
_IN_MEMORY = "localdigital-search-"  # then the build's process id, then mkdtemp's random part
_ROOM = 16  # times the content's bytes
_SPARE = 64 * 2**20  # bytes left free for everything else that uses the in-memory file system


def _documents_folder(root: Path, staging: Path) -> Path:
    """A new private folder in memory for the build's search documents, or, when memory has
    not room enough or is not there, the folder beside staging. Folders a stopped build left
    in memory (killed, say, so its finally never ran) are removed first: memory is not given
    back until they are."""
    beside = _search_documents(staging)
    if not sys.platform.startswith("linux") or not MEMORY.is_dir():
        return beside
    try:
        _remove_abandoned(MEMORY)
        if shutil.disk_usage(MEMORY).free < _ROOM * _content_bytes(root) + _SPARE:
            return beside
        return Path(tempfile.mkdtemp(prefix=f"{_IN_MEMORY}{os.getpid()}-", dir=MEMORY))
    except OSError:  # not writable, say: on disk as before
        return beside


def _remove_abandoned(folder: Path) -> None:
    """Remove this user's search-document folders in folder whose build has ended. One that
    goes while this looks (another build removed it) is passed over."""
    for entry in os.scandir(folder):
        pid = entry.name.removeprefix(_IN_MEMORY).split("-")[0]
        if not entry.name.startswith(_IN_MEMORY) or not pid.isdigit() or entry.is_symlink() or _running(int(pid)):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_uid == os.getuid():
                shutil.rmtree(entry.path, ignore_errors=True)
        except OSError:
            continue


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _content_bytes(root: Path) -> int:
    """The bytes of the content files (links not followed)."""
    total = 0
    for name in CONTENT_ROOTS:
        for folder, _dirs, files in os.walk(root / name):
            for file in files:
                try:
                    total += os.stat(os.path.join(folder, file), follow_symlinks=False).st_size
                except OSError:
                    pass
    return total


def _bundle(staging: Path) -> Path:
    """Where Pagefind writes its bundle while the renderers still write the site (moved into it after)."""
    return staging.with_name(staging.name + ".pagefind")


def _converted_marks(staging: Path, total: int) -> list[Path]:
    """The files each renderer creates once it has converted all its pages (hooks/, on_env);
    render() removes them however it ends."""
    return [staging.with_name(f"{staging.name}.converted-{n}") for n in range(total)]


def render(root: Path, staging: Path, shards: int | None = None, when_converted=None,
           documents: Path | None = None) -> bool:
    """mkdocs build --strict into the staging folder, as processes of its own: one per core,
    each writing its share of the pages into a folder of its own, merged when all have passed
    (see shard.py). While they start, this process validates and emits the site, says the
    content's findings, writes the manifest of what was emitted beside the folder, for the
    audits, and hands the site to them (_emit_once); content with errors stops them there.
    As soon as one renderer fails, the others are stopped. Their output is kept in files
    and said once at the end: the first renderer's whole, then any warning or error of the
    others it did not already say. when_converted, if given, is called once every renderer
    has converted its pages, while they still draw them into the theme (see search.py). The
    renderers write the search documents to documents, by default beside staging."""
    total = shard.count() if shards is None else shards
    folders = [staging] + [staging.with_name(f"{staging.name}-{n}") for n in range(1, total)]
    base_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", MANIFEST: str(_manifest_path(staging)),
                SEARCH_DOCUMENTS: str(documents or _search_documents(staging)), BUILD_PID: str(os.getpid())}
    logs = [tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") for _ in folders] if total > 1 else []
    running: list[subprocess.Popen] = []
    marks = _converted_marks(staging, total)
    handoff = Path(tempfile.mkdtemp(prefix="localdigital-build-"))  # private (0700): the emitted site, for the renderers
    base_env[EMITTED] = str(handoff / "site.pickle")
    try:
        for mark in marks:
            mark.unlink(missing_ok=True)
        for n, folder in enumerate(folders):
            env = {**base_env, CONVERTED: str(marks[n])}
            if total > 1:
                env[shard.VARIABLE] = f"{n}/{total}"
            # Not --quiet: in mkdocs 1.6 it hides warnings from --strict too, so they would not stop the build.
            command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
                       str(root / "mkdocs.yml"), "--site-dir", str(folder)]
            output = {"stdout": logs[n], "stderr": subprocess.STDOUT} if logs else {}
            running.append(subprocess.Popen(command, cwd=root, env=env, **output))
        if not _emit_once(root, staging, handoff / "site.pickle"):
            return False  # the renderers, waiting for the site, are stopped (finally)
        ok = _wait_for_all(running, marks, when_converted)
        _say_once(logs)
        if ok:
            shard.merge(folders)
        return ok
    finally:
        for process in running:
            if process.poll() is None:
                process.kill()
                process.wait()
        for log in logs:
            log.close()
        for folder in folders[1:]:
            shutil.rmtree(folder, ignore_errors=True)
        for mark in marks:
            mark.unlink(missing_ok=True)
        shutil.rmtree(handoff, ignore_errors=True)


def _emit_once(root: Path, staging: Path, handoff: Path) -> bool:
    """Validate and emit the site once, here, while the renderers start (importing mkdocs and
    the theme takes them about as long), and hand it to them (handoff.save_output): before, each
    renderer did it all again. Says the content's findings once (flushed, so they come before
    what is said on stderr after them). False when the content has errors: nothing is saved,
    and render() stops the renderers."""
    settings = _site_settings(root)
    try:
        # jobs=0: the renderers wait for this, so a large repository's files are checked on every core.
        output, result, note = load_site(root, settings[0], settings[1], _manifest_path(staging), jobs=0)
    except BuildRefused as refused:
        print("The content has errors, so the site was not built:")
        print(findings_text(refused.result), flush=True)
        return False
    say_findings(result, note, flush=True)  # warnings only: say them, build anyway
    save_output(handoff, settings, output)
    return True


def _site_settings(root: Path) -> tuple[str, str]:
    """(site_url, new_base) as the renderer's hook passes them to pipeline.load_site, read from
    mkdocs.yml as mkdocs reads it (deploy.read_settings: !ENV included). A renderer that reads its
    configuration otherwise sees the settings differ and emits the site itself."""
    return site_settings(*read_settings(root))


def _wait_for_all(running: list[subprocess.Popen], marks: list[Path] = (), when_converted=None) -> bool:
    """Wait for every renderer; stop the rest as soon as one fails. True when all passed.
    Calls when_converted once all the marks exist (every renderer has converted its pages)."""
    while True:
        if when_converted is not None and all(mark.exists() for mark in marks):
            when_converted()
            when_converted = None
        codes = [process.poll() for process in running]
        if any(code not in (None, 0) for code in codes):
            for process in running:
                if process.poll() is None:
                    process.terminate()
            for process in running:
                process.wait()
            return False
        if all(code == 0 for code in codes):
            return True
        time.sleep(0.01)  # what waits on this (the merge, Pagefind) is on the build's critical path


def _say_once(logs: list) -> None:
    """The first renderer's output as it is, then each message of the others that it did not
    say, but for mkdocs' INFO lines. A message is a line and the indented lines under it (a
    finding and its "how to fix"): a failing renderer may have been stopped before it said
    its error, so another's must come whole."""
    seen: set[str] = set()
    for n, log in enumerate(logs):
        log.seek(0)
        for message in _messages(log.read()):
            if n == 0:
                print(message)
            elif message not in seen and not message.startswith("INFO"):
                print(message)
            seen.add(message)


def _messages(output: str) -> list[str]:
    """A renderer's output as messages: each line that does not start with a space, with the
    lines that do that follow it."""
    messages: list[str] = []
    for line in output.splitlines():
        if messages and line[:1].isspace():
            messages[-1] += "\n" + line
        else:
            messages.append(line)
    return messages


def _swap(staging: Path, out: Path) -> None:
    """Replace out with staging: two renames, so out is whole before and after."""
    old = out.parent / f".{out.name}-old-{os.getpid()}"
    if out.exists():
        os.replace(out, old)
    try:
        os.replace(staging, out)
    except OSError:
        if old.exists():
            os.replace(old, out)  # put the last good site back before saying it is unchanged
        raise
    remove_tree(old)


def remove_tree(folder: Path, threads: int = 4) -> None:
    """Remove a folder and all it holds, its top-level folders side by side: the file system
    takes several removals at once (the last site at 5,000 items took 2.4 s one at a time,
    1.6 s four at a time). Links are removed, never followed; what cannot be removed is left,
    as shutil.rmtree(ignore_errors=True) leaves it."""
    try:
        if os.path.islink(folder):  # a link to a folder: the link goes, never what it points to
            os.unlink(folder)
            return
        entries = list(os.scandir(folder))
    except OSError:
        return

    def remove(entry: os.DirEntry) -> None:
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
        except OSError:
            pass

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(remove, entries))
    shutil.rmtree(folder, ignore_errors=True)
