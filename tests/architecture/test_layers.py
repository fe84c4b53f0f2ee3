"""The layers of docs/architecture.md, read from every module's imports.

core at the bottom imports no app of the hub; places imports only core; a feature app imports
core, places and other features' public names, never the site's wiring; the wiring (romahub/site
and the project modules) may import anything. Between feature apps there is no cycle.
"""

from collections import defaultdict
from pathlib import Path

import pytest

from tests.architecture.imports import PACKAGE, Import, imports_of, project_imports

FOUNDATION, PLACES, WIRING = "core", "places", ("site", "<project>")
FEATURES = ("pages", "conference", "directory", "mishto", "resources", "advocacy")
LAYER = {FOUNDATION: 0, PLACES: 1, **dict.fromkeys(FEATURES, 2), **dict.fromkeys(WIRING, 3)}


def problems(found: list[Import]) -> list[str]:
    wrong = []
    for imp in found:
        source, target = imp.source_app, imp.target_app
        if source == target:
            continue
        where = f"{imp.path.relative_to(PACKAGE.parent)}:{imp.line} imports {imp.module}"
        if source not in LAYER or target not in LAYER:
            wrong.append(f"{where}: an app docs/architecture.md does not place in a layer")
        elif LAYER[target] > LAYER[source] or (LAYER[source] < 2 and LAYER[target] == LAYER[source]):
            wrong.append(f"{where}: {source} is below {target}")
        elif LAYER[source] == 2 and any(part.startswith("_") for part in imp.module.split(".")[2:] + list(imp.names)):
            wrong.append(f"{where}: a private name of another app")
    return wrong


def cycles(found: list[Import]) -> list[list[str]]:
    graph = defaultdict(set)
    for imp in found:
        if imp.source_app != imp.target_app:
            graph[imp.source_app].add(imp.target_app)
    loops, stack = [], []

    def visit(app):
        if app in stack:
            loops.append(stack[stack.index(app):] + [app])
            return
        stack.append(app)
        for target in sorted(graph[app]):
            visit(target)
        stack.pop()

    for app in sorted(graph):
        visit(app)
    return loops


def test_every_import_goes_down_a_layer_or_to_another_features_public_name():
    assert problems(project_imports()) == []


def test_apps_do_not_import_each_other_in_a_circle():
    assert cycles(project_imports()) == []


def test_an_import_inside_a_function_says_why():
    unexplained = [f"{imp.path.relative_to(PACKAGE.parent)}:{imp.line} {imp.module}"
                   for imp in project_imports() if imp.in_function and not imp.commented]
    assert unexplained == []


@pytest.mark.parametrize(("source", "line", "why"), [
    ("core/models.py", "from romahub.pages.models import CommunityReview", "is below"),
    ("places/models.py", "from romahub.conference.timeline import ENGLAND", "is below"),
    ("pages/views.py", "from romahub.site.sitemaps import SITEMAPS", "is below"),
    ("resources/loader.py", "from romahub.pages.starter_content.loader import _target_copy", "private name"),
])
def test_the_rule_catches_what_it_forbids(tmp_path, source, line, why):
    # A module placed where `source` is, holding one wrong import: the check must refuse it.
    path = PACKAGE / source
    fake = tmp_path / "probe.py"
    fake.write_text(line + "\n", encoding="utf-8")
    found = [Import(path, imp.line, imp.module, imp.names, imp.in_function, imp.commented) for imp in imports_of(fake)]
    assert any(why in problem for problem in problems(found))


def test_the_cycle_check_finds_a_cycle():
    a, b = PACKAGE / "pages" / "x.py", PACKAGE / "resources" / "y.py"
    found = [Import(a, 1, "romahub.resources.y", ("f",), False, False), Import(b, 1, "romahub.pages.x", ("g",), False, False)]
    assert cycles(found)


def test_every_app_of_the_hub_has_a_layer():
    apps = {path.name for path in PACKAGE.iterdir() if path.is_dir() and (path / "__init__.py").exists()}
    assert apps <= set(LAYER), "place the new app in docs/architecture.md and in LAYER"
    assert Path(PACKAGE.parent / "docs" / "architecture.md").exists()
