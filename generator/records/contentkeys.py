"""What identifies a record file's content for the cache, and what identifies the code that read it.

A file's key is its Git blob SHA when Git vouches for it (tracked, no assume-unchanged or
skip-worktree flag, and not modified in the working tree: Git compares stat data and, for racily
clean entries, content), else the SHA-256 of its bytes. Asking Git costs two processes for the
whole tree instead of reading and hashing every file.

The code fingerprint covers every source file of the package and the versions of the libraries
that parse and validate, so a cache written by another version of the code is never read.
"""

from __future__ import annotations

import hashlib
import os
import sys
from functools import cache
from pathlib import Path

CACHE_FORMAT = "1"
_LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "ruamel.yaml")


def list_files(root: Path) -> list[tuple[str, Path]]:
    """Every YAML file under `root` as (POSIX path relative to root, path), sorted by relative path."""
    return walk_records(root)[0]


def walk_records(root: Path) -> tuple[list[tuple[str, Path]], list[tuple[str, bool]]]:
    """Every YAML record file under `root` as (POSIX path relative to root, path), sorted by relative
    path, and the strays: what may not be under records/ at all (`kinds.path_problem`: hidden files
    and folders, other extensions), as (relative path, is a folder), sorted. A hidden folder is one
    stray, not entered; `sealed/` is listed apart (`sealed_files.list_sealed`) and not entered either; a
    top-level `.git` (a records folder that is its own repository) is no stray.

    os.scandir rather than Path.rglob: its entries know their type without a stat per file, which
    is ten times faster on tens of thousands of files."""
    found: list[tuple[str, Path]] = []
    strays: list[tuple[str, bool]] = []
    pending: list[tuple[str, str]] = [("", os.fspath(root))]
    while pending:
        rel_dir, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = f"{rel_dir}{entry.name}"
                # links are not followed: a folder link could loop or leave the records, and a
                # file link is listed so that loading refuses it with a finding
                if entry.is_dir(follow_symlinks=False):
                    if entry.name.startswith("."):
                        if rel != ".git":
                            strays.append((rel, True))
                    elif rel != "sealed":
                        pending.append((rel + "/", entry.path))
                elif entry.name.endswith((".yaml", ".yml")) and not entry.name.startswith(".") \
                        and (entry.is_file() or entry.is_symlink()):
                    found.append((rel, root / rel))
                else:
                    strays.append((rel, False))
    found.sort(key=lambda item: item[0])
    strays.sort()
    return found, strays


def sha256_key(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def git_keys(root: Path) -> dict[str, str]:
    """Blob SHAs of the files under `root` that Git vouches for, by path relative to `root`; empty
    outside a repository (or when Git cannot answer)."""
    from generator.errors import GitError  # Git access goes through the one wrapper, generator.gitrepo
    from generator.gitrepo import GitRepo, under

    try:
        with GitRepo(root) as repo:
            prefix = repo.relative(root)
            listed = repo.run("ls-files", "-s", "-v", "-z", "--full-name", "--", prefix or ".")
            dirty = set(repo.run("diff-files", "--name-only", "-z", "--", prefix or ".").split("\0"))
    except (GitError, OSError):
        return {}
    keys: dict[str, str] = {}
    for entry in listed.split("\0"):
        meta, _, path = entry.partition("\t")
        parts = meta.split()
        # tag H: tracked and cached without flags; stage 0: not in a merge conflict
        if len(parts) != 4 or parts[0] != "H" or parts[3] != "0" or path in dirty:
            continue
        rel = under(path, prefix)
        if rel is not None:
            keys[rel] = "git:" + parts[2]
    return keys


@cache
def code_fingerprint() -> str:
    """SHA-256 over the package's sources and the parsing libraries' versions."""
    from importlib import metadata

    digest = hashlib.sha256(f"format {CACHE_FORMAT}; python {sys.version}".encode())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name} {metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} missing".encode())
    package = Path(__file__).resolve().parent.parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0")
        digest.update(source.read_bytes())
    return digest.hexdigest()
