"""The layout: the domain core (the modules directly in bot/) never imports the tooling
around it, and the tests never import from tools/.

The tooling lives in subpackages (running, operations, demo, authoring) and may use the
core; the other way round would pull servers, metrics or scenario files into the rule
engine. ``bot/__main__.py`` is the command line, the one place that reaches into them all.
What tests and tools share lives in tests/helpers.py or in bot/.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BOT = ROOT / "bot"
TOOLING = ("bot.running", "bot.operations", "bot.demo", "bot.authoring")
ENTRY_POINT = "__main__.py"


def imports(source: str, package: str = "bot") -> set[str]:
    """Every module ``source`` imports, at its top or inside a function, with the names it
    takes from them (``from bot import x`` gives ``bot`` and ``bot.x``). A relative import
    is taken as relative to ``package``."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            module = ".".join(part for part in (package if node.level else "", node.module or "")
                              if part)
            found |= {module, *(f"{module}.{alias.name}" for alias in node.names)}
    return found


def within(names: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(name for name in names
                  if any(name == p or name.startswith(f"{p}.") for p in packages))


def core_modules() -> list[Path]:
    return sorted(path for path in BOT.glob("*.py") if path.name != ENTRY_POINT)


@pytest.mark.parametrize("path", core_modules(), ids=lambda path: path.name)
def test_a_core_module_imports_no_tooling(path):
    assert within(imports(path.read_text(encoding="utf-8")), TOOLING) == [], \
        f"bot/{path.name} is core and must not import from {', '.join(TOOLING)}"


def test_no_test_imports_from_tools():
    found = {str(path.relative_to(ROOT)): within(imports(path.read_text(encoding="utf-8"),
                                                         "tests"), ("tools",))
             for path in (ROOT / "tests").rglob("*.py")}
    assert {path: names for path, names in found.items() if names} == {}


def test_every_tooling_package_is_there():
    packages = [name.replace(".", "/") for name in TOOLING]
    assert [p for p in packages if not (ROOT / p / "__init__.py").is_file()] == []
    assert len(core_modules()) > 20


@pytest.mark.parametrize("source", [
    "from bot.running.serve import ServerConfig",
    "from bot.operations import metrics",
    "import bot.demo.scenarios",
    "from bot import authoring",
    "def later():\n    from bot.running import readiness",
    "from .operations.totals import Totals",
    "from . import demo",
])
def test_the_check_finds_a_tooling_import(source):
    assert within(imports(source), TOOLING)


@pytest.mark.parametrize("source", [
    "from bot.signpost import Signposter",
    "from bot import settings, vocabulary",
    "import bot.operational_hours",
])
def test_the_check_lets_core_imports_pass(source):
    assert within(imports(source), TOOLING) == []
