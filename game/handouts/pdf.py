"""Printing the handouts' HTML to PDF with headless Chromium, when it is installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

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
    """Print each HTML page to the PDF beside it, the pages in parallel; returns the PDFs
    written. Raises RuntimeError naming the page Chromium failed on."""
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
