"""The one small Git wrapper: everything else asks it, never GitPython directly.

Every command goes through `GitRepo.run`, so that failures become one Chinese `GitError` line and
tests can see exactly which Git processes a feature starts (GitPython logs each `Popen` on the
`git.cmd` logger). History is always read with one `git log` and blobs with the one persistent
`git cat-file --batch` process GitPython keeps per repository: a process per commit is what makes
Git tooling slow (bench/RESULTS.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import git

from generator.errors import GitError

ZERO = "0" * 40


@dataclass(frozen=True)
class HeadInfo:
    sha: str
    committed_on: dt.date  # committer date, in the committer's own time zone


@dataclass(frozen=True)
class RawChange:
    """One entry of `git diff --raw` / `git log --raw`: a file added, modified, deleted or renamed."""

    status: str  # A, M, D, R, C or T (the similarity score of R/C is dropped)
    old_path: str | None
    new_path: str | None
    old_blob: str | None
    new_blob: str | None
    old_mode: str = "100644"
    new_mode: str = "100644"  # 120000 a symbolic link, 160000 a submodule, 100755 executable


def open_repo(path: Path) -> git.Repo | None:
    """The repository containing `path`, or None when it is not inside one."""
    try:
        return git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None


def work_tree_of(start: Path) -> Path | None:
    """The Git work tree that holds `start`, if any: a secret there could be committed by the next
    `git add` (found by the folder, without Git, so a key is judged before any repository is opened)."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None


def head_info(path: Path) -> HeadInfo | None:
    """SHA and committer date of HEAD of the repository holding `path` (None outside one or before
    the first commit)."""
    repo = open_repo(path)
    if repo is None:
        return None
    try:
        commit = repo.head.commit
    except ValueError:  # a repository without commits
        return None
    return HeadInfo(sha=commit.hexsha, committed_on=commit.committed_datetime.date())


def _existing_dir(path: Path) -> Path:
    """The nearest existing folder at or above `path` (a deleted record still has a history)."""
    probe = path.absolute()
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return probe if probe.is_dir() else probe.parent


class GitRepo:
    """A repository opened for reading history; raises `GitError` instead of GitPython's errors."""

    def __init__(self, path: Path) -> None:
        repo = open_repo(_existing_dir(path))
        if repo is None or repo.working_tree_dir is None:
            raise GitError(f"不是 Git 仓库：{path}（请在仓库目录中运行，或先 git clone）")
        self._repo = repo
        self.root = Path(repo.working_tree_dir)

    def close(self) -> None:
        """Stop the persistent cat-file process now rather than at garbage collection."""
        self._repo.close()

    def __enter__(self) -> GitRepo:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def relative(self, path: Path) -> str:
        """`path` (absolute, or relative to the current folder) as a repository-relative POSIX path."""
        try:
            rel = path.resolve().relative_to(self.root.resolve())
        except ValueError:
            raise GitError(f"{path} 不在仓库 {self.root} 中") from None
        return rel.as_posix() if str(rel) != "." else ""

    def run(self, *args: str) -> str:
        """One `git` process; stdout as text with the trailing newline kept off."""
        try:
            out: str = self._repo.git.execute(["git", "-c", "core.quotePath=false", *args])
        except git.GitCommandError as exc:
            detail = " ".join(str(exc.stderr).split()).strip("'") or str(exc)
            raise GitError(f"Git 命令失败（git {args[0]}）：{detail}") from exc
        return out

    def grep(self, pattern: str) -> list[tuple[str, str]]:
        """(repository-relative path, matched text) of every match of the extended regular
        expression `pattern` in the work tree's files, tracked and untracked but not ignored
        (binary files skipped); no match is an empty list, not an error."""
        status, out, err = self._repo.git.execute(
            ["git", "-c", "core.quotePath=false", "grep", "--untracked", "-I", "-o", "-z", "--full-name", "-E",
             "-e", pattern], with_exceptions=False, with_extended_output=True)
        if status not in (0, 1):
            raise GitError(f"Git 命令失败（git grep）：{' '.join(str(err).split())}")
        found = []
        for line in str(out).splitlines():
            path, _, text = line.partition("\0")
            if text:
                found.append((path, text))
        return found

    def resolve(self, rev: str) -> str:
        """The full SHA of the commit `rev` names; an unknown revision is a GitError."""
        if rev.startswith("-"):
            raise GitError(f"未知的版本：{rev}")
        try:
            return self.run("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}").strip()
        except GitError:
            raise GitError(
                f"未知的版本：{rev}（分支、标签或提交不存在；在 CI 中检出时请使用 fetch-depth: 0）"
            ) from None

    def merge_base(self, a: str, b: str) -> str | None:
        try:
            return self.run("merge-base", a, b).strip() or None
        except GitError:
            return None  # unrelated histories

    def first_parent_steps(self, before: str, after: str) -> list[tuple[str, str]]:
        """(parent, commit) for each commit that `after`'s first-parent line adds to `before`, oldest
        first: on a branch that only takes merges, one step per merged pull request."""
        out = self.run("rev-list", "--first-parent", "--reverse", "--parents", f"{before}..{after}", "--")
        steps = []
        for line in out.splitlines():
            commit, *parents = line.split()
            if parents:
                steps.append((parents[0], commit))
        return steps

    def committed_on(self, sha: str) -> dt.date:
        """The committer date of `sha`, in the committer's own time zone."""
        return dt.date.fromisoformat(self.log("-1", "--format=%cs", sha, "--").strip())

    def diff(self, old: str, new: str, *paths: str) -> list[RawChange]:
        """Files changed from commit `old` to commit `new`, with renames detected."""
        out = self.run("diff", "--no-color", "--no-ext-diff", "--raw", "-z", "-M", "--no-abbrev", old, new,
                       "--", *paths)
        return parse_raw(out)

    def tree(self, rev: str, prefix: str) -> dict[str, str]:
        """Every file under `prefix` at `rev`, path → blob id."""
        return {path: blob for path, (_mode, blob) in self.tree_modes(rev, prefix).items()}

    def tree_modes(self, rev: str, prefix: str) -> dict[str, tuple[str, str]]:
        """Every blob under `prefix` at `rev`, path → (mode, blob id); symbolic links are blobs of
        mode 120000."""
        out = self.run("ls-tree", "-r", "-z", "--full-tree", rev, "--", prefix or ".")
        files: dict[str, tuple[str, str]] = {}
        for entry in out.split("\0"):
            if not entry:
                continue
            meta, _, path = entry.partition("\t")
            mode, kind, blob = meta.split()
            if kind == "blob":
                files[path] = (mode, blob)
        return files

    def log(self, *args: str) -> str:
        """The raw output of ONE `git log` call (callers pass format, pathspec and limits)."""
        # a user's color.ui=always or log.showSignature must not leak into the parsed output
        return self.run("log", "--no-color", "--no-show-signature", *args)

    def blobs(self, ids: Iterable[str]) -> dict[str, bytes]:
        """Contents of the given blobs through GitPython's one persistent `cat-file --batch` process."""
        wanted = sorted({i for i in ids if i and i != ZERO})
        found: dict[str, bytes] = {}
        for blob in wanted:
            try:
                _sha, _kind, _size, data = self._repo.git.get_object_data(blob)
            except ValueError as exc:
                raise GitError(f"仓库中缺少对象 {blob}（浅克隆？请使用 fetch-depth: 0）") from exc
            found[blob] = data
        return found


    def object_id(self, ref: str) -> str | None:
        """The id of the object `ref` names (`<commit>:<path>`), None when there is none; through
        GitPython's one persistent `cat-file --batch-check` process (no process per question)."""
        if not ref or "\n" in ref or ref.startswith("-"):
            return None
        try:
            sha, _kind, _size = self._repo.git.get_object_header(ref)
        except ValueError:
            return None
        return sha.decode("ascii") if isinstance(sha, bytes) else str(sha)  # bytes, whatever the stubs say

    def tree_entries(self, tree: str) -> list[tuple[str, str, str]]:
        """(mode, name, id) of each entry of the tree object `tree`, read through the persistent
        `cat-file --batch` (a tree seen once never needs another process)."""
        try:
            _sha, kind, _size, data = self._repo.git.get_object_data(tree)
        except ValueError as exc:
            raise GitError(f"仓库中缺少对象 {tree}（浅克隆？请使用 fetch-depth: 0）") from exc
        if kind != b"tree":
            raise GitError(f"对象 {tree} 不是目录树")
        entries, pos = [], 0
        while pos < len(data):
            space = data.index(b" ", pos)
            nul = data.index(b"\0", space)
            entries.append((data[pos:space].decode("ascii"), data[space + 1:nul].decode("utf-8", "surrogateescape"),
                            data[nul + 1:nul + 21].hex()))
            pos = nul + 21
        return entries


def parse_raw(out: str) -> list[RawChange]:
    """Parse `--raw -z` entries: `:mode mode old new STATUS\\0path\\0[path\\0]` repeated."""
    tokens = out.split("\0")
    changes: list[RawChange] = []
    i = 0
    while i < len(tokens):
        meta = tokens[i].strip("\n")
        i += 1
        if not meta.startswith(":"):
            continue
        old_mode, new_mode, old_blob, new_blob, status = meta[1:].split()
        letter = status[0]
        if letter in "RC":
            old_path, new_path = tokens[i], tokens[i + 1]
            i += 2
        else:
            old_path = new_path = tokens[i]
            i += 1
        changes.append(RawChange(
            status=letter,
            old_path=None if letter == "A" else old_path,
            new_path=None if letter == "D" else new_path,
            old_blob=None if old_blob == ZERO else old_blob,
            new_blob=None if new_blob == ZERO else new_blob,
            old_mode=old_mode,
            new_mode=new_mode,
        ))
    return changes


def under(path: str, prefix: str) -> str | None:
    """`path` relative to the folder `prefix` (both repository-relative), or None when outside it."""
    if not prefix:
        return path
    p, f = PurePosixPath(path), PurePosixPath(prefix)
    return p.relative_to(f).as_posix() if p.is_relative_to(f) and p != f else None


def remote_has_tag(url: str, tag: str, timeout: float = 30) -> bool:
    """Whether the repository at `url` (any URL Git reads: https, ssh, file) has the tag `tag`; a
    remote that cannot be reached is a GitError (never a prompt for a password: none is asked)."""
    try:
        out: str = git.Git().execute(
            ["git", "ls-remote", "--tags", "--", url, f"refs/tags/{tag}"],
            env={"GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "true"}, kill_after_timeout=timeout,
        )
    except git.GitCommandError as exc:
        detail = " ".join(str(exc.stderr).split()).strip("'") or str(exc)
        raise GitError(f"Git 命令失败（git ls-remote）：{detail}") from exc
    return any(line.split("\t")[-1] == f"refs/tags/{tag}" for line in out.splitlines())
