"""Sealed rosters under `records/sealed/`: only age files for existing classes, and a class whose
roster is sealed and not yet imported is shown as pending (not as a class without trainees)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from generator.records.sealed_files import MAX_SEALED_BYTES, SEALED_FOLDER, SEALED_SUFFIX, SealedFile, sealed_rel
from generator.rules.registry import ERROR, WARNING, Context, Hit, rule

_HOW = "请删除此文件；花名册只能用 peixun seal-roster 加密后提交"


def _problem(ctx: Context, f: SealedFile) -> str | None:
    if not f.well_placed:
        return (f"{SEALED_FOLDER}/ 下只能有 {SEALED_FOLDER}/<年份>/<班次编号>{SEALED_SUFFIX} 形式的加密花名册，"
                f"此文件为 {f.rel}。{_HOW}")
    if not f.age_header:
        return ("不是 age 加密文件（文件首行应为 age-encryption.org/v1）：花名册不得以明文或其他格式进入仓库。"
                f"{_HOW}，并检查提交历史中是否留有明文")
    if f.size > MAX_SEALED_BYTES:
        return (f"加密花名册 {f.size} 字节，超过上限 {MAX_SEALED_BYTES} 字节。"
                "花名册只需姓名、身份证号码等列：请删除多余的工作表、图片和格式后重新加密")
    rec = ctx.records.classes.get(f.class_id)
    if rec is None:
        if f.class_id in ctx.records.broken["class"]:
            return None  # the class file exists but does not load: SCHEMA reports it
        return (f"班次 {f.class_id} 不存在（classes/ 下没有 {f.class_id}.yaml）。"
                "请核对文件名，或先提交班次记录再提交其加密花名册")
    year = PurePosixPath(rec.path).parent.name
    if year != f.year:
        return (f"班次 {f.class_id} 的记录在 classes/{year}/ 下，加密花名册应放在 {sealed_rel(year, f.class_id)}。"
                "请移动此文件")
    return None


@rule("SEALED", ERROR, "个人信息保护法 第五十一条",
      "records/sealed/ 下只有加密给市人社局的花名册（age 文件），每个对应一个已有班次，且不超过大小上限",
      scope="tables")
def sealed_files(ctx: Context) -> Iterator[Hit]:
    for f in ctx.loaded.sealed:
        message = _problem(ctx, f)
        if message is not None:
            yield Hit(f.path, (), message, line=1)


@rule("SEALED-PENDING", WARNING, "通知 四(四)", "班次的加密花名册已提交，待市人社局导入", scope="class")
def sealed_pending(ctx: Context) -> Iterator[Hit]:
    for f in ctx.loaded.sealed:
        if _problem(ctx, f) is not None:
            continue
        rec = ctx.records.classes[f.class_id]
        now = f"班次现有 {len(rec.model.trainees)} 名参训人员，导入后将被替换" if rec.model.trainees \
            else "班次的参训人员名单在导入前为空，这不是遗漏"
        yield Hit(rec, ("trainees",),
                  f"加密花名册 {f.path} 待市人社局导入（peixun import-roster --sealed）；{now}。"
                  "导入由市人社局完成，导入后该文件在同一次提交中删除，培训主体无需操作")
