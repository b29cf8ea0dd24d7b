"""The bureau's roster keys (`roles.yaml` `roster_recipients`): really the bureau's, each with a
period of use, so that destroying a period's identity after its rosters are imported leaves the
ciphertext in Git history unreadable (docs/custody.md)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.records.agekeys import compromised
from generator.rules.registry import ERROR, WARNING, Context, Hit, rule


@rule("ROLES-KEY", ERROR, "个人信息保护法 第五十一条",
      "花名册加密公钥的私钥只在市人社局：仓库中有其私钥、或曾随本项目公开的公钥不得列出；每把公钥有使用期",
      scope="tables")
def roster_keys(ctx: Context) -> Iterator[Hit]:
    roles = ctx.records.roles
    if roles is None:
        return
    listed = roles.model.roster_recipients
    bad = compromised([r.recipient for r in listed], ctx.records.root)
    seen: dict[str, int] = {}
    for i, entry in enumerate(listed):
        where = bad.get(entry.recipient)
        if where is not None:
            yield Hit(roles, ("roster_recipients", i, "recipient"),
                      f"花名册加密公钥 {entry.recipient[:12]}… 的私钥不只在市人社局：{where}。任何人都能解开加密给它的"
                      "花名册，seal-roster 却会说“只有市人社局能解密”。请删除这把公钥，由市人社局用 age-keygen "
                      "生成新的密钥对，私钥离线保管、不进任何仓库，只把公钥（age1…）写在这里"
                      "（见 README 和 docs/custody.md）")
        if entry.until < entry.from_:
            yield Hit(roles, ("roster_recipients", i, "until"),
                      f"第 {i + 1} 把花名册加密公钥的停用日期 {entry.until} 早于启用日期 {entry.from_}。请核对使用期")
        if entry.recipient in seen:
            yield Hit(roles, ("roster_recipients", i, "recipient"),
                      f"第 {i + 1} 把花名册加密公钥与第 {seen[entry.recipient] + 1} 把相同：一把公钥只列一次，"
                      "使用期满换新公钥（到期销毁私钥，历史中的密文才无人能解）", severity=WARNING)
        seen.setdefault(entry.recipient, i)
