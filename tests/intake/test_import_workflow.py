"""The bureau's import workflow: secrets only in the dispatched job, and its steps really do the import.

The second half runs the workflow's own shell steps (read from the YAML file, not copied) in a real
Git repository with a bare `origin`, as a runner would after checkout: an institution's sealed roster
arrives by pull request, the steps import it, and ONE commit holds the roster and the deletion.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import git
import pytest
from ruamel.yaml import YAML

from generator.gitops.change_review import check_changes
from generator.intake.importer import import_roster
from generator.intake.sealed_roster import seal_roster
from tests.conftest import AS_OF, CLASS, IDENTITY, PAYMENTS, WORLD, World, commit_all, with_roster_key
from tests.intake.test_roster_import import KEY, ROSTERS, read_rows

ROOT = Path(__file__).parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
IMPORT = WORKFLOWS / "import-roster.yml"
CLASS_ID = "P2026-001-02"  # a second class of the world's project, not paid yet
CLASS_FILE = f"classes/2026/{CLASS_ID}.yaml"
SECRET = re.compile(r"\$\{\{\s*secrets\.")
UNTRUSTED = ("pull_request", "pull_request_target", "workflow_run", "push", "issue_comment", "issues")


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def triggers(workflow: Any) -> set[str]:
    on = workflow["on"]
    return {on} if isinstance(on, str) else set(on)


def test_the_import_workflow_is_dispatched_by_hand_only_and_only_on_main() -> None:
    workflow = load(IMPORT)
    assert triggers(workflow) == {"workflow_dispatch"}
    assert workflow["permissions"] == {"contents": "read"}
    [(_name, job)] = workflow["jobs"].items()
    assert job["if"] == "github.ref == 'refs/heads/main'"
    assert job["permissions"] == {"contents": "write"}
    assert job["steps"][0]["with"]["ref"] == "main"
    # the checkout keeps no write token for the steps that parse the institution's file
    assert job["steps"][0]["with"]["persist-credentials"] is False
    # authorised by whoever triggered the run: a re-run by someone else does not inherit the dispatcher's authority
    assert job["env"]["ACTOR"] == "${{ github.triggering_actor || github.actor }}"


def test_the_write_token_reaches_only_the_push_and_nothing_pushes_to_main() -> None:
    job = next(iter(load(IMPORT)["jobs"].values()))
    with_token = [s["name"] for s in job["steps"] if "github.token" in str(s)]
    assert with_token == ["Push the import to its own branch (the only step with the write token)"]
    assert with_token[0] == job["steps"][-1]["name"]
    pushes = [s["name"] for s in job["steps"] if re.search(r"\bgit\b[^\n]*\bpush\b", s.get("run", ""))]
    assert pushes == with_token
    push = job["steps"][-1]["run"]
    assert "HEAD:refs/heads/$branch" in push and 'branch="import-roster/$CLASS_ID-$RUN_ID"' in push
    assert ":main" not in push and "HEAD:main" not in IMPORT.read_text(encoding="utf-8")


def test_secrets_reach_only_the_import_step() -> None:
    job = next(iter(load(IMPORT)["jobs"].values()))
    assert not SECRET.search(str(job.get("env", {})))
    with_secrets = [s.get("name") for s in job["steps"] if SECRET.search(str(s))]
    assert with_secrets == ["Import (the only step that sees the key and the identity)"]
    step = next(s for s in job["steps"] if s.get("name") == with_secrets[0])
    assert set(step["env"]) == {"PEIXUN_KEY", "ROSTER_IDENTITY"}
    assert not SECRET.search(step["run"])  # passed through the environment, never pasted into the script
    assert "set -x" not in step["run"] and "trap 'rm -f" in step["run"] and "umask 077" in step["run"]


def test_no_workflow_that_untrusted_events_trigger_touches_a_secret() -> None:
    files = sorted(WORKFLOWS.glob("*.y*ml"))
    assert IMPORT in files
    for path in files:
        text = path.read_text(encoding="utf-8")
        if SECRET.search(text):
            assert not triggers(load(path)) & set(UNTRUSTED), path.name


def test_dispatch_inputs_reach_scripts_only_through_the_environment() -> None:
    job = next(iter(load(IMPORT)["jobs"].values()))
    for step in job["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")
    assert job["env"]["CLASS_ID"] == "${{ inputs.class }}"


# -- the steps, run for real -------------------------------------------------------------------------

def steps() -> dict[str, str]:
    job = next(iter(load(IMPORT)["jobs"].values()))
    return {s["name"]: s["run"] for s in job["steps"] if "run" in s}


def run_step(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """One `run:` step as a runner runs it (bash -eo pipefail), then what it appended to GITHUB_ENV."""
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=300)
    for line in Path(env["GITHUB_ENV"]).read_text(encoding="utf-8").splitlines():
        name, _, value = line.partition("=")
        env[name] = value
    return result


@pytest.fixture
def origin(tmp_path: Path) -> tuple[Path, Path]:
    """A bare `origin` whose main holds the world, and a runner's checkout of it."""
    seed = tmp_path / "seed"
    shutil.copytree(WORLD, seed / "records")
    World(seed / "records").copy(CLASS, CLASS_FILE, lambda d: d.update(
        id=CLASS_ID, start_on="2026-06-05", end_on="2026-06-20", trainees=[]))
    with_roster_key(World(seed / "records"))
    shutil.copy(ROOT / ".gitignore", seed / ".gitignore")  # the load cache stays out, as in the repository
    git.Repo.init(seed)
    commit_all(seed, "base records", "2026-07-20T12:00:00+08:00")
    git.Repo(seed).git.branch("-M", "main")
    bare = tmp_path / "origin.git"
    git.Repo.clone_from(seed, bare, bare=True)
    return bare, seed


def institution_submits(bare: Path, tmp_path: Path, class_id: str = CLASS_ID) -> None:
    """school-a seals the roster outside its clone, commits only the .age, and the bureau merges it."""
    clone = tmp_path / "school-a"
    repo = git.Repo.clone_from(bare, clone)
    source = tmp_path / "desktop" / "roster.csv"
    source.parent.mkdir()
    shutil.copy(ROSTERS / "roster_gbk.csv", source)
    assert seal_roster(source, class_id, clone / "records", AS_OF).written
    repo.git.checkout("-b", "roster")
    commit_all(clone, f"Sealed roster of {class_id}", "2026-08-01T10:00:00+08:00")
    assert check_changes(clone, "origin/main", "school-a") == []
    repo.git.checkout("main")
    repo.git.merge("--ff-only", "roster")
    repo.git.push("origin", "main")


PUSH = "Push the import to its own branch (the only step with the write token)"


def runner_env(tmp_path: Path, actor: str) -> dict[str, str]:
    temp = tmp_path / "runner-temp"
    temp.mkdir(exist_ok=True)
    env_file = temp / "github_env"
    env_file.write_text("", encoding="utf-8")
    return {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(tmp_path), "RUNNER_TEMP": str(temp), "GITHUB_ENV": str(env_file),
        "CLASS_ID": CLASS_ID, "ACTOR": actor,
        "PEIXUN_KEY": KEY.decode(), "ROSTER_IDENTITY": IDENTITY.read_text(encoding="utf-8"),
        "GIT_AUTHOR_DATE": "2026-08-02T09:00:00+08:00", "GIT_COMMITTER_DATE": "2026-08-02T09:00:00+08:00",
        "PUSH_TOKEN": "not-a-real-token", "SERVER": "https://forge.example", "REPOSITORY": "wx-hrss/peixun-records",
        "RUN_ID": "4242", "GITHUB_STEP_SUMMARY": str(temp / "summary.md"),
    }


def test_the_workflow_steps_import_and_delete_in_one_commit(origin: tuple[Path, Path], tmp_path: Path) -> None:
    bare, seed = origin
    institution_submits(bare, tmp_path)
    work = tmp_path / "runner"
    repo = git.Repo.clone_from(bare, work)
    env = runner_env(tmp_path, "WX-Bureau")  # handles compare case-insensitively
    script = steps()
    main_before = git.Repo(bare).commit("main").hexsha
    for name in ("Check the class id and who dispatched", "Import (the only step that sees the key and the identity)",
                 "Commit the roster and the deletion together", PUSH):
        result = run_step(script[name], work, env)
        assert result.returncode == 0, (name, result.stdout, result.stderr)
    assert not list((tmp_path / "runner-temp").glob("roster-identity*"))  # the identity file is gone

    # nothing reaches main: the import waits on its own branch for the bureau's pull request
    assert git.Repo(bare).commit("main").hexsha == main_before
    branch = f"import-roster/{CLASS_ID}-4242"
    summary = (tmp_path / "runner-temp" / "summary.md").read_text(encoding="utf-8")
    assert f"https://forge.example/wx-hrss/peixun-records/compare/main...{branch}?expand=1" in summary
    assert "not-a-real-token" not in summary + result.stdout + result.stderr
    head = git.Repo(bare).commit(branch)
    assert head.parents[0].hexsha == main_before
    assert head.message.startswith(f"Import the sealed roster of {CLASS_ID} (dispatched by WX-Bureau)")
    changed = {(d.change_type, d.a_path) for d in head.parents[0].diff(head)}
    assert changed == {("M", f"records/{CLASS_FILE}"), ("D", f"records/sealed/2026/{CLASS_ID}.age")}
    plain = World(tmp_path / "plain")
    shutil.copytree(seed / "records", plain.root)
    assert import_roster(ROSTERS / "roster_gbk.csv", CLASS_ID, plain.root, KEY, AS_OF).written
    assert (head.tree / f"records/{CLASS_FILE}").data_stream.read() == plain.path(CLASS_FILE).read_bytes()
    repo.git.fetch("origin")
    history = repo.git.log("--all", "-p", "--binary", "main", f"origin/{branch}")
    assert "Import the sealed roster" in history
    for row in read_rows("roster_gbk.csv")[1:]:
        assert row[1] not in history and row[2].upper() not in history.upper()


def test_a_dispatcher_who_is_not_bureau_is_refused_before_any_secret_is_used(origin: tuple[Path, Path],
                                                                             tmp_path: Path) -> None:
    bare, _ = origin
    institution_submits(bare, tmp_path)
    work = tmp_path / "runner"
    git.Repo.clone_from(bare, work)
    result = run_step(steps()["Check the class id and who dispatched"], work, runner_env(tmp_path, "school-a"))
    assert result.returncode != 0 and "不是 roles.yaml 中的市人社局账号" in result.stdout + result.stderr


@pytest.mark.parametrize("class_id", ["P2026-001-01;rm -rf /", "../records/roles", "P2026-009-01"])
def test_a_bad_or_unknown_class_id_stops_the_workflow(origin: tuple[Path, Path], tmp_path: Path,
                                                      class_id: str) -> None:
    bare, _ = origin
    work = tmp_path / "runner"
    git.Repo.clone_from(bare, work)
    env = runner_env(tmp_path, "wx-bureau")
    env["CLASS_ID"] = class_id
    result = run_step(steps()["Check the class id and who dispatched"], work, env)
    assert result.returncode != 0
    assert "SEALED" not in Path(env["GITHUB_ENV"]).read_text(encoding="utf-8")


def test_a_wrong_identity_secret_fails_the_import_and_nothing_is_pushed(origin: tuple[Path, Path],
                                                                        tmp_path: Path) -> None:
    import pyrage

    bare, _ = origin
    institution_submits(bare, tmp_path)
    before = git.Repo(bare).commit("main").hexsha
    work = tmp_path / "runner"
    git.Repo.clone_from(bare, work)
    env = runner_env(tmp_path, "wx-bureau")
    env["ROSTER_IDENTITY"] = str(pyrage.x25519.Identity.generate())
    script = steps()
    assert run_step(script["Check the class id and who dispatched"], work, env).returncode == 0
    result = run_step(script["Import (the only step that sees the key and the identity)"], work, env)
    assert result.returncode == 2 and "不是加密给所给私钥的" in result.stderr
    assert git.Repo(bare).commit("main").hexsha == before
    assert (work / f"records/sealed/2026/{CLASS_ID}.age").exists()


def test_the_roster_of_a_class_paid_meanwhile_is_not_replaced_by_the_workflow(origin: tuple[Path, Path],
                                                                              tmp_path: Path) -> None:
    bare, _ = origin
    institution_submits(bare, tmp_path)
    work = tmp_path / "runner"
    repo = git.Repo.clone_from(bare, work)
    # the bureau paid the first installment before importing: the (empty) roster is frozen now
    World(work / "records").copy(PAYMENTS, f"payments/2026/{CLASS_ID}.yaml",
                                 lambda d: d.__setitem__("class", CLASS_ID))
    commit_all(work, "First installment", "2026-08-01T12:00:00+08:00")
    repo.git.push("origin", "main")
    before = git.Repo(bare).commit("main").hexsha
    env = runner_env(tmp_path, "wx-bureau")
    script = steps()
    assert run_step(script["Check the class id and who dispatched"], work, env).returncode == 0
    result = run_step(script["Import (the only step that sees the key and the identity)"], work, env)
    assert result.returncode == 1 and "已冻结" in result.stderr
    assert git.Repo(bare).commit("main").hexsha == before  # nothing pushed
    assert (work / f"records/sealed/2026/{CLASS_ID}.age").exists()
    assert not repo.is_dirty(untracked_files=True)
