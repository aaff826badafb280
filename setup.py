"""Build hook: an installed kit carries its data tables as package data.

The tables live in the repository's top-level ``data/`` folder, where instructors
read and edit them. A wheel (``pip install .``) copies them into ``filmkit/_data``,
where :func:`filmkit.model.data.data_dir` finds them; an editable install reads
``data/`` in place. Everything else is declared in ``pyproject.toml``.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA = Path(__file__).resolve().parent / "data"


class BuildWithData(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False) or not DATA.is_dir():
            return
        target = Path(self.build_lib) / "filmkit" / "_data"
        shutil.copytree(DATA, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("staging", "*.tmp"))


setup(cmdclass={"build_py": BuildWithData})
