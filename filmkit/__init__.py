"""filmkit: the code behind the teaching kit on generative AI in film production.

The package is layered along the data flow; each layer imports only those below it:

- ``filmkit.model``: data loading and the models (no widgets, no charts);
- ``filmkit.views``: charts, tables and widgets built on the model;
- ``filmkit.tools``: authoring and classroom tooling (notebook runner, exercises, checks);
- ``filmkit.course``: one import point per module of the course, for the notebooks;
- ``filmkit.cli``: the ``filmkit`` command.

``tests/test_architecture.py`` enforces the order with import-linter.
"""

from importlib import metadata as _metadata

from filmkit.i18n import language, set_language, use_language
from filmkit.model.data import data_folder, use_data

try:
    __version__ = _metadata.version("filmkit")
except _metadata.PackageNotFoundError:  # running from a copy that was never installed
    __version__ = "unknown"

__all__ = ["__version__", "data_folder", "language", "set_language", "use_data", "use_language"]
