"""Who may change what (CHG-OWNER, CHG-DELETE, CHG-DISTRICT), as the base revision says.

- The bureau (`roles.yaml` bureau handles) may change anything; only frozen facts bind it.
- A district (`roles.yaml` districts) may change only the `recommended` part of decisions on
  applications of its own district; it may also create the decision record of such an application
  with nothing in it but `id`, `application`, `status: recommended` and `recommended`, because
  the recommendation is the first step of a decision (notice 四(一)).
- An institution's maintainers may add and change their institution record, the applications of
  their institution and the classes of its projects; nothing else, and never delete or rename.
  A new institution's first record is added by the bureau, which checks its qualification first.
- An institution's maintainers may also add or replace the sealed roster (`sealed/<year>/<class>.age`)
  of a class of their projects: it is ciphertext for the bureau, which imports and deletes it.
- Anybody else may change nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.findings import Finding, Loc
from generator.gitops.snapshot import Snapshot
from generator.gitops.versions import Change, Version, finding
from generator.records.fieldpath import diff_trees
from generator.records.kinds import KINDS_BY_NAME

DISTRICT_FIELDS = ("id", "application", "status", "recommended")
SEALED_KIND = "sealed"  # Version.kind of a file under records/sealed/ (no YAML record)


@dataclass(frozen=True)
class Authority:
    author: str | None  # as given on the command line; None: ownership is not checked
    base: str
    bureau: bool = False
    districts: frozenset[str] = frozenset()
    maintains: frozenset[str] = frozenset()  # USCCs

    @classmethod
    def of(cls, author: str | None, base: Snapshot, base_sha: str) -> Authority:
        if author is None:
            return cls(None, base_sha)
        handle = author.strip().lstrip("@").casefold()
        return cls(author, base_sha, handle in base.bureau(), frozenset(base.districts_of(handle)),
                   frozenset(base.maintained_by(handle)))

    @property
    def nobody(self) -> bool:
        return not (self.bureau or self.districts or self.maintains)

    def describe(self) -> str:
        """The author's roles in one Chinese phrase, for the report's header."""
        if self.author is None:
            return "未指定提交人，只检查冻结内容"
        roles = []
        if self.bureau:
            roles.append("市人社局")
        roles.extend(f"{d}人社部门" for d in sorted(self.districts))
        roles.extend(f"培训主体 {u} 的维护人" for u in sorted(self.maintains))
        return f"提交人 {self.author}：{'、'.join(roles) if roles else '无任何角色'}"


def ownership_findings(change: Change, who: Authority, base: Snapshot) -> list[Finding]:
    if who.author is None or who.bureau:
        return []
    short = who.base[:7]
    if who.nobody:
        return [finding("CHG-OWNER", change.new if not change.new.missing else change.old, (),
                        f"账号 {who.author} 在基准版本 {short} 中既不是市人社局或区人社部门账号（roles.yaml），"
                        "也不是任何培训主体的维护人（institutions/*.yaml 的 maintainers），不能修改任何文件")]
    if change.status in ("D", "R"):
        if change.old.kind is None:
            return [finding("CHG-OWNER", change.old, (),
                            f"只有市人社局可以修改、删除或移动此文件，账号 {who.author} 不能")]
        verb = "删除" if change.status == "D" else f"重命名（改为 {change.new.path}）"
        return [finding("CHG-DELETE", change.old, (),
                        f"只有市人社局可以删除或重命名记录，账号 {who.author} 不能{verb}。如需撤回，请联系市人社局")]
    new = change.new
    if new.kind in ("institution", "application", "class"):
        return _institution_files(change, who, base, short)
    if new.kind == "project" and who.districts:
        return _district(change, who, base)
    if new.kind == SEALED_KIND:
        return _sealed(change, who, base, short)
    what = f"“{KINDS_BY_NAME[new.kind].title}”类记录" if new.kind else "记录以外的文件（代码、网站、工作流等）"
    return [finding("CHG-OWNER", new, (), f"{what}由市人社局维护，账号 {who.author} 不能修改")]


def _owner(version: Version, base: Snapshot) -> tuple[str | None, Loc]:
    """The USCC of the institution a version of an institution-maintained file belongs to."""
    if version.kind == "institution":
        return version.stem, ()
    data = version.data or {}
    if version.kind == "application":
        value = data.get("institution")
        return (value if isinstance(value, str) else None), ("institution",)
    project = data.get("project")
    return (base.institution_of_project(project) if isinstance(project, str) else None), ("project",)


def _institution_files(change: Change, who: Authority, base: Snapshot, short: str) -> list[Finding]:
    sides: dict[str | None, list[tuple[str, Loc]]] = {}
    for side, version in (("原版本", change.old), ("此版本", change.new)):
        if not version.missing:
            uscc, loc = _owner(version, base)
            sides.setdefault(uscc, []).append((side, loc))
    found = []
    for uscc, where in sides.items():
        side = where[0][0] if len(where) == 1 and not change.old.missing else "此记录"
        loc = where[-1][1]
        if uscc is None:
            found.append(finding("CHG-OWNER", change.new, loc,
                                 f"{side}无法确定所属培训主体（文件无法读取，或所属项目、申报在基准版本 {short} "
                                 f"中不存在），账号 {who.author} 不能修改"))
        elif uscc not in who.maintains:
            name = (base.data("institution", uscc) or {}).get("name") or "未登记的单位"
            mine = "、".join(sorted(who.maintains)) or "任何培训主体"
            found.append(finding("CHG-OWNER", change.new, loc,
                                 f"{side}属于培训主体 {uscc}（{name}），账号 {who.author} 不是它的维护人"
                                 f"（以基准版本 {short} 的 maintainers 为准；该账号只维护 {mine}）"))
    return found


def _sealed(change: Change, who: Authority, base: Snapshot, short: str) -> list[Finding]:
    """A sealed roster belongs to the institution of its class's project, as the base revision says."""
    class_id = change.new.stem
    project = (base.data("class", class_id) or {}).get("project")
    uscc = base.institution_of_project(project) if isinstance(project, str) else None
    if uscc is not None and uscc in who.maintains:
        return []
    whose = f"属于培训主体 {uscc}" if uscc else f"对应的班次 {class_id} 在基准版本 {short} 中不存在"
    return [finding("CHG-OWNER", change.new, (),
                    f"加密花名册 {change.new.path} {whose}，账号 {who.author} 不能提交。"
                    "只能为本单位项目的已有班次提交加密花名册")]


def _district(change: Change, who: Authority, base: Snapshot) -> list[Finding]:
    old, new = change.old, change.new
    mine = "、".join(sorted(who.districts))
    if new.data is None:
        return [finding("CHG-DISTRICT", new, (), "项目确定记录无法读取，不能确认只修改了推荐信息")]
    found = []
    for app_id in sorted({str(v.data.get("application")) for v in (old, new) if v.data is not None}):
        district = (base.data("application", app_id) or {}).get("district")
        if district not in who.districts:
            found.append(finding("CHG-DISTRICT", new, ("application",),
                                 f"申报 {app_id} 属于{district or '（基准版本中没有该申报）'}，账号 {who.author} 是"
                                 f"{mine}人社部门账号，只能推荐本区的申报"))
    if old.missing:
        extra = [k for k, v in new.data.items() if k not in DISTRICT_FIELDS and not _empty(v)]
        if extra or new.data.get("status") != "recommended":
            found.append(finding("CHG-DISTRICT", new, (extra[0],) if extra else ("status",),
                                 "区人社部门新建项目记录时只能填写 id、application、status: recommended 和 "
                                 f"recommended，其余由市人社局填写（此处有 {', '.join(extra) or 'status'}）"))
    else:
        outside = [c for c in diff_trees(old.data, new.data) if c.path.split(".")[0] != "recommended"]
        if outside:
            listed = "、".join(c.path for c in outside[:3])
            found.append(finding("CHG-DISTRICT", new, outside[0].loc,
                                 f"区人社部门只能修改项目的推荐信息（recommended），不能修改 {listed}"))
    recommended = new.data.get("recommended")
    if isinstance(recommended, dict) and recommended.get("district") not in who.districts:
        found.append(finding("CHG-DISTRICT", new, ("recommended", "district"),
                             f"推荐区应为本区（{mine}），此处为 {recommended.get('district')}"))
    return found


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == {}
