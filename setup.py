"""One build step pyproject.toml cannot declare: ship the top-level ``migrations/`` and
``resources/`` inside the package.

They stay at the top of the repository; a wheel (``pip install .``) gets copies at
``app/_bundled/``, where ``app.bundled`` looks first. An editable install (``pip install -e .``)
copies nothing and reads them in place. Everything else is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED = {
    "migrations": shutil.ignore_patterns("__pycache__", "*.py[co]"),
    "resources": shutil.ignore_patterns("__pycache__", "*.py[co]", "*.py"),  # no build scripts
}


class BuildPyWithBundled(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "app" / "_bundled"
        shutil.rmtree(target, ignore_errors=True)  # a stale build/ must not ship deleted files
        for name, ignore in SHIPPED.items():
            shutil.copytree(ROOT / name, target / name, ignore=ignore)


setup(cmdclass={"build_py": BuildPyWithBundled})
