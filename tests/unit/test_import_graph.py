"""The packages' dependencies run one way: store ← mail/crm/search ← services ← ui/cli.

Every ``import app.…`` in the source is read (also the ones inside functions, which are real
dependencies too, only later), reduced to package → package edges, and checked against the
layers below; a cycle between packages fails with the modules that make it.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

APP = Path(__file__).resolve().parent.parent.parent / "app"

# A package may import packages of its own layer (without a cycle) or of lower layers.
LAYERS = {
    "errors": 0, "paths": 0, "bundled": 0, "logging_setup": 0, "switch_interval": 0, "vault": 1,
    "store": 2, "settings": 2, "secrets": 2,
    "mail": 3, "crm": 3, "search": 3, "profile": 3, "sample_data": 3, "sync": 3, "reports": 3, "automation": 3,
    "services": 4,
    "ui": 5, "cli": 5,
    "entry": 6,
}


def _package_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "app" else None


def package_edges() -> dict[tuple[str, str], list[str]]:
    """(from package, to package) → the source files that make the edge."""
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in APP.rglob("*.py"):
        relative = path.relative_to(APP.parent).with_suffix("")
        source_package = relative.parts[1] if len(relative.parts) > 1 else None
        if source_package == "__init__":
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            for name in names:
                target = _package_of(name)
                if target and target != source_package and target in LAYERS:
                    edges[(source_package, target)].append(str(relative))
    return edges


def test_every_package_has_a_layer():
    packages = {p.stem if p.is_file() else p.name for p in APP.iterdir()
                if (p.suffix == ".py" and p.stem != "__init__") or (p.is_dir() and (p / "__init__.py").exists())}
    assert packages - set(LAYERS) == set(), "give the new package a layer in LAYERS"


def test_no_package_imports_a_higher_layer():
    upward = {f"{a} → {b}": sorted(set(files)) for (a, b), files in package_edges().items()
              if LAYERS[a] < LAYERS[b]}
    assert upward == {}


def test_no_cycle_between_packages():
    graph: dict[str, set[str]] = defaultdict(set)
    edges = package_edges()
    for a, b in edges:
        graph[a].add(b)

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph[start]:
            if nxt == goal or (nxt not in seen and (seen.add(nxt) or reaches(nxt, goal, seen))):
                return True
        return False

    cycles = {f"{a} ⇄ {b}: {sorted(set(edges[(a, b)]))}" for (a, b) in edges if reaches(b, a, set())}
    assert cycles == set()


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    """The graph really is read from the source: a planted store → ui import is found."""
    fake = tmp_path / "app"
    (fake / "store").mkdir(parents=True)
    (fake / "store" / "bad.py").write_text("def f():\n    from app.ui.main_window import MainWindow\n")
    import sys

    monkeypatch.setattr(sys.modules[__name__], "APP", fake)
    assert ("store", "ui") in package_edges()
