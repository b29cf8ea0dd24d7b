"""Rules on the bureau's decision (项目确定): deal price, contract and the order of the steps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import pairwise

from generator.findings import Loc
from generator.records.labels import STATUS_LABELS
from generator.records.project import Contract
from generator.rules.pricing import price_cap, yuan
from generator.rules.registry import ERROR, Context, Hit, rule

PRICED = ("selected", "completed", "terminated")  # a deal price was agreed
CONTRACTED = ("selected", "completed")  # the contract must be complete
# notice 五(一): 服务的内容、期限、数量、质量、价格、资金结算方式，各方权利义务事项和违约责任
CONTRACT_ITEMS: tuple[str, ...] = (
    "number", "signed_on", "term", "service_content", "quantity", "quality", "price", "settlement_method",
    "obligations", "liability",
)


def contract_label(item: str) -> str:
    return Contract.model_fields[item].title or item


@rule("PRJ-PRICE", ERROR, "通知 四(三)", "成交单价不超过单价上限，也不高于申报单价", scope="tables")
def prj_price(ctx: Context) -> Iterator[Hit]:
    for rec in ctx.records.projects.values():
        prj = rec.model
        price = prj.unit_price
        if price is None:
            if prj.status in PRICED:
                yield Hit(rec, ("unit_price",), (
                    f"项目状态为“{STATUS_LABELS[prj.status]}”，但未填写成交单价。"
                    "请填写政府购买服务确定的成交单价（元/人）"
                ))
            continue
        app = ctx.records.application_of(prj)
        if app is None:
            continue  # REF reports it
        cap = price_cap(ctx.records, app)
        if cap is not None and price > cap.amount:
            yield Hit(rec, ("unit_price",), (
                f"成交单价 {yuan(price)} 元超过{cap.basis}（申报 {app.id}）。"
                f"请把成交单价降到 {yuan(cap.amount)} 元以内"
            ))
        proposed = app.budget.unit_price
        if price > proposed:
            yield Hit(rec, ("unit_price",), (
                f"成交单价 {yuan(price)} 元高于申报 {app.id} 的申报单价 {yuan(proposed)} 元。"
                f"成交单价不应高于申报单价：请核对成交单价，或降到 {yuan(proposed)} 元以内"
            ))


@rule("PRJ-CONTRACT", ERROR, "通知 五(一)", "已入选的项目有政府购买服务协议，且协议内容齐全", scope="tables")
def prj_contract(ctx: Context) -> Iterator[Hit]:
    for rec in ctx.records.projects.values():
        prj = rec.model
        if prj.status not in CONTRACTED:
            continue
        status = STATUS_LABELS[prj.status]
        if prj.contract is None:
            yield Hit(rec, ("contract",), (
                f"项目状态为“{status}”，但没有政府购买服务协议。请填写 contract：" +
                "、".join(contract_label(i) for i in CONTRACT_ITEMS)
            ))
            continue
        missing = [item for item in CONTRACT_ITEMS if _blank(getattr(prj.contract, item))]
        if missing:
            yield Hit(rec, ("contract", missing[0]), (
                f"项目状态为“{status}”，协议缺少：{'、'.join(contract_label(i) for i in missing)}"
                f"（{', '.join(missing)}）。请按协议补全"
            ))


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@rule("PRJ-DISTRICT", ERROR, "通知 四(一)",
      "区人社部门择优推荐本区的申报：推荐区与申报的所在区一致（市人社局自行确定的项目可不记录推荐）", scope="tables")
def prj_district(ctx: Context) -> Iterator[Hit]:
    for rec in ctx.records.projects.values():
        prj = rec.model
        app = ctx.records.application_of(prj)
        if prj.recommended is None or app is None:
            continue  # nothing recommended by a district, or REF
        by, own = prj.recommended.district.strip(), app.district.strip()
        if by != own:
            yield Hit(rec, ("recommended", "district"), (
                f"推荐区为“{by}”，但申报 {app.id} 的所在区为“{own}”。各区人社部门择优推荐本区的申报："
                f"请由{own}人社部门推荐，或核对申报的所在区"
            ))


@rule("PRJ-DATES", ERROR, None, "申报提交、区推荐、专家评审、项目确定、协议签订的日期先后有序", scope="tables")
def prj_dates(ctx: Context) -> Iterator[Hit]:
    for rec in ctx.records.projects.values():
        prj = rec.model
        app = ctx.records.application_of(prj)
        steps: list[tuple[str, dt.date | None, Loc]] = [
            ("申报提交日期", app.submitted_on if app else None, ("application",)),
            ("区推荐日期", prj.recommended.on if prj.recommended else None, ("recommended", "on")),
            ("专家评审日期", prj.review.on if prj.review else None, ("review", "on")),
            ("项目确定日期", prj.decided_on, ("decided_on",)),
            ("协议签订日期", prj.contract.signed_on if prj.contract else None, ("contract", "signed_on")),
        ]
        present = [(label, day, loc) for label, day, loc in steps if day is not None]
        for (before, earlier, _), (after, later, loc) in pairwise(present):
            if later < earlier:
                yield Hit(rec, loc, (
                    f"{after} {later} 早于{before} {earlier}。顺序应为申报提交、区推荐、专家评审、项目确定、"
                    "协议签订：请核对日期"
                ))
        term = prj.contract.term if prj.contract else None
        if term is not None and term.to < term.from_:
            yield Hit(rec, ("contract", "term", "to"), (
                f"协议期限结束日期 {term.to} 早于开始日期 {term.from_}。请核对协议期限"
            ))
