"""Build hook: a wheel carries the top-level ``resources/`` folder inside the package.

Everything else about the build is in pyproject.toml. An installed wheel finds its fonts,
icons and translations in ``servicedesk/resources``; a source checkout (and an
editable install) finds them in ``resources/`` beside the package. See ``servicedesk.paths``.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithResources(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads resources/ from the checkout
        source = Path(__file__).resolve().parent / "resources"
        if source.is_dir():
            shutil.copytree(source, Path(self.build_lib) / "servicedesk" / "resources", dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildPyWithResources})
