"""The package as pip builds it: no setuptools warnings, and every data file inside the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def test_the_wheel_builds_without_warnings_and_holds_its_data(tmp_path):
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "absent from the `packages` configuration" not in done.stdout + done.stderr
    (wheel,) = tmp_path.glob("newskg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, pattern in (("extract/data", "*"), ("ontology/data", "*"), ("graph/queries", "*.rq"),
                            ("graph/assets", "*"), ("ontology", "*.ttl")):
        for path in (ROOT / folder).glob(pattern):
            if path.is_file():
                assert f"newskg/{folder}/{path.name}" in names, path
