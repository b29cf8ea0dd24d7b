"""网页提交步骤: submitting with nothing but a browser, through the Git host's web pages.

The people who submit are staff of colleges and training schools with Windows, Excel and a
browser: no terminal, no Git, no Python. This page takes them through a fork, an upload, a pull
request, the check's comment, a fix and a second upload, for a new institution and for one already
registered, and says what each message of the pull-request check means and what to do about it.
The check's own wordings (new institution, pre-existing problems) are imported from the code that
writes them; `tests/site/test_submit_page.py` fails when a change-check rule has no explanation here.
"""

from __future__ import annotations

from generator.gitops.ownership import NEW_INSTITUTION
from generator.gitops.pullrequest import PRE_EXISTING
from generator.publish.data import SiteData
from generator.publish.views import Views
from generator.rules import REGISTRY
from generator.site import urls
from generator.site.templates import render

# the pull-request check's own rules (generator/gitops): what each means for a clerk, and the fix
CHANGE_RULES: dict[str, tuple[str, str]] = {
    "CHG-NEW": ("新培训主体的第一次提交，须市人社局审核后合并（警告，不是错误）。",
                "无须修改，等待市人社局核对登记信息、培训资质和违法违规记录。"),
    "CHG-OWNER": ("提交人账号无权修改这个文件：不是本单位的维护人，或文件属于别的单位、属于市人社局。",
                  "用本单位培训主体文件 maintainers 中列出的账号提交；只改本单位的申报和班次。"
                  "首次申报时只放本单位的培训主体文件和申报文件。"),
    "CHG-FACT": ("修改了只有市人社局能改的内容，例如登记信息、单位类型、培训资质、维护人、申报的单位和区。",
                 "把这些内容改回原样；确需变更的，在合并请求中说明理由并附证明材料，由市人社局修改。"),
    "CHG-FROZEN": ("修改了已冻结的内容：申报确定后被评审的内容，或已拨付首期补贴班次的花名册、课时等。",
                   "改回原样；确有差错的，请联系市人社局以更正记录处理。"),
    "CHG-LATE": ("班次在开班之后才登记，或开班日期被改到已经过去的日子。班次须在开班前登记，才能全程监管。",
                 "班次文件要在开班前提交；已开班的，请联系市人社局。"),
    "CHG-TERMINATED": ("项目已终止，此后不能再新增班次、参训人员、加密花名册或就业记录。",
                       "撤回这些新增内容；有疑问请联系市人社局。"),
    "CHG-DELETE": ("删除或重命名了记录。只有市人社局可以删除或重命名。", "恢复原文件；如需撤回，请联系市人社局。"),
    "CHG-PATH": ("文件名含有不允许的字符（例如中文、空格或括号）。",
                 "文件名只用英文字母、数字、点、下划线和连字符，如 A2026-001.yaml；上传前先改好文件名。"),
    "CHG-HANDLE": ("维护人账号写法不对。", "账号只写用户名本身，不加 @，如 school-a。"),
    "CHG-DISTRICT": ("区人社部门账号修改了推荐以外的内容，或推荐了别区的申报（仅区人社部门会见到）。",
                     "只填写本区申报的推荐信息。"),
    "CHG-CODE": ("修改了记录以外的文件（代码、网站、工作流）。培训主体不能修改这些文件。",
                 "从合并请求中去掉这些文件，只提交 records/ 下本单位的文件。"),
}
# validation rules a clerk meets most, explained in her words (the full table is on 申报指南)
COMMON_RULES: dict[str, str] = {
    "SCHEMA": "文件格式不对：缺少必填项、多了不认识的字段、日期或数字写法不对，或 YAML 缩进、冒号有误。"
              "按提示的行号修改；征集表最好用“在线填写征集表”重新生成。",
    "SEALED": "records/sealed/ 下只能放本页生成的 .age 加密文件，且文件名须是已有班次的编号。"
              "不要上传花名册原件。",
    "SEALED-PENDING": "加密花名册已收到，等待市人社局导入（提示，不是错误）。",
}


# what a new institution pastes into records/institutions/<USCC>.yaml (the tests load it with the model)
INSTITUTION_SAMPLE = """\
uscc: 52320211MA1W00001X          # 统一社会信用代码，与文件名相同
name: 示例职业培训学校          # 单位名称
type: training_institution        # 培训机构 training_institution；职业院校 vocational_college；高校 university
address: 示例区示例路 1 号
legal_representative: 王示例       # 法定代表人
qualification:                     # 培训资质证明
  kind: 民办学校办学许可证
  number: 教民132021100001
  valid_until: 2028-12-31
violations: []                     # 近三年培训违法违规记录，没有则保留 []
maintainers:                       # 可以修改本单位文件的账号，须包括您自己的账号
  - wuxi-school-a
"""

# what an institution pastes into records/classes/<year>/<class id>.yaml before a class starts
CLASS_SAMPLE = """\
id: P2026-001-01                  # 班次编号：项目编号加两位班号，与文件名相同
project: P2026-001                # 项目编号（见项目公示）
start_on: 2026-09-01              # 开班日期
end_on: 2026-09-30                # 结业日期
location: 示例区示例路 1 号 实训中心
periods:                          # 课时：总课时不低于 40，实操原则上不低于 60%；1 课时 = 45 分钟
  theory: 16
  practical: 32
supervision:
  yunmou_id: YM-2026-0101         # 云眸工程监管编号
evidence: []                      # 培训过程视频和图片：结业后补充
trainees: []                      # 参训人员：不要填写，由花名册导入
"""


def indented(text: str) -> str:
    """A Markdown code block (the site's Markdown has no fenced blocks)."""
    return "\n".join("    " + line for line in text.splitlines())


def for_bureau(text: str, issuer: str) -> str:
    """The explanations name the jurisdiction's own bureau (the policy's issuer), as a district's site must."""
    return text.replace("市人社局", issuer) if issuer else text


def build(data: SiteData, views: Views) -> dict[str, str]:
    issuer = data.issuer
    common = [(rule_id, REGISTRY[rule_id].severity, for_bureau(text, issuer)) for rule_id, text in COMMON_RULES.items()
              if rule_id in REGISTRY]
    change_rules = {rule_id: (for_bureau(meaning, issuer), for_bureau(action, issuer))
                    for rule_id, (meaning, action) in CHANGE_RULES.items()}
    return {urls.SUBMIT: render(
        "submit.md.j2", here=urls.SUBMIT, data=data, repo=data.repo_url(), issuer=issuer or "市人社局",
        change_rules=change_rules, common=common, new_institution=NEW_INSTITUTION,
        pre_existing=PRE_EXISTING.strip("（）"),
        institution_sample=indented(INSTITUTION_SAMPLE), class_sample=indented(CLASS_SAMPLE),
    )}
