"""`peixun init` pins an engine that installs: a release wheel fetched and hashed, a Git tag that
exists, a version the index has; anything definitely wrong is refused before a file is written,
and what cannot be checked from here is written with a warning. Real HTTP (a local server), real
Git remotes, real pip against a local index.

Attacks: a wheel swapped under its pinned hash, a file that is no peixun wheel, a tag that does not
exist, a version no index has (the issue's `peixun==0.1.0`)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from generator.cli import main
from generator.init import create_repository
from generator.init.pin import PinError, resolve_pin, unchecked
from tests.conftest import serve_directory
from tests.gitops.test_workflows import PINNED, WORKFLOWS, actionlint, load, triggers

DAY = "2026-11-01"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": "2026-11-01T00:00:00+00:00",
           "GIT_COMMITTER_DATE": "2026-11-01T00:00:00+00:00", "HOME": "/nonexistent", "PATH": os.environ["PATH"]}


def fake_wheel(folder: Path, version: str = "0.2.0", package: str = "peixun") -> Path:
    """A zip shaped like the engine's wheel (the slow test in test_wheel.py uses the real one)."""
    folder.mkdir(parents=True, exist_ok=True)
    wheel = folder / f"peixun-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr(f"{package}-{version}.dist-info/METADATA", f"Name: {package}\nVersion: {version}\n")
        z.writestr("generator/cli/__init__.py", "")
    return wheel


def test_a_release_wheel_is_fetched_and_pinned_with_its_hash(tmp_path: Path) -> None:
    wheel = fake_wheel(tmp_path / "dl")
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    with serve_directory(tmp_path / "dl") as base:
        pin = f"peixun @ {base}{wheel.name}"
        created = create_repository(tmp_path / "repo", "江阴市", engine=pin)
        assert created.engine.checked and created.engine.pin == f"{pin}#sha256={digest}"
        written = (tmp_path / "repo" / "requirements.txt").read_text(encoding="utf-8")
        assert written.splitlines()[-1] == created.engine.pin
        assert resolve_pin(created.engine.pin).pin == created.engine.pin  # a pin with its hash checks again


@pytest.mark.parametrize("case", ["missing", "swapped", "not-peixun", "not-a-zip"])
def test_a_pin_that_cannot_install_is_refused_and_nothing_is_written(tmp_path: Path, case: str) -> None:
    wheel = fake_wheel(tmp_path / "dl")
    good = hashlib.sha256(wheel.read_bytes()).hexdigest()
    suffix = ""
    if case == "swapped":  # the release file was replaced after the bureau pinned it
        suffix = f"#sha256={good}"
        fake_wheel(tmp_path / "dl", package="peixun").write_bytes(wheel.read_bytes() + b"\0")
    elif case == "not-peixun":
        fake_wheel(tmp_path / "dl", package="evil")
    elif case == "not-a-zip":
        wheel.write_text("<html>login</html>", encoding="utf-8")
    name = wheel.name if case != "missing" else "peixun-9.9.9-py3-none-any.whl"
    found = {"missing": "HTTP 404", "swapped": "被替换过", "not-peixun": "不是 peixun 0.2.0 的安装包",
             "not-a-zip": "不是 wheel 安装包"}[case]
    with serve_directory(tmp_path / "dl") as base, pytest.raises(PinError, match=found):
        create_repository(tmp_path / "repo", "江阴市", engine=f"peixun @ {base}{name}{suffix}")
    assert not (tmp_path / "repo").exists()


def test_a_pin_that_cannot_be_checked_is_written_with_a_warning(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    pin = "peixun @ http://127.0.0.1:9/peixun-0.2.0-py3-none-any.whl"  # the discard port: nothing listens
    assert main(["init", str(tmp_path / "repo"), "--jurisdiction", "宜兴市", "--engine", pin,
                 "--effective-from", DAY]) == 0
    out, err = capsys.readouterr()
    assert "无法连接下载地址" in out and "警告：没有核对引擎版本" in err
    assert (tmp_path / "repo" / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == pin


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=GIT_ENV, check=True, capture_output=True)


def test_a_git_tag_must_exist_on_the_remote(tmp_path: Path) -> None:
    source = tmp_path / "engine"
    source.mkdir()
    git("init", "-q", "-b", "main", cwd=source)
    (source / "README.md").write_text("engine\n", encoding="utf-8")
    git("add", "README.md", cwd=source)
    git("commit", "-q", "-m", "engine", cwd=source)
    git("tag", "v0.2.0", cwd=source)
    remote = tmp_path / "engine.git"
    git("clone", "-q", "--bare", str(source), str(remote), cwd=tmp_path)
    ok = resolve_pin(f"peixun @ git+file://{remote}@v0.2.0")
    assert ok.checked and "有标签 v0.2.0" in ok.note
    with pytest.raises(PinError, match=r"没有标签 v9\.9\.9"):
        create_repository(tmp_path / "repo", "江阴市", engine=f"peixun @ git+file://{remote}@v9.9.9")
    assert not (tmp_path / "repo").exists()


def test_a_version_no_index_has_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's case: `peixun==0.1.0` that no index serves. pip is pointed at an empty local index
    (no registry is asked)."""
    index = tmp_path / "simple"
    index.mkdir()
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("PIP_INDEX_URL", index.as_uri())
    monkeypatch.delenv("PIP_FIND_LINKS", raising=False)
    monkeypatch.delenv("PIP_EXTRA_INDEX_URL", raising=False)
    with pytest.raises(PinError, match="软件包索引中没有这个版本"):
        create_repository(tmp_path / "repo", "江阴市", engine="peixun==0.1.0")
    assert not (tmp_path / "repo").exists()


@pytest.mark.parametrize("pin", ["peixun", "peixun>=0.1", "peixun @ https://example.org/peixun.tar.gz",
                                 "peixun @ git+https://example.org/peixun", "evil==1.0"])
def test_only_pins_are_accepted(pin: str) -> None:
    with pytest.raises(PinError, match="没有固定"):
        unchecked(pin)


def test_the_new_repositorys_workflows_are_pinned_linted_and_judge_from_the_base(tmp_path: Path) -> None:
    """The city's own required check must not be subverted by the pull request it judges: a PR that
    edits requirements.txt to install an engine of its own is judged by the base's pin."""
    repo = tmp_path / "repo"
    create_repository(repo, "江阴市", resolve=unchecked)
    result = actionlint(repo)
    assert result.returncode == 0, result.stdout + result.stderr
    engine_pins = {m.group(1): m.group(2) for p in WORKFLOWS.glob("*.yml")
                   for line in p.read_text(encoding="utf-8").splitlines() if (m := PINNED.match(line))}
    for path in sorted((repo / ".github" / "workflows").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        assert "${{ secrets." not in text
        for line in text.splitlines():
            if "uses:" in line:
                m = PINNED.match(line)
                assert m and engine_pins.get(m.group(1)) == m.group(2), f"{path.name}: {line.strip()}"
    validate = load(repo / ".github" / "workflows" / "validate.yml")
    assert triggers(validate) == {"pull_request_target"} and validate["permissions"] == {}
    steps = validate["jobs"]["checks"]["steps"]
    installs = [s["run"] for s in steps if "pip install" in s.get("run", "")]
    assert installs == ["python -m pip install -r trusted/requirements.txt"]
    refs = [s["with"]["ref"] for s in steps if s.get("uses", "").startswith("actions/checkout@")]
    assert refs == ["${{ github.event.pull_request.base.sha }}", "${{ github.event.pull_request.head.sha }}"]
    pr = steps[[s.get("uses", "").startswith("actions/checkout@") for s in steps].index(True, 2)]
    assert pr["with"]["sparse-checkout"].strip() == "/records/" and pr["with"]["persist-credentials"] is False
    judge = next(s["run"] for s in steps if "check-changes" in s.get("run", ""))
    assert "--repo pr" in judge and "--validate" in judge
