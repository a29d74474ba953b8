"""The import contract: data flows one way through lawgraph's layers (see lawgraph/__init__.py and the README's
architecture part). Every `import` and `from … import` of a lawgraph module, at any depth of the code (lazy
imports inside functions included), must point at the module's own layer or a lower one."""

from __future__ import annotations

import ast
from pathlib import Path

import lawgraph

ROOT = Path(lawgraph.__file__).resolve().parent
# lowest first; a module may import its own layer and those before it
LAYERS: list[tuple[str, ...]] = [
    ("lawgraph", "lawgraph.errors", "lawgraph.resources", "lawgraph.config"),
    ("lawgraph.domain",),
    ("lawgraph.graph",),
    ("lawgraph.ingest",),
    ("lawgraph.analysis",),
    ("lawgraph.api",),
    ("lawgraph.cli",),
]


def layer_of(module: str) -> int:
    """The index of the layer `module` belongs to (the longest matching prefix)."""
    best, depth = -1, -1
    for index, names in enumerate(LAYERS):
        for name in names:
            if (module == name or module.startswith(name + ".")) and name.count(".") > depth:
                if name == "lawgraph" and module != "lawgraph":
                    continue
                best, depth = index, name.count(".")
    assert best >= 0, f"{module} is in no layer: add it to LAYERS"
    return best


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, module: str) -> list[tuple[int, str]]:
    """(line, imported module) for every lawgraph import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("lawgraph")]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            if base.startswith("lawgraph"):
                # `from lawgraph.x import y` may name a module y: judge by the deepest real module
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    is_module = (ROOT.parent / (full.replace(".", "/") + ".py")).exists() or \
                        (ROOT.parent / full.replace(".", "/") / "__init__.py").exists()
                    found.append((node.lineno, full if is_module else base))
    return found


def violations(files: list[tuple[Path, str]] | None = None) -> list[str]:
    """Every upward import in `files` ((path, module name) pairs; default: the whole package)."""
    found = []
    for path, module in files if files is not None else [(p, module_name(p)) for p in sorted(ROOT.rglob("*.py"))]:
        own = layer_of(module)
        for line, target in imports_of(path, module):
            if layer_of(target) > own:
                found.append(f"{path.name}:{line}: {module} (layer {LAYERS[own][0]}) imports "
                             f"{target} (layer {LAYERS[layer_of(target)][0]}), which is above it")
    return found


def test_imports_run_one_way() -> None:
    assert violations() == []


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    # a lazy import inside a function counts too
    probe = tmp_path / "_probe_upward.py"
    probe.write_text("def f() -> None:\n    from lawgraph.analysis import impact  # noqa\n", encoding="utf-8")
    found = violations([(probe, "lawgraph.domain._probe_upward")])
    assert any("_probe_upward.py:2" in v and "lawgraph.analysis.impact" in v for v in found), found


def test_every_module_is_in_a_layer() -> None:
    for path in ROOT.rglob("*.py"):
        layer_of(module_name(path))
