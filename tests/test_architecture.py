"""The shape of the code: the domain imports no framework; the outer packages stay apart."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
# bot/ modules that wire the application together, and so may import across packages.
WIRING = {"app.py", "cli.py", "demo.py", "wsgi.py"}
FRAMEWORKS = ("slack_bolt", "slack_sdk", "sqlalchemy", "apscheduler", "alembic")
OUTER = ("handlers", "scheduler", "storage", "localslack")


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def top(name: str) -> str:
    return name.split(".")[0]


DOMAIN = sorted(p for p in (ROOT / "bot").glob("*.py") if p.name not in WIRING)


@pytest.mark.parametrize("module", DOMAIN, ids=lambda p: p.name)
def test_domain_modules_import_no_framework_and_no_outer_package(module: Path) -> None:
    imported = {top(name) for name in imports_of(module)}
    assert not imported & set(FRAMEWORKS + OUTER), (
        f"{module.name} imports {imported & set(FRAMEWORKS + OUTER)}"
    )


@pytest.mark.parametrize("package", ["handlers", "scheduler", "storage"])
def test_outer_packages_do_not_import_each_other(package: str) -> None:
    others = set(OUTER) - {package}
    for module in (ROOT / package).rglob("*.py"):
        crossing = {top(n) for n in imports_of(module)} & others
        assert not crossing, f"{module.relative_to(ROOT)} imports {crossing}"


def test_localslack_stands_alone() -> None:
    for module in (ROOT / "localslack").glob("*.py"):
        assert not {top(n) for n in imports_of(module)} & {
            "bot",
            "handlers",
            "scheduler",
            "storage",
        }
