"""Building where things are missing or go wrong: shallow or no git, a lost register file, an
output folder that cannot be written, an interrupted build, and a hostile pull request too big
to validate. The last good site/ always survives, and every refusal says why."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import tempfile
import time
from pathlib import Path

import pytest

from localdigital import build as build_module
from localdigital.build import audit as audit_module
from localdigital.build import build_site
from tests.support import GOOD, PROJECT, REPO, make_site_repo


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def leftovers(root: Path) -> list[str]:
    return [p.name for p in root.iterdir() if p.name.startswith((".site-new-", ".site-old-"))]


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    """A repository with a good site already built: the site every failure must leave alone."""
    root = make_site_repo(tmp_path_factory.mktemp("degraded") / "repo", GOOD)
    assert build_site(root, root / "site") == 0
    return root


def fresh_copy(good: Path, tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(good, root, symlinks=True)
    return root


# ---- git --------------------------------------------------------------------------------------

def test_a_shallow_clone_builds_with_the_dates_it_can_know(good: Path, tmp_path: Path, capfd) -> None:
    (good / "content/projects/second.md").write_text(PROJECT.replace("A shared waste service", "A second waste service"))
    try:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A"], cwd=good, check=True)
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "two"], cwd=good, check=True)
        clone = tmp_path / "clone"
        subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{good}", str(clone)], check=True)
        assert subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=clone, capture_output=True,
                              text=True).stdout.strip() == "true"
        capfd.readouterr()
        assert build_site(clone, clone / "site") == 0
        assert "the git history is shallow" in capfd.readouterr().out  # the build says so
        rows = json.loads((clone / "site/data/projects.json").read_text())
        assert {row["id"] for row in rows} == {"shared-waste", "second"}
        assert all("first_published" in row["derived"] for row in rows)  # the oldest commit available
    finally:
        subprocess.run(["git", "rm", "-q", "content/projects/second.md"], cwd=good, check=True)
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "back"], cwd=good, check=True)


def test_without_git_on_the_path_the_site_builds_without_dates(good: Path, tmp_path: Path, monkeypatch) -> None:
    root = fresh_copy(good, tmp_path)
    bare = tmp_path / "bin"  # a PATH with no git (python is called by its full path)
    bare.mkdir()
    monkeypatch.setenv("PATH", str(bare))
    assert shutil.which("git") is None
    assert build_site(root, root / "site") == 0
    rows = json.loads((root / "site/data/projects.json").read_text())
    assert [row["id"] for row in rows] == ["shared-waste"]
    assert "first_published" not in rows[0].get("derived", {})
    assert "<entry>" not in (root / "site/feeds/all.xml").read_text()


def test_a_folder_that_is_not_a_git_repository_builds_without_dates(good: Path, tmp_path: Path) -> None:
    root = fresh_copy(good, tmp_path)
    shutil.rmtree(root / ".git")
    assert build_site(root, root / "site") == 0
    assert (root / "site/projects/shared-waste/index.html").is_file()


# ---- missing or unwritable ----------------------------------------------------------------------

def test_a_missing_register_file_stops_the_build_with_a_clear_message(good: Path, tmp_path: Path, capfd) -> None:
    root = fresh_copy(good, tmp_path)
    before = snapshot(root / "site")
    (root / "registers/uk-local-authorities/uk_local_authorities_current.csv").unlink()
    assert build_site(root, root / "site") == 1
    err = capfd.readouterr()
    text = err.out + err.err
    assert "uk_local_authorities_current.csv" in text or "register" in text.lower(), text[-2000:]
    assert "Traceback" not in text
    assert snapshot(root / "site") == before
    assert leftovers(root) == []


def test_an_output_folder_that_cannot_be_made_gives_a_clear_message(good: Path, tmp_path: Path, capfd) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the output's parent folder should be")
    assert build_site(good, blocker / "site") == 1
    err = capfd.readouterr().err
    assert "Cannot write beside" in err and "Traceback" not in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to any folder; the case above covers root")
def test_a_read_only_output_folder_gives_a_clear_message(good: Path, tmp_path: Path, capfd) -> None:
    parent = tmp_path / "read-only"
    parent.mkdir()
    parent.chmod(0o500)
    try:
        assert build_site(good, parent / "site") == 1
        assert "Traceback" not in capfd.readouterr().err
    finally:
        parent.chmod(0o700)


# ---- interrupted --------------------------------------------------------------------------------

def test_killing_mkdocs_mid_render_leaves_no_half_site(good: Path, tmp_path: Path, monkeypatch) -> None:
    root = fresh_copy(good, tmp_path)
    before = snapshot(root / "site")
    real_popen = subprocess.Popen

    def kill_at_first_page(process: subprocess.Popen, staging: Path) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None and not any(staging.rglob("*.html")):
            time.sleep(0.01)  # kill as soon as the first page is written: a half-written site
        process.send_signal(signal.SIGKILL)

    def popen_then_kill(command, **kwargs):  # every renderer process is really started, then killed
        process = real_popen(command, **kwargs)
        if "mkdocs" in command:
            staging = Path(command[command.index("--site-dir") + 1])
            threading.Thread(target=kill_at_first_page, args=(process, staging), daemon=True).start()
        return process

    monkeypatch.setattr(build_module.subprocess, "Popen", popen_then_kill)
    assert build_site(root, root / "site") == 1
    assert snapshot(root / "site") == before
    assert leftovers(root) == []


def test_a_render_that_fails_half_way_leaves_no_half_site(good: Path, tmp_path: Path, monkeypatch) -> None:
    root = fresh_copy(good, tmp_path)
    before = snapshot(root / "site")

    def half(root_: Path, staging: Path, when_converted=None, documents=None) -> bool:
        (staging / "projects").mkdir(parents=True)
        (staging / "projects/index.html").write_text("<p>half")
        return False

    monkeypatch.setattr(build_module, "render", half)
    assert build_site(root, root / "site") == 1
    assert snapshot(root / "site") == before
    assert leftovers(root) == []


def test_ctrl_c_during_the_audit_leaves_the_last_site(good: Path, tmp_path: Path, monkeypatch) -> None:
    root = fresh_copy(good, tmp_path)
    before = snapshot(root / "site")

    def interrupted(self) -> None:
        raise KeyboardInterrupt

    stopped = []

    def stop_index(running) -> None:
        real_stop(running)
        stopped.append(running)

    def slow_index(site: Path, documents=None, bundle=None):  # an indexer that would take a minute
        return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])

    real_stop = build_module.stop_index
    monkeypatch.setattr(audit_module.PageAudit, "start", interrupted)
    monkeypatch.setattr(build_module, "stop_index", stop_index)
    monkeypatch.setattr(build_module, "start_index", slow_index)
    assert build_site(root, root / "site") == 130
    assert snapshot(root / "site") == before
    assert leftovers(root) == []
    # Pagefind, indexing beside the audit, was stopped rather than waited for
    assert len(stopped) == 1 and stopped[0].returncode == -signal.SIGKILL  # killed, not finished


def test_ctrl_c_while_the_audit_processes_run_stops_them_and_pagefind(good: Path, tmp_path: Path, monkeypatch) -> None:
    # The audit processes read the pages while the build waits for Pagefind: Ctrl+C then
    # stops both, and leaves the last site as it was.
    import multiprocessing

    from localdigital.build import audit
    root = fresh_copy(good, tmp_path)
    before = snapshot(root / "site")

    indexers = []

    def slow_index(site: Path, documents=None, bundle=None):
        indexers.append(subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]))
        return indexers[-1]

    def interrupted_wait(running) -> list[str]:
        assert multiprocessing.active_children()  # the audit processes are at work
        raise KeyboardInterrupt

    monkeypatch.setattr(audit, "_can_fork", lambda: True)  # other tests' threads (the browser's) may still run
    monkeypatch.setattr(build_module.shard, "count", lambda: 2)  # two audit processes, whatever the machine
    monkeypatch.setattr(build_module, "start_index", slow_index)
    monkeypatch.setattr(build_module, "finish_index", interrupted_wait)
    assert build_site(root, root / "site") == 130
    assert multiprocessing.active_children() == []
    assert len(indexers) == 1 and indexers[0].returncode == -signal.SIGKILL  # Pagefind killed, not waited for
    assert snapshot(root / "site") == before
    assert leftovers(root) == []


def test_a_swap_that_fails_half_way_puts_the_last_site_back(good: Path, tmp_path: Path, monkeypatch) -> None:
    root = fresh_copy(good, tmp_path)
    before = snapshot(root / "site")
    real_replace = os.replace
    calls = []

    def second_fails(src, dst):  # the swap's second rename (the new site into place) fails
        calls.append((src, dst))
        if Path(dst) == root / "site" and Path(src).name.startswith(".site-new-"):
            raise OSError(28, "No space left on device", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(build_module.os, "replace", second_fails)
    assert build_site(root, root / "site") == 1
    monkeypatch.setattr(build_module.os, "replace", real_replace)
    assert any(Path(src) == root / "site" for src, _dst in calls)  # the last site had been moved aside
    assert snapshot(root / "site") == before
    assert leftovers(root) == []


def test_a_killed_build_process_leaves_the_last_site(good: Path, tmp_path: Path) -> None:
    """The whole `python -m localdigital.build` killed mid-way: site/ is untouched (its staging
    folder may be left behind, hidden, and is removed by `make clean`)."""
    root = fresh_copy(good, tmp_path)
    before = snapshot(root / "site")
    process = subprocess.Popen([sys.executable, "-m", "localdigital.build"], cwd=root,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(root.glob(".site-new-*/**/*.html")):
        time.sleep(0.01)  # kill once pages are being written: mid-render, well before the swap
    assert process.poll() is None, "the build ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert snapshot(root / "site") == before
    # Its search documents, in memory where there was room (never given back until removed),
    # are removed by the next build; another build's, still running, would be left alone.
    abandoned = list(build_module.MEMORY.glob(f"{build_module._IN_MEMORY}{process.pid}-*"))
    assert abandoned or not build_module.MEMORY.is_dir()
    assert build_site(root, root / "site") == 0
    assert all(not folder.exists() for folder in abandoned)


def _documents_seen(monkeypatch) -> list[Path]:
    """The folders the build gives Pagefind to read the search documents from, as it starts it."""
    seen: list[Path] = []
    real = build_module.start_index

    def start_index(site, documents=None, bundle=None):
        seen.append(documents)
        assert documents is not None and any(documents.rglob("*.html"))  # the renderers wrote them there
        return real(site, documents, bundle)

    monkeypatch.setattr(build_module, "start_index", start_index)
    return seen


@pytest.mark.skipif(not build_module.MEMORY.is_dir(), reason="no in-memory file system at /dev/shm")
def test_the_search_documents_are_written_to_memory_and_removed_however_the_build_ends(good: Path, tmp_path: Path,
                                                                                         monkeypatch) -> None:
    root = fresh_copy(good, tmp_path)
    seen = _documents_seen(monkeypatch)
    assert build_site(root, root / "site") == 0
    assert seen[0].parent == build_module.MEMORY and seen[0].name.startswith(f"{build_module._IN_MEMORY}{os.getpid()}-")
    assert not seen[0].exists()
    (root / "content/projects/broken.md").write_text("---\ntitle: [\n---\n")  # content with an error: no build
    before = set(build_module.MEMORY.glob(f"{build_module._IN_MEMORY}{os.getpid()}-*"))
    assert build_site(root, root / "site") == 1
    assert set(build_module.MEMORY.glob(f"{build_module._IN_MEMORY}{os.getpid()}-*")) == before == set()


def test_without_room_in_memory_the_search_documents_are_written_beside_the_site(good: Path, tmp_path: Path,
                                                                                  monkeypatch) -> None:
    root = fresh_copy(good, tmp_path)
    seen = _documents_seen(monkeypatch)
    monkeypatch.setattr(build_module, "_SPARE", 2**62)  # more than any machine has
    assert build_site(root, root / "site") == 0
    assert seen[0] == root / f".site-new-{os.getpid()}.search"
    assert not seen[0].exists() and leftovers(root) == []
    assert (root / "site/pagefind/pagefind.js").is_file() and (root / "site/projects/shared-waste/index.html").is_file()


def test_only_the_search_documents_of_ended_builds_are_removed_from_memory(tmp_path: Path) -> None:
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(ended.stdout)
    folders = {name: tmp_path / name for name in (f"{build_module._IN_MEMORY}{dead}-abc", f"{build_module._IN_MEMORY}{os.getpid()}-def",
                                                  f"other-{dead}-x", f"{build_module._IN_MEMORY}x-y")}
    for folder in folders.values():
        (folder / "projects").mkdir(parents=True)
        (folder / "projects/index.html").write_text("<p>x")
    build_module._remove_abandoned(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(name for name in folders if name != f"{build_module._IN_MEMORY}{dead}-abc")


# ---- bounded resources --------------------------------------------------------------------------

VALIDATE_SECONDS = 60.0
VALIDATE_RSS = 2**30  # 1 GiB
BUILD_SECONDS = 120.0

MEASURE = """
import sys, pathlib
from localdigital.validate import validate
result = validate(pathlib.Path(sys.argv[1]))
print(len(result.errors), result.files, sorted({f.rule for f in result.errors})[:5])
"""


# The command runs under a small Python that waits for it: a child started straight from this
# (large, late in a test run) pytest process is counted with pytest's own peak memory, because Linux
# records the memory of the process it was spawned from until it runs the command (vfork, exec).
_WAIT_AND_REPORT = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_pid, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as report:
    report.write(f"{usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def measured(command: list[str], cwd: Path) -> tuple[float, int, str]:
    """Wall time, peak RSS in bytes (of the process and every child it waited for) and stdout."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        usage_file = Path(folder) / "usage"
        process = subprocess.Popen([sys.executable, "-c", _WAIT_AND_REPORT, str(usage_file), *command], cwd=cwd,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        with process.stdout:
            out = process.stdout.read()
        process.wait()
        peak_kib, _status = usage_file.read_text().split()
    return time.monotonic() - started, int(peak_kib) * 1024, out


def hostile_pull_request(root: Path, files: int, size: int) -> None:
    """files projects of size bytes each, every one with raw HTML in its body (so all are errors)."""
    folder = root / "content/projects"
    folder.mkdir(parents=True, exist_ok=True)
    line = "Some text <img src=x onerror=alert(1)> [x](javascript:alert(1)) {: onclick=x }\n"
    body = line * (size // len(line))
    for n in range(files):
        (folder / f"hostile-{n}.md").write_text(
            f"---\ntitle: Hostile {n}\nsummary: A hostile file number {n} of many.\nlead: ESS\n---\n\n{body}")


@pytest.mark.slow
def test_a_10000_file_100_mb_pull_request_is_validated_and_refused_within_budget(tmp_path: Path) -> None:
    root = make_site_repo(tmp_path / "repo", GOOD)
    hostile_pull_request(root, 10_000, 10 * 1024)
    seconds, rss, out = measured([sys.executable, "-c", MEASURE, str(root)], REPO)
    print(f"validation: {seconds:.1f} s, {rss / 2**20:.0f} MiB peak RSS: {out.strip()[:200]}")
    assert seconds < VALIDATE_SECONDS and rss < VALIDATE_RSS
    assert int(out.split()[0]) >= 10_000
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("last good")
    seconds, rss, out = measured([sys.executable, "-m", "localdigital.build"], root)
    print(f"build: {seconds:.1f} s, {rss / 2**20:.0f} MiB peak RSS")
    assert seconds < BUILD_SECONDS and rss < VALIDATE_RSS
    assert "site/ is unchanged" in out
    assert sorted(os.listdir(site)) == ["index.html"]


@pytest.mark.slow
def test_more_files_than_the_limit_are_refused_at_once(tmp_path: Path) -> None:
    from localdigital.validate import MAX_FILES
    root = make_site_repo(tmp_path / "repo", GOOD)
    folder = root / "content/projects"
    for n in range(MAX_FILES + 1):
        (folder / f"p-{n}.md").write_bytes(b"")
    seconds, rss, out = measured([sys.executable, "-c", MEASURE, str(root)], REPO)
    assert seconds < 30 and rss < VALIDATE_RSS
    assert "repository-too-large" in out


@pytest.mark.slow
def test_more_bytes_than_the_limit_are_refused_without_reading_them(tmp_path: Path) -> None:
    from localdigital.validate import MAX_TOTAL_BYTES
    root = make_site_repo(tmp_path / "repo", GOOD)
    folder = root / "content/projects"
    for n in range(MAX_TOTAL_BYTES // (64 * 2**20) + 1):  # sparse files: big on paper, nothing on disk
        with open(folder / f"big-{n}.md", "wb") as handle:
            handle.truncate(64 * 2**20)
    seconds, rss, out = measured([sys.executable, "-c", MEASURE, str(root)], REPO)
    assert seconds < 30 and rss < 256 * 2**20
    assert "repository-too-large" in out


def test_sigterm_mid_render_stops_every_renderer_and_leaves_the_last_site(good: Path, tmp_path: Path) -> None:
    # A cancelled CI job sends SIGTERM: the build must end as Ctrl+C does.
    root = fresh_copy(good, tmp_path)
    before = snapshot(root / "site")
    build = subprocess.Popen([sys.executable, "-m", "localdigital", "build"], cwd=root,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and build.poll() is None and not any(root.glob(".site-new-*/**/*.html")):
        time.sleep(0.01)
    build.send_signal(signal.SIGTERM)
    _out, err = build.communicate(timeout=60)
    assert build.returncode == 130, err
    assert "Interrupted" in err
    assert snapshot(root / "site") == before
    time.sleep(0.5)  # a renderer left running would write again into its folder
    assert leftovers(root) == [] and not list(root.glob(".site-new-*"))


def test_removing_the_last_site_removes_all_it_holds_and_never_follows_a_link(tmp_path: Path) -> None:
    from localdigital.build import remove_tree
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("not the site's", encoding="utf-8")
    old = tmp_path / "old"
    for n in range(12):
        (old / f"folder-{n}" / "deeper").mkdir(parents=True)
        (old / f"folder-{n}" / "deeper" / "index.html").write_text("<p>page</p>", encoding="utf-8")
    (old / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (old / "linked").symlink_to(outside, target_is_directory=True)
    (old / "folder-3" / "linked").symlink_to(outside, target_is_directory=True)
    remove_tree(old)
    assert not old.exists() and (outside / "keep.txt").read_text(encoding="utf-8") == "not the site's"
    site_link = tmp_path / "site-link"
    site_link.symlink_to(outside, target_is_directory=True)
    remove_tree(site_link)
    assert not site_link.exists() and (outside / "keep.txt").exists()
