"""Who may change what (CHG-OWNER, CHG-FACT, CHG-DELETE, CHG-DISTRICT, CHG-NEW, CHG-CODE), as the
base revision says.

File by file:
- The bureau (`roles.yaml` bureau handles) may change anything; only frozen facts bind it. A
  change outside the records (code, workflows, pyproject.toml, CODEOWNERS, tools, the site) is
  flagged as a code change (CHG-CODE, a warning), so that reviewers see it.
- A district (`roles.yaml` districts) may change only the `recommended` part of decisions on
  applications of its own district; it may also create the decision record of such an application
  with nothing in it but `id`, `application`, `status: recommended` and `recommended`, because
  the recommendation is the first step of a decision (notice 四(一)).
- An institution's maintainers may add and change their institution record, the applications of
  their institution, the classes of its projects and the sealed rosters of those classes
  (`sealed/<year>/<class>.age`: ciphertext for the bureau, which imports and deletes it); nothing
  else, and never delete or rename.
- A new institution comes in by a pull request that adds its institution record, with the author
  among its maintainers, and its applications: it passes with CHG-NEW (a warning: the bureau checks
  the registration and qualification and merges; CODEOWNERS names only the bureau for new files).
- Anybody else may change nothing.

Field by field, inside the files an author may change: the facts table (`facts.py`) says which
fields only the bureau changes (an institution's registration, qualification, violations and
maintainers, an application's institution and district); those are CHG-FACT for an institution.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from generator.findings import Finding, Loc, Severity
from generator.gitops.facts import FILE_KINDS, Role, fact_for
from generator.gitops.frozen import changed_facts, listed
from generator.gitops.identity import canonical, handles
from generator.gitops.snapshot import Snapshot
from generator.gitops.versions import Change, Version, finding
from generator.records.fieldpath import diff_trees
from generator.records.kinds import KINDS_BY_NAME

DISTRICT_FIELDS = ("id", "application", "status", "recommended")
SEALED_KIND = "sealed"  # Version.kind of a file under records/sealed/ (no YAML record)
INSTITUTION_KINDS = ("institution", "application", "class", *FILE_KINDS)
NEW_INSTITUTION = "新培训主体：须市人社局审核后合并"


def file_kind(rel: str) -> str | None:
    """The kind of a non-YAML file an institution may add under records/ (FILE_KINDS), by its path."""
    for kind, (pattern, _group) in FILE_KINDS.items():
        if re.fullmatch(pattern, rel):
            return kind
    return None


def file_class(version: Version, records: str) -> str | None:
    """The class id a FILE_KINDS file is named by."""
    if version.path is None or version.kind not in FILE_KINDS:
        return None
    rel = PurePosixPath(version.path).relative_to(records).as_posix() if records else version.path
    pattern, group = FILE_KINDS[version.kind]
    match = re.fullmatch(pattern, rel)
    return match.group(group) if match else None


@dataclass(frozen=True)
class Authority:
    author: str | None  # as given on the command line; None: ownership is not checked
    base: str
    bureau: bool = False
    districts: frozenset[str] = frozenset()
    maintains: frozenset[str] = frozenset()  # USCCs, as the base revision says
    proposes: frozenset[str] = frozenset()  # USCCs of new institutions this pull request adds, with the author
    valid: bool = True  # the author is a valid GitHub handle

    @classmethod
    def of(cls, author: str | None, base: Snapshot, base_sha: str, proposes: frozenset[str] = frozenset()
           ) -> Authority:
        if author is None:
            return cls(None, base_sha)
        handle = canonical(author.strip())
        if handle is None:
            return cls(author, base_sha, valid=False)
        return cls(author, base_sha, handle in base.bureau(), frozenset(base.districts_of(handle)),
                   frozenset(base.maintained_by(handle)), proposes)

    @property
    def handle(self) -> str | None:
        return canonical(self.author.strip()) if self.author is not None else None

    @property
    def nobody(self) -> bool:
        return not (self.bureau or self.districts or self.maintains or self.proposes)

    def describe(self) -> str:
        """The author's roles in one Chinese phrase, for the report's header."""
        if self.author is None:
            return "未指定提交人，只检查冻结内容"
        if not self.valid:
            return "提交人账号不符合代码托管平台的账号规则"
        roles = []
        if self.bureau:
            roles.append("市人社局")
        roles.extend(f"{d}人社部门" for d in sorted(self.districts))
        roles.extend(f"培训主体 {u} 的维护人" for u in sorted(self.maintains))
        roles.extend(f"新培训主体 {u} 的申请人" for u in sorted(self.proposes))
        return f"提交人 {self.author}：{'、'.join(roles) if roles else '无任何角色'}"


def proposed_institutions(changes: list[Change], base: Snapshot, author: str | None) -> frozenset[str]:
    """USCCs of institution records this change set adds (not on the base) that list the author
    among their maintainers: the new-institution route."""
    handle = canonical(author.strip()) if author else None
    if handle is None:
        return frozenset()
    found = set()
    for change in changes:
        new = change.new
        if change.status == "A" and new.kind == "institution" and base.path_of("institution", new.stem) is None \
                and handle in handles((new.data or {}).get("maintainers")):
            found.add(new.stem)
    return frozenset(found)


Lookup = Callable[[str], str | None]  # class id → USCC, as the head revision says (new classes)


def ownership_findings(change: Change, who: Authority, base: Snapshot, records: str = "records",
                       head_class_owner: Lookup | None = None) -> list[Finding]:
    if who.author is None:
        return []
    if who.bureau:
        return _code_change(change)
    short = who.base[:7]
    if not who.valid:
        return [finding("CHG-OWNER", change.new if not change.new.missing else change.old, (),
                        f"提交人账号 {who.author!r} 不符合代码托管平台的账号规则，不能修改任何文件")]
    if who.nobody:
        return [finding("CHG-OWNER", change.new if not change.new.missing else change.old, (),
                        f"账号 {who.author} 在基准版本 {short} 中既不是市人社局或区人社部门账号（roles.yaml），"
                        "也不是任何培训主体的维护人（institutions/*.yaml 的 maintainers），不能修改此文件。"
                        "首次申报的单位：拉取请求中只新增本单位的培训主体记录（maintainers 中须有本账号）"
                        "和本单位的申报，由市人社局审核后合并")]
    if change.status in ("D", "R"):
        if change.old.kind is None:
            return [finding("CHG-OWNER", change.old, (),
                            f"只有市人社局可以修改、删除或移动此文件，账号 {who.author} 不能")]
        verb = "删除" if change.status == "D" else f"重命名（改为 {change.new.path}）"
        return [finding("CHG-DELETE", change.old, (),
                        f"只有市人社局可以删除或重命名记录，账号 {who.author} 不能{verb}。如需撤回，请联系市人社局")]
    new = change.new
    if new.kind in INSTITUTION_KINDS:
        found = _institution_files(change, who, base, short, records, head_class_owner)
        if found:
            return found
        if change.status == "A" and new.kind == "institution" and new.stem in who.proposes:
            return [Finding(path=new.path or "", line=None, rule="CHG-NEW", severity=Severity.WARNING,
                            message=f"{NEW_INSTITUTION}（培训主体 {new.stem}）。市人社局核对登记信息、培训资质和"
                                    "违法违规记录后合并；合并后本单位的维护人才能修改本单位的文件")]
        return _fact_findings(change, who)
    if new.kind == "project" and who.districts:
        return _district(change, who, base)
    what = (f"“{KINDS_BY_NAME[new.kind].title}”类记录" if new.kind in KINDS_BY_NAME
            else "记录以外的文件（代码、网站、工作流等）")
    return [finding("CHG-OWNER", new, (), f"{what}由市人社局维护，账号 {who.author} 不能修改")]


def _code_change(change: Change) -> list[Finding]:
    """A bureau change outside the records' data: allowed, and said aloud."""
    version = change.new if not change.new.missing else change.old
    if change.new.kind is not None or (change.new.missing and change.old.kind is not None):
        return []
    return [Finding(path=version.path or "", line=None, rule="CHG-CODE", severity=Severity.WARNING,
                    message="代码变更：此文件不是记录（代码、工作流、依赖、CODEOWNERS、网站或工具）。"
                            "合并后由它判断今后的拉取请求和拨付，请市人社局的另一位成员逐行审核")]


def _owner(version: Version, base: Snapshot, records: str, head_class_owner: Lookup | None) -> tuple[str | None, Loc]:
    """The USCC of the institution a version of an institution-maintained file belongs to."""
    if version.kind == "institution":
        return version.stem, ()
    if version.kind in FILE_KINDS:
        class_id = file_class(version, records)
        if class_id is None:
            return None, ()
        uscc = base.institution_of_class(class_id)
        if uscc is None and head_class_owner is not None:
            uscc = head_class_owner(class_id)
        return uscc, ()
    data = version.data or {}
    if version.kind == "application":
        value = data.get("institution")
        return (value if isinstance(value, str) else None), ("institution",)
    project = data.get("project")
    return (base.institution_of_project(project) if isinstance(project, str) else None), ("project",)


def _institution_files(change: Change, who: Authority, base: Snapshot, short: str, records: str,
                       head_class_owner: Lookup | None) -> list[Finding]:
    sides: dict[str | None, list[tuple[str, Loc]]] = {}
    for side, version in (("原版本", change.old), ("此版本", change.new)):
        if not version.missing:
            uscc, loc = _owner(version, base, records, head_class_owner)
            sides.setdefault(uscc, []).append((side, loc))
    found = []
    mine_now = who.maintains | who.proposes
    for uscc, where in sides.items():
        side = where[0][0] if len(where) == 1 and not change.old.missing else "此记录"
        loc = where[-1][1]
        if uscc is None:
            found.append(finding("CHG-OWNER", change.new, loc,
                                 f"{side}无法确定所属培训主体（文件无法读取，或所属项目、申报在基准版本 {short} "
                                 f"中不存在），账号 {who.author} 不能修改"))
        elif uscc not in mine_now or (uscc in who.proposes and change.new.kind not in ("institution", "application")):
            name = (base.data("institution", uscc) or {}).get("name") or "未登记的单位"
            mine = "、".join(sorted(mine_now)) or "任何培训主体"
            found.append(finding("CHG-OWNER", change.new, loc,
                                 f"{side}属于培训主体 {uscc}（{name}），账号 {who.author} 不是它的维护人"
                                 f"（以基准版本 {short} 的 maintainers 为准；该账号只维护 {mine}）"))
    return found


def _fact_findings(change: Change, who: Authority) -> list[Finding]:
    """Inside an institution's own file: the facts only the bureau changes (facts.py)."""
    old, new = change.old, change.new
    if old.missing and new.kind == "class" and isinstance(new.data, dict):
        return _new_class(change, who)
    if old.missing or new.kind not in KINDS_BY_NAME:
        return []  # a new record is judged whole by the bureau's review and by validation
    if old.data is None or new.data is None:
        side = "原" if old.data is None else "此"
        return [finding("CHG-FACT", new, (), f"{side}版本无法读取，不能确认没有修改只有市人社局才能修改的内容，"
                                            f"账号 {who.author} 不能提交")]
    found = []
    for fact, mine in changed_facts(old, new, new.kind, lambda f: Role.INSTITUTION not in f.editors):
        decides = f"，决定{fact.decides}" if fact.decides else ""
        clause = f"（{fact.clause}）" if fact.clause else ""
        found.append(finding("CHG-FACT", new, mine[0].loc,
                             f"{fact.label}由{fact.who()}核实和修改{decides}{clause}，账号 {who.author} "
                             f"作为培训主体维护人不能修改（{listed(mine)}）。"
                             + (fact.how or "如需变更，请在拉取请求中说明理由并附证明材料，由市人社局修改")))
    return found


def _new_class(change: Change, who: Authority) -> list[Finding]:
    """A class an institution adds comes without people: its roster is the bureau's to write."""
    data = change.new.data or {}
    found = []
    for name in ("trainees", "roster_seal"):
        fact = fact_for("class", name)
        if fact is None or Role.INSTITUTION in fact.editors or _empty(data.get(name)):
            continue
        found.append(finding("CHG-FACT", change.new, (name,),
                             f"新班次由培训主体登记时{fact.label}应为空（{name}），账号 {who.author} "
                             f"不能写入（{fact.clause}）。{fact.how}"))
    return found


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
        allowed = {f for f in ("recommended",) if (fact := fact_for("project", f)) and Role.DISTRICT in fact.editors}
        outside = [c for c in diff_trees(old.data, new.data) if c.path.split(".")[0] not in allowed]
        if outside:
            listed_paths = "、".join(c.path for c in outside[:3])
            found.append(finding("CHG-DISTRICT", new, outside[0].loc,
                                 f"区人社部门只能修改项目的推荐信息（recommended），不能修改 {listed_paths}"))
    recommended = new.data.get("recommended")
    if isinstance(recommended, dict) and recommended.get("district") not in who.districts:
        found.append(finding("CHG-DISTRICT", new, ("recommended", "district"),
                             f"推荐区应为本区（{mine}），此处为 {recommended.get('district')}"))
    return found


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == {}
