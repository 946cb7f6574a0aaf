"""The shape of the deliberations.rules package: pure (standard library only), one module per
concern, every rule reachable from the package itself."""

import ast
import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from deliberations import rules

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RULES_DIR = PROJECT_ROOT / "deliberations" / "rules"
MODULES = sorted(RULES_DIR.glob("*.py"))


def test_the_package_has_one_module_per_concern():
    assert [path.stem for path in MODULES] == [
        "__init__", "appointments", "attendance", "convocations", "dates", "figures",
        "lifecycle", "meetings", "proxies", "regimes", "sources", "vocabulary", "votes",
        "weights",
    ]


def test_importing_every_rules_module_in_a_subprocess_loads_no_django_module():
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    imports = "; ".join(f"import deliberations.rules.{path.stem}" for path in MODULES[1:])

    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys; {imports}; "
            "print(sorted(name for name in sys.modules if name.split('.')[0] == 'django'))",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "[]"


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.stem)
def test_rules_modules_import_the_standard_library_and_each_other_only(path):
    imported = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            imported.add(node.module.split(".")[0])

    assert imported <= set(sys.stdlib_module_names) | {"__future__"}


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.stem)
def test_rules_modules_are_small_and_open_with_a_one_line_docstring(path):
    text = path.read_text()
    docstring = ast.get_docstring(ast.parse(text))

    assert len(text.splitlines()) < 800
    assert docstring and "\n" not in docstring
    assert text.startswith(f'"""{docstring}"""\n')


def _defined_names(path):
    names = []
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names.extend(target.id for target in node.targets if isinstance(target, ast.Name))
        elif isinstance(node, ast.AnnAssign):
            names.append(node.target.id)
    return [name for name in names if not name.startswith("_")]


@pytest.mark.parametrize("path", MODULES[1:], ids=lambda path: path.stem)
def test_every_public_name_of_a_rules_module_is_reexported_by_the_package(path):
    module = importlib.import_module(f"deliberations.rules.{path.stem}")
    defined = _defined_names(path)
    missing = [name for name in defined if getattr(rules, name, None) is not getattr(module, name)]

    assert defined
    assert missing == []
    assert set(defined) <= set(rules.__all__)
