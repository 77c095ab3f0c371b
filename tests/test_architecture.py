"""The layers flow one way: commands -> atlas -> api -> reports, formats -> engine -> rules, loading -> model. A test
reads every import in linkcheck/ (those inside functions too: a deferred import is still a dependency) and fails on
a circle, and on a lower layer importing a higher one."""

from __future__ import annotations

import ast
from pathlib import Path

import linkcheck

PACKAGE = Path(linkcheck.__file__).parent


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join([*anchor, *([base] if base else [])])
                # `from . import api` imports the module linkcheck.api; `from .x import name` imports linkcheck.x
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            graph[name] |= {t for t in targets if t in modules and t != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_reader_sees_real_imports():
    graph = _imports()
    assert "linkcheck.api" in graph["linkcheck.commands.assess"]
    assert "linkcheck.engine" in graph["linkcheck.api"]


def test_there_is_no_import_circle_in_linkcheck():
    assert _cycles(_imports()) == []


def test_the_detector_finds_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


LAYERS = [  # lowest first; a module may import its own layer or a lower one
    ("model", ["linkcheck.model", "linkcheck.errors", "linkcheck.safe_text", "linkcheck.dates", "linkcheck.paths",
               "linkcheck.messages", "linkcheck.writing", "linkcheck.version"]),
    ("loading", ["linkcheck.loading", "linkcheck.money", "linkcheck.prices", "linkcheck.config", "linkcheck.config_file",
                 "linkcheck.rules",
                 "linkcheck.inventory", "linkcheck.starter", "linkcheck.whatif"]),
    ("engine", ["linkcheck.engine", "linkcheck.ranking", "linkcheck.differences", "linkcheck.timelines",
                "linkcheck.prerequisites"]),
    ("output", ["linkcheck.formats", "linkcheck.reports"]),
    ("api", ["linkcheck.api"]),
    ("clients", ["linkcheck.atlas"]),  # the site is written from the API's results, as the commands print them
    ("commands", ["linkcheck.commands"]),
]


def _layer(module: str) -> int | None:
    for rank, (_, prefixes) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    return None


def test_no_module_imports_a_layer_above_its_own():
    upward = []
    for module, targets in _imports().items():
        own = _layer(module)
        for target in targets:
            theirs = _layer(target)
            if own is not None and theirs is not None and theirs > own:
                upward.append(f"{module} -> {target}")
    assert upward == []


def test_every_module_has_a_layer():
    entry_points = {"linkcheck", "linkcheck.__main__"}  # the package's lazy API and `python -m linkcheck`
    assert [m for m in _imports() if m not in entry_points and _layer(m) is None] == []
