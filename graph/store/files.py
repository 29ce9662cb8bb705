"""The files of an embedded store on disk: its write lock, the record of a bulk write still pending, and the
snapshots that readers open while a build writes the store.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from newskg.graph.store.base import StoreError, StoreLockedError

__all__ = ["LOCK_NAME", "PENDING_NAME", "READERS_NAME", "DirLock", "Snapshot", "clear_pending", "locked_error",
           "open_read_only", "read_pending", "record_pending", "sweep_snapshots", "writer_running"]

LOCK_NAME = "newskg.lock"
#: Ids of the articles bulk-written since the last flush: those without a marker after a crash are partial.
PENDING_NAME = "newskg.pending"

#: Attempts, and seconds between them, to take the write lock: a reader that tests the lock
#: (:func:`writer_running`) holds it shared for an instant.
_LOCK_ATTEMPTS, _LOCK_PAUSE = 20, 0.01


def locked_error(directory: Path) -> StoreLockedError:
    """The error of a writer that finds the store locked, naming the holder's pid as it recorded it."""
    try:
        pid = (directory / LOCK_NAME).read_text(encoding="ascii", errors="replace").strip() or "unknown"
    except OSError:
        pid = "unknown"
    return StoreLockedError(
        f"store {directory} is locked by another newskg process (pid {pid}); "
        "wait for it to finish or use another --store"
    )


class DirLock:
    """An exclusive ``flock`` on ``<dir>/newskg.lock`` that records the holder's pid (for messages only)."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / LOCK_NAME
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        for attempt in range(_LOCK_ATTEMPTS):
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError as error:
                if attempt + 1 == _LOCK_ATTEMPTS:
                    os.close(self._fd)
                    raise locked_error(directory) from error
                time.sleep(_LOCK_PAUSE)
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, f"{os.getpid()}\n".encode(), 0)

    def release(self) -> None:
        if self._fd is not None:
            try:
                os.ftruncate(self._fd, 0)
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            finally:
                os.close(self._fd)
                self._fd = None


def read_pending(directory: Path) -> list[str]:
    try:
        return (directory / PENDING_NAME).read_text(encoding="ascii").split()
    except FileNotFoundError:
        return []


def record_pending(directory: Path, ids: list[str]) -> None:
    """Add ids to the pending record, on disk before returning."""
    with open(directory / PENDING_NAME, "a", encoding="ascii") as out:
        out.write("".join(f"{doc_id}\n" for doc_id in ids))
        out.flush()
        os.fsync(out.fileno())


def clear_pending(directory: Path) -> None:
    path = directory / PENDING_NAME
    if path.exists() and path.stat().st_size:
        path.write_bytes(b"")


def writer_running(directory: Path) -> bool:
    """Whether a process holds the store's write lock, tested on the lock itself.

    The pid in the lock file only names the holder in messages: a killed writer leaves it behind, and
    its pid may belong to another process by now. The lock dies with its holder.
    """
    try:
        fd = os.open(directory / LOCK_NAME, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


#: Attempts, and seconds between them, to open a store read-only while a build writes it.
_READ_ATTEMPTS, _READ_PAUSE = 20, 0.1
#: Where readers keep the snapshots they read while a build writes the store.
READERS_NAME = "newskg.readers"
_LINKED = (".sst", ".blob")  # RocksDB's table files: written once, never changed
_NOT_COPIED = ("LOCK", "LOG", "newskg.")
_SNAPSHOT_ROUNDS = 10


class Snapshot:
    """A point-in-time view of a store that a build is writing, in ``<store>/newskg.readers/<pid>-<random>``.

    A build merges RocksDB's table files and deletes them, while a reader opens them only when it needs
    them: a reader of the live folder may find one gone ("MANIFEST may be corrupted"). The snapshot
    holds hard links to the table files and copies of the manifest, logs and options, so every file its
    manifest names stays there. Its reader holds a lock on it; whoever finds a snapshot whose lock is
    free removes it (its reader ended without removing it, or was killed).
    """

    def __init__(self, store_dir: Path) -> None:
        root = store_dir / READERS_NAME
        root.mkdir(exist_ok=True)
        self.path = Path(tempfile.mkdtemp(dir=root, prefix=f"{os.getpid()}-"))
        self._fd: int | None = os.open(self.path / "reader.lock", os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        try:
            linked: set[str] = set()
            for _ in range(_SNAPSHOT_ROUNDS):
                # the manifest copied last names tables that existed then: linked before, or new since
                new = _tables(store_dir) - linked
                if linked and not new:
                    return
                for name in new:
                    try:
                        os.link(store_dir / name, self.path / name)
                    except FileNotFoundError:
                        pass  # merged away already: the manifest copied next no longer names it
                linked |= new
                self._copy_manifest(store_dir)
            raise _Unsettled(f"the table files of {store_dir} kept changing while a snapshot was taken")
        except BaseException:
            self.remove()
            raise

    def _copy_manifest(self, store_dir: Path) -> None:
        """Copy the files that change (manifest, logs, options), CURRENT last."""
        current = (store_dir / "CURRENT").read_bytes()
        for name in os.listdir(store_dir):
            if not name.endswith(_LINKED) and not name.startswith(_NOT_COPIED) and name != "CURRENT" \
                    and (store_dir / name).is_file():
                shutil.copyfile(store_dir / name, self.path / name)
        (self.path / "CURRENT").write_bytes(current)

    def remove(self) -> None:
        """Delete the snapshot (the store's own files are untouched)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
            shutil.rmtree(self.path, ignore_errors=True)


class _Unsettled(OSError):
    """A build merged or added table files while a snapshot was being taken."""


def _tables(store_dir: Path) -> set[str]:
    return {name for name in os.listdir(store_dir) if name.endswith(_LINKED)}


def sweep_snapshots(store_dir: Path) -> None:
    """Remove the snapshots no reader holds any more."""
    try:
        entries = list((store_dir / READERS_NAME).iterdir())
    except OSError:
        return
    for entry in entries:
        try:
            fd = os.open(entry / "reader.lock", os.O_RDONLY)
        except OSError:
            continue  # being made this instant, or not ours
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue
        finally:
            os.close(fd)
        shutil.rmtree(entry, ignore_errors=True)


def open_read_only(path: Path) -> tuple[ox.Store, Snapshot | None]:
    """Open the Oxigraph store at ``path`` for reading; while a build writes it, open a :class:`Snapshot`.

    Returns the store and the snapshot to remove once done (None when the live folder was opened: no
    build was running, or the folder does not let this user make a snapshot).
    """
    sweep_snapshots(path)
    attempt = 0
    while True:
        snapshot = None
        try:
            if writer_running(path):
                try:
                    snapshot = Snapshot(path)
                except PermissionError:  # this user may not write here: read the live folder
                    snapshot = None
            return ox.Store.read_only(str(snapshot.path if snapshot else path)), snapshot
        except (OSError, RuntimeError) as error:
            if snapshot is not None:
                snapshot.remove()
            attempt += 1
            writing = isinstance(error, _Unsettled) or writer_running(path)
            if writing and attempt < _READ_ATTEMPTS:
                time.sleep(_READ_PAUSE)
                continue
            if writing:
                raise StoreError(f"cannot read the store at {path} while another newskg process writes it; "
                                 "try again when it is done") from error
            raise StoreError(f"cannot read the store at {path} ({' '.join(str(error).split())}); "
                             "check the directory") from error



