"""The wheel carries a starter project for ``careleaf init``, from the one copy in the repo.

The default templates, stylesheets and sample handouts live at the repository's top
level (``templates/``, ``styles/``, ``handouts/``), where the project builds itself;
building the package copies them into ``careleaf/starter/`` so that a careleaf
installed with pip can write a working project. Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
STARTER = ("handouts", "templates", "styles")


class BuildWithStarter(build_py):  # type: ignore[misc]
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "careleaf" / "starter"
        if target.exists():
            shutil.rmtree(target)
        for name in STARTER:
            shutil.copytree(HERE / name, target / name)


setup(cmdclass={"build_py": BuildWithStarter})
