"""Arrows run one way: apps → portal (site and kernel) → Django. portal imports no app, the
kernel imports nothing of the site, and the other apps reach deliberations only through its
public models, querysets and selectors. Read from the source (every import statement, those
inside functions included), so a lazy import cannot hide."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("deliberations", "pma_reports", "territory_project")
DELIBERATIONS_PUBLIC = ("deliberations.models", "deliberations.querysets",
                        "deliberations.selectors")


def _imports(package: str):
    """(file, line, module imported) for every import statement below `package`."""
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield path.relative_to(ROOT), node.lineno, alias.name
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                yield path.relative_to(ROOT), node.lineno, node.module


def _is_under(module: str, *packages: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def test_portal_imports_no_app():
    found = [f"{f}:{line} {m}" for f, line, m in _imports("portal") if _is_under(m, *APPS)]
    assert found == []


def test_the_kernel_imports_nothing_of_the_site():
    found = [f"{f}:{line} {m}" for f, line, m in _imports("portal/kernel")
             if _is_under(m, "portal") and not _is_under(m, "portal.kernel")]
    assert found == []


def test_other_apps_use_deliberations_only_through_its_public_modules():
    found = [
        f"{f}:{line} {m}"
        for app in ("pma_reports", "territory_project")
        for f, line, m in _imports(app)
        if _is_under(m, "deliberations") and not _is_under(m, *DELIBERATIONS_PUBLIC)
    ]
    assert found == []


def test_deliberations_imports_neither_other_app():
    found = [f"{f}:{line} {m}" for f, line, m in _imports("deliberations")
             if _is_under(m, "pma_reports", "territory_project")]
    assert found == []


def test_importing_the_kernel_loads_no_app_module():
    """Every kernel module imported in a fresh interpreter, settings configured but no app
    registry: none of them pulls an app in (portal.urls does, by design, through include())."""
    modules = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in (ROOT / "portal" / "kernel").rglob("*.py")
    )
    code = (
        "import importlib, os, sys\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'portal.settings_test'\n"
        "from django.core.exceptions import AppRegistryNotReady\n"
        f"for name in {modules!r}:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        # A module that reads models at import needs the registry; its imports are read
        # statically by the tests above.
        "    except AppRegistryNotReady:\n"
        "        pass\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {APPS!r}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"
