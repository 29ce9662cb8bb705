"""Output files: written whole or not at all, and never over something that is not a regular file.

Every file newskg writes (``export``, ``view`` with its GEXF, GraphML and PNG/SVG, ``timeline --png``)
goes through :func:`write_atomically`: the data goes to a temporary file beside the target, which then
takes the target's name, so that a reader never sees half a file and a full disk leaves the old file as
it was. A symbolic link is followed: the file it points to is replaced and the link stays a link. A
target that exists and is not a regular file (a device such as ``/dev/null``, a named pipe, a socket,
a folder) is refused, since renaming over it would replace it.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_atomically(folder / "out" / "a.txt", b"one").read_bytes()
b'one'
>>> write_atomically(folder / "out" / "a.txt", lambda out: out.write(b"two")).read_bytes()
b'two'
>>> sorted(p.name for p in (folder / "out").iterdir())
['a.txt']
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from newskg.extract.errors import NewskgError

from .store import is_disk_full

__all__ = ["ExportError", "DiskFullError", "output_target", "write_atomically"]


class ExportError(NewskgError):
    """An output file cannot be written in the asked format or place."""

    exit_code = 9


class DiskFullError(ExportError):
    """The disk (or the file size limit) is full while an output file is written."""

    exit_code = 6


def output_target(path: str | Path, *, instead: str = "choose another -o") -> Path:
    """The regular file that writing ``path`` will replace (a link's target); nothing is written.

    Raises :class:`ExportError` for a target that is not a regular file, or one under a file;
    ``instead`` ends the message with what to do.
    """
    path = Path(path)
    try:
        target = path.resolve()
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except (OSError, RuntimeError) as error:  # RuntimeError: a loop of symbolic links
        raise ExportError(f"cannot write {path}: {getattr(error, 'strerror', None) or error}; {instead}") from error
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise ExportError(f"cannot write {path}: it is a folder; {instead}")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise ExportError(f"cannot write {path}: not a regular file (a device, pipe or socket); {instead}")
    folder = next(p for p in (target.parent, *target.parent.parents) if p.exists())
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: {folder} is not a folder; {instead}")
    return target


def write_atomically(path: str | Path, data: bytes | Callable[[BinaryIO], object], *,
                     instead: str = "choose another -o") -> Path:
    """Write ``data`` (bytes, or a function that writes to a binary file) to ``path`` atomically.

    Returns ``path``. The file gets the permissions a plain ``open`` would give it (``mkstemp``'s are
    owner-only). Errors are one-line :class:`ExportError` (exit 9), a full disk :class:`DiskFullError`
    (exit 6); either way no temporary file is left and an existing file keeps its old content.
    """
    path = Path(path)
    target = output_target(path, instead=instead)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                if isinstance(data, bytes):
                    out.write(data)
                else:
                    data(out)
                out.flush()
                os.fsync(out.fileno())
                if hasattr(os, "fchmod"):  # not on Windows, where mkstemp's file is not owner-only
                    os.fchmod(out.fileno(), 0o666 & ~_umask())
            os.replace(temporary, target)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
    except OSError as error:
        raise _error(path, error, instead) from error
    return path


def _error(path: Path, error: OSError, instead: str) -> ExportError:
    if is_disk_full(error):
        return DiskFullError(f"disk full while writing {path}: free space or {instead}")
    return ExportError(f"cannot write {path}: {error.strerror or error}; {instead}")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
