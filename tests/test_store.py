"""The store: articles written whole or not at all, one writer at a time, clean errors on a full disk."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from store_samples import article_quads, doc_id

from newskg.extract.errors import NewskgError
from newskg.graph.store import (
    PENDING_NAME,
    READERS_NAME,
    Store,
    StoreError,
    StoreLockedError,
    StoreMissingError,
    graph_iri,
    marker_quad,
)

TESTS = Path(__file__).resolve().parent


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(TESTS), env.get("PYTHONPATH", "")]))
    return env


def _sorted_nquads(store: Store) -> list[str]:
    return sorted(line for line in store.dump_nquads().decode("utf-8").splitlines() if line.strip())


# -- the API ------------------------------------------------------------------------
def test_add_article_writes_all_quads_and_a_marker_once():
    with Store.open(None) as store:
        quads = article_quads(1)
        assert not store.has_article(doc_id(1))
        assert store.add_article(doc_id(1), quads) is True
        assert store.has_article(doc_id(1))
        assert len(store) == len(quads) + 1
        assert marker_quad(doc_id(1)) in store.oxigraph
        assert store.add_article(doc_id(1), quads) is False
        assert len(store) == len(quads) + 1
        assert store.article_quad_count(doc_id(1)) == len(quads) + 1
        assert store.articles() == [doc_id(1)]


def test_add_article_refuses_quads_outside_the_article_graph_and_writes_nothing():
    with Store.open(None) as store:
        quads = article_quads(2)
        stray = ox.Quad(quads[0].subject, quads[0].predicate, quads[0].object, graph_iri("other"))
        with pytest.raises(ValueError, match="named graph"):
            store.add_article(doc_id(2), quads + [stray])
        assert len(store) == 0
        assert not store.has_article(doc_id(2))


def test_store_on_disk_persists_and_reopens_read_only(tmp_path):
    location = tmp_path / "store"
    with Store.open(location) as store:
        for i in range(3):
            store.add_article(doc_id(i), article_quads(i))
        expected = _sorted_nquads(store)
    with Store.open(location, read_only=True) as reader:
        assert reader.articles() == sorted(doc_id(i) for i in range(3))
        assert _sorted_nquads(reader) == expected
        with pytest.raises(StoreError, match="read-only"):
            reader.add_article(doc_id(9), article_quads(9))


def test_read_only_open_of_a_missing_store_says_how_to_build_one(tmp_path):
    with pytest.raises(StoreMissingError) as caught:
        Store.open(tmp_path / "nothing", read_only=True)
    assert str(caught.value) == (
        f"no store at {tmp_path / 'nothing'}; build one with `newskg build ARTICLES --store {tmp_path / 'nothing'}`"
    )


def test_query_returns_python_values():
    with Store.open(None) as store:
        store.add_article(doc_id(0), article_quads(0))
        result = store.query(
            "SELECT ?title (COUNT(?st) AS ?n) WHERE { GRAPH ?g { ?a dcterms:title ?title . "
            "?st prov:wasDerivedFrom ?a } } GROUP BY ?title"
        )
        assert result.variables == ["title", "n"]
        assert result.rows == [{"title": "Synthetic article 0", "n": 4}]


# -- locking ------------------------------------------------------------------------
HOLD_LOCK = textwrap.dedent(
    """
    import sys, time
    from newskg.graph.store import Store
    store = Store.open(sys.argv[1])
    print("locked", flush=True)
    time.sleep(60)
    """
)


def test_second_writer_gets_a_lock_error_naming_the_holder_and_readers_still_read(tmp_path):
    location = tmp_path / "store"
    with Store.open(location) as store:
        store.add_article(doc_id(0), article_quads(0))
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(location)], stdout=subprocess.PIPE, env=_env())
    try:
        assert holder.stdout.readline().strip() == b"locked"
        with pytest.raises(StoreLockedError) as caught:
            Store.open(location)
        assert str(caught.value) == (
            f"store {location} is locked by another newskg process (pid {holder.pid}); "
            "wait for it to finish or use another --store"
        )
        assert isinstance(caught.value, NewskgError) and caught.value.exit_code != 0
        with Store.open(location, read_only=True) as reader:
            assert reader.has_article(doc_id(0))
    finally:
        holder.kill()
        holder.wait()
    with Store.open(location) as store:  # the lock died with its process
        assert store.has_article(doc_id(0))


def test_a_directory_of_other_files_is_not_taken_for_a_store(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "000.txt").write_text("text")
    with pytest.raises(StoreError, match="holds other files and no store"):
        Store.open(tmp_path / "articles")
    assert sorted(p.name for p in (tmp_path / "articles").iterdir()) == ["000.txt"]


def _leave_a_cut_bulk_write(location: Path) -> None:
    """What a build killed between a bulk load and its markers leaves: ids pending, quads without markers."""
    with Store.open(location) as store:
        store.add_article(doc_id(0), article_quads(0))
    (location / PENDING_NAME).write_text(f"{doc_id(1)}\n")
    raw = ox.Store(str(location))
    raw.bulk_extend(article_quads(1))
    del raw


def test_readers_test_the_lock_itself_not_the_pid_it_records(tmp_path):
    """Pass: a store left by a killed build whose lock file still names a live pid (here this very process;
    a reused pid after a crash looks the same) is refused by readers: the pid is not the lock (issue 16,
    item 9). While a live writer holds the lock, readers read (it removed any leftovers when it opened)."""
    location = tmp_path / "store"
    _leave_a_cut_bulk_write(location)
    (location / "newskg.lock").write_text(f"{os.getpid()}\n")
    _assert_refused_by_readers(location, 1)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(location)], stdout=subprocess.PIPE, env=_env())
    try:
        assert holder.stdout.readline().strip() == b"locked"
        with Store.open(location, read_only=True) as reader:
            assert reader.has_article(doc_id(0)) and not reader.has_article(doc_id(1))
    finally:
        holder.kill()
        holder.wait()


HOLD_CREATING = textwrap.dedent(
    """
    import fcntl, os, sys, time
    # a writer that has taken the lock and is creating the store: RocksDB's first files, no CURRENT yet
    folder = sys.argv[1]
    os.makedirs(folder)
    fd = os.open(os.path.join(folder, "newskg.lock"), os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.write(fd, f"{os.getpid()}\\n".encode())
    open(os.path.join(folder, "LOG"), "w").close()
    print("locked", flush=True)
    time.sleep(60)
    """
)


def test_a_writer_that_meets_a_store_being_created_says_locked(tmp_path):
    """Pass: a second writer that opens the folder while the first is creating the store (lock held,
    files there, no CURRENT yet) gets the lock error naming the first, not "holds other files and no
    store" (issue 16, item 15)."""
    location = tmp_path / "store"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_CREATING, str(location)], stdout=subprocess.PIPE,
                              env=_env())
    try:
        assert holder.stdout.readline().strip() == b"locked"
        with pytest.raises(StoreLockedError, match=f"locked by another newskg process \\(pid {holder.pid}\\)"):
            Store.open(location)
    finally:
        holder.kill()
        holder.wait()


OPEN_AT_ONCE = textwrap.dedent(
    """
    import sys, time
    from newskg.graph.store import Store, StoreLockedError
    location, start = sys.argv[1], float(sys.argv[2])
    time.sleep(max(0.0, start - time.time()))
    try:
        store = Store.open(location)
    except StoreLockedError:
        print("locked", flush=True)
        sys.exit(7)
    print("opened", flush=True)
    time.sleep(1.0)
    store.close()
    """
)


def test_two_writers_started_at_once_one_opens_and_the_other_is_locked_out(tmp_path):
    """Pass: in each of 6 rounds two processes open a new store at the same instant: one opens it, the
    other exits 7 with the lock error (never another error)."""
    for round_ in range(6):
        location = tmp_path / f"store-{round_}"
        start = f"{time.time() + 1.5:.3f}"
        children = [subprocess.Popen([sys.executable, "-c", OPEN_AT_ONCE, str(location), start],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env()) for _ in range(2)]
        outcomes = sorted(child.communicate(timeout=120)[0].decode().strip() for child in children)
        assert outcomes == ["locked", "opened"], [child.returncode for child in children]


READ_DURING_BUILD = textwrap.dedent(
    """
    import sys
    from store_samples import article_quads, doc_id
    from newskg.graph.store import Store
    with Store.open(sys.argv[1]) as store:
        print("ready", flush=True)
        for i in range(int(sys.argv[2])):
            store.add_articles([(doc_id(i), article_quads(i, statements=40))])
            if i % 10 == 9:
                store.flush()
    """
)


def test_readers_during_a_bulk_writing_build_read_or_say_so_in_one_line(tmp_path):
    """Pass: while another process bulk-writes 300 articles (with flushes and compactions), repeated
    read-only opens followed by a read either succeed or raise a one-line StoreError that says to try
    again; none fails with RocksDB's "MANIFEST may be corrupted" (issue 16, item 15). Bounded: 300 s."""
    location = tmp_path / "store"
    Store.open(location).close()
    writer = subprocess.Popen([sys.executable, "-c", READ_DURING_BUILD, str(location), "300"], stdout=subprocess.PIPE,
                              env=_env())
    read = refused = 0
    deadline = time.monotonic() + 300
    try:
        assert writer.stdout.readline().strip() == b"ready"
        while writer.poll() is None and time.monotonic() < deadline:
            try:
                with Store.open(location, read_only=True) as reader:
                    reader.articles()
                read += 1
            except StoreError as error:
                assert "corrupt" not in str(error).lower() and "try again" in str(error), str(error)
                refused += 1
    finally:
        writer.kill()
        writer.wait()
    assert read >= 5 and refused <= read
    assert list((location / READERS_NAME).iterdir()) == []  # each reader removed its snapshot as it closed


def test_lock_is_released_on_close(tmp_path):
    first = Store.open(tmp_path / "s")
    first.close()
    Store.open(tmp_path / "s").close()


# -- crash safety ---------------------------------------------------------------------
INGEST = textwrap.dedent(
    """
    import os, sys
    from store_samples import article_quads, doc_id
    from newskg.graph.store import Store
    location, log, total = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with Store.open(location) as store, open(log, "a") as progress:
        print("ready", flush=True)
        for i in range(total):
            if store.add_article(doc_id(i), article_quads(i)):
                progress.write(f"{i}\\n")
                progress.flush()
                os.fsync(progress.fileno())
    print("done", flush=True)
    """
)


def _check_whole(location: Path, log: Path, expected: dict[str, int]) -> int:
    """Every logged article is complete and no graph in the store is partial; returns the article count."""
    done = {doc_id(int(line)) for line in log.read_text().split()} if log.exists() else set()
    with Store.open(location, read_only=True) as store:
        present = set(store.articles())
        assert done <= present
        counts = {
            row["g"].rsplit("/", 1)[1]: row["n"]
            for row in store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").rows
        }
        assert set(counts) == present, "a named graph without its completion marker is a partial article"
        assert counts == {did: expected[did] for did in present}
        return len(present)


def _kill_repeatedly(script: str, location: Path, log: Path, expected: dict[str, int], *, seed: int, times: int,
                     longest: float, reopen: bool) -> list[int]:
    """Start ``script`` (which ingests ``len(expected)`` articles) and SIGKILL it ``times`` times at random points.

    After each kill the store holds only whole articles (``reopen``: once a writer has opened it). Returns how many
    were there after each kill.
    """
    rng = random.Random(seed)
    counts = []
    for _ in range(times):
        child = subprocess.Popen(
            [sys.executable, "-c", script, str(location), str(log), str(len(expected))], stdout=subprocess.PIPE, env=_env()
        )
        assert child.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, longest))
        child.send_signal(signal.SIGKILL)
        child.wait()
        if reopen:
            Store.open(location).close()  # removes what a bulk write cut short left, if anything
        counts.append(_check_whole(location, log, expected))
    return counts


def _finish(script: str, location: Path, log: Path, expected: dict[str, int]) -> None:
    """Run ``script`` to its end on the store; every article is then there, whole."""
    finished = subprocess.run(
        [sys.executable, "-c", script, str(location), str(log), str(len(expected))], capture_output=True, env=_env()
    )
    assert finished.returncode == 0, finished.stderr.decode()
    assert _check_whole(location, log, expected) == len(expected)


@pytest.mark.slow
def test_kill_9_at_20_random_points_leaves_only_whole_articles(tmp_path):
    total = 600
    expected = {doc_id(i): len(article_quads(i)) + 1 for i in range(total)}
    location, log = tmp_path / "store", tmp_path / "progress.log"
    counts = _kill_repeatedly(INGEST, location, log, expected, seed=20, times=20, longest=0.08, reopen=False)
    assert counts[-1] > 0
    assert len(set(counts)) > 1, "the kills should land at different points of the ingest"
    _finish(INGEST, location, log, expected)
    clean = tmp_path / "clean"
    with Store.open(clean) as store:
        for i in range(total):
            store.add_article(doc_id(i), article_quads(i))
        expected = _sorted_nquads(store)
    with Store.open(location, read_only=True) as store:
        assert _sorted_nquads(store) == expected


BULK_INGEST = textwrap.dedent(
    """
    import os, sys
    from store_samples import article_quads, doc_id
    from newskg.graph.store import Store
    location, log, total = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with Store.open(location) as store, open(log, "a") as progress:
        print("ready", flush=True)
        for start in range(0, total, 7):
            indexes = range(start, min(total, start + 7))
            written = set(store.add_articles([(doc_id(i), article_quads(i)) for i in indexes]))
            for i in indexes:
                if doc_id(i) in written:
                    progress.write(f"{i}\\n")
            progress.flush()
            os.fsync(progress.fileno())
    print("done", flush=True)
    """
)


DIE_BEFORE_MARKERS = textwrap.dedent(
    """
    import os, signal, sys
    from store_samples import article_quads, doc_id
    from newskg.graph.store import Store

    class DiesBeforeMarkers:  # the Oxigraph store, killed as the third batch's markers are written
        def __init__(self, inner):
            self.inner, self.calls = inner, 0

        def __getattr__(self, name):
            return getattr(self.inner, name)

        def __contains__(self, quad):
            return quad in self.inner

        def extend(self, quads):
            self.calls += 1
            if self.calls == 3:
                os.kill(os.getpid(), signal.SIGKILL)
            return self.inner.extend(quads)

    with Store.open(sys.argv[1]) as store:
        store.oxigraph = DiesBeforeMarkers(store.oxigraph)
        for start in range(0, 35, 7):
            store.add_articles([(doc_id(i), article_quads(i)) for i in range(start, start + 7)])
    """
)


@pytest.mark.slow
def test_kill_9_during_bulk_writes_leaves_only_whole_articles(tmp_path):
    expected = {doc_id(i): len(article_quads(i)) + 1 for i in range(600)}
    location, log = tmp_path / "store", tmp_path / "progress.log"
    _kill_repeatedly(BULK_INGEST, location, log, expected, seed=7, times=12, longest=0.3, reopen=True)
    _finish(BULK_INGEST, location, log, expected)


def _assert_refused_by_readers(location: Path, incomplete: int) -> None:
    with pytest.raises(StoreError) as caught:
        Store.open(location, read_only=True)
    assert str(caught.value) == (
        f"the store at {location} holds {incomplete} incomplete article(s) left by an interrupted build; "
        f"run the build again on it (`newskg build ARTICLES --store {location}` removes them first)"
    )


def test_killed_between_a_bulk_load_and_its_markers_readers_refuse_and_the_next_writer_cleans(tmp_path):
    location = tmp_path / "store"
    died = subprocess.run([sys.executable, "-c", DIE_BEFORE_MARKERS, str(location)], env=_env(), capture_output=True)
    assert died.returncode == -signal.SIGKILL, died.stderr.decode()
    _assert_refused_by_readers(location, 7)
    with Store.open(location) as store:
        assert store.incomplete() == []
    with Store.open(location, read_only=True) as store:
        assert sorted(store.articles()) == sorted(doc_id(i) for i in range(14))
        assert len(store) == sum(len(article_quads(i)) + 1 for i in range(14))


def test_a_bulk_write_without_its_markers_is_refused_by_readers_and_removed_by_the_next_writer(tmp_path):
    location = tmp_path / "store"
    with Store.open(location) as store:
        assert store.add_articles([(doc_id(0), article_quads(0)), (doc_id(1), article_quads(1))]) == [doc_id(0), doc_id(1)]
        assert store.add_articles([(doc_id(1), article_quads(1))]) == []
        assert store.incomplete() == []
    # what a build killed between a bulk load and its markers leaves: the ids recorded as pending, the quads
    # without markers; a graph someone added by hand (no marker, never pending) is not an article and stays
    (location / PENDING_NAME).write_text(f"{doc_id(1)}\n{doc_id(2)}\n")
    raw = ox.Store(str(location))
    raw.bulk_extend(article_quads(2))
    raw.add(ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/p"), ox.Literal("x"),
                    ox.NamedNode("https://w3id.org/newskg/id/graph/by-hand")))
    del raw
    _assert_refused_by_readers(location, 1)
    with Store.open(location) as store:
        assert store.incomplete() == [] and not store.has_article(doc_id(2))
    assert (location / PENDING_NAME).read_text() == ""
    with Store.open(location, read_only=True) as store:
        assert sorted(store.articles()) == sorted([doc_id(0), doc_id(1)])
        assert len(store) == len(article_quads(0)) + len(article_quads(1)) + 2 + 1


def test_add_articles_takes_ntriples_into_the_article_graph_and_checks_blank_nodes(tmp_path):
    triples = ox.serialize([q.triple for q in article_quads(3)], format=ox.RdfFormat.N_TRIPLES)
    with Store.open(tmp_path / "store") as store:
        assert store.add_articles([(doc_id(3), triples)]) == [doc_id(3)]
        assert sorted(map(str, store.oxigraph.quads_for_pattern(None, None, None, graph_iri(doc_id(3))))) == sorted(
            map(str, [*article_quads(3), marker_quad(doc_id(3))])
        )
        blank = b'_:b1 <http://example.org/p> "x" .\n'
        with pytest.raises(ValueError, match="blank node"):
            store.add_articles([(doc_id(4), blank)])
        assert not store.has_article(doc_id(4)) and store.incomplete() == []


# -- disk full --------------------------------------------------------------------------
FILL = textwrap.dedent(
    """
    import resource, signal, sys
    from store_samples import article_quads, doc_id
    from newskg.extract.errors import NewskgError
    from newskg.graph.store import Store
    location, limit = sys.argv[1], int(sys.argv[2])
    store = Store.open(location)
    if limit:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    written = 0
    try:
        for i in range(100000):
            store.add_article(doc_id(i), article_quads(i))
            written = i + 1
            print(written, flush=True)
    except NewskgError as error:
        print(f"error: {error}", file=sys.stderr)
        store.close()
        sys.exit(error.exit_code)
    """
)


def _small_filesystem(directory: Path) -> tuple[Path, int, bool]:
    """A 2 MiB tmpfs when mounting is allowed, else a plain directory and a file size limit."""
    directory.mkdir()
    if os.geteuid() == 0:
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(directory)], capture_output=True
        )
        if mounted.returncode == 0:
            return directory, 0, True
    return directory, 1_000_000, False


def test_disk_full_is_a_one_line_error_and_earlier_articles_survive(tmp_path):
    mount, limit, mounted = _small_filesystem(tmp_path / "small")
    location = mount / "store"
    try:
        run = subprocess.run(
            [sys.executable, "-c", FILL, str(location), str(limit)], capture_output=True, env=_env(), timeout=120
        )
        assert run.returncode == StoreError.exit_code
        assert run.stderr.decode().strip() == (
            f"error: disk full while writing {location}: free space or choose another --store"
        )
        written = int(run.stdout.split()[-1])
        assert written > 0
        with Store.open(location, read_only=True) as store:
            present = store.articles()
            assert set(present) >= {doc_id(i) for i in range(written)}
            for did in present:
                index = next(i for i in range(written + 1) if doc_id(i) == did)
                assert store.article_quad_count(did) == len(article_quads(index)) + 1
    finally:
        if mounted:
            subprocess.run(["umount", str(mount)], check=False)


def test_the_store_and_export_examples_run():
    import doctest

    import newskg.graph.export as export_module
    import newskg.graph.store.base as base_module

    for module in (base_module, export_module):
        result = doctest.testmod(module)
        assert result.attempted and result.failed == 0, module.__name__
