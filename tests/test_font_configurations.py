"""The font-dependent tests pass under both font configurations, not just the one this run uses.

A process reads its fontconfig once, so the tests marked `fonts` run again in a pytest of their own under the
other configuration (tests/support/fontconfig.py): CJK faces only, or CJK faces with Liberation Serif.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.fontconfig import CONFIGURATIONS

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.timeout(1200)  # its own tests each keep the 300 s timeout in the child
def test_the_font_dependent_tests_pass_under_the_other_font_configuration() -> None:
    (other,) = set(CONFIGURATIONS) - {os.environ["FZBG_TEST_FONTS"]}
    env = {**os.environ, "FZBG_TEST_FONTS": other}
    del env["FONTCONFIG_FILE"]  # the child writes its own
    command = [sys.executable, "-m", "pytest", "-m", "fonts", "-p", "no:cacheprovider", str(REPO / "tests")]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert f"fonts: {other} " in result.stdout  # it really ran under the other configuration
