"""Files shipped inside the lawgraph package (queries, word lists, web and GraphiQL assets), found through
importlib.resources so that an installed wheel finds them as well as a checkout does."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path


@cache
def path(*parts: str) -> Path:
    """The file system path of a file or folder shipped in the package, e.g. `path("cypher")`.

    lawgraph is installed as plain files (never zipped), so the resource is a real path."""
    return Path(str(resources.files("lawgraph").joinpath(*parts)))
