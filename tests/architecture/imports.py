"""Read the project's own imports from its source, with `ast` (nothing is imported or run)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "romahub"


@dataclass(frozen=True)
class Import:
    path: Path  # the importing file
    line: int
    module: str  # the module imported from, e.g. "romahub.pages.models"
    names: tuple[str, ...]  # the names taken from it ("" for `import module`)
    in_function: bool
    commented: bool  # a comment on the import's lines or the line just above

    @property
    def source_app(self) -> str:
        return app_of_path(self.path)

    @property
    def target_app(self) -> str:
        parts = self.module.split(".")
        return parts[1] if len(parts) > 2 or (PACKAGE / parts[1]).is_dir() else "<project>"


def app_of_path(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else "<project>"


def source_files():
    """Every module of the hub but its tests and migrations (which may reach anything)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


def imports_of(path: Path) -> list[Import]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    tree = ast.parse(text)
    inside = {id(node) for fn in ast.walk(tree) if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))
              for node in ast.walk(fn) if isinstance(node, (ast.Import, ast.ImportFrom))}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [(node.module, tuple(alias.name for alias in node.names))]
        elif isinstance(node, ast.Import):
            modules = [(alias.name, ("",)) for alias in node.names]
        else:
            continue
        span = lines[max(node.lineno - 2, 0) : node.end_lineno]
        commented = any("#" in line for line in span)
        for module, names in modules:
            if module == "romahub" or module.startswith("romahub."):
                found.append(Import(path, node.lineno, module, names, id(node) in inside, commented))
    return found


def project_imports() -> list[Import]:
    return [found for path in source_files() for found in imports_of(path)]
