"""PDF from the HTML brief through headless Chromium (Debian's ``chromium`` package).

nbconvert's own PDF routes need LaTeX or a browser that Playwright downloads;
a system Chromium prints the same page the reader sees, with the brief's print
stylesheet, in about a second.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from sat.errors import MissingToolError, RenderError

#: Browser binaries tried in order (after ``$SAT_CHROMIUM``).
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")

INSTALL_HINT = (
    "PDF output needs headless Chromium: install Debian's package with `apt-get install chromium` "
    "(macOS: install Google Chrome), or set SAT_CHROMIUM to a Chrome or Chromium binary"
)


def find_chromium() -> str | None:
    """The Chromium (or Chrome) binary to print with, or None when there is none."""
    configured = os.environ.get("SAT_CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else shutil.which(configured)
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _confined(profile: str) -> dict[str, str]:
    """The environment Chromium prints in: home, configuration, cache and runtime folders all
    inside the throwaway profile, so that a print writes nothing in the user's home (crash
    report settings, dconf) and leaves nothing behind."""
    env = dict(os.environ)
    home = Path(profile)
    for name, folder in (
        ("HOME", home),
        ("XDG_CONFIG_HOME", home / "config"),
        ("XDG_CACHE_HOME", home / "cache"),
        ("XDG_DATA_HOME", home / "data"),
        ("XDG_RUNTIME_DIR", home / "runtime"),
    ):
        folder.mkdir(mode=0o700, exist_ok=True)
        env[name] = str(folder)
    return env


def html_to_pdf(html: Path, pdf: Path, timeout: float = 120) -> Path:
    """Print an HTML file to PDF with headless Chromium (no network, fresh profile).

    Raises
    ------
    MissingToolError
        When no Chromium is installed (the message says how to install it).
    RenderError
        When Chromium fails or produces no PDF.
    """
    browser = find_chromium()
    if browser is None:
        raise MissingToolError(INSTALL_HINT)
    pdf.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sat-chromium-") as profile:
        partial = Path(profile) / "out.pdf"
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--no-first-run",
            "--no-pdf-header-footer",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={partial}",
            html.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
                env=_confined(profile),
            )
        except subprocess.TimeoutExpired:
            raise RenderError(
                f"Chromium did not finish printing {html.name} in {timeout:.0f} s"
            ) from None
        except OSError as exc:
            raise MissingToolError(
                f"cannot run {browser}: {exc.strerror}; {INSTALL_HINT}"
            ) from None
        if not partial.is_file() or partial.stat().st_size == 0:
            detail = (done.stderr or "").strip().splitlines()[-1:] or ["no output"]
            raise RenderError(f"Chromium produced no PDF for {html.name}: {detail[0]}")
        shutil.move(str(partial), pdf)  # whole file or nothing
    return pdf
