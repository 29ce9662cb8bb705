"""Output files are written whole or not at all, and never replace what is not a regular file
(issue 16, items 11 and 12).

- ``export -o`` to a named pipe or a device node is refused and leaves it as it was; to a symbolic link
  it replaces the link's target and the link stays;
- the ``view`` page, ``export -o`` and ``timeline --png`` over an existing file on a full disk (a file
  size limit stands for it) exit 6 with the one-line "disk full" error and leave the old file byte for
  byte; GEXF, GraphML and PNG leave no file, not even an empty one; no temporary file is left anywhere.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from store_samples import article_quads, doc_id

from newskg.graph.cli import main
from newskg.graph.output import DiskFullError, ExportError
from newskg.graph.store import Store

TESTS = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    location = tmp_path_factory.mktemp("output") / "store"
    with Store.open(location) as opened:
        for i in range(3):
            opened.add_article(doc_id(i), article_quads(i))
    return location


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_export_to_a_named_pipe_is_refused_and_the_pipe_stays(store, tmp_path, capsys):
    """Pass: `export -o PIPE` exits 9 with one line, and PIPE is still a named pipe."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    code = main(["export", "--store", str(store), "--format", "nquads", "-o", str(pipe)])
    assert code == ExportError.exit_code
    assert _lines(capsys.readouterr().err) == [
        f"error: cannot write {pipe}: not a regular file (a device, pipe or socket); choose another -o"]
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_export_to_a_device_node_is_refused_and_the_device_stays(store, tmp_path, capsys):
    """Pass: `export -o NODE`, NODE a character device made like /dev/null, exits 9 and NODE is still
    that device (writing over it by renaming would have made it a regular file)."""
    node = tmp_path / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, OSError):
        pytest.skip("making a device node needs root")
    code = main(["export", "--store", str(store), "--format", "turtle", "-o", str(node)])
    assert code == ExportError.exit_code
    assert "not a regular file" in capsys.readouterr().err
    info = os.lstat(node)
    assert stat.S_ISCHR(info.st_mode) and info.st_rdev == os.makedev(1, 3)


def test_export_through_a_symbolic_link_replaces_its_target_and_keeps_the_link(store, tmp_path, capsys):
    """Pass: `export -o LINK` writes the export into the file LINK points to; LINK is still a link."""
    target = tmp_path / "real" / "graph.nq"
    target.parent.mkdir()
    target.write_text("old content\n")
    link = tmp_path / "graph.nq"
    link.symlink_to(target)
    assert main(["export", "--store", str(store), "--format", "nquads", "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    with Store.open(store, read_only=True) as opened:
        assert target.read_bytes() == opened.dump_nquads()
    assert sorted(p.name for p in target.parent.iterdir()) == ["graph.nq"]


FULL_DISK = textwrap.dedent(
    """
    import resource, signal, sys
    from newskg.graph.cli import main
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    sys.exit(main(sys.argv[2:]))
    """
)


def _with_file_limit(limit: int, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(TESTS)}
    return subprocess.run([sys.executable, "-c", FULL_DISK, str(limit), *args], capture_output=True, text=True,
                          env=env, timeout=300)


@pytest.mark.parametrize(("name", "command", "option"), [
    ("graph.html", ["view", "-o", "{file}", "--title", "{title}"], "-o"),
    ("graph.nq", ["export", "--format", "nquads", "-o", "{file}"], "-o"),
    ("timeline.png", ["timeline", "--actor", "Alphaland", "--png", "{file}"], "--png"),
], ids=["view", "export", "timeline"])
def test_an_output_over_an_existing_file_on_a_full_disk_keeps_the_old_file(name, command, option, store, tmp_path):
    """Pass: with files limited to fewer bytes than the output needs, writing it over a file written
    before (the `view` page, `export -o`, `timeline --png`) exits 6 with "disk full while writing FILE:
    ...", FILE is byte for byte what it was, and the folder holds nothing else."""
    target = tmp_path / name
    args = [part.replace("{file}", str(target)) for part in command] + ["--store", str(store)]
    assert main([part.replace("{title}", "first") for part in args]) == 0
    before = target.read_bytes()
    run = _with_file_limit(len(before) // 2, *(part.replace("{title}", "second") for part in args))
    assert run.returncode == DiskFullError.exit_code == 6, run.stderr
    assert _lines(run.stderr)[-1] == f"error: disk full while writing {target}: free space or choose another {option}"
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


NETWORK_FULL_DISK = textwrap.dedent(
    """
    import resource, signal, sys
    from newskg.graph import network
    from newskg.graph.store import Store
    from newskg.extract.errors import NewskgError
    store, writer, target = sys.argv[1:]
    with Store.open(store, read_only=True) as opened:
        G = network.build_network(opened)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))
    try:
        getattr(network, writer)(G, target)
    except NewskgError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(error.exit_code)
    """
)


@pytest.mark.parametrize(("writer", "suffix", "option"), [("to_gexf", ".gexf", "--gexf"),
                                                          ("to_graphml", ".graphml", "--graphml"),
                                                          ("draw_overview", ".png", "--png")])
def test_network_files_on_a_full_disk_leave_no_file(writer, suffix, option, store, tmp_path):
    """Pass: with files limited to 200 bytes, writing the network as GEXF, GraphML or PNG raises the
    one-line "disk full" error (exit 6) naming the file, and leaves no file at all (before, GraphML was
    left as a 0-byte file)."""
    target = tmp_path / f"network{suffix}"
    run = subprocess.run([sys.executable, "-c", NETWORK_FULL_DISK, str(store), writer, str(target)],
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(TESTS)}, timeout=300)
    assert run.returncode == DiskFullError.exit_code, run.stderr
    assert _lines(run.stderr) == [f"error: disk full while writing {target}: free space or choose another {option}"]
    assert list(tmp_path.iterdir()) == []
