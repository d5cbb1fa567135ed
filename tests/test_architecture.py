"""The shape the README's module map promises (issue 13 §4): core imports no domain app."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_APPS = {"org", "enforcement", "disputes", "reporting", "portal", "inspection", "rulemaking", "affairs"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def test_core_imports_no_domain_app():
    # given every module of fazhi.core outside its tests
    offenders = {
        str(p.relative_to(ROOT)): sorted(m for m in _imports(p) if m.split(".")[:2][-1] in DOMAIN_APPS)
        for p in (ROOT / "fazhi" / "core").rglob("*.py")
        if "tests" not in p.parts
    }
    # then
    assert {k: v for k, v in offenders.items() if v} == {}
