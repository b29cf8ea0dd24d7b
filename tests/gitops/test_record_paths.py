"""Nothing under records/ escapes validation (issue 24): a hidden folder or file, an unknown folder,
an unknown extension or `.YAML` is refused by check-changes (CHG-PATH) for everyone, the bureau
included, and reported by validate, with the file and a Chinese message."""

from __future__ import annotations

import pytest

from generator.cli import main
from generator.records.kinds import path_problem
from tests.conftest import CLASS, World
from tests.gitops.conftest import Ledger

BUREAU = "wx-bureau"
MAINTAINER = "school-a"
# a clear ID number and mobile: what the attack hid where the loader never looked
CLEAR = "id: P2026-001-09\nnote: 张三 身份证 320211199001010012 手机 13012345678\n"

HIDDEN_AND_UNKNOWN = [
    ("classes/2026/.draft/P2026-001-09.yaml", "隐藏的文件夹"),
    ("classes/.2026/P2026-001-09.yaml", "隐藏的文件夹"),
    ("classes/2026/.P2026-001-09.yaml", "隐藏的文件"),
    (".hidden/P2026-001-09.yaml", "隐藏的文件夹"),
    ("classes/2026/P2026-001-09.YAML", "须为小写的 .yaml"),
    ("classes/2026/P2026-001-09.Yml", "须为小写的 .yaml"),
    ("classes/2026/P2026-001-09.yaml.bak", "扩展名为“.bak”"),
    ("classes/2026/P2026-001-09.txt", "扩展名为“.txt”"),
    ("classes/2026/P2026-001-09", "没有扩展名"),
    ("drafts/P2026-001-09.yaml", "不在任何记录目录中"),
    ("notes.md", "扩展名为“.md”"),
]


def folder_shown(rel: str) -> str:
    """How validate names a stray: a hidden folder once (with a slash), a file by its path."""
    parts = rel.split("/")
    hidden = next((i for i, p in enumerate(parts) if p.startswith(".")), None)
    return "/".join(parts[: hidden + 1]) + "/" if hidden is not None and hidden < len(parts) - 1 else rel


@pytest.mark.parametrize(("rel", "why"), HIDDEN_AND_UNKNOWN)
@pytest.mark.parametrize("author", [MAINTAINER, BUREAU])
def test_check_changes_refuses_what_validation_would_skip_to_everyone(
        ledger: Ledger, rel: str, why: str, author: str) -> None:
    found = ledger.pr(author, lambda w: w.write(rel, CLEAR))
    paths = [f for f in found if f.rule == "CHG-PATH"]
    assert [f.path for f in paths] == [ledger.rel(rel)] and all(f.severity == "error" for f in paths), found
    assert why in paths[0].message


@pytest.mark.parametrize(("rel", "why"), HIDDEN_AND_UNKNOWN)
def test_validate_reports_it_as_an_error_with_its_path(world: World, rel: str, why: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    world.write(rel, CLEAR)
    code = main(["validate", "--records", str(world.root), "--as-of", "2027-06-30", "--no-cache"])
    out = capsys.readouterr().out
    shown = folder_shown(rel)
    assert code == 1 and f"{shown}" in out and why in out and "error SCHEMA" in out, out


def test_check_changes_through_the_command_names_the_hidden_file(ledger: Ledger,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    rel = "classes/2026/.draft/P2026-001-09.yaml"
    ledger.pr(MAINTAINER, lambda w: w.write(rel, CLEAR))
    code = main(["check-changes", "--repo", str(ledger.root), "--base", "main", "--author", MAINTAINER,
                 "--validate", "--as-of", "2026-08-01"])
    out = capsys.readouterr().out
    assert code == 1 and f"records/{rel}" in out and "CHG-PATH" in out and "隐藏的文件夹" in out, out


def test_a_cached_validation_sees_a_stray_appear_and_go(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["validate", "--records", str(world.root), "--as-of", "2027-06-30"]  # the cache beside it
    assert main(argv) == 0
    world.write("classes/2026/.draft/x.yaml", CLEAR)
    assert main(argv) == 1 and "classes/2026/.draft/" in capsys.readouterr().out
    world.remove("classes/2026/.draft/x.yaml")
    world.path("classes/2026/.draft").rmdir()
    assert main(argv) == 0


def test_records_and_sealed_rosters_where_they_belong_are_no_problem() -> None:
    for rel in [CLASS, "roles.yaml", "prior_subsidies.yaml", "policy/wuxi-2026-pilot.yml",
                "institutions/52320211MA1W00001X.yaml", "sealed/2026/P2026-001-01.age"]:
        assert path_problem(rel) is None, rel
    assert path_problem("sealed/2026/P2026-001-01.xlsx") is not None
    assert path_problem("sealed/.x/P2026-001-01.age") is not None
