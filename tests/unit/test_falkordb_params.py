"""The FalkorDB parameter header (graph.backends.falkordb._literal): what the client's own encoder sent, in one
pass — checked here as text; test_store round-trips the values through a real server."""

from __future__ import annotations

import enum
import math

import pytest

from lawgraph.errors import StoreError
from lawgraph.graph.backends.falkordb import _header, _literal


class Kind(str, enum.Enum):  # noqa: UP042 (the mixin whose str() is its name, the case tested)
    POWER = "power"


def test_strings_are_quoted_and_escaped() -> None:
    assert _literal('a"b\\c') == '"a\\"b\\\\c"'
    assert _literal("nul\x00here") == '"nul\ufffdhere"'
    assert _literal("") == '""'
    assert _literal(Kind.POWER) == '"power"'  # a str enum by its value, not its name


def test_numbers_booleans_nulls_lists_and_maps() -> None:
    assert _literal(True) == "true" and _literal(False) == "false" and _literal(None) == "null"
    assert _literal(3) == "3" and _literal(1e16) == "1e+16" and _literal(0.5) == "0.5"
    assert _literal({"a": [1, "x", None], "b c": {"d": False}}) == '{`a`:[1,"x",null],`b c`:{`d`:false}}'
    assert _literal(("t", 1)) == '["t",1]'
    assert _header({}) == "" and _header({"ids": ["a"]}) == 'CYPHER `ids`=["a"] '


@pytest.mark.parametrize("bad", [math.nan, math.inf, {"": 1}, {"a`b": 1}, object()])
def test_what_cannot_be_sent_is_an_error(bad: object) -> None:
    with pytest.raises(StoreError):
        _literal(bad)
