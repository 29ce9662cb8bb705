"""Raw HTTP over sockets and process inspection (/proc), for the tests of `newskg serve`."""

from __future__ import annotations

import os
import signal
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Answer", "raw", "rss_mb", "worker_pids", "kill_workers", "listening_inodes", "socket_inodes", "children",
           "command_line", "files_open"]


@dataclass
class Answer:
    """What came back on a raw connection: status (0 if none), headers, body as sent, seconds taken."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    seconds: float = 0.0
    raw: bytes = b""

    @property
    def chunked(self) -> bool:
        return self.headers.get("transfer-encoding", "").lower() == "chunked"

    @property
    def complete(self) -> bool:
        """A whole answer: the final chunk was sent (chunked), or the Content-Length was met."""
        if self.chunked:
            return self.body.endswith(b"0\r\n\r\n")
        length = self.headers.get("content-length")
        return length is not None and len(self.body) == int(length)


def _parse(data: bytes, seconds: float) -> Answer:
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep or not head.startswith(b"HTTP/"):
        return Answer(0, body=data, seconds=seconds, raw=data)
    lines = head.decode("iso-8859-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return Answer(int(parts[1]), headers, body, seconds, data)


def raw(port: int, request: bytes, *, timeout: float = 10.0, then: bytes = b"", limit: int = 50_000_000) -> Answer:
    """Send ``request`` (and ``then``, ignoring errors) on a new connection; read until it closes or ``timeout``."""
    start = time.monotonic()
    data = bytearray()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request)
        if then:
            try:
                sock.sendall(then)
            except OSError:
                pass
        try:
            while len(data) < limit:
                piece = sock.recv(65536)
                if not piece:
                    break
                data += piece
        except (TimeoutError, ConnectionResetError):
            pass
    return _parse(bytes(data), time.monotonic() - start)


def rss_mb(pid: int | str = "self") -> float:
    """The resident set size of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(parent: int | None = None) -> list[int]:
    """The pids of the live child processes of ``parent`` (this process by default)."""
    parent = os.getpid() if parent is None else parent
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == parent and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _cmdline(pid: int) -> list[str]:
    try:
        return (Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace").split("\0"))
    except OSError:
        return []


def worker_pids() -> list[int]:
    """The query workers started by endpoints in this process."""
    return [pid for pid in children() if "newskg.graph.serve" in _cmdline(pid) and "--worker" in _cmdline(pid)]


def files_open(pid: int) -> list[str]:
    """The paths a process holds open."""
    paths = []
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return paths
    for fd in fds:
        try:
            paths.append(os.readlink(fd))
        except OSError:
            pass
    return paths


def kill_workers(reading: Path | None = None) -> int:
    """SIGKILL the query workers of this process (those with files of ``reading`` open); how many."""
    pids = worker_pids()
    if reading is not None:
        pids = [pid for pid in pids if any(path.startswith(str(reading)) for path in files_open(pid))]
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return len(pids)


def listening_inodes() -> dict[int, int]:
    """Inode -> port of every TCP socket in LISTEN state (IPv4 and IPv6)."""
    found = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            if parts[3] == "0A":  # TCP_LISTEN
                found[int(parts[9])] = int(parts[1].rsplit(":", 1)[1], 16)
    return found


def socket_inodes(pid: int | str = "self") -> set[int]:
    """The inodes of the sockets a process holds open."""
    inodes = set()
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return inodes
    for fd in fds:
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(int(target[8:-1]))
    return inodes


def command_line(pid: int) -> list[str]:
    """The command line of a process ([] once it is gone)."""
    return _cmdline(pid)
