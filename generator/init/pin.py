"""The engine a new records repository pins in `requirements.txt`, and whether that pin resolves.

A pin nobody can install is worse than none: the repository's checks fail on their first run, in
front of the first institution that submits. So `peixun init` pins a release that exists (by
default the wheel this engine's release workflow attached to the tag of this very version, with
its SHA-256, so the file cannot be swapped under the city), and checks any pin before writing:

- a wheel URL (`peixun @ https://…/peixun-0.2.0-py3-none-any.whl`): fetched; it must be a wheel
  of peixun; its SHA-256 is added to the pin (`#sha256=…`), or checked when the pin has one;
- a Git tag (`peixun @ git+https://…/peixun@v0.2.0`): the remote must have the tag;
- a package version (`peixun==0.2.0`): pip must find it on the configured index.

A pin that is definitely wrong (no such file, tag or version, another package, another hash) is
refused. One that cannot be checked from here (no network) is written with a warning that says
how to check it on a machine that can.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, metadata, version

from generator.errors import GitError, UsageError
from generator.gitrepo import remote_has_tag

# where the engine's releases live when the installed metadata names no home (pyproject.toml's
# [project.urls] Repository is the one place to change it)
FALLBACK_HOME = "https://github.com/peixun-wuxi/peixun"
MAX_WHEEL_BYTES = 64 * 2**20
TIMEOUT = 30.0
VERSION = r"[0-9]+(?:\.[0-9]+)*(?:[-.+_]?[0-9A-Za-z]+)*"
WHEEL = re.compile(rf"^peixun @ (?P<url>(?:https?|file)://\S+/peixun-(?P<version>{VERSION})-py3-none-any\.whl)"
                   r"(?:#sha256=(?P<sha>[0-9a-f]{64}))?$")
GIT = re.compile(r"^peixun @ git\+(?P<url>\S+)@(?P<tag>[0-9A-Za-z._/-]+)$")
INDEX = re.compile(rf"^peixun==(?P<version>{VERSION})$")


class InitError(UsageError):
    """`peixun init` cannot create the repository (a folder that is not empty, a bad name or pin)."""


class PinError(InitError):
    """The engine pin given to `peixun init` is no pin, or names a release that does not exist."""


@dataclass(frozen=True)
class Resolution:
    pin: str  # the requirement line to write (a wheel URL gains its SHA-256)
    checked: bool  # False: could not be checked from here (the warning says why and how)
    note: str  # what was found, in Chinese


Resolver = Callable[[str], Resolution]


def engine_home() -> str:
    """The engine's repository, from the installed package's metadata (`Project-URL: Repository`)."""
    try:
        for entry in metadata("peixun").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() == "repository" and url.strip().startswith("https://"):
                return url.strip().rstrip("/")
    except PackageNotFoundError:  # pragma: no cover - the engine runs installed
        pass
    return FALLBACK_HOME


def engine_version() -> str:
    try:
        return version("peixun")
    except PackageNotFoundError:  # pragma: no cover - the engine runs installed
        return "0.0.0"


def release_wheel(home: str, ver: str) -> str:
    """The URL the release workflow (.github/workflows/release.yml) attaches this version's wheel at."""
    return f"{home}/releases/download/v{ver}/peixun-{ver}-py3-none-any.whl"


def default_engine() -> str:
    """This very version's release wheel: the engine a city gets is the one that wrote its records."""
    return f"peixun @ {release_wheel(engine_home(), engine_version())}"


def _refuse(pin: str, why: str) -> PinError:
    return PinError(f"引擎版本“{pin}”无法安装：{why}。请核对版本是否已发布（CHANGELOG.md），或用 --engine 指定")


def _wheel(pin: str, url: str, ver: str, sha: str | None) -> Resolution:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # the pattern allows http(s) and file only
            data = response.read(MAX_WHEEL_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise _refuse(pin, f"下载地址返回 HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        if url.startswith("file:"):
            raise _refuse(pin, f"没有这个文件（{reason}）") from None
        return Resolution(pin, False, f"无法连接下载地址（{reason}），没有核对；请在能联网的机器上运行 "
                                      f"pip download --no-deps \"{url}\" 核对")
    if len(data) > MAX_WHEEL_BYTES:
        raise _refuse(pin, "文件过大，不是引擎的安装包")
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        raise _refuse(pin, "下载到的文件不是 wheel 安装包") from None
    if f"peixun-{ver}.dist-info/METADATA" not in names or "generator/cli/__init__.py" not in names:
        raise _refuse(pin, f"下载到的文件不是 peixun {ver} 的安装包")
    digest = hashlib.sha256(data).hexdigest()
    if sha is not None and sha != digest:
        raise _refuse(pin, f"文件的 SHA-256 为 {digest}，与固定的 {sha} 不同（文件被替换过）")
    return Resolution(f"peixun @ {url}#sha256={digest}", True, f"已下载并核对 peixun {ver}（SHA-256 {digest[:16]}…）")


def _git(pin: str, url: str, tag: str) -> Resolution:
    try:
        found = remote_has_tag(url, tag, TIMEOUT)
    except GitError as exc:
        return Resolution(pin, False, f"无法读取代码仓库 {url}（{exc}），没有核对；请在能联网的机器上运行 "
                                      f"git ls-remote --tags {url} {tag} 核对")
    if not found:
        raise _refuse(pin, f"代码仓库 {url} 没有标签 {tag}")
    return Resolution(pin, True, f"代码仓库 {url} 有标签 {tag}")


def _index(pin: str) -> Resolution:
    with tempfile.TemporaryDirectory() as tmp:
        try:
            done = subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-q", "-d", tmp,
                 pin.replace(" ", "")],
                capture_output=True, text=True, timeout=TIMEOUT * 4, env={**os.environ, "PIP_NO_INPUT": "1"},
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return Resolution(pin, False, f"无法运行 pip 核对（{exc}）")
    if done.returncode == 0:
        return Resolution(pin, True, "软件包索引中有这个版本")
    if "No matching distribution" in done.stderr or "Could not find a version" in done.stderr:
        raise _refuse(pin, "软件包索引中没有这个版本（pip：No matching distribution）")
    return Resolution(pin, False, "无法连接软件包索引，没有核对")


def resolve_pin(pin: str) -> Resolution:
    """Check that `pin` names an installable engine (see the module's docstring)."""
    if m := WHEEL.match(pin):
        return _wheel(pin, m["url"], m["version"], m["sha"])
    if m := GIT.match(pin):
        return _git(pin, m["url"], m["tag"])
    if INDEX.match(pin):
        return _index(pin)
    raise PinError(
        f"引擎版本“{pin}”没有固定：请写 peixun @ https://…/peixun-版本号-py3-none-any.whl（发布的安装包），"
        "peixun @ git+https://…/peixun@标签，或 peixun==版本号"
    )


def unchecked(pin: str) -> Resolution:
    """A resolver that checks only the form (`--no-check`, and tests that must not reach a network)."""
    if not (WHEEL.match(pin) or GIT.match(pin) or INDEX.match(pin)):
        resolve_pin(pin)  # raises the same PinError
    return Resolution(pin, False, "按要求没有核对")
