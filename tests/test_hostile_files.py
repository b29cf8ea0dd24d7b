"""Hostile record files through the real commands (`validate`, `settle`, `build`, `check-changes`),
each in its own process over a real Git repository: no crash (no signal, no traceback), no hang
(every command within a bound), and every case ends in located findings."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.records.base import MAX_TRAINEES, NAME_MAX
from generator.records.parsing import MAX_FILE_BYTES
from tests.conftest import APPLICATION, CLASS, INSTITUTION, PROJECT, WORLD, commit_all

REPO = Path(__file__).parents[1]
AS_OF = "2027-06-30"
BOUND = 240  # seconds a command may take on a loaded two-core machine; a hang is far longer
HEADER = "# yaml-language-server: $schema=../../../schemas/class.schema.json\n"


def _append(rel: str, tail: str) -> Callable[[Path], tuple[str, str]]:
    def write(root: Path) -> tuple[str, str]:
        target = root / rel
        target.write_text(target.read_text(encoding="utf-8") + tail, encoding="utf-8")
        return rel, str(target.read_text(encoding="utf-8").count("\n"))
    return write


def _new(rel: str, content: bytes | str, line: int | None = 1) -> Callable[[Path], tuple[str, str]]:
    def write(root: Path) -> tuple[str, str]:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return rel, str(line) if line is not None else ""
    return write


def _roster(root: Path) -> tuple[str, str]:
    text = (root / CLASS).read_text(encoding="utf-8")
    head, _, rest = text.partition("trainees:\n")
    first = rest.split("\n  - ", 2)[1] if "\n  - " in rest else rest
    items = "".join("  - " + first.strip("\n").removeprefix("- ") + "\n" for _ in range(MAX_TRAINEES + 1))
    rel = "classes/2026/P2026-001-04.yaml"
    body = head.replace("P2026-001-01", "P2026-001-04") + "trainees:\n" + items
    (root / rel).write_text(body, encoding="utf-8")
    return rel, str(head.count("\n") + 1)


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))
DEEP_BLOCK = "".join(" " * i + f"k{i}:\n" for i in range(300)) + " " * 300 + "v\n"

CASES: dict[str, Callable[[Path], tuple[str, str]]] = {
    "30,000 nested [": _append(CLASS, "deep: " + "[" * 30_000 + "]" * 30_000 + "\n"),
    "30,000 compact - entries": _append(APPLICATION, "deep:\n" + "- " * 30_000 + "x\n"),
    "5,000 nested {": _append(INSTITUTION, "deep: " + "{a: " * 5_000 + "1" + "}" * 5_000 + "\n"),
    "30,000 unclosed [": _new("corrections/2026/C2026-001.yaml", "id: C2026-001\nnew: " + "[" * 30_000 + "\n", 2),
    "billion laughs": _new("institutions/52320211MA1W00002X.yaml", BOMB),
    "over the size limit": _append(PROJECT, ""),  # replaced below
    "a name of 300,000 characters": _append(APPLICATION, ""),  # replaced below
    "NUL and binary junk": _new("payments/2026/P2026-001-01.yaml", b"class: P2026-001-01\n\x00\x01\xff\xfe" * 100, 2),
    "GBK bytes": _new("employment/2026/P2026-001-01.yaml", "class: P2026-001-01\n# 就业\n".encode("gbk"), 2),
    "python tag": _new("classes/2026/P2026-001-02.yaml",
                       HEADER + 'id: !!python/object/apply:os.system ["touch PWNED"]\n', None),
    "a formula as id": _new("classes/2026/=cmd.yaml", HEADER + 'id: "=cmd"\n', None),
    "deep block indents": _new("applications/2026/A2026-003.yaml", DEEP_BLOCK, None),
    "control characters": _new("institutions/52320211MA1W00003X.yaml", "uscc: 52320211MA1W00003X\nname: \"a\x07\"\n",
                               None),
    "a roster too long": _roster,
}


def _long_name(root: Path) -> tuple[str, str]:
    target = root / APPLICATION
    text = target.read_text(encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("project_name:"))
    target.write_text(text.replace("project_name: 养老护理员", "project_name: " + "长" * 300_000), encoding="utf-8")
    assert NAME_MAX < 300_000
    return APPLICATION, str(line)


CASES["a name of 300,000 characters"] = _long_name


def _oversize(root: Path) -> tuple[str, str]:
    _append(PROJECT, ("# " + "填" * 60 + "\n") * (MAX_FILE_BYTES // 180 + 10))(root)
    return PROJECT, str((root / PROJECT).read_bytes().count(b"\n", 0, MAX_FILE_BYTES) + 1)


CASES["over the size limit"] = _oversize


def _year_one(root: Path) -> tuple[str, str]:
    """A graduation date of year 1: the 毕业学年 rule once computed year 0 and every command crashed."""
    rel = "classes/2026/P2026-001-05.yaml"
    text = (root / CLASS).read_text(encoding="utf-8").replace("P2026-001-01", "P2026-001-05")
    graduate = "    group: graduating_student\n    graduation_on: 0001-06-30\n"
    text = text.replace("    group: registered_unemployed\n", graduate, 1)
    (root / rel).write_text(text, encoding="utf-8")
    return rel, str(next(i for i, t in enumerate(text.splitlines(), 1) if "graduation_on" in t))


CASES["a graduation date of year one"] = _year_one


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONFAULTHANDLER": "1"}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=BOUND, check=False, env=env)


def _no_crash(done: subprocess.CompletedProcess[str]) -> str:
    output = done.stdout + done.stderr
    assert done.returncode in (0, 1), (done.returncode, output[-3000:])  # a signal is negative
    assert "Traceback" not in output and "Fatal Python error" not in output, output[-3000:]
    return output


@pytest.mark.parametrize("case", list(CASES))
def test_validate_ends_every_hostile_file_in_a_located_finding(tmp_path: Path, case: str) -> None:
    root = tmp_path / "records"
    shutil.copytree(WORLD, root)
    rel, line = CASES[case](root)
    done = _run("validate", "--records", ".", "--as-of", AS_OF, "--no-cache", cwd=root)
    output = _no_crash(done)
    assert done.returncode == 1, output[-3000:]
    assert f"{rel}:{line}" in output, output[-3000:]
    assert not (root / "PWNED").exists()


def test_links_are_refused_and_never_followed(tmp_path: Path) -> None:
    root = tmp_path / "records"
    shutil.copytree(WORLD, root)
    (root / "classes" / "2026" / "P2026-001-09.yaml").symlink_to("/dev/zero")
    (root / "classes" / "loop").symlink_to("..")  # a folder that contains itself
    done = _run("validate", "--records", ".", "--as-of", AS_OF, "--no-cache", cwd=root)
    output = _no_crash(done)
    assert done.returncode == 1 and "classes/2026/P2026-001-09.yaml:1: error SCHEMA 无法读取文件" in output
    assert "不是普通文件" in output and "loop/" not in output


@pytest.mark.slow  # a real MkDocs build
def test_every_command_survives_all_hostile_files_at_once(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    root = repo / "records"
    shutil.copytree(WORLD, root)
    commit_all(repo, "Sample world", "2026-05-16T09:00:00+08:00")
    touched = {CASES[case](root)[0] for case in CASES}
    (root / "classes" / "2026" / "P2026-001-09.yaml").symlink_to("/dev/zero")
    commit_all(repo, "Hostile files", "2026-05-20T09:00:00+08:00")

    validate = _no_crash(_run("validate", "--records", "records", "--as-of", AS_OF, cwd=repo))
    assert all(rel in validate for rel in touched), validate[-3000:]
    settle = _no_crash(_run("settle", "--records", "records", "--as-of", AS_OF, "--out", str(tmp_path / "s"),
                            cwd=repo))
    assert "SCHEMA" in settle or "校验未通过" in settle, settle[-3000:]
    build = _no_crash(_run("build", "--records", "records", "--as-of", AS_OF, "--out", str(tmp_path / "site"),
                           "--config", str(REPO / "mkdocs.yml"), cwd=repo))
    assert "SCHEMA" in build or "校验未通过" in build, build[-3000:]
    changes = _run("check-changes", "--base", "HEAD~1", "--author", "bureau-handle", cwd=repo)
    output = _no_crash(changes)
    assert changes.returncode == 1 and "records/classes/2026/P2026-001-01.yaml" in output, output[-3000:]
    assert not (repo / "PWNED").exists() and not (root / "PWNED").exists()
