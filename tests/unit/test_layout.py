"""The domain core (the modules directly in bot/) never imports the tooling around it.

The tooling lives in subpackages (running, operations, demo, authoring) and may use the
core; the other way round would pull servers, metrics or scenario files into the rule
engine. ``bot/__main__.py`` is the command line, the one place that reaches into them all.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[2] / "bot"
TOOLING = ("running", "operations", "demo", "authoring")
ENTRY_POINT = "__main__.py"


def tooling_imports(source: str) -> list[str]:
    """The tooling modules ``source`` imports, at its top or inside a function."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            # a relative import in bot/*.py is relative to bot
            module = ".".join(part for part in ("bot" if node.level else "", node.module or "")
                              if part)
            names = [module, *(f"{module}.{alias.name}" for alias in node.names)]
        else:
            continue
        found += [name for name in names if _is_tooling(name)]
    return sorted(set(found))


def _is_tooling(name: str) -> bool:
    return any(name == f"bot.{package}" or name.startswith(f"bot.{package}.")
               for package in TOOLING)


def core_modules() -> list[Path]:
    return sorted(path for path in BOT.glob("*.py") if path.name != ENTRY_POINT)


@pytest.mark.parametrize("path", core_modules(), ids=lambda path: path.name)
def test_a_core_module_imports_no_tooling(path):
    assert tooling_imports(path.read_text(encoding="utf-8")) == [], \
        f"bot/{path.name} is core and must not import from bot/{'|'.join(TOOLING)}"


def test_every_tooling_package_is_there():
    assert [package for package in TOOLING if not (BOT / package / "__init__.py").is_file()] == []
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
    assert tooling_imports(source)


@pytest.mark.parametrize("source", [
    "from bot.signpost import Signposter",
    "from bot import settings, vocabulary",
    "import bot.operational_hours",
])
def test_the_check_lets_core_imports_pass(source):
    assert tooling_imports(source) == []
