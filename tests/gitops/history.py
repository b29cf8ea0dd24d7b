"""A long history built in one `git fast-import` stream (thousands of commits in well under a second)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import git

EPOCH = 1_780_000_000  # 2026-05-28, seconds


@dataclass
class History:
    commits: int
    record_path: str  # where the record ends up
    edits: list[int] = field(default_factory=list)  # commit numbers that changed the record
    renamed_at: int = 0
    first_path: str = ""


def record_text(version: int) -> str:
    return (
        "# yaml-language-server: $schema=../../../schemas/application.schema.json\n"
        "id: A2026-042\n"
        f"project_name: 无人机装调检修工 第 {version} 版\n"
        "institution: 52320211MA1W00001X\n"
        "district: 滨湖区\n"
        "planned:\n"
        f"  trainees: {20 + version}\n"
        "  classes: 1\n"
        "  expected_employment_rate: 0.6\n"
        "employers:\n"
        "  - uscc: 91320200MA00000001\n"
        "    name: 无锡示例航空科技有限公司\n"
        "    post: 无人机装调检修工\n"
        "    positions: 10\n"
    )


def _data(text: str) -> bytes:
    raw = text.encode("utf-8")
    return b"data %d\n" % len(raw) + raw + b"\n"


def build_history(root: Path, commits: int = 3000, every: int = 50) -> History:
    """`commits` commits on main; the record changes every `every` commits and is renamed halfway."""
    repo = git.Repo.init(root)
    old_path, new_path = "records/applications/2026/A2026-042.yaml", "records/applications/2027/A2026-042.yaml"
    history = History(commits=commits, record_path=new_path, renamed_at=commits // 2 + 1, first_path=old_path)
    stream = io.BytesIO()
    version = 0
    for n in range(1, commits + 1):
        when = EPOCH + n * 600
        stream.write(b"commit refs/heads/main\n")
        stream.write(b"author Test Bureau <bureau@example.cn> %d +0800\n" % when)
        stream.write(b"committer Test Bureau <bureau@example.cn> %d +0800\n" % when)
        stream.write(_data(f"commit {n}"))
        path = old_path if n < history.renamed_at else new_path
        if n == history.renamed_at:
            stream.write(f"R {old_path} {new_path}\n".encode())
        if n == 1 or n % every == 0:
            version += 1
            history.edits.append(n)
            stream.write(f"M 100644 inline {path}\n".encode() + _data(record_text(version)))
        stream.write(b"M 100644 inline other/counter.txt\n" + _data(f"{n}\n"))
        stream.write(b"\n")
    dump = root.parent / f"{root.name}.fast-import"
    dump.write_bytes(stream.getvalue())
    with dump.open("rb") as istream:
        repo.git.execute(["git", "fast-import", "--quiet"], istream=istream)
    repo.git.symbolic_ref("HEAD", "refs/heads/main")
    return history
