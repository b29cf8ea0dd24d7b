"""The engine as a bureau installs it: a wheel in a fresh virtual environment, with no source
checkout on its path, makes a 江阴市 repository whose site has the engine's stylesheet, scripts,
header and hand-written pages, and names no 无锡 except where the source notice is cited. The
wheel is served over HTTP as a release is; `peixun init` pins it with its hash, and a second,
empty environment installs the new repository's requirements.txt (the engine from that URL, its
dependencies from the package index) and runs the repository's own workflow commands."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import serve_directory
from tests.init.test_init import assert_wuxi_only_cited
from tests.site.helpers import REPO

pytestmark = pytest.mark.slow

THEME = REPO / "generator" / "site" / "theme"
SHARED = ("assets/stylesheets/peixun.css", "assets/javascripts/peixun-tables.js", "assets/javascripts/peixun-search.js")


def build_wheel(tmp: Path) -> Path:
    """The engine's wheel, built from a copy of what the package is made of (the worktree stays clean)."""
    source = tmp / "source"
    shutil.copytree(REPO / "generator", source / "generator",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    out = tmp / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "-q", "-w", str(out), str(source)], check=True, cwd=tmp)
    (wheel,) = out.glob("peixun-*.whl")
    return wheel


def fresh_venv(tmp: Path, wheel: Path) -> Path:
    """A new environment with the wheel installed. Its dependencies come from this environment's
    site-packages as a plain path entry: the editable install's finder there is never activated,
    so `generator` can only be the wheel's."""
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True)
    packages = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                              check=True, capture_output=True, text=True).stdout.strip()
    (Path(packages) / "peixun-test-deps.pth").write_text(
        "\n".join(p for p in site.getsitepackages() if Path(p).is_dir()) + "\n", encoding="utf-8")
    return venv


def test_a_wheel_in_a_fresh_venv_makes_and_builds_a_jiangyin_site(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    packed = set(zipfile.ZipFile(wheel).namelist())
    for rel in (*SHARED, "partials/header.html"):
        assert f"generator/site/theme/{rel}" in packed, rel
    assert {"generator/site/handwritten/search.md", "generator/site/templates/about.md.j2"} <= packed

    venv = fresh_venv(tmp_path, wheel)
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    work = tmp_path / "work"
    work.mkdir()

    def peixun(*args: str, cwd: Path = work) -> str:
        done = subprocess.run(["peixun", *args], cwd=cwd, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    probe = ("import sys, generator, pathlib; print(generator.__file__); "
             "print([p for p in sys.path if (pathlib.Path(p or '.') / 'generator').exists()])")
    where = subprocess.run(["python", "-c", probe], cwd=work, env=env, capture_output=True, text=True,
                           check=True).stdout.splitlines()
    packages = str(Path(where[0]).parents[1])
    assert packages.startswith(str(venv)) and where[1] == repr([packages])  # the wheel's engine, no checkout

    with serve_directory(wheel.parent) as base:
        url = f"{base}{wheel.name}"
        out = peixun("init", "jiangyin", "--jurisdiction", "江阴市", "--effective-from", "2026-11-01",
                     "--engine", f"peixun @ {url}")
        assert "已为江阴市新建记录库" in out and "校验通过" in out and "已下载并核对" in out
        repo = work / "jiangyin"
        pin = (repo / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1]
        assert pin.startswith(f"peixun @ {url}#sha256=")
        installed = install_requirements(tmp_path, repo)
        run_the_workflows(installed, repo, tmp_path)
    assert "region_codes:\n  - '320281'" in (repo / "records" / "policy" / "2026-pilot.yaml").read_text(
        encoding="utf-8").replace('"', "'")
    assert sorted(p.name for p in (repo / "site").iterdir()) == [".gitkeep"]  # no copy of the engine's files
    peixun("build", "--records", "records", "--as-of", "2026-11-27", cwd=repo)

    public = repo / "public"
    for rel in SHARED:  # the engine's own files, byte for byte
        assert (public / rel).read_bytes() == (THEME / rel).read_bytes(), rel
    index = (public / "index.html").read_text(encoding="utf-8")
    assert 'href="assets/stylesheets/peixun.css"' in index and 'src="assets/javascripts/peixun-tables.js"' in index
    # the theme override: the header's search button opens the site's own search page
    assert 'class="md-header__button md-icon px-search-link" href="search/"' in index
    assert "data-md-component=\"search\"" not in index  # Material's own search box is gone
    search = (public / "search" / "index.html").read_text(encoding="utf-8")
    assert 'id="px-search-input"' in search and "peixun-search.js" in search
    assert (public / "pagefind").is_dir()
    about = (public / "about" / "index.html").read_text(encoding="utf-8")
    assert "如何保护个人信息" in about and "江阴市人力资源和社会保障局" in about  # the footer names the bureau
    assert_wuxi_only_cited(public)


def install_requirements(tmp: Path, repo: Path) -> Path:
    """A new, empty environment with the repository's requirements.txt installed, as its workflows
    run `pip install -r requirements.txt`: the engine from the pinned URL (hash checked by pip),
    the dependencies from the package index."""
    venv = tmp / "city-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    done = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "-r", "requirements.txt"],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stdout + done.stderr
    return venv


def run_the_workflows(venv: Path, repo: Path, tmp: Path) -> None:
    """The commands of the repository's validate.yml (check-changes on a pull request, validating
    both sides) and publish.yml (validate, build), in the city's environment, from a real Git
    history, with the environment's own engine: no source checkout is importable."""
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp), "LANG": "C.UTF-8",
           "GIT_AUTHOR_NAME": "bureau", "GIT_AUTHOR_EMAIL": "bureau@example.org", "GIT_COMMITTER_NAME": "bureau",
           "GIT_COMMITTER_EMAIL": "bureau@example.org", "GIT_AUTHOR_DATE": "2026-11-20T09:00:00+08:00",
           "GIT_COMMITTER_DATE": "2026-11-20T09:00:00+08:00"}

    def run(*args: str) -> str:
        done = subprocess.run(list(args), cwd=repo, env=env, capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, (args, done.stdout + done.stderr)
        return done.stdout

    where = run("python", "-c", "import generator; print(generator.__file__)")
    assert where.startswith(str(venv)), where
    run("git", "init", "-q", "-b", "main")
    run("git", "add", "-A")
    run("git", "commit", "-q", "-m", "peixun init")
    base = run("git", "rev-parse", "HEAD").strip()
    roles = repo / "records" / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("bureau: []", "bureau:\n  - jy-bureau"),
                     encoding="utf-8")
    run("git", "commit", "-q", "-am", "本局账号")
    head = run("git", "rev-parse", "HEAD").strip()
    shutil.copytree(repo, tmp / "pr", symlinks=True)  # validate.yml reads the pull request from pr/
    out = run("peixun", "check-changes", "--repo", str(tmp / "pr"), "--records", "records", "--base", base,
              "--head", head, "--validate", "--format", "github")
    assert "::error" not in out
    assert "::error" not in run("peixun", "validate", "--records", "records", "--format", "github")
    run("peixun", "build", "--records", "records", "--out", "public")
    index = (repo / "public" / "index.html").read_text(encoding="utf-8")
    assert "江阴市人力资源和社会保障局" in index
