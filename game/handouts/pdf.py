"""Printing the handouts' HTML to PDF with headless Chromium, when it is installed.

One Chromium prints every page through its DevTools protocol (over the websockets library
the game already uses): starting Chromium costs seconds, printing a page a fraction of one,
so a set of nine pages takes one start rather than nine. Should that fail, each page is
printed by a ``chromium --print-to-pdf`` of its own.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PRINT_TIMEOUT = 120.0     # seconds for the whole set


def find_chromium() -> str | None:
    """The path of a headless-capable Chromium, or None."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdfs(pages: list[Path], browser: str) -> list[Path]:
    """Print each HTML page to the PDF beside it; returns the PDFs written. Raises
    RuntimeError naming the page Chromium failed on."""
    try:
        return print_with_devtools(pages, browser)
    except Exception:       # an old or odd Chromium: one process a page still works
        return print_one_by_one(pages, browser)


def print_with_devtools(pages: list[Path], browser: str) -> list[Path]:
    """Every page through one headless Chromium and its DevTools protocol."""
    from websockets.sync.client import connect

    with tempfile.TemporaryDirectory() as profile:
        run = subprocess.Popen([browser, "--headless", "--disable-gpu", "--no-sandbox",
                                "--remote-debugging-port=0", f"--user-data-dir={profile}",
                                "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            active = Path(profile) / "DevToolsActivePort"
            deadline = time.monotonic() + 30
            while not active.is_file() or len(active.read_text().split()) < 2:
                if time.monotonic() > deadline or run.poll() is not None:
                    raise RuntimeError("Chromium did not open its DevTools port")
                time.sleep(0.05)
            port, path = active.read_text().split()[:2]
            with connect(f"ws://127.0.0.1:{port}{path}", max_size=None) as ws:
                devtools = DevTools(ws)
                target = devtools.call("Target.createTarget", url="about:blank")["targetId"]
                session = devtools.call("Target.attachToTarget", targetId=target,
                                        flatten=True)["sessionId"]
                devtools.call("Page.enable", session=session)
                written = []
                for page in pages:
                    devtools.call("Page.navigate", session=session,
                                  url=page.resolve().as_uri())
                    devtools.wait_for("Page.loadEventFired", session)
                    pdf = devtools.call("Page.printToPDF", session=session,
                                        printBackground=True, preferCSSPageSize=True)
                    out = page.with_suffix(".pdf")
                    out.write_bytes(base64.b64decode(pdf["data"]))
                    written.append(out)
                return written
        finally:
            run.terminate()
            try:
                run.wait(10)
            except subprocess.TimeoutExpired:
                run.kill()


class DevTools:
    """Requests over a DevTools websocket, answered by id; events are read as they come."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(self.ws.recv(timeout=PRINT_TIMEOUT))
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, event: str, session: str) -> None:
        while True:
            for k, seen in enumerate(self.events):
                if seen.get("method") == event and seen.get("sessionId") == session:
                    del self.events[:k + 1]
                    return
            self.events.append(json.loads(self.ws.recv(timeout=PRINT_TIMEOUT)))


def print_one_by_one(pages: list[Path], browser: str) -> list[Path]:
    """Each page by a Chromium of its own (in parallel)."""
    runs = []
    for page in pages:
        pdf = page.with_suffix(".pdf")
        command = [browser, "--headless", "--disable-gpu", "--no-sandbox",
                   "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.resolve().as_uri()]
        runs.append((page, pdf, subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                                 stderr=subprocess.DEVNULL)))
    written = []
    for page, pdf, run in runs:
        try:
            run.wait(PRINT_TIMEOUT)
        except subprocess.TimeoutExpired:
            run.kill()
            raise RuntimeError(f"Chromium took too long to print {page.name}") from None
        if not pdf.is_file():
            raise RuntimeError(f"Chromium did not print {page.name} (exit {run.returncode})")
        written.append(pdf)
    return written
