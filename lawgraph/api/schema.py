"""The GraphQL schema (strawberry): the Query composed from the per-entity query classes of api.types (laws,
articles, regions, powers, benchmarks, cases, impact, oversight, audit), the Mutation, and the limits."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from lawgraph.api.execution import LeafExecution
from lawgraph.api.security import should_mask
from lawgraph.api.types.articles import ArticleQuery
from lawgraph.api.types.audit import AuditQuery
from lawgraph.api.types.benchmarks import BenchmarkQuery
from lawgraph.api.types.breaks import BreakMutation, BreakQuery
from lawgraph.api.types.cases import CaseQuery
from lawgraph.api.types.connection import PageNames
from lawgraph.api.types.documents import DocumentQuery
from lawgraph.api.types.impact import ImpactQuery
from lawgraph.api.types.laws import LawQuery
from lawgraph.api.types.mutations import Mutation as UploadMutation
from lawgraph.api.types.oversight import OversightQuery
from lawgraph.api.types.powers import PowerQuery
from lawgraph.api.types.regions import RegionQuery
from lawgraph.config import Settings

Query = merge_types("Query", (LawQuery, ArticleQuery, RegionQuery, PowerQuery, BenchmarkQuery, CaseQuery,
                              ImpactQuery, OversightQuery, AuditQuery, BreakQuery, DocumentQuery))
Mutation = merge_types("Mutation", (UploadMutation, BreakMutation))


def _config() -> StrawberryConfig:
    """Strawberry's defaults, with the connections named as clients know them (types.connection.PageNames)."""
    return StrawberryConfig(name_converter=PageNames())


def build_schema(settings: Settings) -> strawberry.Schema:
    """The schema with the limits of `settings`: depth, aliases, tokens, masked errors, introspection."""
    # the depth and alias limits are validation rules; each limiter makes its rule class when it is created, so
    # they are made once here, and every request adds the same classes: then ValidationCache's key (the schema, the
    # parsed document, the rules) repeats for a repeated query text, and its validation is looked up, not redone
    limits = [*QueryDepthLimiter(max_depth=settings.max_depth).validation_rules,
              *MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules]
    extensions: list[Any] = [
        lambda: AddValidationRules(limits),
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        # clients send the same few query texts again and again: parse each once, validate each once (bounded; the
        # parser cache gives the same document for the same text, which the validation cache's key needs)
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
        lambda: MaskErrors(should_mask_error=should_mask, error_message="internal error: the request could not be "
                           "completed (details are in the server log)"),
    ]
    if not settings.introspection_on:
        extensions.append(DisableIntrospection)
    return strawberry.Schema(query=Query, mutation=Mutation, extensions=extensions, config=_config(),
                             execution_context_class=LeafExecution)


schema = strawberry.Schema(query=Query, mutation=Mutation, config=_config())  # the plain schema, for export
