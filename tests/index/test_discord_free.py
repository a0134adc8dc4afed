"""index/ is a Discord-free library: importing all of it never imports discord."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_index_never_imports_discord() -> None:
    """Import every index module in a fresh interpreter; discord stays unloaded."""
    code = (
        "import pkgutil, importlib, sys, index\n"
        "for m in pkgutil.walk_packages(index.__path__, 'index.'):\n"
        "    importlib.import_module(m.name)\n"
        "assert 'discord' not in sys.modules, 'index imported discord'\n"
        "print(len([n for n in sys.modules if n.startswith('index.')]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 10
