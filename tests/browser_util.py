"""Drive headless Chromium over the DevTools protocol (CDP) for page tests and screenshots.

The browser runs with a dead proxy (``127.0.0.1:9``), every http(s)/ws(s) URL
blocked, and records every request the page makes, so a test can count
outbound requests. Used by ``tests/test_browser.py`` and
``benchmarks/view_bench.py``; as a script it screenshots a page::

    .venv/bin/python tests/browser_util.py out/graph.html docs/graph.png [China THAAD]

(the two optional labels select that edge so the panel shows its evidence).

Needs ``/usr/bin/chromium`` (``bash .ci/install-chromium``) and the
``websocket-client`` package.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

#: Flags that keep the browser from talking to anything but the page.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--metrics-recording-only",
    "--hide-scrollbars",
    "--mute-audio",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--remote-debugging-port=0",
    "--remote-allow-origins=*",
)

#: Requests a page may make without reaching anything: its own file, inline data.
LOCAL_SCHEMES = ("data:", "file:", "about:", "blob:", "devtools:", "chrome-error:")

#: True once a ``newskg view`` page has laid out its network and switched physics off.
READY = "!!document.documentElement && document.documentElement.dataset.state === 'ready'"

#: Installed before any page script: records CSP violations.
WATCH_SCRIPT = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


def find_chromium() -> str | None:
    """Path of a Chromium binary: ``$NEWSKG_CHROMIUM``, ``/usr/bin/chromium`` or one on ``PATH``."""
    env = os.environ.get("NEWSKG_CHROMIUM")
    if env and Path(env).exists():
        return env
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


class CDPError(RuntimeError):
    """The browser answered a DevTools command with an error, or did not answer."""


class Browser:
    """One headless Chromium with one page, driven over a single CDP websocket.

    >>> with Browser() as b:                                   # doctest: +SKIP
    ...     b.open("out/graph.html")
    ...     b.evaluate("document.title")
    'newskg'
    """

    def __init__(self, *, width: int = 1400, height: int = 900, binary: str | None = None, timeout: float = 30):
        self.binary = binary or find_chromium()
        if not self.binary:
            raise FileNotFoundError("no Chromium found: run `bash .ci/install-chromium` or set NEWSKG_CHROMIUM")
        self.width, self.height, self.timeout = width, height, timeout
        self.events: list[dict[str, Any]] = []
        self._ids = itertools.count(1)
        self._proc: subprocess.Popen | None = None
        self._ws = None
        self._session: str | None = None
        self._profile: str | None = None
        self.page_url: str | None = None

    # -- life cycle ---------------------------------------------------------
    def __enter__(self) -> Browser:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        import websocket  # websocket-client

        self._profile = tempfile.mkdtemp(prefix="newskg-chromium-")
        args = [self.binary, *CHROMIUM_FLAGS, f"--window-size={self.width},{self.height}",
                f"--user-data-dir={self._profile}", "about:blank"]
        self._proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = Path(self._profile) / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
            if self._proc.poll() is not None:
                raise CDPError(f"chromium exited with code {self._proc.returncode} before DevTools was ready")
            if time.monotonic() > deadline:
                raise CDPError("chromium did not open its DevTools port in time")
            time.sleep(0.05)
        port, path = port_file.read_text().splitlines()[:2]
        self._ws = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=self.timeout,
                                               suppress_origin=True)
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self._session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True},
                                  session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(f"{domain}.enable")
        self.send("Network.setBlockedURLs", {"urls": ["http://*", "https://*", "ws://*", "wss://*", "ftp://*"]})
        self.send("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH_SCRIPT})
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": self.width, "height": self.height, "deviceScaleFactor": 1, "mobile": False})

    def close(self) -> None:
        if self._ws is not None:
            try:
                self._ws.close()
            except Exception:  # noqa: BLE001 - closing anyway
                pass
            self._ws = None
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc = None
        if self._profile:
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = None

    # -- protocol -------------------------------------------------------------
    def send(self, method: str, params: dict | None = None, *, session: bool = True, timeout: float | None = None) -> dict:
        """Send one command and wait for its answer, recording events that arrive meanwhile."""
        msg_id = next(self._ids)
        message: dict[str, Any] = {"id": msg_id, "method": method, "params": params or {}}
        if session and self._session:
            message["sessionId"] = self._session
        self._ws.send(json.dumps(message))
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            reply = self._receive(deadline)
            if reply is None:
                raise CDPError(f"no answer to {method} in time")
            if "id" in reply and reply["id"] == msg_id:
                if "error" in reply:
                    raise CDPError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})

    def _receive(self, deadline: float) -> dict | None:
        """The next message (event or answer) before ``deadline``, or None; events are recorded."""
        import websocket

        if time.monotonic() >= deadline:
            return None
        self._ws.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            message = json.loads(self._ws.recv())
        except websocket.WebSocketTimeoutException:
            return None
        if "method" in message:
            self.events.append(message)
        return message

    def pump(self, seconds: float) -> None:
        """Collect events for a while."""
        deadline = time.monotonic() + seconds
        while self._receive(deadline) is not None:
            pass

    # -- page -------------------------------------------------------------------
    def open(self, path_or_url: str | Path, *, wait_load: bool = True) -> None:
        """Navigate to a file (or URL) and wait for its load event."""
        url = str(path_or_url)
        if "://" not in url:
            url = Path(url).resolve().as_uri()
        self.page_url = url
        start = len(self.events)
        self.send("Page.navigate", {"url": url})
        if wait_load:
            deadline = time.monotonic() + self.timeout
            while not any(e["method"] == "Page.loadEventFired" for e in self.events[start:]):
                if self._receive(deadline) is None:
                    raise CDPError(f"{url} did not finish loading in time")

    def evaluate(self, expression: str, *, await_promise: bool = False) -> Any:
        """Evaluate JavaScript in the page and return its value (JSON-serialisable)."""
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": await_promise})
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise CDPError(f"page script failed: {text}")
        return result["result"].get("value")

    def wait_for(self, expression: str, *, timeout: float | None = None, interval: float = 0.05) -> float:
        """Poll until ``expression`` is truthy; return the seconds waited."""
        start = time.monotonic()
        deadline = start + (timeout or self.timeout)
        while not self.evaluate(expression):
            if time.monotonic() > deadline:
                raise CDPError(f"timed out waiting for {expression!r}")
            self.pump(interval)
        return time.monotonic() - start

    def mouse(self, kind: str, x: float, y: float) -> None:
        """Send a real mouse event (``mouseMoved``, ``mousePressed``, ``mouseReleased``)."""
        params = {"type": kind, "x": x, "y": y, "button": "none" if kind == "mouseMoved" else "left"}
        if kind != "mouseMoved":
            params["clickCount"] = 1
        self.send("Input.dispatchMouseEvent", params)

    def click(self, x: float, y: float) -> None:
        self.mouse("mouseMoved", x, y)
        self.mouse("mousePressed", x, y)
        self.mouse("mouseReleased", x, y)

    def screenshot(self, path: str | Path) -> Path:
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    # -- what the page did ----------------------------------------------------
    def requests(self) -> list[str]:
        """Every URL the page asked for."""
        return [e["params"]["request"]["url"] for e in self.events if e["method"] == "Network.requestWillBeSent"]

    def outbound_requests(self) -> list[str]:
        """URLs that would leave the machine: anything but the page itself and data:/file: URLs."""
        return [u for u in self.requests() if not u.startswith(LOCAL_SCHEMES) and u != self.page_url]

    def console_errors(self) -> list[str]:
        out = []
        for e in self.events:
            if e["method"] == "Runtime.exceptionThrown":
                d = e["params"]["exceptionDetails"]
                out.append(d.get("exception", {}).get("description") or d.get("text", ""))
            elif e["method"] == "Log.entryAdded" and e["params"]["entry"]["level"] == "error":
                out.append(e["params"]["entry"]["text"])
            elif e["method"] == "Runtime.consoleAPICalled" and e["params"]["type"] == "error":
                out.append(" ".join(str(a.get("value", a.get("description", ""))) for a in e["params"]["args"]))
        return out


SHOW_EDGE_JS = """(function (from, to) {
  var n = window.newskgNetwork, found = null;
  n.body.data.edges.getIds().forEach(function (id) {
    var e = n.body.edges[id];
    if (found === null && e.from.options.label === from && e.to.options.label === to) found = id;
  });
  if (found !== null) { n.selectEdges([found]); window.newskgShow.edge(found); }
  return found !== null;
})(%s, %s)"""


def screenshot(html: str | Path, png: str | Path, *, edge: tuple[str, str] | None = None, width: int = 1400,
               height: int = 900, timeout: float = 60) -> Path:
    """Open a page written by ``newskg view``, wait for its layout, and save a PNG of it.

    ``edge=("China", "THAAD")`` selects that edge first, so the panel shows its evidence.
    """
    with Browser(width=width, height=height, timeout=timeout) as browser:
        browser.open(html)
        browser.wait_for(READY, timeout=timeout)
        if edge and not browser.evaluate(SHOW_EDGE_JS % (json.dumps(edge[0]), json.dumps(edge[1]))):
            raise ValueError(f"no edge from {edge[0]!r} to {edge[1]!r} on the page")
        browser.pump(0.3)
        return browser.screenshot(png)


if __name__ == "__main__":  # pragma: no cover
    if len(sys.argv) not in (3, 5):
        sys.exit("usage: python tests/browser_util.py PAGE.html OUT.png [FROM-LABEL TO-LABEL]")
    print(screenshot(sys.argv[1], sys.argv[2], edge=tuple(sys.argv[3:5]) or None))
