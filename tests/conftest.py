"""Shared fixtures. Under CI (CI=true) a missing system part is installed or the test fails;
elsewhere it skips with a one-line reason."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "shared" / "examples"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def ensure_debian_package(binary: str, package: str) -> None:
    """Make `binary` available: apt-get install under CI, skip with a reason elsewhere."""
    if shutil.which(binary):
        return
    if not IN_CI:
        pytest.skip(f"{binary} is not installed (Debian package {package}); CI installs it")
    for cmd in (
        ["apt-get", "update"],
        ["apt-get", "install", "-y", "--no-install-recommends", package],
    ):
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            pytest.fail(f"could not install {package}: {done.stderr.strip()[-300:]}")
    if not shutil.which(binary):
        pytest.fail(f"{package} installed but {binary} is still missing")


@pytest.fixture(scope="session")
def java() -> None:
    ensure_debian_package("java", "openjdk-17-jre-headless")


@pytest.fixture(scope="session")
def examples() -> Path:
    if not (EXAMPLES / "calls.csv").exists():
        pytest.skip("../shared/examples is not beside this checkout")
    return EXAMPLES
