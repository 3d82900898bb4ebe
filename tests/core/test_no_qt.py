"""The core must work without Qt: import every core module with PySide6 made unimportable."""

import subprocess
import sys
import textwrap


def test_core_imports_without_pyside6():
    code = textwrap.dedent(
        """
        import sys, pkgutil, importlib
        sys.modules['PySide6'] = None  # any 'import PySide6...' now raises ImportError
        import servicedesk.core as core
        names = [m.name for m in pkgutil.walk_packages(core.__path__, 'servicedesk.core.')]
        for name in names:
            importlib.import_module(name)
        import servicedesk.cli.commands
        print(len(names))
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 10
