"""Rule registration after definition, in mutmut's copy of the code only.

mutmut 3 leaves every decorated function alone (a decorator runs when the function is defined, and
its trampoline would be wrapped by it), so every `@rule(...)` body is invisible to it. This rewrites

    @rule("PAY-OVER", ERROR, "通知 四(五)", "...", scope="person")
    def payment_over(ctx: Context) -> Iterator[Hit]:
        ...

into

    def payment_over(ctx: Context) -> Iterator[Hit]:
        ...
    payment_over = rule("PAY-OVER", ERROR, "通知 四(五)", "...", scope="person")(payment_over)

which is what the decorator means (Python evaluates the decorator expression before the `def`, the
rewrite after it; `rule(...)` has no side effect before it is applied, so the order of registration
is the same). The rule modules keep their decorators: only the copy tools/mutate hands to mutmut is
rewritten, and tests/test_mutate_undecorate.py proves the registry it builds is the one the
decorated modules build. Only module-level functions whose every decorator is a call of `rule` are
rewritten; any other decorator (lru_cache, property, dataclass) is left as mutmut expects it.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path


def _is_rule_call(node: ast.expr) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    return (isinstance(func, ast.Name) and func.id == "rule") or (
        isinstance(func, ast.Attribute) and func.attr == "rule")


def undecorate(source: str) -> str:
    """`source` with each `@rule(...)` function registered by an assignment after its body."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    # (first decorator line, def line, last body line, the assignment), all 1-based
    edits: list[tuple[int, int, int, str]] = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or not node.decorator_list:
            continue
        if not all(_is_rule_call(d) for d in node.decorator_list):
            continue
        applied = node.name
        for deco in reversed(node.decorator_list):  # the decorator nearest the `def` applies first
            segment = ast.get_source_segment(source, deco)
            assert segment is not None
            applied = f"{segment}({applied})"
        first = min(d.lineno for d in node.decorator_list)
        assert node.end_lineno is not None
        edits.append((first, node.lineno, node.end_lineno, f"{node.name} = {applied}\n"))
    for first, def_line, last, assignment in reversed(edits):
        body = lines[def_line - 1:last]
        if body and not body[-1].endswith("\n"):
            body[-1] += "\n"
        lines[first - 1:last] = [*body, assignment]
    return "".join(lines)


def undecorate_tree(root: Path) -> list[Path]:
    """Rewrite every module under `root` (in place: a copy) that registers a rule; the files changed."""
    changed = []
    for path in sorted(root.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if "@rule(" not in source:
            continue
        rewritten = undecorate(source)
        if rewritten != source:
            path.write_text(rewritten, encoding="utf-8")
            changed.append(path)
    return changed


if __name__ == "__main__":
    for changed_path in undecorate_tree(Path(sys.argv[1])):
        print(changed_path)
