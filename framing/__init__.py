"""framing: measure how news outlets frame events.

The package is a pipeline whose stages are modules, in data-flow order::

    corpus -> cleaning -> segmentation -> voice -> matching -> scoring
           -> statistics -> plots / report

Each stage is usable alone from a notebook; the command line (``framing``)
is a thin layer over the same public functions.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("framing")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
