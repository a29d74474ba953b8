"""One root exception for everything lawgraph raises on purpose.

Each subclass says what the user did wrong and what to do about it.
"""

from __future__ import annotations


class LawgraphError(Exception):
    """Root of every error lawgraph raises deliberately."""


class ConfigError(LawgraphError):
    """A setting is missing or malformed (LAWGRAPH_* variables, --graph)."""


class StoreError(LawgraphError):
    """The graph store could not be reached, started or queried."""


class UnknownQueryError(LawgraphError):
    """A query name has no file under cypher/."""


class InputError(LawgraphError):
    """A user-supplied file or value is unreadable or malformed.

    `where` names the file (and line, sheet, row where known).
    """

    def __init__(self, where: str, message: str) -> None:
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}")


class NotFoundError(LawgraphError):
    """A law, version or unit asked for by the user is not in the graph."""
