"""`peixun new`: a record built from answers, written with its schema line and section comments.

Institutions do not write YAML by hand; the scaffold asks for what the record needs, shows the rule
that applies (read from the policy and catalog in force) and writes a file that passes the schema.
The questions of each kind live with their record's builder; this module holds what they share.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from generator.errors import IntakeError
from generator.findings import Finding
from generator.intake import ask
from generator.intake.ask import Answers, Question
from generator.intake.classfile import commented_tree
from generator.intake.comments import commented
from generator.pipeline import run
from generator.records.kinds import KINDS_BY_NAME
from generator.records.labels import INSTITUTION_TYPE_LABELS
from generator.records.load import display_path, load_file
from generator.records.orgkinds import kind_of
from generator.records.reference import Policy
from generator.records.writer import dump_text
from generator.rules.institution import region_text, registered_in

Q = DoubleQuotedScalarString
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class Scaffold:
    """One kind of record: its questions, how answers become data, and where the file goes."""

    kind: str
    questions: tuple[Question, ...]
    build: Callable[[Answers], dict[str, Any]]
    relpath: Callable[[Answers], str]
    notes: Callable[[Answers], dict[tuple[str, ...], str]] = field(default=lambda _: {})  # end-of-line comments


@dataclass
class Written:
    path: Path
    findings: list[Finding]  # validation of the new file among all records


def plain(value: Any) -> Any:
    """Values as YAML writes them: money without Decimal('…'), nested lists and maps alike."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def identifier(existing: Callable[[Answers], set[str]], what: str) -> ask.Parse:
    def parse(raw: str, answers: Answers) -> str:
        value = raw.strip()
        if not ID_RE.match(value):
            raise ValueError("编号只能包含字母、数字、点和连字符")
        if value in existing(answers):
            raise ValueError(f"{what} {value} 已存在，请换一个编号")
        return value
    return parse


def next_number(prefix: str, taken: set[str], width: int) -> str:
    numbers = [int(t[len(prefix):]) for t in taken if t.startswith(prefix) and t[len(prefix):].isdigit()]
    return f"{prefix}{(max(numbers) + 1) if numbers else 1:0{width}d}"


# -- institution ------------------------------------------------------------------------------------

def policy_now(answers: Answers) -> Policy | None:
    """The policy in force today, else the latest one (a repository whose policy starts later)."""
    found = answers.records.policy_on(dt.date.today())
    if found is None and answers.records.policies:
        found = max((r.model for r in answers.records.policies), key=lambda p: (p.effective_from, p.id))
    return found


def _new_uscc(raw: str, answers: Answers) -> str:
    value = ask.uscc(raw, answers)
    policy = policy_now(answers)
    if policy is not None and not registered_in(value, policy.region_codes):
        raise ValueError(f"第 3-8 位为 {value[2:8]}，不是在{policy.jurisdiction}登记的单位"
                         f"（应以 {region_text(policy)} 开头，通知 三）")
    kind = kind_of(value)
    if kind is not None and kind.legal_person is False:
        raise ValueError(f"前两位为 {kind.code}，即{kind.authority}登记的{kind.kind}，不具有独立法人资格"
                         "（通知 三：培训主体须具有独立法人资格）")
    if value in answers.records.institutions or value in answers.records.broken.get("institution", set()):
        raise ValueError(f"培训主体 {value} 已登记（records/institutions/{value}.yaml）")
    return value


def _uscc_rule(policy: Policy | None) -> str:
    rule = "18 位，第 3-8 位为登记机关行政区划码"
    return f"{rule}，{policy.jurisdiction}以 {region_text(policy)} 开头" if policy else rule


def _maintainer(raw: str, _: Answers) -> str:
    value = raw.strip().lstrip("@")
    if not re.fullmatch(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})", value):
        raise ValueError("账号只能包含字母、数字和连字符，如 school-a")
    return value


INSTITUTION = (
    Question("uscc", "统一社会信用代码", _new_uscc,
             rule=lambda a: _uscc_rule(policy_now(a))),
    Question("name", "单位名称", ask.text),
    Question("type", "单位类型", ask.choice(INSTITUTION_TYPE_LABELS),
             rule=lambda _: "通知 三：" + ask.menu(INSTITUTION_TYPE_LABELS)),
    Question("address", "单位地址", ask.text),
    Question("legal_representative", "法人代表", ask.text, rule=lambda _: "项目申报单位意见须由其签名"),
    Question("qualification_kind", "培训资质类别", ask.text,
             rule=lambda _: "例如 民办学校办学许可证、技工学校办学许可证"),
    Question("qualification_number", "资质证书编号", ask.text),
    Question("qualification_valid_until", "资质有效期至", ask.date, optional=True,
             rule=lambda _: "YYYY-MM-DD；长期有效直接回车。申报日须在有效期内（通知 三）"),
    Question("maintainer", "维护人账号", _maintainer, multiple=True,
             rule=lambda _: "代码托管平台上可修改本单位文件的账号，每次输入一个"),
)


def _institution(a: Answers) -> dict[str, Any]:
    return {
        "uscc": Q(a["uscc"]), "name": a["name"], "type": a["type"], "address": a["address"],
        "legal_representative": a["legal_representative"],
        "qualification": {"kind": a["qualification_kind"], "number": Q(a["qualification_number"]),
                          "valid_until": a["qualification_valid_until"]},
        "violations": [], "maintainers": list(a["maintainer"]),
    }


# -- writing ----------------------------------------------------------------------------------------

@dataclass
class Draft:
    """A record ready to write: where, its text, and what every rule says of it among all records."""

    path: Path
    text: str
    findings: list[Finding]


def prepare(scaffold: Scaffold, answers: Answers, records_dir: Path, as_of: dt.date | None = None) -> Draft:
    """Build the record and judge it with every rule among all records, writing nothing: so the
    user sees each warning (fewer than 40 课时, a price over the cap) before the file exists."""
    target = records_dir / scaffold.relpath(answers)
    if target.exists():
        raise IntakeError(f"{display_path(target)} 已存在，不会覆盖。请换一个编号，或直接编辑该文件")
    data = commented(scaffold.kind, commented_tree(plain(scaffold.build(answers))))
    for loc, note in scaffold.notes(answers).items():
        node: CommentedMap = data
        for part in loc[:-1]:
            node = node[part]
        node.yaml_add_eol_comment(note, loc[-1])
    kind = KINDS_BY_NAME[scaffold.kind]
    text = dump_text(kind, data, target, records_dir.parent / "schemas")
    _, _, problems = load_file(kind, display_path(target), text.encode("utf-8"))
    if problems:  # the scaffold's own guarantee: what it writes passes the schema
        raise IntakeError("生成的记录未通过格式校验：" + "；".join(p.message for p in problems))
    rel = scaffold.relpath(answers)
    with tempfile.TemporaryDirectory(prefix="peixun-new-") as tmp:
        candidate = Path(tmp) / target.name
        candidate.write_text(text, encoding="utf-8")
        report = run(records_dir, as_of, overrides={rel: candidate}).validation
    shown = display_path(target)
    return Draft(target, text, [f for f in report.findings if f.path == shown])


def write_draft(draft: Draft) -> Written:
    target = draft.path
    if target.exists():
        raise IntakeError(f"{display_path(target)} 已存在，不会覆盖。请换一个编号，或直接编辑该文件")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(draft.text, encoding="utf-8")
    tmp.replace(target)
    return Written(target, draft.findings)


def write_new(scaffold: Scaffold, answers: Answers, records_dir: Path, as_of: dt.date | None = None) -> Written:
    """Write the record, refusing to overwrite one, with what every rule says of it."""
    return write_draft(prepare(scaffold, answers, records_dir, as_of))


SCAFFOLDS: dict[str, Scaffold] = {}


def register(scaffold: Scaffold) -> Scaffold:
    SCAFFOLDS[scaffold.kind] = scaffold
    return scaffold


register(Scaffold("institution", INSTITUTION, _institution, lambda a: f"institutions/{a['uscc']}.yaml"))
